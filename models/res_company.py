# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MAX_EXPIRY_HOURS = 24 * 366 * 10


class ResCompany(models.Model):
    _inherit = "res.company"

    shop_sync_expiry_hours = fields.Integer(
        string="Transfer Lifetime (hours)",
        default=24,
        help="Transfers nobody accepted within this many hours expire; "
        "0 keeps them until someone acts.",
    )

    @api.constrains("shop_sync_expiry_hours")
    def _check_shop_sync_expiry_hours(self):
        if any(
            not 0 <= company.shop_sync_expiry_hours <= MAX_EXPIRY_HOURS
            for company in self
        ):
            raise ValidationError(
                _(
                    "The transfer lifetime must be from 0 to %s hours (ten years).",
                    MAX_EXPIRY_HOURS,
                )
            )

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
        if any(company.shop_sync_expiry_hours < 0 for company in self):
            raise ValidationError(_("The transfer lifetime cannot be negative."))

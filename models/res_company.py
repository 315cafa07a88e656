# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MAX_EXPIRY_HOURS = 24 * 366 * 10
MAX_PENDING_LIMIT = 10_000
# The company's Shop Sync limits: a manager's setting, never a cashier's.
SHOP_SYNC_COMPANY_FIELDS = (
    "shop_sync_expiry_hours",
    "shop_sync_max_pending",
    "shop_sync_max_actions_per_hour",
)
MAX_ACTIONS_PER_HOUR = 10_000


class ResCompany(models.Model):
    _inherit = "res.company"

    shop_sync_expiry_hours = fields.Integer(
        string="Transfer Lifetime (hours)",
        default=24,
        help="Transfers nobody accepted within this many hours expire; "
        "0 keeps them until someone acts.",
    )
    shop_sync_max_pending = fields.Integer(
        string="Pending Transfers per Terminal",
        default=200,
        help="The most transfers one sending terminal may have waiting for "
        "acceptance at once; a send beyond it is refused.",
    )

    shop_sync_max_actions_per_hour = fields.Integer(
        string="Recalls, Declines and Releases per Hour",
        default=60,
        help="The most transfers one terminal may recall, decline or release "
        "(give back) within an hour; one beyond it is refused until the hour "
        "has passed. Each writes the audit trail and tells the terminals.",
    )

    @api.constrains("shop_sync_max_actions_per_hour")
    def _check_shop_sync_max_actions_per_hour(self):
        if any(
            not 1 <= company.shop_sync_max_actions_per_hour <= MAX_ACTIONS_PER_HOUR
            for company in self
        ):
            raise ValidationError(
                _(
                    "The number of recalls, declines and releases per terminal and "
                    "hour must be from 1 to %s.",
                    MAX_ACTIONS_PER_HOUR,
                )
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

    @api.constrains("shop_sync_max_pending")
    def _check_shop_sync_max_pending(self):
        if any(
            not 1 <= company.shop_sync_max_pending <= MAX_PENDING_LIMIT
            for company in self
        ):
            raise ValidationError(
                _(
                    "The number of pending transfers per terminal must be from 1 "
                    "to %s.",
                    MAX_PENDING_LIMIT,
                )
            )

    def write(self, vals):
        if any(field in vals for field in SHOP_SYNC_COMPANY_FIELDS):
            self.env["pos.shop.sync"]._shop_sync_check_configure_rights()
        return super().write(vals)

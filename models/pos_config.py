# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

SHOP_SYNC_PARAM = "pos_shop_sync.enabled"
# The terminal's roles: a manager's setting, never a cashier's.
SHOP_SYNC_ROLE_FIELDS = ("shop_sync_can_send", "shop_sync_can_receive")


class PosConfig(models.Model):
    _inherit = "pos.config"

    shop_sync_can_send = fields.Boolean(
        string="Allow Sending Orders",
        help="Cashiers of this terminal may send their cart to another terminal.",
    )
    shop_sync_can_receive = fields.Boolean(
        string="Allow Receiving Orders",
        help="This terminal is told about transfers sent to it and may accept them.",
    )
    shop_sync_enabled = fields.Boolean(
        compute="_compute_shop_sync_enabled",
        help="The global Shop Sync switch of the Point of Sale settings.",
    )

    @api.depends_context("uid")
    def _compute_shop_sync_enabled(self):
        enabled = self.env["pos.shop.sync"]._shop_sync_is_enabled()
        for config in self:
            config.shop_sync_enabled = enabled

    @api.model_create_multi
    def create(self, vals_list):
        if any(field in vals for vals in vals_list for field in SHOP_SYNC_ROLE_FIELDS):
            self.env["pos.shop.sync"]._shop_sync_check_configure_rights()
        return super().create(vals_list)

    def write(self, vals):
        if any(field in vals for field in SHOP_SYNC_ROLE_FIELDS):
            self.env["pos.shop.sync"]._shop_sync_check_configure_rights()
        return super().write(vals)

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .pos_config import SHOP_SYNC_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Not prefixed with "pos_": the Point of Sale settings write every "pos_*"
    # field onto the edited terminal, and this switch is global.
    shop_sync_enabled = fields.Boolean(
        string="Shop Sync",
        config_parameter=SHOP_SYNC_PARAM,
        help="Let cashiers send a live cart from one terminal to another.",
    )
    shop_sync_expiry_hours = fields.Integer(
        related="company_id.shop_sync_expiry_hours", readonly=False
    )
    shop_sync_max_pending = fields.Integer(
        related="company_id.shop_sync_max_pending", readonly=False
    )
    shop_sync_max_actions_per_hour = fields.Integer(
        related="company_id.shop_sync_max_actions_per_hour", readonly=False
    )
    pos_shop_sync_can_send = fields.Boolean(
        related="pos_config_id.shop_sync_can_send", readonly=False
    )
    pos_shop_sync_can_receive = fields.Boolean(
        related="pos_config_id.shop_sync_can_receive", readonly=False
    )

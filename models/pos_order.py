# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    shop_sync_id = fields.Many2one(
        "pos.shop.sync",
        string="Shop Sync Transfer",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The transfer this order was rebuilt from on the receiving terminal.",
    )

    def _process_saved_order(self, draft):
        order_id = super()._process_saved_order(draft)
        if (
            not draft
            and self.shop_sync_id
            and self.state in ("paid", "done", "invoiced")
        ):
            self.shop_sync_id.sudo()._shop_sync_mark_done(self)
        return order_id

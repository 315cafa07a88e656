# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class PosOrder(models.Model):
    _inherit = "pos.order"

    shop_sync_id = fields.Many2one(
        "pos.shop.sync",
        string="Shop Sync Transfer",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The transfer this order was rebuilt from on the receiving terminal.",
    )

    @api.model
    def _process_order(self, order, existing_order):
        self._shop_sync_drop_invalid_link(order)
        return super()._process_order(order, existing_order)

    @api.model
    def _shop_sync_drop_invalid_link(self, order):
        """Drop a transfer link the server cannot accept, in place.

        A payment is never refused because of its link: an unknown id or a
        transfer of another company is logged and dropped, the order is saved.
        """
        sync_id = order.get("shop_sync_id")
        if not sync_id:
            return
        Sync = self.env["pos.shop.sync"].sudo()
        is_id = isinstance(sync_id, int) and not isinstance(sync_id, bool)
        sync = Sync.browse(sync_id).exists() if is_id and 0 < sync_id < 2**31 else Sync
        session = self.env["pos.session"].browse(order.get("session_id")).exists()
        if not sync or sync.company_id != session.company_id:
            _logger.warning(
                "POS order %s: dropped its link to transfer %r, which does not exist "
                "in the order's company.",
                order.get("name") or order.get("uuid"),
                sync_id,
            )
            order["shop_sync_id"] = False

    def _process_saved_order(self, draft):
        order_id = super()._process_saved_order(draft)
        if (
            not draft
            and self.shop_sync_id
            and self.state in ("paid", "done", "invoiced")
        ):
            self.shop_sync_id.sudo()._shop_sync_mark_done(self)
        return order_id

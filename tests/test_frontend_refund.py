# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .kinds_common import ShopSyncKindsUiCase


@tagged("post_install", "-at_install")
class TestShopSyncRefundUi(ShopSyncKindsUiCase):
    """A refund made on Shop 1 from the ticket screen, sent to Shop 2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax15 = cls._tax("Sync Tax 15", 15)
        cls.tax5 = cls._tax("Sync Tax 5", 5)
        cls.book = cls._pos_product("Sync Book", 100, cls.tax15)
        cls.tea = cls._pos_product("Sync Tea", 10, cls.tax5)

    def _send_refund(self):
        """Shop 1 sells 3 books and a tea, then sends the refund of 2 books."""
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncRefundSendTour", pos_config=self.shop1)
        paid = self.env["pos.order"].search(
            [("config_id", "=", self.shop1.id), ("state", "=", "paid")]
        )
        self.assertEqual(len(paid), 1)
        book_line = paid.lines.filtered(lambda line: line.product_id == self.book)
        sync = self._transfers()
        self.assertEqual(len(sync), 1)
        self.assertRecordValues(
            sync.line_ids,
            [
                {
                    "product_id": self.book.id,
                    "qty": -2,
                    "price_unit": 100,
                    "line_kind": "refund",
                    "refunded_orderline_id": book_line.id,
                    "tax_ids": self.tax15.ids,
                    "price_subtotal_incl": -230,
                }
            ],
        )
        self.assertEqual(sync.line_ids.module_values["refunded_order_name"], paid.name)
        return sync, paid, book_line

    def test_01_refund_built_sent_and_paid(self):
        sync, paid, book_line = self._send_refund()
        self.start_pos_tour("ShopSyncRefundReceiveTour", pos_config=self.shop2)
        order = self._paid_order_of(sync)
        self.assertPaidAsSent(order, sync)
        # As the ticket screen links it on the sender: a refund of that line,
        # its refunded quantity counted by Odoo.
        self.assertEqual(order.lines.refunded_orderline_id, book_line)
        self.assertEqual(order.refunded_order_id, paid)
        self.env.invalidate_all()
        self.assertEqual(book_line.refunded_qty, 2)
        self.assertAlmostEqual(order.amount_total, -230.0, places=2)
        self.assertAlmostEqual(order.amount_paid, -230.0, places=2)

    def test_02_refunded_meanwhile_blocks_the_accept(self):
        sync, paid, book_line = self._send_refund()
        # Shop 1 refunds all three books itself meanwhile, and is paid for it.
        refund = self.env["pos.order"].create(
            {
                "session_id": self.shop1.current_session_id.id,
                "amount_tax": -45.0,
                "amount_total": -345.0,
                "amount_paid": -345.0,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": self.book.id,
                            "qty": -3,
                            "price_unit": 100,
                            "price_subtotal": -300,
                            "price_subtotal_incl": -345,
                            "tax_ids": [Command.set(self.tax15.ids)],
                            "refunded_orderline_id": book_line.id,
                        }
                    )
                ],
            }
        )
        refund.state = "paid"
        self.start_pos_tour("ShopSyncRefundBlockedTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertEqual(sync.state, "pending")
        self.assertFalse(sync.receiver_config_id)
        self.assertFalse(
            self.env["pos.order"].search([("config_id", "=", self.shop2.id)])
        )
        self.assertEqual(book_line.refunded_qty, 3)

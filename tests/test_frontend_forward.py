# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_frontend import ShopSyncUiCase


@tagged("post_install", "-at_install")
class TestShopSyncForwardUi(ShopSyncUiCase):
    """A forward chain in a real browser: Shop 1 sends to Shop 2, which
    accepts the cart and forwards it to Shop 3, which pays it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop3 = cls._create_receiver("Shop 3")
        cls.shop2.shop_sync_can_send = True

    def test_01_forward_chain_paid_once(self):
        self._open(self.shop1, self.shop2, self.shop3)
        first = self._send_from(
            self.shop1,
            self.shop2,
            self.partner_test_1,
            [(self.desk_pad, 2, 1.98), (self.whiteboard_pen, 1, 5.0)],
        )
        # The tour takes Shop 3's receiving role away and back, from the
        # browser: a manager's setting.
        self.pos_user.groups_id += self.env.ref("point_of_sale.group_pos_manager")
        self.start_pos_tour("ShopSyncForwardTour", pos_config=self.shop2)
        self.env.invalidate_all()
        second = self._transfers() - first
        self.assertEqual(len(second), 1, "the refused send made a transfer")
        self.assertRecordValues(
            first | second,
            [
                {
                    "state": "forwarded",
                    "sender_config_id": self.shop1.id,
                    "receiver_config_id": self.shop2.id,
                    "forwarded_to_id": second.id,
                    "forwarded_from_id": False,
                },
                {
                    "state": "pending",
                    "sender_config_id": self.shop2.id,
                    "receiver_config_id": False,
                    "forwarded_to_id": False,
                    "forwarded_from_id": first.id,
                },
            ],
        )
        self.assertEqual(second.target_config_ids, self.shop3)
        self.assertEqual(
            second.line_ids.mapped(lambda line: (line.product_id, line.qty)),
            [(self.desk_pad, 2), (self.whiteboard_pen, 1)],
        )
        self.assertAlmostEqual(second.amount_total, 8.96)
        # Shop 2 kept no open order of the cart (deleted without release).
        self.assertFalse(
            self.env["pos.order"]
            .search([("config_id", "=", self.shop2.id)])
            .filtered(lambda order: order.state == "draft")
        )

        self.start_pos_tour("ShopSyncForwardPayTour", pos_config=self.shop3)
        self.env.invalidate_all()
        paid = self.env["pos.order"].search(
            [("shop_sync_id", "in", (first | second).ids)]
        )
        self.assertEqual(len(paid), 1, "the cart is paid once")
        self.assertEqual(paid.state, "paid")
        self.assertEqual(paid.config_id, self.shop3)
        self.assertAlmostEqual(paid.amount_total, 8.96)
        self.assertEqual(
            paid.lines.mapped(
                lambda line: (line.product_id, line.qty, line.price_unit)
            ),
            [(self.desk_pad, 2, 1.98), (self.whiteboard_pen, 1, 5.0)],
        )
        self.assertRecordValues(
            first | second,
            [
                {
                    "state": "forwarded",
                    "receiver_config_id": self.shop2.id,
                    "pos_order_id": False,
                },
                {
                    "state": "done",
                    "receiver_config_id": self.shop3.id,
                    "pos_order_id": paid.id,
                },
            ],
        )
        self.assertChatterHas(first, "Accepted by Shop 2")
        self.assertChatterHas(first, "Forwarded by Shop 2 (")
        self.assertChatterHas(first, f"to Shop 3 as {second.name}.")
        self.assertChatterHas(second, f"It forwards {first.name}, accepted by Shop 2.")
        self.assertChatterHas(second, "Accepted by Shop 3")
        self.assertChatterHas(second, f"Paid as {paid.name} on Shop 3, as sent.")

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestShopSyncUi(TestPointOfSaleHttpCommon):
    """The POS of three terminals in a real browser: Shop 1 sends, Shop 2 and
    Shop 3 receive. Sessions are opened beforehand, so tours start on the
    product screen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", "True")
        cls.shop1 = cls.main_pos_config
        cls.shop1.write({"name": "Shop 1", "shop_sync_can_send": True})
        cls.shop2 = cls._create_receiver("Shop 2")
        cls.shop3 = cls._create_receiver("Shop 3")

    @classmethod
    def _create_receiver(cls, name):
        journal = cls.env["account.journal"].create(
            {"name": f"Cash {name}", "type": "cash", "code": f"C{name[-1]}SS"}
        )
        return cls.env["pos.config"].create(
            {
                "name": name,
                "shop_sync_can_receive": True,
                "payment_method_ids": [
                    Command.create({"name": f"Cash {name}", "journal_id": journal.id}),
                    Command.link(cls.bank_payment_method.id),
                ],
            }
        )

    def _open(self, *configs):
        for config in configs:
            config.with_user(self.pos_user).open_ui()
            config.current_session_id.set_opening_control(0, None)

    def _transfers(self):
        return self.env["pos.shop.sync"].search([], order="id")

    def test_01_assigned_end_to_end(self):
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncSendAssignedTour", pos_config=self.shop1)
        sync = self._transfers()
        self.assertEqual(len(sync), 1)
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "pending",
                    "sync_type": "assigned",
                    "sender_config_id": self.shop1.id,
                    "target_config_ids": self.shop2.ids,
                    "partner_id": self.env["res.partner"]
                    .search([("name", "=", "Partner Test 1")])
                    .id,
                }
            ],
        )
        self.assertEqual(
            sync.line_ids.mapped(
                lambda line: (
                    line.full_product_name,
                    line.qty,
                    line.price_unit,
                    line.discount,
                    line.customer_note,
                )
            ),
            [
                ("Desk Pad", 2, 1.98, 0, False),
                ("Whiteboard Pen", 1, 5, 0, False),
                ("Monitor Stand", 1, 3.19, 10, "Gift wrap"),
            ],
        )
        self.assertFalse(
            self.env["pos.order"]
            .search([("config_id", "=", self.shop1.id)])
            .filtered(lambda o: o.state == "draft"),
            "the sent cart must not stay on the sender",
        )

        self.start_pos_tour("ShopSyncReceiveAssignedTour", pos_config=self.shop2)
        order = self.env["pos.order"].search([("shop_sync_id", "=", sync.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "paid")
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "done",
                    "receiver_config_id": self.shop2.id,
                    "pos_order_id": order.id,
                    "done_config_id": self.shop2.id,
                }
            ],
        )
        self.assertEqual(
            order.lines.mapped(
                lambda line: (
                    line.product_id.name,
                    line.qty,
                    line.price_unit,
                    line.discount,
                )
            ),
            [
                ("Desk Pad", 2, 1.98, 0),
                ("Whiteboard Pen", 1, 5, 0),
                ("Monitor Stand", 1, 3.19, 10),
            ],
        )
        self.assertEqual(order.partner_id, sync.partner_id)

    def test_02_broadcast_race(self):
        self._open(self.shop1, self.shop2, self.shop3)
        self.start_pos_tour("ShopSyncSendBroadcastTour", pos_config=self.shop1)
        sync = self._transfers()
        self.assertEqual(sync.sync_type, "broadcast")
        self.assertEqual(sync.target_config_ids, self.shop2 | self.shop3)
        self.start_pos_tour("ShopSyncBroadcastRaceTour", pos_config=self.shop2)
        self.assertEqual(sync.state, "claimed")
        self.assertEqual(sync.receiver_config_id, self.shop3)
        self.assertFalse(self.env["pos.order"].search([("shop_sync_id", "=", sync.id)]))

    def test_03_failed_send_keeps_the_cart(self):
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncSendFailureKeepsCartTour", pos_config=self.shop1)
        self.assertFalse(self._transfers())

    def test_04_no_buttons_without_the_feature_or_the_role(self):
        self._open(self.shop1, self.shop3)
        self.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", False)
        self.start_pos_tour("ShopSyncNoButtonsTour", pos_config=self.shop1)
        self.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", True)
        self.shop3.shop_sync_can_receive = False
        self.start_pos_tour("ShopSyncNoButtonsTour", pos_config=self.shop3)

    def test_05_live_update(self):
        self._open(self.shop1, self.shop2, self.shop3)
        self.start_pos_tour("ShopSyncLiveUpdateTour", pos_config=self.shop2)
        self.assertEqual(len(self._transfers()), 2)

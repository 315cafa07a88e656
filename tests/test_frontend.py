# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from uuid import uuid4

from odoo import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .browser import BrowserStartRetry


class ShopSyncUiCase(BrowserStartRetry, TestPointOfSaleHttpCommon):
    """The POS of terminals in a real browser: Shop 1 sends, Shop 2 receives.
    Sessions are opened beforehand, so tours start on the product screen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", "True")
        cls.shop1 = cls.main_pos_config
        cls.shop1.write({"name": "Shop 1", "shop_sync_can_send": True})
        cls.shop2 = cls._create_receiver("Shop 2")

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

    def _send_from(self, config, targets, partner, lines, sync_type="assigned"):
        """Send a cart from ``config`` as the POS user, as its POS would.

        :param lines: ``[(product, qty, price_unit)]``
        """
        result = (
            self.env["pos.shop.sync"]
            .with_user(self.pos_user)
            .send_from_ui(
                config.id,
                {
                    "uuid": str(uuid4()),
                    "sync_type": sync_type,
                    "target_config_ids": targets.ids,
                    "partner_id": partner.id,
                    "lines": [
                        {"product_id": product.id, "qty": qty, "price_unit": price}
                        for product, qty, price in lines
                    ],
                },
            )
        )
        return self.env["pos.shop.sync"].browse(result["id"])

    def _chatter(self, sync):
        """The texts of ``sync``'s chatter, as the browser left them."""
        self.env.invalidate_all()
        return [str(message.body) for message in sync.message_ids]

    def assertChatterHas(self, sync, text):
        messages = self._chatter(sync)
        self.assertTrue(
            any(text in body for body in messages),
            f"{text!r} not in the chatter of {sync.name}: {messages}",
        )


@tagged("post_install", "-at_install")
class TestShopSyncUi(ShopSyncUiCase):
    """Shop 3 receives too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop3 = cls._create_receiver("Shop 3")

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
        # The tour takes Shop 2's receiving role away meanwhile, from the
        # browser: a manager's setting (a cashier gets an AccessError).
        self.pos_user.groups_id += self.env.ref("point_of_sale.group_pos_manager")
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

    def test_06_recall_rebuilds_the_cart(self):
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncRecallTour", pos_config=self.shop1)
        self.env.invalidate_all()
        sync = self._transfers()
        self.assertEqual(len(sync), 1)
        self.assertRecordValues(
            sync,
            [{"state": "cancelled", "target_config_ids": self.shop2.ids}],
        )
        self.assertChatterHas(sync, "Recalled by Shop 1")
        self.assertFalse(self.env["pos.order"].search([("shop_sync_id", "=", sync.id)]))

    def test_07_decline_shows_on_the_sender(self):
        self._open(self.shop1, self.shop2)
        sync = self._send_from(
            self.shop1,
            self.shop2,
            self.partner_test_2,
            [(self.desk_pad, 2, 1.98), (self.monitor_stand, 1, 3.19)],
        )
        self.start_pos_tour("ShopSyncDeclineTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "declined",
                    "decline_reason": "Out of stock",
                    "declined_config_ids": self.shop2.ids,
                    "receiver_config_id": False,
                }
            ],
        )
        self.assertChatterHas(sync, "Declined by Shop 2")
        self.start_pos_tour("ShopSyncDeclinedRecallTour", pos_config=self.shop1)
        self.env.invalidate_all()
        self.assertEqual(sync.state, "cancelled")
        self.assertChatterHas(sync, "Recalled by Shop 1")

    def test_08_deleting_a_rebuilt_order_releases_it(self):
        self._open(self.shop1, self.shop2, self.shop3)
        sync = self._send_from(
            self.shop1,
            self.shop2 | self.shop3,
            self.partner_test_3,
            [(self.small_shelf, 1, 2.83), (self.desk_pad, 1, 1.98)],
            sync_type="broadcast",
        )
        self.start_pos_tour("ShopSyncDeleteReleasesTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "pending",
                    "receiver_config_id": False,
                    "receiver_session_id": False,
                    "pos_order_id": False,
                }
            ],
        )
        self.assertChatterHas(sync, "Accepted by Shop 2")
        self.assertChatterHas(sync, "Released by Shop 2")
        self.start_pos_tour("ShopSyncReleasedElsewhereTour", pos_config=self.shop3)
        self.env.invalidate_all()
        self.assertRecordValues(
            sync, [{"state": "claimed", "receiver_config_id": self.shop3.id}]
        )

    def test_09_closing_dialog_lists_open_transfers(self):
        self.shop2.shop_sync_can_send = True
        self._open(self.shop1, self.shop2, self.shop3)
        accepted = self._send_from(
            self.shop1, self.shop2, self.partner_test_1, [(self.desk_pad, 1, 1.98)]
        )
        self.env["pos.shop.sync"].with_user(self.pos_user).claim_from_ui(
            self.shop2.id, accepted.id
        )
        outgoing = self._send_from(
            self.shop2, self.shop3, self.partner_test_2, [(self.monitor_stand, 1, 3.19)]
        )
        session = self.shop2.current_session_id
        self.start_pos_tour("ShopSyncClosingTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertEqual(session.state, "closed")
        # What the session accepted and did not sell goes back to its targets;
        # what it sent keeps waiting.
        self.assertRecordValues(
            accepted | outgoing,
            [
                {"state": "pending", "receiver_config_id": False},
                {"state": "pending", "receiver_config_id": False},
            ],
        )
        self.assertChatterHas(
            accepted, f"Released at the closing of session {session.name}"
        )

    def test_10_preview_shows_what_cannot_be_rebuilt(self):
        self._open(self.shop1, self.shop2)
        sync = self._send_from(
            self.shop1,
            self.shop2,
            self.partner_test_1,
            [(self.letter_tray, 1, 4.80), (self.desk_pad, 1, 1.98)],
        )
        self.letter_tray.available_in_pos = False
        self.start_pos_tour("ShopSyncPreviewBlockedTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertEqual(sync.state, "pending")

    def test_11_tracked_products_keep_their_quantity(self):
        """A lot- or serial-tracked product arrives with the quantity it was sent
        with (Odoo would set it to its number of lot/serial numbers: 0)."""
        products = self.env["product.product"].create(
            [
                {
                    "name": name,
                    "is_storable": True,
                    "tracking": tracking,
                    "available_in_pos": True,
                    "list_price": 150,
                    "taxes_id": False,
                }
                for name, tracking in (
                    ("Tracked Phone", "serial"),
                    ("Tracked Cable", "lot"),
                )
            ]
        )
        self._open(self.shop1, self.shop2)
        self._send_from(
            self.shop1,
            self.shop2,
            self.partner_test_1,
            [(products[0], 2, 199.0), (products[1], 3, 2.5), (self.desk_pad, 1, 1.98)],
        )
        self.start_pos_tour("ShopSyncTrackedQuantityTour", pos_config=self.shop2)

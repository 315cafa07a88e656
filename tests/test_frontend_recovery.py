# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_frontend import ShopSyncUiCase


@tagged("post_install", "-at_install")
class TestShopSyncRecoveryUi(ShopSyncUiCase):
    """Lost answers in a real browser: the tours let the server commit a call
    and then throw the error the POS gets for a cut connection. Nothing is
    lost, nothing is doubled."""

    def _sender_drafts(self):
        return (
            self.env["pos.order"]
            .search([("config_id", "=", self.shop1.id)])
            .filtered(lambda order: order.state == "draft")
        )

    def test_01_lost_send_retried_from_a_new_dialog(self):
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncLostSendRetryTour", pos_config=self.shop1)
        sync = self._transfers()
        self.assertEqual(len(sync), 1, "a retried send made a second transfer")
        self.assertEqual(sync.state, "pending")
        self.assertEqual(
            sync.line_ids.mapped(lambda line: (line.full_product_name, line.qty)),
            [("Desk Pad", 2), ("Monitor Stand", 1)],
        )
        self.assertFalse(self._sender_drafts(), "the cart stayed on the sender")

    def test_02_lost_send_retried_after_a_reload(self):
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncLostSendReloadTour", pos_config=self.shop1)
        self.assertEqual(len(self._transfers()), 1)
        self.assertFalse(self._sender_drafts())

    def test_03_lost_send_then_changed_cart_is_not_sent(self):
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncLostSendChangedTour", pos_config=self.shop1)
        sync = self._transfers()
        self.assertEqual(len(sync), 1, "the changed cart was sent too")
        self.assertEqual(len(sync.line_ids), 2, "the earlier version is kept")

    def test_04_lost_accept_is_opened_once_also_after_a_reload(self):
        self._open(self.shop1, self.shop2)
        first = self._send_from(
            self.shop1, self.shop2, self.partner_test_1, [(self.desk_pad, 2, 1.98)]
        )
        second = self._send_from(
            self.shop1,
            self.shop2,
            self.partner_test_2,
            [(self.monitor_stand, 1, 3.19)],
        )
        self.start_pos_tour("ShopSyncLostAcceptTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertRecordValues(
            first | second,
            [
                {"state": "claimed", "receiver_config_id": self.shop2.id},
                {"state": "claimed", "receiver_config_id": self.shop2.id},
            ],
        )

    def test_05_lost_recall_comes_back_through_send_order(self):
        self._open(self.shop1, self.shop2)
        sync = self._send_from(
            self.shop1, self.shop2, self.partner_test_1, [(self.desk_pad, 2, 1.98)]
        )
        self.start_pos_tour("ShopSyncLostRecallTour", pos_config=self.shop1)
        self.env.invalidate_all()
        self.assertEqual(sync.state, "cancelled")
        self.assertTrue(sync.recalled_at and sync.reopened_at)

    def test_06_accepted_on_one_device_opened_on_another(self):
        self._open(self.shop1, self.shop2)
        sync = self._send_from(
            self.shop1, self.shop2, self.partner_test_1, [(self.desk_pad, 2, 1.98)]
        )
        # Each tour runs in a fresh browser profile: two devices of Shop 2.
        self.start_pos_tour("ShopSyncAcceptHereTour", pos_config=self.shop2)
        self.env.invalidate_all()
        # The first device's order holds the cart...
        holder = sync.holder_order_uuid
        self.assertTrue(holder)
        # ... the second one is told where it is open, and opens nothing.
        self.start_pos_tour("ShopSyncOpenOnSecondDeviceTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "claimed",
                    "receiver_config_id": self.shop2.id,
                    "holder_order_uuid": holder,
                }
            ],
        )

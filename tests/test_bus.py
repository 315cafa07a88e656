# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestBus(ShopSyncCommon):
    def test_send_notifies_each_target_and_the_sender_with_ids_only(self):
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        # The sender too: its list of transfers waiting to be accepted changed.
        for shop in self.shop1 | self.shop2 | self.shop3:
            self.assertEqual(
                self._bus_messages(shop), [{"event": "new", "id": sync.id}]
            )
        other = self._create_shop("Shop 4", receive=True)
        self.assertEqual(self._bus_messages(other), [])

    def test_assigned_send_notifies_only_its_target(self):
        self._send()
        self.assertEqual(len(self._bus_messages(self.shop2)), 1)
        self.assertEqual(self._bus_messages(self.shop3), [])

    def test_claim_notifies_every_target(self):
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self.Sync.claim_from_ui(self.shop3.id, sync.id)
        for shop in self.shop2 | self.shop3:
            self.assertEqual(
                self._bus_messages(shop),
                [{"event": "new", "id": sync.id}, {"event": "claimed", "id": sync.id}],
            )

    def test_repeated_claim_notifies_once(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(
            [m["event"] for m in self._bus_messages(self.shop2)], ["new", "claimed"]
        )

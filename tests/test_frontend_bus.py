# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
import time
from unittest.mock import patch

from odoo import api
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import tagged

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.websocket import WebsocketConnectionHandler

from .test_frontend import ShopSyncUiCase


@tagged("post_install", "-at_install")
class TestShopSyncBusUi(ShopSyncUiCase):
    """A notification that reaches the POS through its real bus subscription.

    Odoo refuses websockets during tests and its test cursor drops the
    post-commit hooks, the ``pg_notify`` of the bus among them. Here the
    websocket is allowed, and the send, made from a cursor of its own while the
    tour waits, runs its post-commit hooks: the ``pg_notify`` reaches the bus's
    dispatcher, which wakes the POS's websocket, which delivers the notification
    to the POS's subscription.
    """

    def setUp(self):
        super().setUp()
        self.startPatcher(
            patch.object(
                WebsocketConnectionHandler, "websocket_allowed", return_value=True
            )
        )
        # The sending thread builds environments while the browser's requests
        # may hold the registry's lock (as in race_common).
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))

    def _send_once_the_pos_listens(self, receiver, outcome):
        """Wait until ``receiver``'s POS subscribed to its channel, then send it
        a cart from Shop 1 and notify as a real commit does."""
        channel = hashable(channel_with_db(self.env.cr.dbname, receiver.access_token))
        deadline = time.monotonic() + 60
        while channel not in dispatch._channels_to_ws:
            if time.monotonic() > deadline:
                outcome["error"] = "the POS never subscribed to its bus channel"
                return
            time.sleep(0.2)
        # The POS re-reads its lists when its websocket connects: send after that,
        # so that only the notification can bring the transfer.
        time.sleep(3)
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, self.pos_user.id, {})
                outcome["sync"] = env["pos.shop.sync"].send_from_ui(
                    self.shop1.id,
                    {
                        "uuid": "bus-tour-1",
                        "sync_type": "assigned",
                        "target_config_ids": receiver.ids,
                        "lines": [
                            {"product_id": self.desk_pad.id, "qty": 3, "price_unit": 2}
                        ],
                    },
                )
                cr.flush()
                cr.postcommit.run()
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcome["error"] = repr(error)

    def test_notification_reaches_the_pos_through_the_bus(self):
        self._open(self.shop1, self.shop2)
        outcome = {}
        sender = threading.Thread(
            target=self._send_once_the_pos_listens, args=(self.shop2, outcome)
        )
        sender.start()
        try:
            self.start_pos_tour("ShopSyncBusNotificationTour", pos_config=self.shop2)
        finally:
            sender.join(timeout=90)
        self.assertNotIn("error", outcome, outcome.get("error"))
        sync = self._transfers()
        self.assertEqual(sync.ids, [outcome["sync"]["id"]])
        self.assertEqual(sync.target_config_ids, self.shop2)

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
import time
from unittest.mock import patch
from uuid import uuid4

from odoo import api
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import tagged

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

# The module, not its class: a test class imported here would run twice.
from . import test_frontend


@tagged("post_install", "-at_install")
class TestShopSyncBusUi(TestPointOfSaleHttpCommon):
    """The SHOP_SYNC notification reaches the POS through its real bus
    subscription: websocket, PostgreSQL NOTIFY, Odoo's dispatcher. The test
    sends from another cursor (another thread) while the tour waits."""

    _create_receiver = test_frontend.TestShopSyncUi.__dict__["_create_receiver"]
    _open = test_frontend.TestShopSyncUi._open

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # HttpCase refuses websockets; Odoo's own bus tests allow them so.
        cls.startClassPatcher(
            patch.object(
                WebsocketConnectionHandler, "websocket_allowed", return_value=True
            )
        )
        cls.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", "True")
        cls.shop1 = cls.main_pos_config
        cls.shop1.write({"name": "Shop 1", "shop_sync_can_send": True})
        cls.shop2 = cls._create_receiver("Shop 2")

    def setUp(self):
        super().setUp()
        # Let the sending thread build environments (see race_common).
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))

    def _send_once_subscribed(self, outcome):
        """Wait for Shop 2's POS to subscribe to its channel, then send to it
        as Shop 1 would, on a cursor of this thread, and let the bus tell it."""
        channel = hashable(
            channel_with_db(self.registry.db_name, self.shop2.access_token)
        )
        deadline = time.monotonic() + 40
        while not dispatch._channels_to_ws.get(channel):
            if time.monotonic() > deadline:
                outcome["error"] = "Shop 2's POS never subscribed to its channel"
                return
            time.sleep(0.2)
        time.sleep(2)  # its start-up reads are over: only the bus can tell it now
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, self.pos_user.id, {})
                product = self.desk_pad
                outcome["sent"] = env["pos.shop.sync"].send_from_ui(
                    self.shop1.id,
                    {
                        "uuid": str(uuid4()),
                        "sync_type": "assigned",
                        "target_config_ids": [self.shop2.id],
                        "lines": [{"product_id": product.id, "qty": 3}],
                    },
                )
                # What a real commit runs: the bus rows, then NOTIFY imbus
                # (a test cursor's commit drops its post-commit hooks).
                cr.flush()
                cr.postcommit.run()
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcome["error"] = repr(error)

    def test_notification_reaches_the_pos_through_the_bus(self):
        self._open(self.shop1, self.shop2)
        outcome = {}
        sender = threading.Thread(target=self._send_once_subscribed, args=(outcome,))
        sender.start()
        try:
            self.start_pos_tour("ShopSyncBusTour", pos_config=self.shop2)
        finally:
            sender.join(timeout=60)
        self.assertNotIn("error", outcome, outcome.get("error"))
        self.assertEqual(outcome["sent"]["state"], "pending")

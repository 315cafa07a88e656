# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import select
import time

import psycopg2

from odoo import sql_db
from odoo.tests import tagged

from odoo.addons.bus.models.bus import channel_with_db, json_dump

from ..models import shop_sync_bus
from ..models.pos_shop_sync_bus_mixin import CHANNELS_KEY
from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestBusAnnounce(ShopSyncCommon):
    """The module writes its bus rows as ``pos.config._notify`` does and tells
    Odoo's websocket process about them with the NOTIFY Odoo's bus sends, on a
    connection each server process keeps (``models/shop_sync_bus.py``)."""

    def _listen(self):
        """A connection listening to ``imbus``, as Odoo's websocket process."""
        __, info = sql_db.connection_info_for("postgres")
        listener = psycopg2.connect(**info)
        listener.autocommit = True
        self.addCleanup(listener.close)
        with listener.cursor() as cr:
            cr.execute("LISTEN imbus")
        return listener

    def _heard(self, listener, channels, timeout=10):
        """Wait until ``listener`` heard a NOTIFY of ``channels``; return it."""
        wanted = [list(channel) for channel in channels]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            select.select([listener], [], [], max(0.0, deadline - time.monotonic()))
            listener.poll()
            while listener.notifies:
                heard = json.loads(listener.notifies.pop(0).payload)
                if heard == wanted:
                    return heard
        self.fail(f"no NOTIFY imbus of {wanted}")

    def _channel(self, config):
        return channel_with_db(self.env.cr.dbname, config.access_token)

    def _send_and_commit_hooks(self):
        """A send, then what its commit runs after the commit."""
        postcommit = self.env.cr.postcommit
        postcommit.clear()  # what the test's set-up queued
        self._send()
        # Odoo's bus queued nothing: its hook would open a new connection.
        self.assertNotIn("bus.bus.channels", postcommit.data)
        self.assertEqual(
            list(postcommit.data[CHANNELS_KEY]),
            [self._channel(self.shop1), self._channel(self.shop2)],
        )
        postcommit.run()

    def _last_row(self, channel):
        self.env.cr.execute(
            "SELECT * FROM bus_bus WHERE channel = %s ORDER BY id DESC LIMIT 1",
            [json_dump(channel)],
        )
        names = [column.name for column in self.env.cr.description]
        return dict(zip(names, self.env.cr.fetchone(), strict=True))

    def test_rows_are_those_pos_config_notify_writes(self):
        """Column by column, the row ``_shop_sync_send_bus_rows`` writes is the
        one Odoo's bus writes for ``pos.config._notify``, and its channel the
        one Odoo's bus would tell."""
        payload = {"event": "new", "id": 7, "state": "pending", "incoming": True}
        channel = self._channel(self.shop2)
        self._end_request()  # Odoo's bus writes as whoever sent first: the set-up
        cashier_config = self.shop2.with_env(self.cashier_env)
        cashier_config._notify("SHOP_SYNC", payload)
        self.assertIn(channel, self.env.cr.postcommit.data["bus.bus.channels"])
        self._end_request()
        notified = self._last_row(channel)
        values, announced = shop_sync_bus.bus_values(
            self.env.cr.dbname, self.shop2.access_token, "SHOP_SYNC", payload
        )
        self.cashier_env["pos.shop.sync"]._shop_sync_send_bus_rows(
            [values], [announced]
        )
        written = self._last_row(channel)
        self.assertGreater(written.pop("id"), notified.pop("id"))
        self.assertEqual(written, notified)
        self.assertEqual(written["create_uid"], self.cashier.id)
        self.assertIn(announced, self.env.cr.postcommit.data[CHANNELS_KEY])

    def test_sends_are_announced_on_one_kept_connection(self):
        listener = self._listen()
        channels = [self._channel(self.shop1), self._channel(self.shop2)]
        self._send_and_commit_hooks()
        self._heard(listener, channels)
        backend = shop_sync_bus._connection[1].get_backend_pid()
        self._send_and_commit_hooks()
        self._heard(listener, channels)
        self.assertEqual(shop_sync_bus._connection[1].get_backend_pid(), backend)

    def test_a_broken_connection_is_opened_again(self):
        listener = self._listen()
        channels = [self._channel(self.shop2)]
        shop_sync_bus.announce(channels)
        self._heard(listener, channels)
        backend = shop_sync_bus._connection[1].get_backend_pid()
        with listener.cursor() as cr:
            cr.execute("SELECT pg_terminate_backend(%s, 10000)", [backend])
        shop_sync_bus.announce(channels)
        self._heard(listener, channels)
        self.assertNotEqual(shop_sync_bus._connection[1].get_backend_pid(), backend)

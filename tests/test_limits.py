# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bounded volume: one transfer's size, the lists the API answers, the
recall/decline/release loops of one terminal, the chatter entries of stale
links. Refusals are checked on what stays written after them (no savepoint)."""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.pos_shop_sync.models.pos_shop_sync_access_mixin import (
    LINES_LIST_LIMIT,
)
from odoo.addons.pos_shop_sync.models.shop_sync_cart import (
    MAX_LOT_NAME_LENGTH,
    MAX_LOTS,
    MAX_TRANSFER_BYTES,
)

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestLimits(ShopSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phone = cls.env["product.product"].create(
            {
                "name": "Phone",
                "available_in_pos": True,
                "is_storable": True,
                "tracking": "serial",
                "list_price": 199.0,
                "taxes_id": [],
            }
        )
        cls.Action = cls.env["pos.shop.sync.action"]

    def _serial_lines(self, count):
        """``count`` lines of MAX_LOTS phones, each with MAX_LOTS serial
        numbers of the longest length: about 130 KB a line."""
        return [
            {
                "product_id": self.phone.id,
                "qty": float(MAX_LOTS),
                "price_unit": 199.0,
                "pack_lot_ids": [
                    {"lot_name": f"{n}-{i}-".ljust(MAX_LOT_NAME_LENGTH, "x")}
                    for i in range(MAX_LOTS)
                ],
            }
            for n in range(count)
        ]

    def _refused_with_nothing_written(self, error, call, *args, message=None):
        """``call`` refused: no transfer, line, message or counted action added."""
        self._end_request()
        actions = self.Action.search_count([])
        messages = self.env["mail.message"].search_count(
            [("model", "=", "pos.shop.sync")]
        )
        caught = self.assertRefused(error, call, *args, message=message)
        self._end_request()
        self.assertEqual(self.Action.search_count([]), actions)
        self.assertEqual(
            self.env["mail.message"].search_count([("model", "=", "pos.shop.sync")]),
            messages,
        )
        return caught

    # ------------------------------------------------------------------
    # One transfer's size
    # ------------------------------------------------------------------

    def test_a_transfer_holds_at_most_max_transfer_bytes(self):
        self.assertEqual(MAX_TRANSFER_BYTES, 1024 * 1024)
        # 7 lines of 1000 serial numbers of 128 characters: about 0.9 MB.
        sync = self._send(lines=self._serial_lines(7))
        self.assertEqual(len(sync.line_ids), 7)
        self.assertEqual(len(sync.line_ids[0].lot_names), MAX_LOTS)
        # 9 lines: about 1.2 MB.
        caught = self._refused_with_nothing_written(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=self._serial_lines(9)),
            message="where a transfer holds at most 1024 KB",
        )
        self.assertIn("This cart is too large to send", str(caught))
        # What the API returns of one transfer is bounded by it.
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertLess(len(str(transfer)), 2 * MAX_TRANSFER_BYTES)

    # ------------------------------------------------------------------
    # Lists
    # ------------------------------------------------------------------

    def test_lists_with_lines_hold_at_most_lines_list_limit(self):
        self.assertEqual(LINES_LIST_LIMIT, 20)
        template = self._send(lines=[self._line(qty=1.0)])
        self.env["pos.shop.sync"].sudo().create(
            [
                template.copy_data({"uuid": f"bulk-{n}", "state": "pending"})[0]
                | {"line_ids": [(0, 0, template.line_ids.copy_data()[0])]}
                for n in range(LINES_LIST_LIMIT + 4)
            ]
        )
        self.assertEqual(self.Sync.get_incoming_count(self.shop2.id), 25)
        self.assertEqual(len(self.Sync.get_incoming(self.shop2.id)), LINES_LIST_LIMIT)
        self.assertEqual(
            len(self.Sync.get_incoming(self.shop2.id, limit=10**6)), LINES_LIST_LIMIT
        )
        self.assertEqual(
            len(self.Sync.get_incoming(self.shop2.id, with_lines=False)), 25
        )

    def test_get_recoverable_is_bounded(self):
        syncs = [self._send() for __ in range(3)]
        for sync in syncs:
            self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(len(self.Sync.get_recoverable(self.shop2.id)["accepted"]), 3)
        accepted = self.Sync.get_recoverable(self.shop2.id, limit=2)["accepted"]
        self.assertEqual([t["id"] for t in accepted], [syncs[2].id, syncs[1].id])
        recalled = [self._send() for __ in range(3)]
        for sync in recalled:
            self.Sync.cancel_from_ui(self.shop1.id, sync.id)
        self.assertEqual(
            len(self.Sync.get_recoverable(self.shop1.id, limit=1)["recalled"]), 1
        )
        for limit in (0, -1, "2", 2.5, True):
            with self.subTest(limit=limit):
                self._refused_with_nothing_written(
                    ValidationError,
                    self.Sync.get_recoverable,
                    self.shop2.id,
                    limit,
                    message="The limit must be a positive whole number.",
                )

    # ------------------------------------------------------------------
    # Recall, decline and release loops
    # ------------------------------------------------------------------

    def _set_rate(self, limit):
        self.company.sudo().shop_sync_max_actions_per_hour = limit

    def test_the_rate_limit_is_a_managers_setting(self):
        self.assertEqual(self.company.shop_sync_max_actions_per_hour, 60)
        self.assertRefused(
            AccessError,
            self.company.with_user(self.cashier).write,
            {"shop_sync_max_actions_per_hour": 10_000},
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.company.shop_sync_max_actions_per_hour, 60)
        for value in (0, -1, 10_001):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self._set_rate(value)
        settings = self.env["res.config.settings"].create(
            {"shop_sync_max_actions_per_hour": 5}
        )
        settings.execute()
        self.assertEqual(self.company.shop_sync_max_actions_per_hour, 5)

    def test_send_recall_loop_is_rate_limited(self):
        self._set_rate(3)
        recalled = [self._send() for __ in range(3)]
        for sync in recalled:
            self.Sync.cancel_from_ui(self.shop1.id, sync.id)
        sync = self._send()
        caught = self._refused_with_nothing_written(
            UserError,
            self.Sync.cancel_from_ui,
            self.shop1.id,
            sync.id,
            message="Terminal Shop 1 already recalled, declined or released 3 "
            "transfers in the last hour",
        )
        self.assertIn("Recalls, Declines and Releases per Hour", str(caught))
        self.assertEqual(sync.state, "pending")
        # Recalling a recalled transfer again counts nothing.
        self.Sync.cancel_from_ui(self.shop1.id, recalled[0].id)
        # An hour later, it may again.
        self.env.cr.execute(
            "UPDATE pos_shop_sync_action SET done_at = %s",
            [fields.Datetime.now() - timedelta(hours=1, seconds=1)],
        )
        self.Action.invalidate_model()
        self.Sync.cancel_from_ui(self.shop1.id, sync.id)
        self.assertEqual(sync.state, "cancelled")
        # The scheduled action forgets what no longer counts.
        self.assertEqual(self.Action.search_count([]), 4)
        self.env["pos.shop.sync"]._cron_expire_transfers()
        self.Action.invalidate_model()
        self.assertEqual(self.Action.search_count([]), 1)

    def test_claim_release_and_decline_loops_are_rate_limited_per_terminal(self):
        self._set_rate(2)
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        for __ in range(2):
            self.Sync.claim_from_ui(self.shop2.id, sync.id)
            self.Sync.release_from_ui(self.shop2.id, sync.id)
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self._refused_with_nothing_written(
            UserError,
            self.Sync.release_from_ui,
            self.shop2.id,
            sync.id,
            message="Terminal Shop 2 already recalled, declined or released 2",
        )
        self.assertEqual(sync.state, "claimed")
        other = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self._refused_with_nothing_written(
            UserError,
            self.Sync.decline_from_ui,
            self.shop2.id,
            other.id,
            "No stock",
            message="Terminal Shop 2 already recalled",
        )
        self.assertFalse(other.declined_config_ids)
        # Another terminal counts its own.
        self.Sync.decline_from_ui(self.shop3.id, other.id, "No stock")
        self.assertEqual(other.declined_config_ids, self.shop3)
        # A manager may still give it back.
        self.env["pos.shop.sync"].browse(sync.id).action_shop_sync_release()
        self.assertEqual(sync.state, "pending")

    # ------------------------------------------------------------------
    # Stale links
    # ------------------------------------------------------------------

    def test_stale_links_write_the_chatter_once(self):
        sync = self._send()
        before = len(self._messages(sync))
        orders = [
            self._pay_rebuilt(self.shop3, sync, [{"product": self.pen, "qty": 1}])
            for __ in range(3)
        ]
        for order in orders:
            self.assertEqual(order.state, "paid")
            self.assertFalse(order.shop_sync_id)
        messages = self._messages(sync)
        self.assertEqual(len(messages), before + 1)
        self.assertIn(orders[0].name, messages[0].body)
        self.assertIn("which it had not accepted", messages[0].body)
        self.assertEqual(sync.state, "pending")

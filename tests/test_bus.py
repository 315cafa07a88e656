# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShopSyncCommon


def told(event, sync, state, incoming=False, outgoing=False, accepted=False,
         recalled=False):  # fmt: skip
    """The message a terminal gets of a change of one transfer."""
    return {
        "event": event,
        "id": sync.id,
        "state": state,
        "incoming": incoming,
        "outgoing": outgoing,
        "accepted": accepted,
        "recalled": recalled,
    }


RESYNC = {"event": "resync"}


@tagged("post_install", "-at_install")
class TestBus(ShopSyncCommon):
    """Each terminal is told, on its own channel, what changed in its lists:
    ids, states and booleans only, and only the terminals whose lists change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop4 = cls._create_shop("Shop 4", receive=True)
        cls._open_session(cls.shop4)
        cls.manager = cls._create_user(
            "shop_sync_bus_manager", "point_of_sale.group_pos_manager"
        )

    def _broadcast(self):
        return self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )

    def _call(self, method, config, sync, *args):
        result = getattr(self.Sync, method)(config.id, sync.id, *args)
        self._end_request()
        return result

    def _told_since(self, marks, shop):
        """The messages ``shop`` got since ``marks`` (see ``_marks``)."""
        return self._bus_messages(shop)[marks[shop] :]

    def _marks(self):
        shops = self.shop1 | self.shop2 | self.shop3 | self.shop4
        return {shop: len(self._bus_messages(shop)) for shop in shops}

    def _assert_told(self, marks, expected):
        """Exactly the terminals of ``expected`` got exactly those messages."""
        for shop in marks:
            self.assertEqual(
                self._told_since(marks, shop), expected.get(shop, []), shop.name
            )

    def test_send_tells_the_sender_and_each_target(self):
        marks = self._marks()
        sync = self._broadcast()
        self._assert_told(
            marks,
            {
                self.shop1: [told("new", sync, "pending", outgoing=True)],
                self.shop2: [told("new", sync, "pending", incoming=True)],
                self.shop3: [told("new", sync, "pending", incoming=True)],
            },
        )

    def test_claim(self):
        sync = self._broadcast()
        marks = self._marks()
        self._call("claim_from_ui", self.shop3, sync)
        self._assert_told(
            marks,
            {
                self.shop1: [told("claimed", sync, "claimed")],
                self.shop2: [told("claimed", sync, "claimed")],
                self.shop3: [told("claimed", sync, "claimed", accepted=True)],
            },
        )
        # Claiming again changes nothing: nobody is told.
        marks = self._marks()
        self._call("claim_from_ui", self.shop3, sync)
        self._assert_told(marks, {})

    def test_decline(self):
        sync = self._broadcast()
        marks = self._marks()
        self._call("decline_from_ui", self.shop2, sync, "No stock")
        # Still pending for Shop 3, as for the sender: only Shop 2's list changed.
        self._assert_told(marks, {self.shop2: [told("declined", sync, "pending")]})
        marks = self._marks()
        self._call("decline_from_ui", self.shop3, sync, "Closed")
        self._assert_told(
            marks,
            {
                self.shop1: [told("declined", sync, "declined", outgoing=True)],
                self.shop3: [told("declined", sync, "declined")],
            },
        )

    def test_recall_and_reopen(self):
        sync = self._broadcast()
        marks = self._marks()
        self._call("cancel_from_ui", self.shop1, sync)
        self._assert_told(
            marks,
            {
                self.shop1: [told("cancelled", sync, "cancelled", recalled=True)],
                self.shop2: [told("cancelled", sync, "cancelled")],
                self.shop3: [told("cancelled", sync, "cancelled")],
            },
        )
        marks = self._marks()
        self._call("mark_reopened_from_ui", self.shop1, sync)
        self._assert_told(marks, {self.shop1: [told("reopened", sync, "cancelled")]})

    def test_release(self):
        sync = self._broadcast()
        self._call("claim_from_ui", self.shop2, sync)
        marks = self._marks()
        self._call("release_from_ui", self.shop2, sync)
        offered = told("released", sync, "pending", incoming=True)
        self._assert_told(
            marks,
            {
                self.shop1: [told("released", sync, "pending", outgoing=True)],
                self.shop2: [offered],
                self.shop3: [offered],
            },
        )

    def test_expire_and_manager_reopen(self):
        sync = self._send()
        sync.sudo().pending_since = fields.Datetime.now() - timedelta(days=30)
        marks = self._marks()
        self.env.ref("pos_shop_sync.ir_cron_expire_transfers").method_direct_trigger()
        self._end_request()
        self.assertEqual(sync.state, "expired")
        self._assert_told(
            marks,
            {
                self.shop1: [told("expired", sync, "expired")],
                self.shop2: [told("expired", sync, "expired")],
            },
        )
        marks = self._marks()
        sync.with_user(self.manager).action_shop_sync_reopen()
        self._end_request()
        self._assert_told(
            marks,
            {
                self.shop1: [told("new", sync, "pending", outgoing=True)],
                self.shop2: [told("new", sync, "pending", incoming=True)],
            },
        )

    def test_done_tells_the_terminal_that_held_it(self):
        sync = self._send()
        self._call("claim_from_ui", self.shop2, sync)
        marks = self._marks()
        self._pay(self.shop2, sync)
        self.assertEqual(sync.state, "done")
        # The sender's lists did not change: it is not told.
        self._assert_told(marks, {self.shop2: [told("done", sync, "done")]})

    def test_session_close_tells_each_terminal_once(self):
        first, second = self._send(), self._broadcast()
        for sync in first | second:
            self._call("claim_from_ui", self.shop2, sync)
        marks = self._marks()
        session = self.cashier_env["pos.session"].browse(
            self.shop2.current_session_id.id
        )
        self.assertEqual(session.close_session_from_ui(), {"successful": True})
        self._end_request()
        self.assertEqual((first | second).mapped("state"), ["pending", "pending"])
        # Two transfers changed for Shop 1 and Shop 2: each re-reads its state
        # once; Shop 3 saw one of them change: it is told which.
        self._assert_told(
            marks,
            {
                self.shop1: [RESYNC],
                self.shop2: [RESYNC],
                self.shop3: [told("released", second, "pending", incoming=True)],
            },
        )

    def test_a_bulk_change_sends_one_resync_per_terminal(self):
        syncs = self._broadcast() | self._broadcast() | self._send()
        syncs.sudo().pending_since = fields.Datetime.now() - timedelta(days=30)
        marks = self._marks()
        self.env.ref("pos_shop_sync.ir_cron_expire_transfers").method_direct_trigger()
        self._end_request()
        self.assertEqual(set(syncs.mapped("state")), {"expired"})
        self._assert_told(
            marks, {self.shop1: [RESYNC], self.shop2: [RESYNC], self.shop3: [RESYNC]}
        )
        # A manager's action on a selection, the same.
        marks = self._marks()
        syncs.with_user(self.manager).action_shop_sync_reopen()
        self._end_request()
        self._assert_told(
            marks, {self.shop1: [RESYNC], self.shop2: [RESYNC], self.shop3: [RESYNC]}
        )

    def test_a_refused_change_tells_nobody(self):
        sync = self._send()
        marks = self._marks()
        with self.assertRaises(UserError):
            self.Sync.claim_from_ui(self.shop3.id, sync.id)
        with self.assertRaises(UserError):
            self.Sync.cancel_from_ui(self.shop2.id, sync.id)
        self._end_request()
        self._assert_told(marks, {})

    def _pay(self, config, sync):
        self.config = config
        self.pos_session = config.current_session_id
        self.currency = self.pos_session.currency_id
        self.pricelist = config.pricelist_id
        data = self.create_ui_order_data([(self.pen, 3)])
        data.update({"shop_sync_id": sync.id, "user_id": self.cashier.id})
        self.cashier_env["pos.order"].sync_from_ui([data])
        self._end_request()


@tagged("post_install", "-at_install")
class TestState(ShopSyncCommon):
    """``get_state``: the ids of a terminal's lists; ``get_rows``: their rows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

    def test_state_holds_each_list(self):
        incoming = self._send(target_config_ids=[self.shop2.id])
        declined = self._send(target_config_ids=[self.shop2.id])
        self.Sync.decline_from_ui(self.shop2.id, declined.id, "No")
        accepted = self._send(target_config_ids=[self.shop2.id])
        self.Sync.claim_from_ui(self.shop2.id, accepted.id)
        recalled = self._send(target_config_ids=[self.shop3.id])
        self.Sync.cancel_from_ui(self.shop1.id, recalled.id)
        reopened = self._send(target_config_ids=[self.shop3.id])
        self.Sync.cancel_from_ui(self.shop1.id, reopened.id)
        self.Sync.mark_reopened_from_ui(self.shop1.id, reopened.id)
        sender = self.Sync.get_state(self.shop1.id)
        self.assertEqual(
            sender,
            {
                "incoming": [],
                "outgoing": [declined.id, incoming.id],
                "accepted": [],
                "recalled": [recalled.id],
                "counts": {"incoming": 0, "outgoing": 2, "accepted": 0, "recalled": 1},
            },
        )
        receiver = self.Sync.get_state(self.shop2.id)
        self.assertEqual(
            receiver,
            {
                "incoming": [incoming.id],
                "outgoing": [],
                "accepted": [accepted.id],
                "recalled": [],
                "counts": {"incoming": 1, "outgoing": 0, "accepted": 1, "recalled": 0},
            },
        )
        # The same as the lists the API gives.
        self.assertEqual(
            [t["id"] for t in self.Sync.get_incoming(self.shop2.id)], [incoming.id]
        )
        self.assertEqual(
            [t["id"] for t in self.Sync.get_outgoing(self.shop1.id)],
            [declined.id, incoming.id],
        )

    def test_state_and_rows_refusals(self):
        neither = self._create_shop("Shop Neither")
        self._open_session(neither)
        with self.assertRaisesRegex(UserError, "may neither send nor receive"):
            self.Sync.get_state(neither.id)
        for ids in ("1", [0], [True], list(range(1, 102)), None):
            with self.subTest(ids=ids), self.assertRaises(ValidationError):
                self.Sync.get_rows(self.shop2.id, ids)

    def test_rows_only_of_the_terminals_lists(self):
        mine = self._send(
            sync_type="broadcast",
            target_config_ids=[self.shop2.id, self.shop3.id],
        )
        other = self._send(target_config_ids=[self.shop3.id])
        rows = self.Sync.get_rows(self.shop2.id, [other.id, mine.id, mine.id])
        self.assertEqual([row["id"] for row in rows], [mine.id])
        # A receiver is not told where else the cart was offered.
        self.assertEqual(rows[0]["target_names"], [])
        self.assertNotIn("lines", rows[0])
        sender_rows = self.Sync.get_rows(self.shop1.id, [mine.id])
        self.assertEqual(sender_rows[0]["target_names"], ["Shop 2", "Shop 3"])
        self.assertEqual(self.Sync.get_rows(self.shop3.id, []), [])

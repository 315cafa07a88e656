# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import ShopSyncCommon

T0 = datetime(2026, 3, 2, 9, 0, 0)


def _hours(hours, minutes=0):
    return T0 + timedelta(hours=hours, minutes=minutes)


def _accepted_by(terminal):
    """The refusal naming who accepted the transfer first."""
    return lambda sync: (
        rf"^{re.escape(sync.name)} was already accepted by {terminal} at \d\d:\d\d\.$"
    )


def _status(sentence, label):
    """A refusal naming the transfer's status: ``sentence`` holds ``{name}``."""
    return lambda sync: (
        "^" + re.escape(sentence.format(name=sync.name) + f" (status: {label}).") + "$"
    )


def _exactly(text):
    return lambda sync: "^" + re.escape(text.format(name=sync.name)) + "$"


@tagged("post_install", "-at_install")
class TestLifecycle(ShopSyncCommon):
    """Every transition of a transfer, as the POS and the backend call them:
    what is allowed, what is refused (and then writes nothing), what the
    chatter and the terminals are told, retries, expiry and session closing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A second sending terminal: recalling is for the sender only.
        cls.shop4 = cls._create_shop("Shop 4", send=True)
        cls._open_session(cls.shop4)
        cls.manager = cls._create_user(
            "shop_sync_lifecycle_manager",
            "point_of_sale.group_pos_manager",
            name="Manager Max",
        )
        # Without the test classes' mail-disabling context, like the cashier's.
        cls.manager_env = api.Environment(cls.cr, cls.manager.id, {})

    # ------------------------------------------------------------------
    # Helpers: each API call is one request (tracking and bus rows written)
    # ------------------------------------------------------------------

    def _broadcast(self, **overrides):
        return self._send(
            sync_type="broadcast",
            target_config_ids=[self.shop2.id, self.shop3.id],
            **overrides,
        )

    def _api(self, method, config, sync, *args):
        """Call ``method`` of the POS API as the cashier of ``config``."""
        result = getattr(self.Sync, method)(config.id, sync.id, *args)
        self._end_request()
        return result

    def _claim(self, sync, config=None):
        return self._api("claim_from_ui", config or self.shop2, sync)

    def _recall(self, sync, config=None):
        return self._api("cancel_from_ui", config or self.shop1, sync)

    def _decline(self, sync, reason="Out of stock", config=None):
        return self._api("decline_from_ui", config or self.shop2, sync, reason)

    def _release(self, sync, reason=False, config=None):
        return self._api("release_from_ui", config or self.shop2, sync, reason)

    def _backend(self, sync, action, env=None):
        """Click a backend button of ``sync`` (as the manager by default)."""
        result = getattr(
            (env or self.manager_env)["pos.shop.sync"].browse(sync.id), action
        )()
        self._end_request()
        return result

    def _run_cron(self):
        """Run the scheduled action as the cron worker would (its own user,
        a clean context)."""
        cron = self.env.ref("pos_shop_sync.ir_cron_expire_transfers")
        cron.method_direct_trigger()
        self._end_request()

    def _expire(self, sync):
        """Make ``sync`` overdue, then let the scheduled action expire it."""
        hours = self.company.shop_sync_expiry_hours
        sync.sudo().pending_since = fields.Datetime.now() - timedelta(hours=hours + 1)
        self._run_cron()
        self.assertEqual(sync.state, "expired")
        return sync

    def _pay_on(self, config, sync):
        """Sync a paid order of ``config`` holding the rebuilt cart of ``sync``,
        linked to it, as the POS does."""
        order = self._pay_rebuilt(config, sync)
        self.assertEqual(order.state, "paid")
        return order

    # Factories of transfers in each state, reached through the API only.

    def _claimed(self, config=None, broadcast=False):
        sync = self._broadcast() if broadcast else self._send()
        self._claim(sync, config)
        self.assertEqual(sync.state, "claimed")
        return sync

    def _declined(self):
        sync = self._send()
        self._decline(sync, "Not here")
        self.assertEqual(sync.state, "declined")
        return sync

    def _declined_by_shop3(self):
        """A broadcast Shop 3 declined: still pending for Shop 2."""
        sync = self._broadcast()
        self._decline(sync, "Not here", self.shop3)
        self.assertEqual(sync.state, "pending")
        return sync

    def _released_by_shop3(self):
        """A broadcast Shop 3 accepted and gave back: pending again."""
        sync = self._claimed(self.shop3, broadcast=True)
        self._release(sync, config=self.shop3)
        self.assertEqual(sync.state, "pending")
        return sync

    def _cancelled(self):
        sync = self._send()
        self._recall(sync)
        self.assertEqual(sync.state, "cancelled")
        return sync

    def _expired(self):
        return self._expire(self._send())

    def _done(self, broadcast=False):
        sync = self._claimed(broadcast=broadcast)
        self._pay_on(self.shop2, sync)
        self.assertEqual(sync.state, "done")
        return sync

    def _events(self, config, sync):
        return [
            m["event"] for m in self._bus_messages(config) if m.get("id") == sync.id
        ]

    def _bodies(self, sync):
        """The chatter of ``sync`` as plain texts, oldest first."""
        return [
            html2plaintext(message.body).strip()
            for message in self._messages(sync).sorted("id")
        ]

    def _incoming_ids(self, config):
        return [t["id"] for t in self.Sync.get_incoming(config.id, with_lines=False)]

    def _outgoing(self, sync, config=None):
        return {
            t["id"]: t for t in self.Sync.get_outgoing((config or self.shop1).id)
        }.get(sync.id)

    def _footprint(self, sync):
        """What a refused call must leave exactly as it was."""
        messages = self._messages(sync)
        sync.invalidate_recordset()
        return {
            "values": sync.read(
                [
                    "state",
                    "receiver_config_id",
                    "receiver_user_id",
                    "claimed_at",
                    "pending_since",
                    "declined_config_ids",
                    "decline_reason",
                    "pos_order_id",
                    "write_date",
                ]
            ),
            "messages": messages.ids,
            "bus": [
                self._events(shop, sync)
                for shop in self.shop1 | self.shop2 | self.shop3 | self.shop4
            ],
        }

    def _assert_refused_cleanly(self, sync, exception, call, pattern):
        """``call(sync)`` raises exactly ``exception`` with a message matching
        ``pattern(sync)``, and writes nothing: no value, no chatter, no bus.

        Caught without Odoo's ``assertRaises``, whose savepoint would roll back
        what the call wrote before raising: the call itself must not write.
        """
        before, rows = self._footprint(sync), self._row_counts()
        try:
            call(sync)
        except Exception as error:
            caught = error
        else:
            self.fail(f"{sync.name} was not refused")
        self.assertIs(type(caught), exception, caught)
        self.assertRegex(str(caught), pattern(sync))
        self.assertEqual(self._row_counts(), rows, "a refused call wrote rows")
        self.assertEqual(self._footprint(sync), before, "a refused call wrote")
        return caught

    # ------------------------------------------------------------------
    # State machine: allowed transitions
    # ------------------------------------------------------------------

    def test_send_makes_a_pending_transfer_and_tells_everyone(self):
        with freeze_time(T0):
            sync = self._broadcast()
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "pending",
                    "pending_since": T0,
                    "receiver_config_id": False,
                    "declined_config_ids": [],
                }
            ],
        )
        self.assertEqual(
            self._bodies(sync),
            ["Broadcast transfer sent by Shop 1 (Cashier Claire) to Shop 2, Shop 3."],
        )
        for shop in self.shop1 | self.shop2 | self.shop3:
            self.assertEqual(self._events(shop, sync), ["new"], shop.name)
        self.assertEqual(self._events(self.shop4, sync), [])
        self.assertEqual(self._outgoing(sync)["state"], "pending")
        assigned = self._send()
        self.assertEqual(
            self._bodies(assigned),
            ["Assigned transfer sent by Shop 1 (Cashier Claire) to Shop 2."],
        )
        self.assertEqual(self._events(self.shop3, assigned), [])

    def test_every_allowed_transition(self):
        """Each row: a transfer made through the API, one action, the state it
        reaches, its one chatter entry, and the terminals told of it (those
        whose lists change: "12" for Shop 1 and Shop 2) with its bus event."""

        def pay_on(config):
            return lambda sync: self._pay_on(config, sync)

        def paid_as(terminal):
            return lambda sync: (
                f"Paid as {sync.pos_order_id.name} on {terminal}, as sent."
            )

        cashier = "(Cashier Claire)"
        cases = [
            (
                "claim an assigned transfer",
                self._send,
                self._claim,
                "claimed",
                f"Accepted by Shop 2 {cashier}.",
                "claimed",
                "12",
            ),
            (
                "claim a broadcast",
                self._broadcast,
                lambda s: self._claim(s, self.shop3),
                "claimed",
                f"Accepted by Shop 3 {cashier}.",
                "claimed",
                "123",
            ),
            (
                "recall a pending transfer",
                self._broadcast,
                self._recall,
                "cancelled",
                f"Recalled by Shop 1 {cashier}.",
                "cancelled",
                "123",
            ),
            (
                "recall a declined transfer",
                self._declined,
                self._recall,
                "cancelled",
                f"Recalled by Shop 1 {cashier}.",
                "cancelled",
                "1",
            ),
            (
                "decline an assigned transfer",
                self._send,
                lambda s: self._decline(s, "  Out of stock  "),
                "declined",
                f"Declined by Shop 2 {cashier}: Out of stock",
                "declined",
                "12",
            ),
            (
                "decline a broadcast (one of two targets)",
                self._broadcast,
                lambda s: self._decline(s, "Closed today", self.shop3),
                "pending",
                f"Declined by Shop 3 {cashier}: Closed today",
                "declined",
                "3",
            ),
            (
                "release without a reason",
                lambda: self._claimed(broadcast=True),
                self._release,
                "pending",
                f"Released by Shop 2 {cashier}.",
                "released",
                "123",
            ),
            (
                "release with a reason",
                self._claimed,
                lambda s: self._release(s, "Customer left"),
                "pending",
                f"Released by Shop 2 {cashier}: Customer left",
                "released",
                "12",
            ),
            (
                "manager cancels a pending transfer",
                self._broadcast,
                lambda s: self._backend(s, "action_shop_sync_cancel"),
                "cancelled",
                "Cancelled by Manager Max from the backend.",
                "cancelled",
                "123",
            ),
            (
                "manager cancels a declined transfer",
                self._declined,
                lambda s: self._backend(s, "action_shop_sync_cancel"),
                "cancelled",
                "Cancelled by Manager Max from the backend.",
                "cancelled",
                "1",
            ),
            (
                "manager releases an accepted transfer",
                lambda: self._claimed(broadcast=True),
                lambda s: self._backend(s, "action_shop_sync_release"),
                "pending",
                "Released by Manager Max from the backend.",
                "released",
                "123",
            ),
            (
                "manager re-opens an expired transfer",
                self._expired,
                lambda s: self._backend(s, "action_shop_sync_reopen"),
                "pending",
                "Re-opened by Manager Max from the backend.",
                "new",
                "12",
            ),
            (
                "expiry by the scheduled action",
                self._broadcast,
                self._expire,
                "expired",
                "Expired: not accepted within 24 hour(s).",
                "expired",
                "123",
            ),
            (
                "pay an accepted transfer",
                lambda: self._claimed(broadcast=True),
                pay_on(self.shop2),
                "done",
                paid_as("Shop 2"),
                "done",
                "2",
            ),
            (
                "pay a released transfer on the terminal that held it",
                self._released_by_shop3,
                pay_on(self.shop3),
                "done",
                paid_as("Shop 3"),
                "done",
                "123",
            ),
        ]
        everyone = self.shop1 | self.shop2 | self.shop3 | self.shop4
        for label, make, act, state, chatter, event, told in cases:
            with self.subTest(label):
                sync = make()
                messages = self._messages(sync)
                events = {shop: self._events(shop, sync) for shop in everyone}
                act(sync)
                self.assertEqual(sync.state, state)
                new_messages = self._messages(sync) - messages
                self.assertEqual(len(new_messages), 1, self._bodies(sync))
                expected = chatter(sync) if callable(chatter) else chatter
                self.assertEqual(html2plaintext(new_messages.body).strip(), expected)
                told = everyone.filtered(lambda shop, told=told: shop.name[-1] in told)
                for shop in everyone:
                    expected_events = events[shop] + ([event] if shop in told else [])
                    self.assertEqual(
                        self._events(shop, sync), expected_events, shop.name
                    )

    def test_claim_records_the_terminal_and_the_cashier(self):
        sync = self._broadcast()
        result = self._claim(sync, self.shop3)
        self.assertEqual(result["state"], "claimed")
        self.assertEqual(
            result["receiver_config"], {"id": self.shop3.id, "name": "Shop 3"}
        )
        self.assertRecordValues(
            sync,
            [
                {
                    "receiver_config_id": self.shop3.id,
                    "receiver_session_id": self.shop3.current_session_id.id,
                    "receiver_user_id": self.cashier.id,
                }
            ],
        )
        self.assertNotIn(sync.id, self._incoming_ids(self.shop2))
        self.assertNotIn(sync.id, self._incoming_ids(self.shop3))
        self.assertIsNone(self._outgoing(sync), "an accepted transfer is not outgoing")

    def test_broadcast_declined_by_one_target_then_by_all(self):
        sync = self._broadcast()
        result = self._decline(sync, "No stock here")
        self.assertEqual(
            result,
            {"id": sync.id, "name": sync.name, "uuid": sync.uuid, "state": "pending"},
        )
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "pending",
                    "declined_config_ids": self.shop2.ids,
                    "decline_reason": "No stock here",
                }
            ],
        )
        # Hidden from the terminal that declined it, still offered to the other.
        self.assertNotIn(sync.id, self._incoming_ids(self.shop2))
        self.assertIn(sync.id, self._incoming_ids(self.shop3))
        outgoing = self._outgoing(sync)
        self.assertEqual(outgoing["state"], "pending")
        self.assertEqual(outgoing["declined_by"], ["Shop 2"])
        self.assertEqual(outgoing["decline_reason"], "No stock here")

        self._decline(sync, "Closed today", self.shop3)
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "declined",
                    "declined_config_ids": (self.shop2 | self.shop3).ids,
                    "decline_reason": "Closed today",
                }
            ],
        )
        self.assertNotIn(sync.id, self._incoming_ids(self.shop3))
        outgoing = self._outgoing(sync)
        self.assertEqual(outgoing["state"], "declined")
        self.assertEqual(outgoing["declined_by"], ["Shop 2", "Shop 3"])
        self.assertEqual(outgoing["decline_reason"], "Closed today")
        self.assertEqual(
            self._bodies(sync)[1:],
            [
                "Declined by Shop 2 (Cashier Claire): No stock here",
                "Declined by Shop 3 (Cashier Claire): Closed today",
            ],
        )
        # Each terminal is told once its own list changed: the sender when
        # the last target declined.
        for shop in self.shop1 | self.shop2 | self.shop3:
            self.assertEqual(self._events(shop, sync), ["new", "declined"], shop.name)

    def test_release_offers_the_transfer_to_every_target_again(self):
        with freeze_time(T0):
            sync = self._broadcast()
        with freeze_time(_hours(1)):
            self._claim(sync)
        self.assertNotIn(sync.id, self._incoming_ids(self.shop3))
        with freeze_time(_hours(2)):
            self._release(sync, "Customer left")
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "pending",
                    "receiver_config_id": False,
                    "receiver_session_id": False,
                    "receiver_user_id": False,
                    "claimed_at": False,
                    "pending_since": _hours(2),
                }
            ],
        )
        self.assertIn(sync.id, self._incoming_ids(self.shop3))
        self.assertIn(sync.id, self._incoming_ids(self.shop2))
        self.assertEqual(self._outgoing(sync)["state"], "pending")
        self._claim(sync, self.shop3)
        self.assertEqual(sync.receiver_config_id, self.shop3)

    def test_release_keeps_the_transfer_hidden_from_a_terminal_that_declined(self):
        sync = self._broadcast()
        self._decline(sync, "No stock here", self.shop3)
        self._claim(sync)
        self._release(sync)
        self.assertEqual(sync.state, "pending")
        self.assertIn(sync.id, self._incoming_ids(self.shop2))
        self.assertNotIn(sync.id, self._incoming_ids(self.shop3))

    def test_pay_a_released_transfer_on_the_terminal_that_held_it(self):
        # Its order was paid offline while its session's close released it.
        sync = self._claimed()
        self._release(sync)
        order = self._pay_on(self.shop2, sync)
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "done",
                    "pos_order_id": order.id,
                    "done_config_id": self.shop2.id,
                    "receiver_config_id": self.shop2.id,
                    "receiver_session_id": self.shop2.current_session_id.id,
                    "receiver_user_id": self.cashier.id,
                }
            ],
        )
        self.assertTrue(sync.claimed_at)
        self.assertTrue(sync.done_at)
        self.assertFalse(self._incoming_ids(self.shop2))
        self.assertIsNone(self._outgoing(sync))

    def test_chatter_and_bus_tell_the_whole_story(self):
        sync = self._broadcast()
        self._decline(sync, "No stock here")
        self._claim(sync, self.shop3)
        self._release(sync, "Wrong customer", self.shop3)
        self._claim(sync, self.shop3)
        order = self._pay_on(self.shop3, sync)
        self.assertEqual(
            self._bodies(sync),
            [
                "Broadcast transfer sent by Shop 1 (Cashier Claire) to Shop 2, Shop 3.",
                "Declined by Shop 2 (Cashier Claire): No stock here",
                "Accepted by Shop 3 (Cashier Claire).",
                "Released by Shop 3 (Cashier Claire): Wrong customer",
                "Accepted by Shop 3 (Cashier Claire).",
                f"Paid as {order.name} on Shop 3, as sent.",
            ],
        )
        # The state changes are tracked: the receiver too, and the paid order.
        tracked = self._messages(sync).tracking_value_ids.field_id.mapped("name")
        self.assertLessEqual(
            {"state", "receiver_config_id", "pos_order_id"}, set(tracked)
        )
        # Each terminal is told of the changes of its own lists only.
        stories = {
            self.shop1: ["new", "claimed", "released", "claimed"],
            self.shop2: ["new", "declined"],
            self.shop3: ["new", "claimed", "released", "claimed", "done"],
            self.shop4: [],
        }
        for shop, story in stories.items():
            self.assertEqual(self._events(shop, sync), story, shop.name)

    # ------------------------------------------------------------------
    # State machine: everything else is refused and writes nothing
    # ------------------------------------------------------------------

    def test_every_other_transition_is_refused_and_writes_nothing(self):
        manager_only = _exactly(
            "Only Point of Sale managers may change transfers from the backend."
        )
        cashier = self.cashier_env

        def call(method, config, *args):
            return lambda sync: getattr(self.Sync, method)(config.id, sync.id, *args)

        def button(action, env=None):
            return lambda sync: getattr(
                (env or self.manager_env)["pos.shop.sync"].browse(sync.id), action
            )()

        recall = call("cancel_from_ui", self.shop1)
        recall_by_4 = call("cancel_from_ui", self.shop4)
        claim2, claim3 = (
            call("claim_from_ui", self.shop2),
            call("claim_from_ui", self.shop3),
        )

        def decline(config, reason="Out of stock"):
            return call("decline_from_ui", config, reason)

        def release(config):
            return call("release_from_ui", config)

        cases = [
            # Recall: the sender only, before anybody accepted it.
            (
                "recall after accept",
                self._claimed,
                recall,
                UserError,
                _accepted_by("Shop 2"),
            ),
            (
                "recall after payment",
                self._done,
                recall,
                UserError,
                _accepted_by("Shop 2"),
            ),
            (
                "recall of an expired transfer",
                self._expired,
                recall,
                UserError,
                _status("{name} can no longer be recalled", "Expired"),
            ),
            (
                "recall by another sending terminal",
                self._send,
                recall_by_4,
                UserError,
                _exactly("This transfer does not exist or was not sent by you."),
            ),
            (
                "recall by a receiving terminal",
                self._send,
                call("cancel_from_ui", self.shop2),
                UserError,
                _exactly("Terminal Shop 2 is not allowed to send orders."),
            ),
            # Decline: a target, while pending, with a reason.
            (
                "decline after accept by another terminal",
                lambda: self._claimed(self.shop3, broadcast=True),
                decline(self.shop2),
                UserError,
                _accepted_by("Shop 3"),
            ),
            (
                "decline after accepting it oneself",
                self._claimed,
                decline(self.shop2),
                UserError,
                _accepted_by("Shop 2"),
            ),
            (
                "decline of a recalled transfer",
                self._cancelled,
                decline(self.shop2),
                UserError,
                _status("{name} can no longer be declined", "Cancelled"),
            ),
            (
                "decline of an expired transfer",
                self._expired,
                decline(self.shop2),
                UserError,
                _status("{name} can no longer be declined", "Expired"),
            ),
            (
                "decline by a terminal it was not sent to",
                self._send,
                decline(self.shop3),
                UserError,
                _exactly("This transfer does not exist or was not sent to you."),
            ),
            (
                "decline without a reason",
                self._send,
                decline(self.shop2, "   "),
                UserError,
                _exactly("Say why you decline this transfer."),
            ),
            (
                "decline with no reason at all",
                self._send,
                decline(self.shop2, False),
                UserError,
                _exactly("Say why you decline this transfer."),
            ),
            (
                "decline with a reason that is not a text",
                self._send,
                decline(self.shop2, 42),
                ValidationError,
                _exactly("The reason must be a text."),
            ),
            (
                "decline with a too long reason",
                self._send,
                decline(self.shop2, "x" * 201),
                UserError,
                _exactly("The reason is longer than 200 characters."),
            ),
            # Claim: pending only, never by a terminal that declined it.
            (
                "claim of a recalled transfer",
                self._cancelled,
                claim2,
                UserError,
                _status("{name} can no longer be accepted", "Cancelled"),
            ),
            (
                "claim of an expired transfer",
                self._expired,
                claim2,
                UserError,
                _status("{name} can no longer be accepted", "Expired"),
            ),
            (
                "claim of a declined transfer",
                self._declined,
                claim2,
                UserError,
                _exactly("This terminal declined {name}."),
            ),
            (
                "claim of a broadcast by the terminal that declined it",
                self._declined_by_shop3,
                claim3,
                UserError,
                _exactly("This terminal declined {name}."),
            ),
            (
                "claim of a paid transfer by another target",
                lambda: self._done(broadcast=True),
                claim3,
                UserError,
                _accepted_by("Shop 2"),
            ),
            # Release: only the terminal that accepted it.
            (
                "release by another target",
                lambda: self._claimed(broadcast=True),
                release(self.shop3),
                UserError,
                _exactly("{name} was accepted by Shop 2, not by this terminal."),
            ),
            (
                "release by a terminal it was not sent to",
                self._claimed,
                release(self.shop3),
                UserError,
                _exactly("This transfer does not exist or was not sent to you."),
            ),
            (
                "release of a pending transfer",
                self._send,
                release(self.shop2),
                UserError,
                _status("{name} is not accepted", "Pending"),
            ),
            (
                "release of a paid transfer",
                self._done,
                release(self.shop2),
                UserError,
                _status("{name} is not accepted", "Done"),
            ),
            # Backend buttons: managers, from the right state.
            (
                "manager cancels an accepted transfer",
                self._claimed,
                button("action_shop_sync_cancel"),
                UserError,
                _accepted_by("Shop 2"),
            ),
            (
                "manager cancels an expired transfer",
                self._expired,
                button("action_shop_sync_cancel"),
                UserError,
                _status("{name} can no longer be cancelled", "Expired"),
            ),
            (
                "manager releases a pending transfer",
                self._send,
                button("action_shop_sync_release"),
                UserError,
                _status("{name} is not accepted", "Pending"),
            ),
            (
                "manager re-opens a pending transfer",
                self._send,
                button("action_shop_sync_reopen"),
                UserError,
                _status("{name} is not expired", "Pending"),
            ),
            (
                "manager re-opens an accepted transfer",
                self._claimed,
                button("action_shop_sync_reopen"),
                UserError,
                _status("{name} is not expired", "In Progress"),
            ),
            (
                "cashier cancels from the backend",
                self._send,
                button("action_shop_sync_cancel", cashier),
                AccessError,
                manager_only,
            ),
            (
                "cashier releases from the backend",
                self._claimed,
                button("action_shop_sync_release", cashier),
                AccessError,
                manager_only,
            ),
            (
                "cashier re-opens from the backend",
                self._expired,
                button("action_shop_sync_reopen", cashier),
                AccessError,
                manager_only,
            ),
        ]
        for label, make, refused_call, exception, pattern in cases:
            with self.subTest(label):
                sync = make()
                self._assert_refused_cleanly(sync, exception, refused_call, pattern)

    def test_payment_of_a_transfer_the_terminal_may_not_finish(self):
        """The order is paid, the transfer left as it was, the chatter says so."""
        cases = [
            ("pending, paid on a terminal it was not sent to", self._send, self.shop3),
            # Nobody accepted it: paying it is no way around the claim.
            ("pending, never accepted by its target", self._send, self.shop2),
            (
                "released by another terminal",
                self._released_by_shop3,
                self.shop2,
            ),
            (
                "accepted by another terminal",
                lambda: self._claimed(broadcast=True),
                self.shop3,
            ),
            ("recalled", self._cancelled, self.shop2),
            ("expired", self._expired, self.shop2),
            ("declined", self._declined, self.shop2),
            # It may not claim it: it may not finish it either.
            ("pending, declined by this terminal", self._declined_by_shop3, self.shop3),
            ("paid already by another order", self._done, self.shop2),
        ]
        for label, make, terminal in cases:
            with self.subTest(label):
                sync = make()
                before = self._footprint(sync)
                label_of = dict(sync._fields["state"].selection)[sync.state]
                order = self._pay_on(terminal, sync)
                # The link is dropped; the order is paid all the same.
                self.assertFalse(order.shop_sync_id)
                after = self._footprint(sync)
                self.assertEqual(after["values"], before["values"])
                self.assertEqual(after["bus"], before["bus"])
                self.assertEqual(len(after["messages"]), len(before["messages"]) + 1)
                self.assertEqual(
                    self._bodies(sync)[-1],
                    f"Order {order.name} of {terminal.name} was paid with a link to "
                    f"this transfer, which it had not accepted (state: {label_of}). "
                    "The transfer was left unchanged.",
                )

    # ------------------------------------------------------------------
    # Idempotency under retries
    # ------------------------------------------------------------------

    def test_send_retried_after_a_lost_answer_makes_one_transfer(self):
        payload = self._payload()
        first = self.Sync.send_from_ui(self.shop1.id, payload)
        self._end_request()
        again = self.Sync.send_from_ui(self.shop1.id, dict(payload))
        self._end_request()
        self.assertEqual(again, first)
        syncs = self.env["pos.shop.sync"].search([("uuid", "=", payload["uuid"])])
        self.assertEqual(len(syncs), 1)
        self.assertEqual(len(self._messages(syncs)), 1)
        self.assertEqual(self._events(self.shop2, syncs), ["new"])
        # The same client reference from another terminal is no retry.
        self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop4.id,
            dict(payload),
            message="This client reference is already used by another terminal.",
        )

    def test_claim_retried_returns_the_same_claim(self):
        sync = self._send()
        first = self._claim(sync)
        claimed_at = sync.claimed_at
        again = self._claim(sync)
        self.assertEqual(again, first)
        self.assertEqual(sync.claimed_at, claimed_at)
        self.assertEqual(
            self._bodies(sync)[1:], ["Accepted by Shop 2 (Cashier Claire)."]
        )
        self.assertEqual(self._events(self.shop1, sync), ["new", "claimed"])

    def test_paid_order_synced_twice_finishes_the_transfer_once(self):
        sync = self._claimed()
        data = self._paid_order_data(self.shop2, self._rebuilt_lines(sync), sync)
        for __ in range(2):
            self.cashier_env["pos.order"].sync_from_ui([dict(data)])
            self._end_request()
        orders = self.env["pos.order"].search([("shop_sync_id", "=", sync.id)])
        self.assertEqual(len(orders), 1)
        self.assertEqual(sync.state, "done")
        self.assertEqual(sync.pos_order_id, orders)
        self.assertEqual(
            [body for body in self._bodies(sync) if body.startswith("Paid as")],
            [f"Paid as {orders.name} on Shop 2, as sent."],
        )
        self.assertEqual(len(self._bodies(sync)), 3)
        self.assertEqual(self._events(self.shop2, sync), ["new", "claimed", "done"])

    def test_recall_retried_returns_the_cancelled_transfer(self):
        sync = self._send()
        first = self._recall(sync)
        self.assertEqual(first["state"], "cancelled")
        self.assertEqual(len(first["lines"]), 3)
        footprint = self._footprint(sync)
        again = self._recall(sync)
        self.assertEqual(again, first)
        self.assertEqual(self._footprint(sync), footprint)
        self.assertEqual(self._events(self.shop1, sync), ["new", "cancelled"])

    def test_decline_retried_leaves_the_transfer_unchanged(self):
        # The sender is told when its transfer is declined by all its targets.
        for label, make, sender_events in (
            ("assigned", self._send, ["new", "declined"]),
            ("broadcast", self._broadcast, ["new"]),
        ):
            with self.subTest(label):
                sync = make()
                first = self._decline(sync, "No stock here")
                footprint = self._footprint(sync)
                again = self._decline(sync, "Another reason")
                self.assertEqual(again, first)
                self.assertEqual(self._footprint(sync), footprint)
                self.assertEqual(sync.decline_reason, "No stock here")
                self.assertEqual(self._events(self.shop1, sync), sender_events)
                self.assertEqual(self._events(self.shop2, sync), ["new", "declined"])

    # ------------------------------------------------------------------
    # Scheduled expiry, with a frozen clock
    # ------------------------------------------------------------------

    def test_a_transfer_expires_after_its_company_lifetime(self):
        self.assertEqual(self.company.shop_sync_expiry_hours, 24)
        with freeze_time(T0):
            sync = self._broadcast()
        self.assertEqual(sync.pending_since, T0)
        with freeze_time(_hours(23, 59)):
            self._run_cron()
        self.assertEqual(sync.state, "pending")
        self.assertEqual(self._events(self.shop1, sync), ["new"])
        with freeze_time(_hours(24)):
            self._run_cron()
        self.assertEqual(sync.state, "expired")
        self.assertEqual(
            self._bodies(sync)[-1], "Expired: not accepted within 24 hour(s)."
        )
        for shop in self.shop1 | self.shop2 | self.shop3:
            self.assertEqual(self._events(shop, sync), ["new", "expired"], shop.name)
        self.assertNotIn(sync.id, self._incoming_ids(self.shop2))
        self.assertIsNone(self._outgoing(sync))
        # Running it again changes nothing.
        footprint = self._footprint(sync)
        with freeze_time(_hours(48)):
            self._run_cron()
        self.assertEqual(self._footprint(sync), footprint)

    def test_only_transfers_nobody_accepted_expire(self):
        with freeze_time(T0):
            claimed = self._claimed()
            declined = self._declined()
            cancelled = self._cancelled()
        with freeze_time(_hours(100)):
            self._run_cron()
        # A declined transfer expires too: the sender's list does not only grow.
        self.assertEqual(
            (claimed | declined | cancelled).mapped("state"),
            ["claimed", "expired", "cancelled"],
        )
        self.assertIsNone(self._outgoing(declined))
        self.assertIn("expired", self._events(self.shop1, declined))

    def test_zero_hours_means_never(self):
        self.company.shop_sync_expiry_hours = 0
        with freeze_time(T0):
            sync = self._send()
        with freeze_time(_hours(1000)):
            self._run_cron()
        self.assertEqual(sync.state, "pending")
        self.company.shop_sync_expiry_hours = 24
        with freeze_time(_hours(1000)):
            self._run_cron()
        self.assertEqual(sync.state, "expired")

    def test_release_restarts_the_lifetime(self):
        with freeze_time(T0):
            sync = self._broadcast()
        with freeze_time(_hours(1)):
            self._claim(sync)
        with freeze_time(_hours(30)):
            self._run_cron()  # accepted transfers never expire
        self.assertEqual(sync.state, "claimed")
        with freeze_time(_hours(31)):
            self._release(sync)
        self.assertEqual(sync.pending_since, _hours(31))
        with freeze_time(_hours(54, 59)):
            self._run_cron()
        self.assertEqual(sync.state, "pending")
        with freeze_time(_hours(55)):
            self._run_cron()
        self.assertEqual(sync.state, "expired")

    def test_reopen_gives_a_new_lifetime(self):
        with freeze_time(T0):
            sync = self._send()
        with freeze_time(_hours(24)):
            self._run_cron()
        self.assertEqual(sync.state, "expired")
        with freeze_time(_hours(30)):
            self._backend(sync, "action_shop_sync_reopen")
        self.assertRecordValues(
            sync, [{"state": "pending", "pending_since": _hours(30)}]
        )
        self.assertIn(sync.id, self._incoming_ids(self.shop2))
        self.assertEqual(self._events(self.shop2, sync), ["new", "expired", "new"])
        with freeze_time(_hours(53, 59)):
            self._run_cron()
        self.assertEqual(sync.state, "pending")
        with freeze_time(_hours(54)):
            self._run_cron()
        self.assertEqual(sync.state, "expired")

    def test_reopen_after_decline_offers_it_again_to_every_target(self):
        """Declined by all its targets, then expired: re-opened, it waits for
        them again (declines forgotten), not for nobody."""
        for label, make, decliners in (
            ("assigned", self._send, [self.shop2]),
            ("broadcast", self._broadcast, [self.shop2, self.shop3]),
        ):
            with self.subTest(label):
                sync = make()
                for config in decliners:
                    self._decline(sync, "Not here", config)
                self.assertEqual(sync.state, "declined")
                for config in decliners:
                    self.assertNotIn(sync.id, self._incoming_ids(config))
                self._expire(sync)
                self._backend(sync, "action_shop_sync_reopen")
                self.assertRecordValues(
                    sync,
                    [
                        {
                            "state": "pending",
                            "declined_config_ids": [],
                            "decline_reason": False,
                        }
                    ],
                )
                for config in decliners:
                    self.assertIn(sync.id, self._incoming_ids(config))
                    self.assertEqual(self._bus_messages(config)[-1]["event"], "new")
                # Offered for real: the terminal that declined it accepts it.
                self._claim(sync, decliners[-1])
                self.assertEqual(sync.receiver_config_id, decliners[-1])

    def test_each_company_has_its_own_lifetime(self):
        elsewhere = self.env["res.company"].create({"name": "Sync Elsewhere"})
        self.assertEqual(elsewhere.shop_sync_expiry_hours, 24)
        elsewhere.shop_sync_expiry_hours = 2
        self.company.shop_sync_expiry_hours = 5
        with freeze_time(T0):
            local = self._send()
            foreign = self._send()
        # A transfer of the other company (its terminals are not needed here).
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE pos_shop_sync SET company_id = %s WHERE id = %s",
            [elsewhere.id, foreign.id],
        )
        foreign.invalidate_recordset()
        with freeze_time(_hours(1, 59)):
            self._run_cron()
        self.assertEqual((local | foreign).mapped("state"), ["pending", "pending"])
        with freeze_time(_hours(2)):
            self._run_cron()
        self.assertEqual((local | foreign).mapped("state"), ["pending", "expired"])
        self.assertEqual(
            self._bodies(foreign)[-1], "Expired: not accepted within 2 hour(s)."
        )
        with freeze_time(_hours(4, 59)):
            self._run_cron()
        self.assertEqual(local.state, "pending")
        with freeze_time(_hours(5)):
            self._run_cron()
        self.assertEqual(local.state, "expired")
        self.assertEqual(
            self._bodies(local)[-1], "Expired: not accepted within 5 hour(s)."
        )

    def test_lifetime_out_of_range_refused(self):
        # A huge lifetime would put the cron's deadline before year 1.
        for hours in (-1, 24 * 366 * 10 + 1, 100_000_000):
            with self.subTest(hours=hours):
                with self.assertRaises(ValidationError) as caught:
                    self.company.shop_sync_expiry_hours = hours
                self.assertEqual(
                    str(caught.exception),
                    "The transfer lifetime must be from 0 to 87840 hours (ten years).",
                )
                self.company.invalidate_recordset()
        self.company.shop_sync_expiry_hours = 24 * 366 * 10
        self.env["pos.shop.sync"]._cron_expire_transfers()
        self.company.shop_sync_expiry_hours = 24
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"shop_sync_expiry_hours": -3}
            ).execute()
        self.company.invalidate_recordset()
        self.assertEqual(self.company.shop_sync_expiry_hours, 24)
        settings = self.env["res.config.settings"].create({"shop_sync_expiry_hours": 6})
        settings.execute()
        self.assertEqual(self.company.shop_sync_expiry_hours, 6)

    # ------------------------------------------------------------------
    # Session closing
    # ------------------------------------------------------------------

    def _closing_transfers(self, config):
        session = self.cashier_env["pos.session"].browse(config.current_session_id.id)
        return {
            t["id"]: t
            for t in session.get_closing_control_data()["shop_sync_transfers"]
        }

    def test_closing_control_data_lists_the_open_transfers(self):
        pending = self._send()
        declined = self._declined()
        self._cancelled()
        self._expired()
        accepted = self._claimed(self.shop3, broadcast=True)
        incoming_for_3 = self._send(target_config_ids=[self.shop3.id])
        self._done()
        sender = self._closing_transfers(self.shop1)
        self.assertEqual(set(sender), {pending.id, declined.id, incoming_for_3.id})
        self.assertEqual(
            sender[pending.id],
            {
                "id": pending.id,
                "name": pending.name,
                "state": "pending",
                "direction": "outgoing",
                "partner_name": "Customer 1",
                "amount_total": pending.amount_total,
            },
        )
        self.assertEqual(sender[declined.id]["state"], "declined")
        self.assertEqual(sender[declined.id]["direction"], "outgoing")
        receiver = self._closing_transfers(self.shop3)
        self.assertEqual(list(receiver), [accepted.id])
        self.assertEqual(receiver[accepted.id]["direction"], "accepted")
        self.assertEqual(receiver[accepted.id]["state"], "claimed")
        # Shop 2 paid one and declined one: nothing left open there.
        self.assertEqual(self._closing_transfers(self.shop2), {})

    def test_closing_the_receiving_session_releases_what_it_did_not_sell(self):
        kept = self._send()
        accepted = self._claimed(broadcast=True)
        sold = self._claimed()
        order = self._pay_on(self.shop2, sold)
        session = self.cashier_env["pos.session"].browse(
            self.shop2.current_session_id.id
        )
        footprint = self._footprint(kept)
        # As point_of_sale's own tests close a session with cash control.
        session.post_closing_cash_details(order.amount_paid)
        self.assertEqual(session.close_session_from_ui(), {"successful": True})
        self._end_request()
        self.assertEqual(session.state, "closed")
        self.assertRecordValues(
            accepted,
            [
                {
                    "state": "pending",
                    "receiver_config_id": False,
                    "receiver_session_id": False,
                    "receiver_user_id": False,
                    "claimed_at": False,
                }
            ],
        )
        self.assertEqual(
            self._bodies(accepted)[-1],
            f"Released at the closing of session {session.name}.",
        )
        for shop in self.shop1 | self.shop2 | self.shop3:
            self.assertEqual(self._events(shop, accepted)[-1], "released", shop.name)
        self.assertIn(accepted.id, self._incoming_ids(self.shop3))
        self.assertEqual(sold.state, "done")
        self.assertEqual(self._footprint(kept), footprint)

    def test_closing_a_session_without_orders(self):
        accepted = self._claimed(self.shop3, broadcast=True)
        pending = self._send()
        footprint = self._footprint(pending)
        receiver = self.cashier_env["pos.session"].browse(
            self.shop3.current_session_id.id
        )
        receiver.action_pos_session_closing_control()
        self._end_request()
        self.assertEqual(receiver.state, "closed")
        self.assertEqual(accepted.state, "pending")
        self.assertEqual(
            self._bodies(accepted)[-1],
            f"Released at the closing of session {receiver.name}.",
        )
        # The sender's own transfers wait for their targets.
        sender = self.cashier_env["pos.session"].browse(
            self.shop1.current_session_id.id
        )
        sender.action_pos_session_closing_control()
        self._end_request()
        self.assertEqual(sender.state, "closed")
        self.assertEqual(self._footprint(pending), footprint)
        self.assertEqual(accepted.state, "pending")

    # ------------------------------------------------------------------
    # Drift: what the receiving terminal cannot rebuild as sent
    # ------------------------------------------------------------------

    def test_get_transfer_flags_lines_that_cannot_be_rebuilt(self):
        chair = self.create_product("Chair", self.categ_basic, 30.0)
        elsewhere = self.env["res.company"].create({"name": "Sync Elsewhere"})
        lines = self._payload()["lines"] + [
            {"product_id": chair.id, "qty": 1.0, "price_unit": 30.0}
        ]
        sync = self._send(lines=lines)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(transfer["warnings"], [])
        self.assertEqual(
            [
                (line["blocking_reason"], line["terminal_price"], line["negotiated"])
                for line in transfer["lines"]
            ],
            # The desk was sold at 80 instead of 100: a negotiated price.
            [(False, 100.0, True), (False, 2.5, False), (False, 40.0, False)]
            + [(False, 30.0, False)],
        )

        self.pen.available_in_pos = False
        self.lamp.active = False
        chair.product_tmpl_id.company_id = elsewhere
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        reasons = [
            "Pen is not available in the Point of Sale.",
            "Lamp is archived.",
            "Chair belongs to another company.",
        ]
        self.assertEqual(transfer["blocking_reasons"], reasons)
        self.assertEqual(
            [line["blocking_reason"] for line in transfer["lines"]], [False, *reasons]
        )
        self._assert_refused_cleanly(
            sync,
            UserError,
            lambda s: self.Sync.claim_from_ui(self.shop2.id, s.id),
            _exactly("{name} cannot be accepted here: " + " ".join(reasons)),
        )
        self.assertIn(sync.id, self._incoming_ids(self.shop2))
        # Once the products are sellable again, it can be accepted.
        self.pen.available_in_pos = True
        self.lamp.active = True
        chair.product_tmpl_id.company_id = self.company
        self.assertEqual(self._claim(sync)["state"], "claimed")

    def test_a_pricelist_the_receiver_lacks_is_only_a_warning(self):
        wholesale = self.env["product.pricelist"].create(
            {"name": "Wholesale", "company_id": self.company.id}
        )
        self.shop1.write({"available_pricelist_ids": [Command.link(wholesale.id)]})
        sync = self._send(pricelist_id=wholesale.id)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(
            transfer["warnings"],
            [
                "Pricelist Wholesale is not available on this terminal: the sent "
                "prices are kept, the terminal's pricelist applies."
            ],
        )
        self.assertEqual(
            [line["blocking_reason"] for line in transfer["lines"]], [False] * 3
        )
        self.assertEqual(self._claim(sync)["state"], "claimed")

    def test_another_currency_blocks_the_transfer(self):
        sync = self._send()
        here = self.shop2.currency_id
        self.assertNotEqual(self.other_currency, here)
        # As if the receiving terminal had moved to another currency meanwhile.
        sync.sudo().currency_id = self.other_currency
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        reason = (
            f"It is in {self.other_currency.name}, this terminal sells in {here.name}."
        )
        self.assertEqual(transfer["blocking_reasons"], [reason])
        self.assertEqual(
            [line["blocking_reason"] for line in transfer["lines"]], [False] * 3
        )
        self._assert_refused_cleanly(
            sync,
            UserError,
            lambda s: self.Sync.claim_from_ui(self.shop2.id, s.id),
            _exactly("{name} cannot be accepted here: " + reason),
        )

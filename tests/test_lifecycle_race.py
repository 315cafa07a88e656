# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import random
import threading
import time
from collections import Counter, namedtuple
from uuid import uuid4

from psycopg2 import errors

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .race_common import CommittedTerminalsCase, all_overlapped

_logger = logging.getLogger(__name__)

ROUNDS = 50
# Odoo retries a request that hit a serialization failure (odoo.service.model
# .retrying); a bounded number of fresh transactions here too.
ATTEMPTS = 5
LIFETIME_HOURS = 24
# Each call starts up to this many seconds after the others: the quicker
# calls (recall, the cron) would otherwise always lock the row first. Below
# the calls' own length (10-15 ms on an idle machine), so that they still
# overlap in most rounds: at 0.04 s, an idle machine overlapped two or three
# calls in 18 to 29 rounds of 50 only (a loaded one, with slower calls, more).
JITTER = 0.02
PAYMENT_HEADSTART = 0.3

# How one request ended: kind "ok" (detail is its result), "refused" (a
# UserError, detail is its message) or "crashed"; attempts made; the start and
# end of its first attempt (time.monotonic()), the one that raced the others.
Outcome = namedtuple("Outcome", "kind detail attempts start end")


@tagged("post_install", "-at_install")
class TestLifecycleRace(CommittedTerminalsCase):
    """Real concurrent transitions (see CommittedTerminalsCase): every round
    must end in one consistent state."""

    TERMINALS = [
        ("Lifecycle Race Sender", "send"),
        ("Lifecycle Race A", "receive"),
        ("Lifecycle Race B", "receive"),
    ]
    LOGIN = "shop_sync_lifecycle_race_cashier"

    @classmethod
    def _create_extra(cls, env):
        company = env.ref("base.main_company")
        previous_hours = company.shop_sync_expiry_hours
        company.shop_sync_expiry_hours = LIFETIME_HOURS
        product = env["product.product"].create(
            {
                "name": "Lifecycle Race Widget",
                "available_in_pos": True,
                "list_price": 5,
                # No picking for the paid orders of the payment race.
                "type": "service",
                "taxes_id": [Command.clear()],
            }
        )
        sender, receiver_a, receiver_b = cls.fixture["config_ids"]
        return {
            "previous_hours": previous_hours,
            "sender": sender,
            "a": receiver_a,
            "b": receiver_b,
            "product_id": product.id,
        }

    @classmethod
    def _remove_extra(cls, env):
        # The payment race's paid orders, which the ORM does not delete.
        env.cr.execute(
            "DELETE FROM pos_order WHERE session_id IN"
            " (SELECT id FROM pos_session WHERE config_id = ANY(%s))",
            [cls.fixture["config_ids"]],
        )
        product = env["product.product"].browse(cls.fixture["product_id"])
        product.available_in_pos = False  # else refused while sessions are open
        product.unlink()
        env["res.company"].browse(
            cls.fixture["company_id"]
        ).shop_sync_expiry_hours = cls.fixture["previous_hours"]

    def setUp(self):
        super().setUp()
        self._overlapping = 0

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _sync_model(self, cr, superuser=False):
        return self._env(cr, superuser)["pos.shop.sync"]

    def _send(self, targets, overdue=False):
        """Send a committed transfer to ``targets`` (a broadcast for several);
        ``overdue`` makes it older than its lifetime."""
        with self.registry.cursor() as cr:
            result = self._sync_model(cr).send_from_ui(
                self.fixture["sender"],
                {
                    "uuid": str(uuid4()),
                    "sync_type": "broadcast" if len(targets) > 1 else "assigned",
                    "target_config_ids": targets,
                    "lines": [{"product_id": self.fixture["product_id"], "qty": 1}],
                },
            )
            if overdue:
                cr.execute(
                    "UPDATE pos_shop_sync SET pending_since = pending_since"
                    " - make_interval(hours => %s) WHERE id = %s",
                    [LIFETIME_HOURS + 1, result["id"]],
                )
        return result["id"]

    def _request(self, call, superuser=False):
        """Run ``call(Sync)`` as one request: a fresh transaction, committed;
        retried in a new one when it hits a serialization failure, as Odoo
        retries requests.

        :return: an ``Outcome``
        """
        first = None
        for attempt in range(1, ATTEMPTS + 1):
            start, retry = time.monotonic(), False
            with self.registry.cursor() as cr:
                try:
                    result = call(self._sync_model(cr, superuser))
                    cr.commit()  # pylint: disable=invalid-commit  # a real race needs commits
                    outcome = ("ok", result)
                except errors.SerializationFailure as error:
                    cr.rollback()
                    outcome, retry = ("crashed", repr(error)), attempt < ATTEMPTS
                except UserError as error:
                    cr.rollback()
                    outcome = ("refused", str(error))
                except Exception as error:  # noqa: BLE001 - reported by the test
                    cr.rollback()
                    outcome = ("crashed", repr(error))
            first = first or (start, time.monotonic())
            if not retry:
                return Outcome(*outcome, attempt, *first)
            time.sleep(random.uniform(0, 0.01))

    def _race(self, *calls):
        """Start every ``(call, superuser)`` at the same moment, each as its
        own request; return their outcomes in the same order."""
        barrier = threading.Barrier(len(calls))
        outcomes = [None] * len(calls)

        def run(index, call, superuser):
            barrier.wait(timeout=30)
            time.sleep(random.uniform(0, JITTER))
            outcomes[index] = self._request(call, superuser)

        threads = [
            threading.Thread(target=run, args=(index, call, superuser))
            for index, (call, superuser) in enumerate(calls)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        for outcome in outcomes:
            self.assertIsNotNone(outcome, "a thread did not finish")
            self.assertNotEqual(outcome.kind, "crashed", outcome)
        # The first attempts ran at the same time: a real race, not a sequence.
        self._overlapping += all_overlapped((o.start, o.end) for o in outcomes)
        return outcomes

    def _committed(self, sync_id):
        """The transfer as committed, read through a fresh cursor."""
        with self.registry.cursor() as cr:
            sync = self._sync_model(cr, superuser=True).browse(sync_id)
            return {
                "name": sync.name,
                "state": sync.state,
                "receiver": sync.receiver_config_id.id,
                "declined": set(sync.declined_config_ids.ids),
                "messages": len(sync.message_ids),
            }

    def _still_refused(self, call, expected):
        """Once the race is over, ``call`` is refused in a fresh transaction."""
        kind, detail, *__ = self._request(call)
        self.assertEqual(kind, "refused", detail)
        self.assertIn(expected, detail)

    def _accepted_by(self, row, config_id):
        terminal = self.fixture["names"][config_id]
        return f"{row['name']} was already accepted by {terminal} at "

    def _claim(self, config_id, sync_id):
        return (lambda Sync: Sync.claim_from_ui(config_id, sync_id), False)

    def _recall(self, sync_id):
        sender = self.fixture["sender"]
        return (lambda Sync: Sync.cancel_from_ui(sender, sync_id), False)

    def _decline(self, config_id, sync_id):
        return (
            lambda Sync: Sync.decline_from_ui(config_id, sync_id, "Not here"),
            False,
        )

    def _report(self, race, counts, started):
        rounds = sum(counts[k] for k in counts if not k.startswith("retried"))
        _logger.info(
            "%s: %s rounds in %.1f s (%s with the calls overlapping), outcomes %s",
            race,
            rounds,
            time.monotonic() - started,
            self._overlapping,
            dict(sorted(counts.items())),
        )
        self.assertEqual(rounds, ROUNDS)

    def _assert_raced(self, counts, *sides):
        """The race really raced: the calls overlapped in most rounds, and
        each side (a key of ``counts``) won at least once."""
        self.assertOverlappedMostly(self._overlapping, ROUNDS)
        for side in sides:
            self.assertGreaterEqual(counts[side], 1, f"{side!r} never won: {counts}")

    # ------------------------------------------------------------------
    # The races
    # ------------------------------------------------------------------

    def test_claim_against_recall(self):
        a, counts, started = self.fixture["a"], Counter(), time.monotonic()
        for __ in range(ROUNDS):
            sync_id = self._send([a])
            claim, recall = self._race(self._claim(a, sync_id), self._recall(sync_id))
            row = self._committed(sync_id)
            # Created, then exactly one transition in the chatter.
            self.assertEqual(row["messages"], 2, row)
            if row["state"] == "claimed":
                self.assertEqual(claim.kind, "ok", claim)
                self.assertEqual(row["receiver"], a)
                self.assertEqual(recall.kind, "refused", recall)
                self.assertIn(self._accepted_by(row, a), recall.detail)
                self._still_refused(self._recall(sync_id)[0], self._accepted_by(row, a))
            else:
                self.assertEqual(row["state"], "cancelled", row)
                self.assertFalse(row["receiver"], row)
                self.assertEqual(recall.kind, "ok", recall)
                self.assertEqual(claim.kind, "refused", claim)
                self.assertIn(
                    "can no longer be accepted (status: Cancelled)", claim.detail
                )
                self._still_refused(self._claim(a, sync_id)[0], "(status: Cancelled)")
            counts[row["state"]] += 1
            counts["retried calls"] += (claim.attempts > 1) + (recall.attempts > 1)
        self._report("claim vs recall", counts, started)
        self._assert_raced(counts, "claimed", "cancelled")

    def test_claim_against_expiry(self):
        a, counts, started = self.fixture["a"], Counter(), time.monotonic()
        cron = (lambda Sync: Sync._cron_expire_transfers(), True)
        for __ in range(ROUNDS):
            sync_id = self._send([a], overdue=True)
            claim, expiry = self._race(self._claim(a, sync_id), cron)
            row = self._committed(sync_id)
            self.assertEqual(row["messages"], 2, row)
            # The scheduled action never fails, not even with a serialization
            # error: it leaves a transfer accepted meanwhile to its next run.
            self.assertEqual((expiry.kind, expiry.attempts), ("ok", 1), expiry)
            if row["state"] == "claimed":
                self.assertEqual(claim.kind, "ok", claim)
                self.assertEqual(row["receiver"], a)
                # Its next run leaves it accepted.
                self.assertEqual(self._request(*cron).kind, "ok")
                self.assertEqual(self._committed(sync_id)["state"], "claimed")
            else:
                self.assertEqual(row["state"], "expired", row)
                self.assertFalse(row["receiver"], row)
                self.assertEqual(claim.kind, "refused", claim)
                self.assertIn(
                    "can no longer be accepted (status: Expired)", claim.detail
                )
                self._still_refused(self._claim(a, sync_id)[0], "(status: Expired)")
            counts[row["state"]] += 1
            counts["retried calls"] += claim.attempts > 1
        self._report("claim vs expiry", counts, started)
        self._assert_raced(counts, "claimed", "expired")

    def test_claim_against_decline_of_a_broadcast(self):
        """A claims while B declines: B's decline never stops A's claim."""
        a, b = self.fixture["a"], self.fixture["b"]
        counts, started = Counter(), time.monotonic()
        for __ in range(ROUNDS):
            sync_id = self._send([a, b])
            claim, decline = self._race(
                self._claim(a, sync_id), self._decline(b, sync_id)
            )
            row = self._committed(sync_id)
            self.assertEqual(row["state"], "claimed", (row, claim, decline))
            self.assertEqual(row["receiver"], a)
            self.assertEqual(claim.kind, "ok", claim)
            if decline.kind == "ok":
                # Declined first: the claim was retried on top of it.
                self.assertEqual(row["declined"], {b})
                self.assertEqual(row["messages"], 3, row)
                counts["declined then claimed"] += 1
            else:
                self.assertIn(self._accepted_by(row, a), decline.detail)
                self.assertEqual(row["declined"], set())
                self.assertEqual(row["messages"], 2, row)
                self._still_refused(
                    self._decline(b, sync_id)[0], self._accepted_by(row, a)
                )
                counts["claimed, decline refused"] += 1
            counts["retried calls"] += (claim.attempts > 1) + (decline.attempts > 1)
        self._report("claim vs decline (broadcast)", counts, started)
        self._assert_raced(counts, "declined then claimed", "claimed, decline refused")

    def test_claim_against_decline_by_the_same_target(self):
        """The target of an assigned transfer claims and declines it at once."""
        a, counts, started = self.fixture["a"], Counter(), time.monotonic()
        for __ in range(ROUNDS):
            sync_id = self._send([a])
            claim, decline = self._race(
                self._claim(a, sync_id), self._decline(a, sync_id)
            )
            row = self._committed(sync_id)
            self.assertEqual(row["messages"], 2, row)
            if row["state"] == "claimed":
                self.assertEqual(claim.kind, "ok", claim)
                self.assertEqual(row["receiver"], a)
                self.assertEqual(row["declined"], set())
                self.assertEqual(decline.kind, "refused", decline)
                self.assertIn(self._accepted_by(row, a), decline.detail)
            else:
                self.assertEqual(row["state"], "declined", row)
                self.assertFalse(row["receiver"], row)
                self.assertEqual(row["declined"], {a})
                self.assertEqual(decline.kind, "ok", decline)
                self.assertEqual(claim.kind, "refused", claim)
                self.assertRegex(
                    claim.detail,
                    rf"This terminal declined {row['name']}\.|"
                    r"can no longer be accepted \(status: Declined\)",
                )
                self._still_refused(
                    self._claim(a, sync_id)[0], "This terminal declined"
                )
            counts[row["state"]] += 1
            counts["retried calls"] += (claim.attempts > 1) + (decline.attempts > 1)
        self._report("claim vs decline (assigned)", counts, started)
        self._assert_raced(counts, "claimed", "declined")

    def test_two_claims_against_recall(self):
        a, b = self.fixture["a"], self.fixture["b"]
        counts, started = Counter(), time.monotonic()
        for __ in range(ROUNDS):
            sync_id = self._send([a, b])
            claim_a, claim_b, recall = self._race(
                self._claim(a, sync_id), self._claim(b, sync_id), self._recall(sync_id)
            )
            row = self._committed(sync_id)
            self.assertEqual(row["messages"], 2, row)
            claims = {a: claim_a, b: claim_b}
            winners = [c for c, outcome in claims.items() if outcome.kind == "ok"]
            if row["state"] == "claimed":
                self.assertEqual(winners, [row["receiver"]], (row, claims))
                (loser,) = set(claims) - set(winners)
                self.assertEqual(claims[loser].kind, "refused")
                self.assertIn(self._accepted_by(row, winners[0]), claims[loser].detail)
                self.assertEqual(recall.kind, "refused", recall)
                self.assertIn(self._accepted_by(row, winners[0]), recall.detail)
                counts[f"claimed by {self.fixture['names'][winners[0]]}"] += 1
            else:
                self.assertEqual(row["state"], "cancelled", row)
                self.assertFalse(row["receiver"], row)
                self.assertEqual(winners, [], claims)
                self.assertEqual(recall.kind, "ok", recall)
                for outcome in claims.values():
                    self.assertIn("(status: Cancelled)", outcome.detail)
                counts["cancelled"] += 1
            counts["retried calls"] += sum(
                o.attempts > 1 for o in (claim_a, claim_b, recall)
            )
        self._report("two claims vs recall", counts, started)
        self._assert_raced(counts)

    def test_both_targets_decline_a_broadcast_at_once(self):
        """Each decline sees the other's: the last one makes it declined."""
        a, b = self.fixture["a"], self.fixture["b"]
        counts, started = Counter(), time.monotonic()
        for __ in range(ROUNDS):
            sync_id = self._send([a, b])
            declines = self._race(self._decline(a, sync_id), self._decline(b, sync_id))
            row = self._committed(sync_id)
            self.assertEqual([d.kind for d in declines], ["ok", "ok"], declines)
            self.assertEqual(row["state"], "declined", row)
            self.assertEqual(row["declined"], {a, b})
            self.assertEqual(row["messages"], 3, row)
            counts["declined by both"] += 1
            counts["retried calls"] += sum(d.attempts > 1 for d in declines)
        self._report("decline vs decline (broadcast)", counts, started)
        self._assert_raced(counts)

    def test_release_against_claim(self):
        """A gives back a broadcast it accepted while B claims it: B gets it
        only once A's release committed; never claimed by both."""
        a, b = self.fixture["a"], self.fixture["b"]
        counts, started = Counter(), time.monotonic()
        release = (lambda Sync: Sync.release_from_ui(a, sync_id), False)
        for __ in range(ROUNDS):
            sync_id = self._send([a, b])
            self.assertEqual(self._request(*self._claim(a, sync_id)).kind, "ok")
            released, claim = self._race(release, self._claim(b, sync_id))
            row = self._committed(sync_id)
            self.assertEqual(released.kind, "ok", released)
            if row["state"] == "claimed":
                # Released first: B's claim, retried on top of it, won.
                self.assertEqual(row["receiver"], b)
                self.assertEqual(claim.kind, "ok", claim)
                self.assertEqual(row["messages"], 4, row)
                counts["released, then claimed"] += 1
            else:
                self.assertEqual(row["state"], "pending", row)
                self.assertFalse(row["receiver"], row)
                self.assertEqual(claim.kind, "refused", claim)
                self.assertIn(self._accepted_by(row, a), claim.detail)
                self.assertEqual(row["messages"], 3, row)
                counts["claim refused, released"] += 1
            counts["retried calls"] += (claim.attempts > 1) + (released.attempts > 1)
        self._report("release vs claim", counts, started)
        self._assert_raced(counts, "released, then claimed", "claim refused, released")

    def _pay(self, config_id, sync_id):
        """The POS of ``config_id`` saves a paid order rebuilt from ``sync_id``."""
        product_id = self.fixture["product_id"]

        def pay(Sync):
            env = Sync.env
            session = env["pos.session"].search(
                [("config_id", "=", config_id), ("state", "!=", "closed")], limit=1
            )
            uuid = str(uuid4())
            return env["pos.order"].sync_from_ui(
                [
                    {
                        "uuid": uuid,
                        "name": f"Order {uuid}",
                        "session_id": session.id,
                        "user_id": env.uid,
                        "sequence_number": 1,
                        "date_order": fields.Datetime.to_string(fields.Datetime.now()),
                        "pricelist_id": session.config_id.pricelist_id.id,
                        "fiscal_position_id": False,
                        "partner_id": False,
                        "last_order_preparation_change": "{}",
                        "to_invoice": False,
                        "amount_paid": 5.0,
                        "amount_return": 0,
                        "amount_tax": 0,
                        "amount_total": 5.0,
                        "shop_sync_id": sync_id,
                        "lines": [
                            Command.create(
                                {
                                    "product_id": product_id,
                                    "qty": 1,
                                    "price_unit": 5.0,
                                    "price_subtotal": 5.0,
                                    "price_subtotal_incl": 5.0,
                                    "tax_ids": [Command.clear()],
                                    "pack_lot_ids": [],
                                }
                            )
                        ],
                        "payment_ids": [
                            Command.create(
                                {
                                    "amount": 5.0,
                                    "name": fields.Datetime.now(),
                                    "payment_method_id": self.fixture["method_id"],
                                }
                            )
                        ],
                    }
                ]
            )

        return (pay, False)

    def test_payment_against_release(self):
        """A pays the cart of a transfer it accepted while a manager's release
        (the session closing, the order deleted elsewhere) gives it back: paid
        either way, never pending with a paid order."""
        a, b = self.fixture["a"], self.fixture["b"]
        counts, started = Counter(), time.monotonic()

        def release(Sync):
            # A payment saves a whole order before it reaches the transfer: the
            # release, much quicker, starts up to that long after it.
            time.sleep(random.uniform(0, PAYMENT_HEADSTART))
            return Sync.release_from_ui(a, sync_id)

        release = (release, False)
        for __ in range(ROUNDS):
            sync_id = self._send([a, b])
            self.assertEqual(self._request(*self._claim(a, sync_id)).kind, "ok")
            paid, released = self._race(self._pay(a, sync_id), release)
            row = self._committed(sync_id)
            self.assertEqual(paid.kind, "ok", paid)
            self.assertEqual((row["state"], row["receiver"]), ("done", a), row)
            if released.kind == "ok":
                # Released first: the payment, retried on top of it, sold it.
                self.assertEqual(row["messages"], 4, row)
                counts["released, then paid"] += 1
            else:
                self.assertIn("is not accepted (status: Done)", released.detail)
                self.assertEqual(row["messages"], 3, row)
                counts["paid, release refused"] += 1
            counts["retried calls"] += (paid.attempts > 1) + (released.attempts > 1)
        self._report("payment vs release", counts, started)
        self._assert_raced(counts, "released, then paid", "paid, release refused")

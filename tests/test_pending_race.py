# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
import time
from uuid import uuid4

from odoo.exceptions import UserError
from odoo.tests import tagged

from .race_common import CommittedTerminalsCase, most_in_flight

ROUNDS = 5
SENDS = 20
LIMIT = 5


@tagged("post_install", "-at_install")
class TestPendingLimitRace(CommittedTerminalsCase):
    """Real concurrent sends from one terminal (see CommittedTerminalsCase)
    against its company's pending limit: a count alone lets them overshoot it."""

    TERMINALS = [("Limit Race Shop 0", "send"), ("Limit Race Shop 1", "receive")]
    LOGIN = "shop_sync_limit_race_cashier"

    @classmethod
    def _create_extra(cls, env):
        company = env.ref("base.main_company")
        previous = company.shop_sync_max_pending
        company.shop_sync_max_pending = LIMIT
        return {"previous_max_pending": previous}

    @classmethod
    def _remove_extra(cls, env):
        env.ref("base.main_company").shop_sync_max_pending = cls.fixture[
            "previous_max_pending"
        ]

    def _product_id(self, cr):
        cr.execute(
            "SELECT id FROM product_product WHERE active AND product_tmpl_id IN"
            " (SELECT id FROM product_template WHERE available_in_pos AND active"
            " AND company_id IS NULL) ORDER BY id LIMIT 1"
        )
        return cr.fetchone()[0]

    def _pending_count(self, sender):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM pos_shop_sync"
                " WHERE sender_config_id = %s AND state = 'pending'",
                [sender],
            )
            return cr.fetchone()[0]

    def _send_all_at_once(self):
        """SENDS sends of the terminal at the same moment; return their
        outcomes: ``(kind, message, started, ended)``."""
        sender, receiver = self.fixture["config_ids"]
        with self.registry.cursor() as cr:
            product_id = self._product_id(cr)
        barrier = threading.Barrier(SENDS)
        outcomes = []

        def send():
            payload = {
                "uuid": str(uuid4()),
                "sync_type": "assigned",
                "target_config_ids": [receiver],
                "lines": [{"product_id": product_id, "qty": 1}],
            }
            with self.registry.cursor() as cr:
                barrier.wait(timeout=30)
                started = time.monotonic()
                try:
                    self._env(cr)["pos.shop.sync"].send_from_ui(sender, payload)
                    cr.commit()  # pylint: disable=invalid-commit  # a real race needs commits
                    outcome = ("sent", None)
                except UserError as error:
                    cr.rollback()
                    outcome = ("refused", str(error))
                except Exception as error:  # noqa: BLE001 - reported by the test
                    cr.rollback()
                    outcome = ("crashed", repr(error))
                outcomes.append((*outcome, started, time.monotonic()))

        threads = [threading.Thread(target=send) for __ in range(SENDS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return outcomes

    def _cancel_pending(self, sender):
        with self.registry.cursor() as cr:
            self._env(cr, superuser=True)["pos.shop.sync"].search(
                [("sender_config_id", "=", sender), ("state", "=", "pending")]
            ).write({"state": "cancelled"})

    def test_twenty_racing_sends_at_a_limit_of_five_leave_exactly_five(self):
        sender = self.fixture["config_ids"][0]
        name = self.fixture["names"][sender]
        overlapped = 0
        for __ in range(ROUNDS):
            self._cancel_pending(sender)
            outcomes = self._send_all_at_once()
            self.assertEqual(len(outcomes), SENDS, outcomes)
            kinds = [kind for kind, *__ in outcomes]
            self.assertEqual(kinds.count("sent"), LIMIT, outcomes)
            self.assertEqual(kinds.count("refused"), SENDS - LIMIT, outcomes)
            for kind, message, *__ in outcomes:
                if kind == "refused":
                    self.assertIn(
                        f"Terminal {name} already has {LIMIT} transfers waiting",
                        message,
                    )
            self.assertEqual(self._pending_count(sender), LIMIT)
            # More sends than the limit ran at once: without the lock, each of
            # them could have counted fewer than LIMIT pending transfers.
            intervals = [(started, ended) for *__, started, ended in outcomes]
            overlapped += most_in_flight(intervals) > LIMIT
        self.assertOverlappedMostly(overlapped, ROUNDS)

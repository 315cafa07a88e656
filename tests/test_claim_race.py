# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
import time
from uuid import uuid4

from odoo.exceptions import UserError
from odoo.tests import tagged

from .race_common import CommittedTerminalsCase, all_overlapped

ROUNDS = 50
CLAIMERS = 5
SEND_ROUNDS = 10


@tagged("post_install", "-at_install")
class TestClaimRace(CommittedTerminalsCase):
    """Real concurrent claims (see CommittedTerminalsCase)."""

    TERMINALS = [("Race Shop 0", "send")] + [
        (f"Race Shop {n}", "receive") for n in range(1, CLAIMERS + 1)
    ]
    LOGIN = "shop_sync_race_cashier"

    def _broadcast(self):
        sender, *receivers = self.fixture["config_ids"]
        with self.registry.cursor() as cr:
            result = self._env(cr)["pos.shop.sync"].send_from_ui(
                sender,
                {
                    "uuid": str(uuid4()),
                    "sync_type": "broadcast",
                    "target_config_ids": receivers,
                    "lines": [{"product_id": self._product_id(cr), "qty": 1}],
                },
            )
        return result["id"]

    def _product_id(self, cr):
        cr.execute(
            "SELECT id FROM product_product WHERE active AND product_tmpl_id IN"
            " (SELECT id FROM product_template WHERE available_in_pos AND active"
            " AND company_id IS NULL) ORDER BY id LIMIT 1"
        )
        return cr.fetchone()[0]

    def _claim_all_at_once(self, sync_id):
        """Every receiver claims ``sync_id`` at the same moment; return the
        outcomes and whether the claims all overlapped (see ``all_overlapped``)."""
        receivers = self.fixture["config_ids"][1:]
        barrier = threading.Barrier(len(receivers))
        outcomes = {}
        intervals = []

        def claim(config_id):
            with self.registry.cursor() as cr:
                barrier.wait(timeout=30)
                start = time.monotonic()
                try:
                    self._env(cr)["pos.shop.sync"].claim_from_ui(config_id, sync_id)
                    cr.commit()  # pylint: disable=invalid-commit  # a real race needs commits
                    outcomes[config_id] = ("won", None)
                except UserError as error:
                    cr.rollback()
                    outcomes[config_id] = ("lost", str(error))
                except Exception as error:  # noqa: BLE001 - reported by the test
                    cr.rollback()
                    outcomes[config_id] = ("crashed", repr(error))
                intervals.append((start, time.monotonic()))

        threads = [threading.Thread(target=claim, args=(c,)) for c in receivers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcomes, all_overlapped(intervals)

    def test_exactly_one_of_five_concurrent_claims_wins(self):
        overlapping = 0
        for __ in range(ROUNDS):
            sync_id = self._broadcast()
            outcomes, overlapped = self._claim_all_at_once(sync_id)
            overlapping += overlapped
            self.assertEqual(len(outcomes), CLAIMERS, outcomes)
            winners = [c for c, (kind, __) in outcomes.items() if kind == "won"]
            self.assertEqual(len(winners), 1, outcomes)
            with self.registry.cursor() as cr:
                sync = self._env(cr)["pos.shop.sync"].sudo().browse(sync_id)
                self.assertEqual(sync.state, "claimed")
                self.assertEqual(sync.receiver_config_id.id, winners[0])
                winner_name = sync.receiver_config_id.name
                sync_name = sync.name
            for config_id, (kind, message) in outcomes.items():
                if config_id != winners[0]:
                    self.assertEqual(kind, "lost", message)
                    self.assertIn(
                        f"{sync_name} was already accepted by {winner_name} at", message
                    )
        self.assertOverlappedMostly(overlapping, ROUNDS)

    def test_the_same_send_twice_at_once_makes_one_transfer(self):
        sender, *receivers = self.fixture["config_ids"]
        overlapping = 0
        for __ in range(SEND_ROUNDS):
            with self.registry.cursor() as cr:
                product_id = self._product_id(cr)
            payload = {
                "uuid": str(uuid4()),
                "sync_type": "assigned",
                "target_config_ids": receivers[:1],
                "lines": [{"product_id": product_id, "qty": 1}],
            }
            barrier = threading.Barrier(2)
            results = []
            intervals = []

            def send(payload, barrier, results, intervals):
                with self.registry.cursor() as cr:
                    barrier.wait(timeout=30)
                    start = time.monotonic()
                    result = self._env(cr)["pos.shop.sync"].send_from_ui(
                        sender, payload
                    )
                    cr.commit()  # pylint: disable=invalid-commit
                    intervals.append((start, time.monotonic()))
                    results.append(result)

            threads = [
                threading.Thread(
                    target=send, args=(payload, barrier, results, intervals)
                )
                for __ in range(2)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            self.assertEqual(len(results), 2)
            self.assertEqual(results[0], results[1])
            overlapping += all_overlapped(intervals)
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM pos_shop_sync WHERE uuid = %s",
                    [payload["uuid"]],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        self.assertOverlappedMostly(overlapping, SEND_ROUNDS)

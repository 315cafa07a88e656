# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged, warmup

from odoo.addons.pos_shop_sync.models.pos_shop_sync_bus_mixin import CHANGES_KEY

from .common import ShopSyncCommon

# Budgets on Odoo 18.0 Community (warm caches); exceeding one is a regression.
# The send has one query of slack: in the full suite a send now and then starts
# with a read of the user's whole row that this module does not ask for.
# 29 queries (30 with the slack) since 18.0.1.4.0 (34 before): the products'
# names in one query where display_name took up to six (none for a cart
# without variants), the lines' and the transfer's amounts given at the insert
# (no UPDATE of the new rows), the terminal's fields of other modules fetched
# with it (its whole row was read for them), the client reference looked up
# with its lock, the user's company fetched with its partner (env.company read
# the user's whole row). It holds the count of the terminal's pending
# transfers (res.company.shop_sync_max_pending), made again through a new
# cursor after the lock that serializes the sends of one terminal, so that
# racing sends cannot overshoot the limit.
SEND_QUERIES = 30
INCOMING_QUERIES = 5
# The list without its lines (as the POS reads it): one query fewer.
INCOMING_LIST_QUERIES = 4
# The ids of a terminal's lists (the terminal's checks, then one query).
STATE_QUERIES = 3
# The fan-out of a send to two terminals: the transfer, its targets and
# declines, the terminals' tokens, and the bus rows (one INSERT).
FAN_OUT_QUERIES = 4
# One more (20 before) for the targets and declines of the transfer before it
# changes: the terminals whose lists change are told (pos_shop_sync_bus_mixin).
CLAIM_QUERIES = 21


@tagged("post_install", "-at_install", "is_query_count")
class TestQueryCounts(ShopSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.products = cls.env["product.product"].create(
            [
                {
                    "name": f"Bulk {n}",
                    "available_in_pos": True,
                    "list_price": n,
                    "taxes_id": [(6, 0, cls.taxes["tax7"].ids)],
                }
                for n in range(1, 31)
            ]
        )
        cls.untaxed_products = cls.env["product.product"].create(
            [
                {
                    "name": f"Untaxed {n}",
                    "available_in_pos": True,
                    "list_price": n,
                    "taxes_id": [Command.clear()],
                }
                for n in range(1, 11)
            ]
        )

    def _lines(self, count):
        return [
            {"product_id": p.id, "qty": 1.0, "price_unit": 5.0, "discount": 5.0}
            for p in self.products[:count]
        ]

    def _counted(self, expected, call, *args):
        """Run ``call`` with cold record caches under ``assertQueryCount``.

        Returns the number of queries the call made, its flush included.
        """
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(expected):
            before = self.env.cr.sql_log_count
            result = call(*args)
            self.env.flush_all()
            count = self.env.cr.sql_log_count - before
        return count, result

    @warmup
    def test_send_costs_the_same_for_1_and_30_lines(self):
        counts = [
            self._counted(
                SEND_QUERIES,
                self.Sync.send_from_ui,
                self.shop1.id,
                self._payload(lines=self._lines(size)),
            )[0]
            for size in (1, 30)
        ]
        if self.warm:
            # At most the one query of slack (the user's whole row, read now and
            # then in the full suite, see SEND_QUERIES): a cost per line would
            # add 29 for the 30-line cart.
            self.assertLessEqual(
                abs(counts[1] - counts[0]), 1, "send costs more queries per line"
            )

    def test_send_leaves_untaxed_lines_cached_as_untaxed(self):
        # Else computing their amounts reads their (empty) taxes back.
        lines = [
            {"product_id": product.id, "qty": 1.0, "price_unit": 5.0}
            for product in self.untaxed_products
        ]
        result = self.Sync.send_from_ui(self.shop1.id, self._payload(lines=lines))
        sync = self.Sync.sudo().browse(result["id"])
        with self.assertQueryCount(0, flush=False):
            self.assertFalse(sync.line_ids.tax_ids)
        self.env.flush_all()
        self.assertEqual(sync.amount_total, 50.0)

    def _assert_incoming_flat(self, sizes, fill, with_lines=True):
        """Assert ``get_incoming`` makes as many queries for each list size.

        :param fill: called with a number of transfers to add to the list
        :param with_lines: with their lines, a list holds at most
            LINES_LIST_LIMIT transfers; without, LIST_LIMIT
        """
        # @warmup runs a test twice: start each run from an empty list.
        self.env["pos.shop.sync"].search(
            [("state", "=", "pending")]
        ).state = "cancelled"
        counts = []
        for size in sizes:
            fill(size - len(self.Sync.get_incoming(self.shop2.id, with_lines=False)))
            count, incoming = self._counted(
                INCOMING_QUERIES if with_lines else INCOMING_LIST_QUERIES,
                self.Sync.get_incoming,
                self.shop2.id,
                with_lines,
            )
            self.assertEqual(len(incoming), size)
            counts.append(count)
        if self.warm:
            self.assertEqual(
                counts[0], counts[-1], "the list costs queries per transfer"
            )

    @warmup
    def test_get_incoming_costs_the_same_for_1_and_20_transfers(self):
        def send(count):
            for __ in range(count):
                self._send(lines=self._lines(3))

        # 20: the most a list with lines holds (LINES_LIST_LIMIT).
        self._assert_incoming_flat((1, 20), send)

    def _bulk_filler(self):
        """A function that adds that many pending transfers to Shop 2's list,
        in one batch (990 sends through the API take too long)."""
        template = self._send(lines=self._lines(1))
        template.sudo().state = "cancelled"

        def copy(count):
            self.env["pos.shop.sync"].sudo().with_context(
                mail_create_nolog=True, tracking_disable=True
            ).create(
                [
                    template.copy_data(
                        {"uuid": f"bulk-{count}-{n}-{self.warm}", "state": "pending"}
                    )[0]
                    | {"line_ids": [(0, 0, template.line_ids.copy_data()[0])]}
                    for n in range(count)
                ]
            )

        return copy

    @warmup
    def test_get_incoming_costs_the_same_for_10_and_1000_transfers(self):
        self._assert_incoming_flat((10, 1000), self._bulk_filler(), with_lines=False)

    @warmup
    def test_state_costs_the_same_for_10_and_1000_pending(self):
        fill = self._bulk_filler()
        self.env["pos.shop.sync"].search(
            [("state", "=", "pending")]
        ).state = "cancelled"
        counts = []
        for size in (10, 1000):
            fill(size - self.Sync.get_state(self.shop2.id)["counts"]["incoming"])
            count, state = self._counted(
                STATE_QUERIES, self.Sync.get_state, self.shop2.id
            )
            self.assertEqual(state["counts"]["incoming"], size)
            self.assertEqual(len(state["incoming"]), size)
            counts.append(count)
        if self.warm:
            self.assertEqual(
                counts[0], counts[1], "the state costs queries per transfer"
            )

    @warmup
    def test_event_fan_out_costs_the_same_for_10_and_1000_pending(self):
        """The end of a send's request: the lists of its terminals, their bus
        messages, whatever those lists hold."""
        self.company.shop_sync_max_pending = 2000  # 1000 pending from one terminal
        fill = self._bulk_filler()
        self.env["pos.shop.sync"].search(
            [("state", "=", "pending")]
        ).state = "cancelled"
        payload = {
            "sync_type": "broadcast",
            "target_config_ids": [self.shop2.id, self.shop3.id],
            "lines": self._lines(3),
        }
        counts = []
        for size in (10, 1000):
            fill(size - self.Sync.get_state(self.shop2.id)["counts"]["incoming"])
            self._end_request()
            told = len(self._bus_messages(self.shop3))
            self.Sync.send_from_ui(self.shop1.id, self._payload(**payload))
            # The fan-out alone, from cold caches: what the end of the request
            # runs for the transfers it changed (Odoo's own hooks apart).
            changes = self.env.cr.precommit.data.pop(CHANGES_KEY)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["pos.shop.sync"].sudo()._shop_sync_send_changes(changes)
            count = self.env.cr.sql_log_count - before
            self.assertLessEqual(count, FAN_OUT_QUERIES)
            self.assertEqual(len(self._bus_messages(self.shop3)), told + 1)
            counts.append(count)
        if self.warm:
            self.assertEqual(
                counts[0], counts[1], "an event costs queries per transfer"
            )

    @warmup
    def test_claim_costs_the_same_for_1_and_30_lines(self):
        counts = []
        for size in (1, 30):
            sync = self._send(lines=self._lines(size))
            count, claimed = self._counted(
                CLAIM_QUERIES, self.Sync.claim_from_ui, self.shop2.id, sync.id
            )
            self.assertEqual(len(claimed["lines"]), size)
            counts.append(count)
        if self.warm:
            self.assertEqual(counts[0], counts[1], "a claim costs queries per line")

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged, warmup

from .common import ShopSyncCommon

# Pinned on Odoo 18.0 Community; a change is a regression to explain.
SEND_QUERIES = 0
INCOMING_QUERIES = 0
CLAIM_QUERIES = 0


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

    def _lines(self, count):
        return [
            {"product_id": p.id, "qty": 1.0, "price_unit": 5.0, "discount": 5.0}
            for p in self.products[:count]
        ]

    @warmup
    def test_send_costs_the_same_for_1_and_30_lines(self):
        for count in (1, 30):
            payload = self._payload(lines=self._lines(count))
            self.env.invalidate_all()
            with self.assertQueryCount(SEND_QUERIES):
                self.Sync.send_from_ui(self.shop1.id, payload)
                self.env.flush_all()

    @warmup
    def test_get_incoming_costs_the_same_for_1_and_30_transfers(self):
        self._send()
        for total in (1, 30):
            while (
                self.env["pos.shop.sync"].search_count([("state", "=", "pending")])
                < total
            ):
                self._send(lines=self._lines(3))
            self.env.invalidate_all()
            with self.assertQueryCount(INCOMING_QUERIES):
                incoming = self.Sync.get_incoming(self.shop2.id)
            self.assertGreaterEqual(len(incoming), total)

    @warmup
    def test_claim_budget(self):
        sync = self._send()
        self.env.invalidate_all()
        with self.assertQueryCount(CLAIM_QUERIES):
            self.Sync.claim_from_ui(self.shop2.id, sync.id)
            self.env.flush_all()

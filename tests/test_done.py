# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestDone(ShopSyncCommon):
    def _pay_on(self, config, sync, **extra):
        """Sync a paid order of ``config`` holding the rebuilt cart of ``sync``,
        linked to it, as the POS does."""
        data = self._paid_order_data(config, self._rebuilt_lines(sync), sync, **extra)
        result = self.cashier_env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"]), data

    def test_paid_order_marks_the_transfer_done_once(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        order, data = self._pay_on(self.shop2, sync)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.shop_sync_id, sync)
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "done",
                    "pos_order_id": order.id,
                    "done_config_id": self.shop2.id,
                }
            ],
        )
        done_at, messages = sync.done_at, len(self._messages(sync))
        self.assertTrue(done_at)
        self.assertIn(f"Paid as {order.name} on Shop 2", self._messages(sync)[0].body)

        # Synced again (ignored by Odoo), then processed again (the backend
        # payment path): nothing changes.
        self.cashier_env["pos.order"].sync_from_ui([data])
        order._process_saved_order(False)
        self.assertEqual(
            self.env["pos.order"].search_count([("shop_sync_id", "=", sync.id)]), 1
        )
        self.assertEqual(sync.done_at, done_at)
        self.assertEqual(len(self._messages(sync)), messages)
        self.assertEqual(
            [m["event"] for m in self._bus_messages(self.shop2)],
            ["new", "claimed", "done"],
        )

    def test_draft_order_does_not_finish_the_transfer(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        order, __ = self._pay_on(self.shop2, sync, state="draft", payment_ids=[])
        self.assertEqual(order.state, "draft")
        self.assertEqual(sync.state, "claimed")

    def test_payment_wizard_marks_the_transfer_done(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        order, __ = self._pay_on(self.shop2, sync, state="draft", payment_ids=[])
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_id=order.id, active_ids=order.ids)
            .create(
                {
                    "amount": order.amount_total,
                    "payment_method_id": self.bank_pm1.id,
                }
            )
        )
        payment.check()
        self.assertEqual(order.state, "paid")
        self.assertEqual(sync.state, "done")
        self.assertEqual(sync.pos_order_id, order)

    def test_unknown_or_foreign_link_is_dropped_and_the_order_paid(self):
        other_company = self.env["res.company"].create({"name": "Sync Elsewhere"})
        foreign = self._send()
        # Bypass the ORM's company checks: the link must be refused all the same.
        self.env.cr.execute(
            "UPDATE pos_shop_sync SET company_id = %s WHERE id = %s",
            [other_company.id, foreign.id],
        )
        foreign.invalidate_recordset()
        for label, sync_id in (
            ("unknown", 99999999),
            ("malformed", "12"),
            ("other company", foreign.id),
        ):
            with self.subTest(label):
                order, __ = self._pay_on(self.shop2, foreign, shop_sync_id=sync_id)
                self.assertEqual(order.state, "paid")
                self.assertFalse(order.shop_sync_id)
        self.assertEqual(foreign.state, "pending")

    def test_invalid_links_never_block_payment(self):
        pending = self._send()
        claimed_elsewhere = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self.Sync.claim_from_ui(self.shop2.id, claimed_elsewhere.id)
        for label, sync, state in (
            ("not claimed", pending, "pending"),
            ("claimed by another terminal", claimed_elsewhere, "claimed"),
        ):
            with self.subTest(label):
                order, __ = self._pay_on(self.shop3, sync)
                self.assertEqual(order.state, "paid")
                self.assertFalse(order.shop_sync_id)
                self.assertEqual(sync.state, state)
                self.assertFalse(sync.pos_order_id)
                self.assertIn("which it had not accepted", self._messages(sync)[0].body)

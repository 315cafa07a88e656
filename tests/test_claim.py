# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestIncomingAndClaim(ShopSyncCommon):
    def test_get_incoming_lists_pending_transfers_for_this_terminal(self):
        first = self._send()
        second = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        claimed = self._send()
        self.Sync.claim_from_ui(self.shop2.id, claimed.id)

        incoming = self.Sync.get_incoming(self.shop2.id)
        self.assertEqual([t["id"] for t in incoming], [second.id, first.id])
        self.assertEqual(
            [t["id"] for t in self.Sync.get_incoming(self.shop3.id)], [second.id]
        )

        transfer = incoming[1]
        self.assertLessEqual(
            {
                "id",
                "name",
                "uuid",
                "state",
                "sync_type",
                "sender_config",
                "partner",
                "pricelist_id",
                "fiscal_position_id",
                "note",
                "create_date",
                "currency_id",
                "amount_total",
                "lines",
            },
            set(transfer),
        )
        self.assertEqual(transfer["name"], first.name)
        self.assertEqual(transfer["uuid"], first.uuid)
        self.assertEqual(transfer["state"], "pending")
        self.assertEqual(transfer["sync_type"], "assigned")
        self.assertEqual(
            transfer["sender_config"], {"id": self.shop1.id, "name": "Shop 1"}
        )
        self.assertEqual(
            transfer["partner"], {"id": self.customer.id, "name": self.customer.name}
        )
        self.assertEqual(transfer["pricelist_id"], self.currency_pricelist.id)
        self.assertFalse(transfer["fiscal_position_id"])
        self.assertEqual(transfer["note"], "Deliver after noon")
        self.assertEqual(transfer["currency_id"], self.shop1.currency_id.id)
        self.assertAlmostEqual(transfer["amount_total"], first.amount_total)
        created = datetime.fromisoformat(transfer["create_date"])
        self.assertEqual(created.utcoffset().total_seconds(), 0)
        self.assertEqual(created.replace(tzinfo=None), first.create_date)
        self.assertEqual(len(transfer["lines"]), 3)
        self.assertLessEqual(
            {
                "product_id": self.desk.id,
                "full_product_name": "Desk",
                "qty": 2.0,
                "price_unit": 80.0,
                "discount": 10.0,
                "customer_note": "Gift wrap",
                "note": "Scratch on the left leg",
                "price_subtotal_incl": 154.08,
            }.items(),
            transfer["lines"][0].items(),
        )

    def test_get_incoming_without_lines_and_get_transfer(self):
        sync = self._send()
        [summary] = self.Sync.get_incoming(self.shop2.id, with_lines=False)
        self.assertNotIn("lines", summary)
        self.assertEqual(summary["line_count"], 3)
        self.assertEqual(summary["item_count"], 6)
        self.assertEqual(summary["name"], sync.name)
        full = self.Sync.get_transfer(self.shop2.id, sync.id)
        # The list's dict, plus what this terminal cannot rebuild as sent.
        listed = self.Sync.get_incoming(self.shop2.id)[0]
        drift_keys = {"blocking_reasons", "warnings"}
        self.assertEqual(set(full) - set(listed), drift_keys)
        self.assertEqual(
            {k: full[k] for k in listed if k != "lines"},
            {k: v for k, v in listed.items() if k != "lines"},
        )
        for line, listed_line in zip(full["lines"], listed["lines"], strict=True):
            self.assertEqual(
                set(line) - set(listed_line),
                {"blocking_reason", "terminal_price", "negotiated"},
            )
            self.assertLessEqual(listed_line.items(), line.items())
        self.assertEqual(len(full["lines"]), 3)
        self.assertRefused(
            UserError,
            self.Sync.get_transfer,
            self.shop3.id,
            sync.id,
            message="was not sent to you",
        )

    def test_get_incoming_without_partner(self):
        self._send(partner_id=False)
        self.assertIs(self.Sync.get_incoming(self.shop2.id)[0]["partner"], False)

    def test_get_incoming_refused_to_a_terminal_that_does_not_receive(self):
        self.assertRefused(UserError, self.Sync.get_incoming, self.shop1.id)

    def test_claim_assigns_the_transfer_to_the_terminal(self):
        sync = self._send()
        result = self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(result["id"], sync.id)
        self.assertEqual(result["state"], "claimed")
        self.assertEqual(len(result["lines"]), 3)
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "claimed",
                    "receiver_config_id": self.shop2.id,
                    "receiver_session_id": self.shop2.current_session_id.id,
                    "receiver_user_id": self.cashier.id,
                }
            ],
        )
        self.assertTrue(sync.claimed_at)
        self.assertFalse(self.Sync.get_incoming(self.shop2.id))
        self.assertIn(
            "Accepted by Shop 2 (Cashier Claire)", self._messages(sync)[0].body
        )
        tracked = self._messages(sync)[0].tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)
        self.assertIn("receiver_config_id", tracked)

    def test_claim_again_by_the_same_terminal_returns_its_claim(self):
        sync = self._send()
        first = self.Sync.claim_from_ui(self.shop2.id, sync.id)
        claimed_at = sync.claimed_at
        again = self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(first, again)
        self.assertEqual(sync.claimed_at, claimed_at)

    def test_claim_of_a_taken_broadcast_names_the_winner(self):
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self.Sync.claim_from_ui(self.shop3.id, sync.id)
        error = self.assertRefused(
            UserError, self.Sync.claim_from_ui, self.shop2.id, sync.id
        )
        self.assertRegex(
            str(error), rf"^{sync.name} was already accepted by Shop 3 at \d\d:\d\d\.$"
        )
        self.assertEqual(sync.receiver_config_id, self.shop3)

    def test_claim_refusals(self):
        assigned = self._send()
        cancelled = self._send()
        cancelled.sudo().state = "cancelled"
        expired = self._send()
        expired.sudo().state = "expired"
        not_sent = "does not exist or was not sent to you"
        cases = [
            ("not targeted", UserError, not_sent, self.shop3.id, assigned.id),
            ("unknown transfer", UserError, not_sent, self.shop2.id, 99999999),
            ("malformed transfer", ValidationError, "malformed", self.shop2.id, "1"),
            ("float transfer", ValidationError, "malformed", self.shop2.id, 1.0),
            (
                "not a receiver",
                UserError,
                "is not allowed to receive orders",
                self.shop1.id,
                assigned.id,
            ),
            (
                "cancelled",
                UserError,
                "(status: Cancelled)",
                self.shop2.id,
                cancelled.id,
            ),
            ("expired", UserError, "(status: Expired)", self.shop2.id, expired.id),
        ]
        for label, exception, message, config_id, sync_id in cases:
            with self.subTest(label):
                self.assertRefused(
                    exception,
                    self.Sync.claim_from_ui,
                    config_id,
                    sync_id,
                    message=message,
                )
                self.assertEqual(assigned.state, "pending")

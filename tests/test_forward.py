# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestForward(ShopSyncCommon):
    """A terminal that accepted a transfer and did not pay it sends the cart on:
    a new transfer, the accepted one closed as forwarded to it, in one request.

    Shop 1 sends to Shop 2, which forwards to Shop 3 (all three as the cashier,
    through the API the POS calls)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.shop2 | cls.shop3).shop_sync_can_send = True
        cls.manager = cls._create_user(
            "shop_sync_forward_manager",
            "point_of_sale.group_pos_manager",
            name="Manager Max",
        )
        cls.manager_env = api.Environment(cls.cr, cls.manager.id, {})

    # ------------------------------------------------------------------
    # Helpers: each API call is one request
    # ------------------------------------------------------------------

    def _api(self, method, config, sync, *args):
        result = getattr(self.Sync, method)(config.id, sync.id, *args)
        self._end_request()
        return result

    def _accepted(self, config=None):
        """A transfer Shop 1 sent to ``config`` (Shop 2), accepted there."""
        config = config or self.shop2
        sync = self._send(target_config_ids=[config.id])
        self._api("claim_from_ui", config, sync)
        self.assertEqual(sync.state, "claimed")
        return sync

    def _forward(self, sync, config=None, targets=None, **overrides):
        """Send the cart of ``sync`` on from ``config`` (Shop 2) to ``targets``
        (Shop 3), as its POS does; return the new transfer."""
        return self._send(
            config=config or self.shop2,
            forward_of=sync.id,
            target_config_ids=(targets or self.shop3).ids,
            **overrides,
        )

    def _pay_on(self, config, sync):
        """Sync a paid order of ``config`` holding the rebuilt cart of ``sync``,
        linked to it, as the POS does."""
        order = self._pay_rebuilt(config, sync)
        self.assertEqual(order.state, "paid")
        return order

    def _bodies(self, sync):
        """The chatter of ``sync`` as plain texts, oldest first."""
        return [
            html2plaintext(message.body).strip()
            for message in self._messages(sync).sorted("id")
        ]

    def _events(self, config, sync):
        return [
            m["event"] for m in self._bus_messages(config) if m.get("id") == sync.id
        ]

    def _footprint(self, sync):
        """What a refused call must leave exactly as it was, on committed
        rows: no value, no chatter, no bus message, no transfer."""
        self.env.flush_all()
        messages = self._messages(sync)
        sync.invalidate_recordset()
        return {
            "values": sync.read(
                [
                    "state",
                    "receiver_config_id",
                    "claimed_at",
                    "forwarded_to_id",
                    "forwarded_from_id",
                    "pos_order_id",
                    "write_date",
                ]
            ),
            "messages": messages.ids,
            "bus": [
                self._events(shop, sync)
                for shop in self.shop1 | self.shop2 | self.shop3
            ],
            "rows": self._row_counts(),
        }

    def _assert_refused(self, sync, exception, call, message):
        """``call()`` raises exactly ``exception`` saying ``message`` and
        writes nothing. Caught without ``assertRaises``, whose savepoint would
        roll back what the call wrote before raising."""
        before = self._footprint(sync)
        try:
            call()
        except Exception as error:  # its class is asserted below
            caught = error
        else:
            self.fail(f"{call} was not refused")
        self.assertIs(type(caught), exception, caught)
        self.assertEqual(str(caught), message)
        self.assertEqual(self._footprint(sync), before, "a refused call wrote")

    # ------------------------------------------------------------------
    # The chain A -> B -> C
    # ------------------------------------------------------------------

    def test_forward_chain_paid_once(self):
        first = self._accepted()
        second = self._forward(first)
        self.assertRecordValues(
            first,
            [
                {
                    "state": "forwarded",
                    "receiver_config_id": self.shop2.id,
                    "forwarded_to_id": second.id,
                    "forwarded_from_id": False,
                    "pos_order_id": False,
                }
            ],
        )
        self.assertRecordValues(
            second,
            [
                {
                    "state": "pending",
                    "sender_config_id": self.shop2.id,
                    "sender_user_id": self.cashier.id,
                    "target_config_ids": self.shop3.ids,
                    "receiver_config_id": False,
                    "forwarded_from_id": first.id,
                    "forwarded_to_id": False,
                }
            ],
        )
        # The cart that left Shop 2 is the one Shop 3 sees.
        self.assertEqual(len(second.line_ids), 3)
        self.assertEqual(second.amount_total, first.amount_total)
        # Told: Shop 2, whose lists both transfers changed, to read its state
        # again; Shop 3 of the new one. Shop 1's lists did not change.
        self.assertEqual(self._events(self.shop1, first)[-1], "claimed")
        self.assertEqual(self._bus_messages(self.shop2)[-1], {"event": "resync"})
        self.assertEqual(self._events(self.shop3, first), [])
        self.assertEqual(self._events(self.shop3, second), ["new"])
        # The forwarder no longer holds it; it waits for Shop 3.
        recoverable = self.Sync.get_recoverable(self.shop2.id)
        self.assertEqual(recoverable["accepted"], [])
        self.assertEqual(
            [t["id"] for t in self.Sync.get_outgoing(self.shop2.id)], [second.id]
        )
        self.assertEqual(
            [t["id"] for t in self.Sync.get_incoming(self.shop3.id)], [second.id]
        )
        # Shop 2's session leaves open what it sent, not what it accepted.
        self.assertEqual(
            self.shop2.current_session_id._shop_sync_open_transfers(), second
        )

        self._api("claim_from_ui", self.shop3, second)
        order = self._pay_on(self.shop3, second)
        self.assertRecordValues(
            second,
            [
                {
                    "state": "done",
                    "pos_order_id": order.id,
                    "done_config_id": self.shop3.id,
                }
            ],
        )
        self.assertEqual(first.state, "forwarded")
        self.assertEqual(
            self.env["pos.order"].search(
                [("shop_sync_id", "in", (first | second).ids)]
            ),
            order,
            "the cart is paid once",
        )
        cashier = "(Cashier Claire)"
        self.assertEqual(
            self._bodies(first),
            [
                "Assigned transfer sent by Shop 1 (Cashier Claire) to Shop 2.",
                f"Accepted by Shop 2 {cashier}.",
                f"Forwarded by Shop 2 {cashier} to Shop 3 as {second.name}.",
            ],
        )
        self.assertEqual(
            self._bodies(second),
            [
                "Assigned transfer sent by Shop 2 (Cashier Claire) to Shop 3. "
                f"It forwards {first.name}, accepted by Shop 2.",
                f"Accepted by Shop 3 {cashier}.",
                f"Paid as {order.name} on Shop 3, as sent.",
            ],
        )

    def test_forward_retried_after_a_lost_answer_forwards_once(self):
        first = self._accepted()
        payload = self._payload(forward_of=first.id, target_config_ids=self.shop3.ids)
        result = self.Sync.send_from_ui(self.shop2.id, payload)
        self._end_request()
        again = self.Sync.send_from_ui(self.shop2.id, payload)
        self._end_request()
        self.assertEqual(again, result)
        self.assertEqual(first.forwarded_to_id.id, result["id"])
        self.assertEqual(
            self.env["pos.shop.sync"].search_count(
                [("forwarded_from_id", "=", first.id)]
            ),
            1,
        )

    def test_recall_of_the_forwarded_cart_returns_it_to_the_forwarder(self):
        """Shop 2 recalls what it forwarded, like any send of its own: the cart
        comes back to Shop 2, unlinked; the first transfer stays forwarded."""
        first = self._accepted()
        second = self._forward(first)
        recalled = self._api("cancel_from_ui", self.shop2, second)
        self.assertEqual(recalled["state"], "cancelled")
        self.assertEqual(len(recalled["lines"]), 3)
        self.assertEqual(second.state, "cancelled")
        self.assertEqual(first.state, "forwarded")
        self.assertEqual(
            [t["id"] for t in self.Sync.get_recoverable(self.shop2.id)["recalled"]],
            [second.id],
        )
        # Shop 1, the first sender, cannot take it back.
        self._assert_refused(
            second,
            UserError,
            lambda: self.Sync.cancel_from_ui(self.shop1.id, second.id),
            "This transfer does not exist or was not sent by you.",
        )

    def test_a_forwarded_transfer_is_finished_for_everyone(self):
        first = self._accepted()
        self._forward(first)
        name = first.name
        cases = [
            (
                "Shop 2 releases it",
                lambda: self.Sync.release_from_ui(self.shop2.id, first.id),
                f"{name} is not accepted (status: Forwarded).",
            ),
            (
                "Shop 2 accepts it again",
                lambda: self.Sync.claim_from_ui(self.shop2.id, first.id),
                f"{name} can no longer be accepted (status: Forwarded).",
            ),
            (
                "Shop 2 declines it",
                lambda: self.Sync.decline_from_ui(self.shop2.id, first.id, "No"),
                f"{name} can no longer be declined (status: Forwarded).",
            ),
            (
                "Shop 1 recalls it",
                lambda: self.Sync.cancel_from_ui(self.shop1.id, first.id),
                f"{name} can no longer be recalled (status: Forwarded).",
            ),
            (
                "a manager releases it",
                lambda: self.manager_env["pos.shop.sync"]
                .browse(first.id)
                .action_shop_sync_release(),
                f"{name} is not accepted (status: Forwarded).",
            ),
            (
                "a manager cancels it",
                lambda: self.manager_env["pos.shop.sync"]
                .browse(first.id)
                .action_shop_sync_cancel(),
                f"{name} can no longer be cancelled (status: Forwarded).",
            ),
        ]
        for label, call, message in cases:
            with self.subTest(label):
                self._assert_refused(first, UserError, call, message)

    def test_the_forwarder_can_no_longer_pay_it(self):
        first = self._accepted()
        second = self._forward(first)
        before = self._footprint(first)
        order = self._pay_on(self.shop2, first)
        # The order is paid (a payment is never refused), the link dropped.
        self.assertFalse(order.shop_sync_id)
        after = self._footprint(first)
        self.assertEqual(after["values"], before["values"])
        self.assertEqual(after["bus"], before["bus"])
        self.assertEqual(
            self._bodies(first)[-1],
            f"Order {order.name} of Shop 2 was paid with a link to this transfer, "
            "which it had not accepted (state: Forwarded). The transfer was left "
            "unchanged.",
        )
        self.assertEqual(second.state, "pending")

    def test_expiry_and_session_closing_leave_a_forwarded_transfer(self):
        first = self._accepted()
        second = self._forward(first)
        self.env["pos.shop.sync"].sudo().browse((first | second).ids).write(
            {"pending_since": "2020-01-01 00:00:00"}
        )
        self.env.ref("pos_shop_sync.ir_cron_expire_transfers").method_direct_trigger()
        self._end_request()
        self.assertEqual(first.state, "forwarded")
        self.assertEqual(second.state, "expired")
        # Shop 2's shift leaves nothing accepted open: the cart left with the send.
        self.assertEqual(
            self.shop2.current_session_id._shop_sync_open_transfers(), self.Sync
        )

    # ------------------------------------------------------------------
    # Refusals: nothing written
    # ------------------------------------------------------------------

    def test_forward_refusals_write_nothing(self):
        def forward(sync, config=None, **overrides):
            config = config or self.shop2
            targets = self.shop2 if config == self.shop3 else self.shop3
            payload = self._payload(
                **{"forward_of": sync.id, "target_config_ids": targets.ids, **overrides}
            )
            return lambda: self.Sync.send_from_ui(config.id, payload)

        not_held = (
            "The transfer to forward does not exist or was not accepted by "
            "terminal {}."
        )
        accepted = self._accepted()
        pending = self._send()
        done = self._accepted()
        self._pay_on(self.shop2, done)
        forwarded = self._accepted()
        self._forward(forwarded)
        elsewhere = self._accepted(self.shop3)
        cases = [
            (
                "by another terminal than the one that accepted it",
                accepted,
                forward(accepted, self.shop3),
                UserError,
                not_held.format("Shop 3"),
            ),
            (
                "by its sender",
                accepted,
                forward(accepted, self.shop1, target_config_ids=self.shop3.ids),
                UserError,
                not_held.format("Shop 1"),
            ),
            (
                "a transfer nobody accepted",
                pending,
                forward(pending),
                UserError,
                not_held.format("Shop 2"),
            ),
            (
                "a transfer accepted by another terminal",
                elsewhere,
                forward(elsewhere),
                UserError,
                not_held.format("Shop 2"),
            ),
            (
                "a paid transfer",
                done,
                forward(done),
                UserError,
                f"{done.name} can no longer be forwarded (status: Done).",
            ),
            (
                "a forwarded transfer",
                forwarded,
                forward(forwarded),
                UserError,
                f"{forwarded.name} can no longer be forwarded (status: Forwarded).",
            ),
            (
                "an unknown transfer",
                accepted,
                forward(accepted.browse(999999)),
                UserError,
                not_held.format("Shop 2"),
            ),
            (
                "a malformed reference",
                accepted,
                lambda: self.Sync.send_from_ui(
                    self.shop2.id,
                    self._payload(forward_of="1", target_config_ids=self.shop3.ids),
                ),
                ValidationError,
                "The transfer to forward is malformed.",
            ),
            (
                "a cart refused by the send's checks",
                accepted,
                forward(accepted, lines=[{"product_id": 999999, "qty": 1.0}]),
                UserError,
                "A product of the cart does not exist.",
            ),
            (
                "to the forwarding terminal itself",
                accepted,
                forward(accepted, target_config_ids=self.shop2.ids),
                UserError,
                "A terminal cannot send an order to itself.",
            ),
        ]
        for label, sync, call, exception, message in cases:
            with self.subTest(label):
                before = self._footprint(sync)
                try:
                    call()
                except Exception as error:  # its class is asserted below
                    caught = error
                else:
                    self.fail(f"{label}: not refused")
                self.assertIs(type(caught), exception, caught)
                if message:
                    self.assertEqual(str(caught), message)
                self.assertEqual(self._footprint(sync), before, "a refusal wrote")
        self.assertEqual(accepted.state, "claimed")
        self.assertEqual(accepted.receiver_config_id, self.shop2)

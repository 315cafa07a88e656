# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestRefund(ShopSyncCommon):
    """A return line keeps its link to the paid order line it refunds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paid = cls._paid_order(
            cls.shop1, [(cls.desk, 3, 100.0), (cls.lamp, 1, 40.0)]
        )
        cls.desk_line, cls.lamp_line = cls.paid.lines

    @classmethod
    def _paid_order(cls, config, lines, state="paid"):
        order = cls.env["pos.order"].create(
            {
                "session_id": config.current_session_id.id,
                "partner_id": cls.customer.id,
                "amount_tax": 0.0,
                "amount_total": 0.0,
                "amount_paid": 0.0,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "qty": qty,
                            "price_unit": price,
                            "price_subtotal": qty * price,
                            "price_subtotal_incl": qty * price,
                            "tax_ids": [Command.set(product.taxes_id.ids)],
                        }
                    )
                    for product, qty, price in lines
                ],
            }
        )
        order.state = state
        return order

    def _refund_line(self, refunded, qty=-1.0, product=None, **values):
        return {
            "product_id": (product or refunded.product_id).id,
            "qty": qty,
            "price_unit": refunded.price_unit,
            "refunded_orderline_id": refunded.id,
            **values,
        }

    def _send_refund(self, *lines):
        return self._send(partner_id=self.customer.id, lines=list(lines))

    def test_refund_line_keeps_its_link(self):
        sync = self._send_refund(
            self._refund_line(self.desk_line, -2.0),
            {"product_id": self.pen.id, "qty": 1.0, "price_unit": 2.5},
        )
        refund, pen = sync.line_ids.sorted("sequence")
        self.assertRecordValues(
            refund,
            [
                {
                    "line_kind": "refund",
                    "refunded_orderline_id": self.desk_line.id,
                    "qty": -2.0,
                    "price_unit": 100.0,
                    "tax_ids": self.desk_line.tax_ids.ids,
                    "price_subtotal": -200.0,
                    "price_subtotal_incl": -214.0,
                }
            ],
        )
        self.assertEqual(
            refund.module_values,
            {
                "refunded_orderline_id": self.desk_line.id,
                "refunded_order_id": self.paid.id,
                "refunded_order_name": self.paid.name,
                "tax_ids": self.desk_line.tax_ids.ids,
            },
        )
        self.assertEqual(pen.line_kind, "product")
        self.assertFalse(pen.refunded_orderline_id)
        transfer = self.Sync.with_user(self.cashier).get_transfer(
            self.shop2.id, sync.id
        )
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(transfer["lines"][0]["notes"], [f"Refund of {self.paid.name}"])
        self.assertEqual(
            transfer["lines"][0]["module_values"]["refunded_order_id"], self.paid.id
        )
        self.assertNotIn("notes", transfer["lines"][1])
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(sync.state, "claimed")

    def test_refund_all_that_is_left(self):
        self._paid_order(
            self.shop1,
            [(self.desk, -1, 100.0)],
        ).lines.refunded_orderline_id = self.desk_line
        sync = self._send_refund(self._refund_line(self.desk_line, -2.0))
        self.assertEqual(sync.line_ids.refunded_orderline_id, self.desk_line)

    def assertLineRefused(self, exception, line, message, *more):
        caught = self.assertRefused(
            exception,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=[{"product_id": self.pen.id, "qty": 1.0}, line, *more]),
        )
        self.assertIn("Line 2 (", str(caught))
        self.assertIn(message, str(caught))

    def test_refusals_name_the_line(self):
        for value in ("7", -3, 2**40, True, [1]):
            with self.subTest(value=value):
                self.assertLineRefused(
                    ValidationError,
                    self._refund_line(self.desk_line, refunded_orderline_id=value),
                    "the order line it refunds is malformed",
                )
        self.assertLineRefused(
            UserError,
            self._refund_line(self.desk_line, refunded_orderline_id=2**31 - 1),
            "the order line it refunds does not exist",
        )
        self.assertLineRefused(
            UserError,
            self._refund_line(self.desk_line, product=self.lamp),
            f"it refunds a line of another product (Desk of {self.paid.name})",
        )
        self.assertLineRefused(
            UserError,
            self._refund_line(self.desk_line, 1.0),
            "a refund's quantity must be negative",
        )
        self.assertLineRefused(
            UserError,
            self._refund_line(self.desk_line, -4.0),
            f"it refunds 4.0 of {self.paid.name}, where 3.0 is left to refund",
        )

    def test_refused_over_two_lines_and_after_other_refunds(self):
        # Two lines of the cart refund the same line: together too much.
        caught = self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(
                lines=[
                    self._refund_line(self.desk_line, -2.0),
                    self._refund_line(self.desk_line, -2.0),
                ]
            ),
        )
        self.assertIn("Line 2 (Desk): it refunds 4.0", str(caught))
        # A paid refund counts; a draft or cancelled one does not.
        for state, qty in (("paid", -2), ("draft", -1), ("cancel", -1)):
            refund = self._paid_order(self.shop1, [(self.desk, qty, 100.0)], state)
            refund.lines.refunded_orderline_id = self.desk_line
        self.assertLineRefused(
            UserError,
            self._refund_line(self.desk_line, -2.0),
            "where 1.0 is left to refund",
        )

    def test_refused_unpaid_order_and_other_companies(self):
        draft = self._paid_order(self.shop1, [(self.desk, 1, 100.0)], "draft")
        self.assertLineRefused(
            UserError,
            self._refund_line(draft.lines),
            f"it refunds a line of {draft.name}, which is not paid",
        )
        other = self._paid_order(self.shop1, [(self.pen, 2, 2.5)])
        caught = self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(
                lines=[
                    self._refund_line(self.desk_line),
                    self._refund_line(other.lines),
                ]
            ),
        )
        self.assertIn(
            f"Line 2 (Pen): it refunds {other.name}, line 1 refunds {self.paid.name}: "
            "a cart refunds products of one order only.",
            str(caught),
        )
        # Another company's order line is "not existing", its content untold.
        company = self.env["res.company"].create({"name": "Other Shop Company"})
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE pos_order SET company_id = %s WHERE id = %s", (company.id, other.id)
        )
        self.env.invalidate_all()
        caught = self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=[self._refund_line(other.lines)]),
        )
        self.assertEqual(
            str(caught), "Line 1 (Pen): the order line it refunds does not exist."
        )

    def test_refunded_meanwhile_blocks_the_accept(self):
        sync = self._send_refund(self._refund_line(self.desk_line, -2.0))
        # Another terminal refunds two of the three desks meanwhile.
        refund = self._paid_order(self.shop3, [(self.desk, -2, 100.0)])
        refund.lines.refunded_orderline_id = self.desk_line
        self.env.flush_all()
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        reason = (
            f"Desk: 1.0 is left to refund of {self.paid.name}, the cart refunds 2.0."
        )
        self.assertEqual(transfer["blocking_reasons"], [reason])
        self.assertEqual(transfer["lines"][0]["blocking_reason"], reason)
        try:
            self.Sync.claim_from_ui(self.shop2.id, sync.id)
        except UserError as error:
            self.assertIn(reason, str(error))
        else:
            self.fail("a cart refunding more than is left was accepted")
        self.env.invalidate_all()
        self.assertEqual(sync.state, "pending")
        self.assertFalse(sync.receiver_config_id)
        # The line it refunds deleted (its order removed by a manager): blocked too.
        self.env.cr.execute(
            "UPDATE pos_shop_sync_line SET refunded_orderline_id = NULL"
            " WHERE sync_id = %s",
            (sync.id,),
        )
        self.env.invalidate_all()
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(
            transfer["blocking_reasons"],
            ["Desk: the order line it refunds no longer exists."],
        )

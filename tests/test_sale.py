# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestSaleOrderLines(ShopSyncCommon):
    """pos_sale's lines keep their sales order links."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "sale_order_origin_id" not in cls.env["pos.order.line"]._fields:
            raise AssertionError("pos_sale must be installed for these tests")
        cls.down_payment = cls.create_product("Sync Down Payment", cls.categ_basic, 0.0)
        cls.down_payment.write({"available_in_pos": False, "type": "service"})
        (cls.shop1 | cls.shop2).down_payment_product_id = cls.down_payment
        cls.sale_order = cls._sale_order([(cls.desk, 2, 100.0), (cls.lamp, 1, 40.0)])
        cls.desk_sol, cls.lamp_sol = cls.sale_order.order_line

    @classmethod
    def _sale_order(cls, lines, company=None):
        return (
            cls.env["sale.order"]
            .sudo()
            .with_company(company or cls.company)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "company_id": (company or cls.company).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "price_unit": price,
                            }
                        )
                        for product, qty, price in lines
                    ],
                }
            )
        )

    def _sale_line(self, sol, qty=None, **values):
        return {
            "product_id": sol.product_id.id,
            "qty": qty if qty is not None else sol.product_uom_qty,
            "price_unit": sol.price_unit,
            "sale_order_origin_id": sol.order_id.id,
            "sale_order_line_id": sol.id,
            "tax_ids": sol.tax_id.ids,
            **values,
        }

    def _down_payment_line(self, amount, order=None, **values):
        return {
            "product_id": self.down_payment.id,
            "qty": 1.0,
            "price_unit": amount,
            "sale_order_origin_id": (order or self.sale_order).id,
            "down_payment_details": [
                {
                    "product_name": "Desk",
                    "product_uom_qty": 2.0,
                    "price_unit": 100.0,
                    "total": 214.0,
                }
            ],
            "tax_ids": self.taxes["tax7"].ids,
            **values,
        }

    def test_settle_lines_keep_their_links(self):
        sync = self._send(
            lines=[self._sale_line(self.desk_sol), self._sale_line(self.lamp_sol)]
        )
        desk, lamp = sync.line_ids.sorted("sequence")
        self.assertEqual((desk.line_kind, lamp.line_kind), ("sale_order", "sale_order"))
        self.assertEqual(
            desk.module_values,
            {
                "sale_order_origin_id": self.sale_order.id,
                "sale_order_name": self.sale_order.name,
                "sale_order_line_id": self.desk_sol.id,
                "down_payment_details": False,
                "tax_ids": self.desk_sol.tax_id.ids,
            },
        )
        self.assertEqual(desk.tax_ids, self.desk_sol.tax_id)
        self.assertAlmostEqual(sync.amount_total, 254.0, places=2)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(
            [line["notes"] for line in transfer["lines"]],
            [[f"Settles {self.sale_order.name}"]] * 2,
        )
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(sync.state, "claimed")

    def test_down_payment_keeps_its_details(self):
        sync = self._send(lines=[self._down_payment_line(50.0)])
        line = sync.line_ids
        self.assertEqual(line.line_kind, "down_payment")
        self.assertEqual(line.module_values["sale_order_line_id"], False)
        self.assertEqual(
            line.module_values["down_payment_details"][0]["product_name"], "Desk"
        )
        self.assertAlmostEqual(line.price_subtotal_incl, 53.5, places=2)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(
            transfer["lines"][0]["notes"], [f"Down payment on {self.sale_order.name}"]
        )
        # Shop 3 has no down payment product: paying there would not record
        # the down payment on the sales order.
        sync3 = self._send(
            target_config_ids=self.shop3.ids, lines=[self._down_payment_line(10.0)]
        )
        reason = (
            "Sync Down Payment: this terminal's down payment product is none; "
            "paying the down payment here would not record it on sales order "
            f"{self.sale_order.name}."
        )
        self.assertEqual(
            self.Sync.get_transfer(self.shop3.id, sync3.id)["blocking_reasons"],
            [reason],
        )

    def test_refusals_name_the_line(self):
        other_order = self._sale_order([(self.pen, 1, 2.5)])
        company = self.env["res.company"].create({"name": "Other Sales Company"})
        foreign_pen = self.env["product.product"].create(
            {"name": "Foreign Pen", "company_id": company.id}
        )
        foreign = self._sale_order([(foreign_pen, 1, 2.5)], company)
        cases = [
            (
                ValidationError,
                self._sale_line(self.desk_sol, sale_order_origin_id="1"),
                "its sales order is malformed",
            ),
            (
                ValidationError,
                self._sale_line(self.desk_sol, sale_order_line_id=-1),
                "its sales order is malformed",
            ),
            (
                UserError,
                self._sale_line(self.desk_sol, sale_order_origin_id=foreign.id),
                "its sales order does not exist",
            ),
            (
                UserError,
                self._sale_line(
                    self.desk_sol, sale_order_line_id=foreign.order_line.id
                ),
                f"its sales order line is not one of {self.sale_order.name}",
            ),
            (
                UserError,
                self._sale_line(
                    self.desk_sol, sale_order_line_id=other_order.order_line.id
                ),
                f"its sales order line is not one of {self.sale_order.name}",
            ),
            (
                UserError,
                self._sale_line(self.desk_sol, product_id=self.lamp.id),
                f"its sales order line ({self.sale_order.name}) is for another "
                "product: Desk",
            ),
            (
                UserError,
                self._sale_line(self.desk_sol, tax_ids=self.taxes["tax21"].ids),
                f"{self.taxes['tax21'].name} is not a tax of sales order "
                f"{self.sale_order.name}",
            ),
            (
                UserError,
                self._down_payment_line(10.0, product_id=self.pen.id),
                f"a line of sales order {self.sale_order.name} without its sales "
                "order line must be the terminal's down payment product",
            ),
            (
                ValidationError,
                self._down_payment_line(10.0, down_payment_details=[{"x": 1}]),
                "its down payment details are malformed",
            ),
            (
                ValidationError,
                self._down_payment_line(
                    10.0, down_payment_details=[{"product_name": 5}]
                ),
                "its down payment details are malformed",
            ),
        ]
        for error, line, message in cases:
            with self.subTest(message=message, line=line):
                caught = self.assertRefused(
                    error,
                    self.Sync.send_from_ui,
                    self.shop1.id,
                    self._payload(lines=[{"product_id": self.pen.id, "qty": 1}, line]),
                )
                self.assertIn("Line 2 (", str(caught))
                self.assertIn(message, str(caught))

    def test_cancelled_or_settled_order(self):
        self.sale_order.action_cancel()
        caught = self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=[self._sale_line(self.desk_sol)]),
        )
        self.assertEqual(
            str(caught),
            f"Line 1 (Desk): sales order {self.sale_order.name} is cancelled.",
        )

    def test_settled_or_cancelled_meanwhile_blocks_the_accept(self):
        sync = self._send(lines=[self._sale_line(self.desk_sol)])
        cancelled = self._sale_order([(self.pen, 1, 2.5)])
        sync_cancelled = self._send(lines=[self._sale_line(cancelled.order_line)])
        cancelled.action_cancel()
        # Another terminal settles the whole order meanwhile.
        self.sale_order.action_confirm()
        settle = self.env["pos.order"].create(
            {
                "session_id": self.shop3.current_session_id.id,
                "partner_id": self.customer.id,
                "amount_tax": 0.0,
                "amount_total": 0.0,
                "amount_paid": 0.0,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": sol.product_id.id,
                            "qty": sol.product_uom_qty,
                            "price_unit": sol.price_unit,
                            "price_subtotal": 0.0,
                            "price_subtotal_incl": 0.0,
                            "sale_order_origin_id": self.sale_order.id,
                            "sale_order_line_id": sol.id,
                        }
                    )
                    for sol in self.sale_order.order_line
                ],
            }
        )
        settle.state = "paid"
        self.env.flush_all()
        self.sale_order.invalidate_recordset()
        self.assertEqual(self.sale_order.invoice_status, "invoiced")
        for transfer, reason in (
            (sync, f"Desk: sales order {self.sale_order.name} is already settled."),
            (sync_cancelled, f"Pen: sales order {cancelled.name} is cancelled."),
        ):
            with self.subTest(reason=reason):
                drift = self.Sync.get_transfer(self.shop2.id, transfer.id)
                self.assertEqual(drift["blocking_reasons"], [reason])
                self.assertEqual(drift["lines"][0]["blocking_reason"], reason)
                try:
                    self.Sync.claim_from_ui(self.shop2.id, transfer.id)
                except UserError as error:
                    self.assertIn(reason, str(error))
                else:
                    self.fail("a settled or cancelled sales order was accepted")
                self.env.invalidate_all()
                self.assertEqual(transfer.state, "pending")
                self.assertFalse(transfer.receiver_config_id)

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from uuid import uuid4

from odoo import Command
from odoo.tests import tagged

from .kinds_common import ShopSyncKindsUiCase


@tagged("post_install", "-at_install")
class TestShopSyncSaleUi(ShopSyncKindsUiCase):
    """pos_sale's Quotation/Order button on Shop 1: a sales order settled and a
    down payment on another, sent to Shop 2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "sale_order_origin_id" not in cls.env["pos.order.line"]._fields:
            raise AssertionError("pos_sale must be installed for these tests")
        # pos_sale lists and reads sales orders: Odoo's own tours give the
        # cashier the salesman's rights for it.
        cls.pos_user.groups_id += cls.env.ref(
            "sales_team.group_sale_salesman_all_leads"
        )
        cls.tax15 = cls._tax("Sync Tax 15", 15)
        cls.tax5 = cls._tax("Sync Tax 5", 5)
        cls.book = cls._pos_product("Sync Book", 100, cls.tax15)
        cls.tea = cls._pos_product("Sync Tea", 10, cls.tax5)
        cls.down_payment = cls.env["product.product"].create(
            {
                "name": "Sync Down Payment",
                "type": "service",
                "list_price": 0,
                "available_in_pos": False,
                "taxes_id": [Command.set(cls.tax15.ids)],
            }
        )
        (cls.shop1 | cls.shop2).down_payment_product_id = cls.down_payment
        cls.customer = cls.env["res.partner"].create({"name": "Sync Customer"})
        cls.settled = cls._sale_order([(cls.book, 2), (cls.tea, 1)])
        cls.paid_down = cls._sale_order([(cls.book, 1)])

    @classmethod
    def _sale_order(cls, lines):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )

    def test_01_settlement_and_down_payment_sent_and_paid(self):
        self.assertEqual(
            (self.settled.amount_total, self.paid_down.amount_total), (240.5, 115.0)
        )
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncSaleSendTour", pos_config=self.shop1)
        sync = self._transfers()
        self.assertEqual(len(sync), 1)
        book_sol, tea_sol = self.settled.order_line
        lines = sync.line_ids.sorted("sequence")
        self.assertEqual(
            [
                (
                    line.product_id,
                    line.line_kind,
                    line.module_values["sale_order_origin_id"],
                    line.module_values["sale_order_line_id"],
                )
                for line in lines
            ],
            [
                (self.book, "sale_order", self.settled.id, book_sol.id),
                (self.tea, "sale_order", self.settled.id, tea_sol.id),
                (self.down_payment, "down_payment", self.paid_down.id, False),
            ],
        )
        self.assertAlmostEqual(lines[2].price_subtotal_incl, 50.0, places=2)
        self.assertTrue(lines[2].module_values["down_payment_details"])
        # Nothing settled on the sender.
        self.assertFalse(self.settled.order_line.pos_order_line_ids)

        self.start_pos_tour("ShopSyncSaleReceiveTour", pos_config=self.shop2)
        order = self._paid_order_of(sync)
        self.assertPaidAsSent(order, sync)
        self.assertEqual(
            [
                (line.sale_order_origin_id, line.sale_order_line_id.id or False)
                for line in order.lines.sorted("id")[:2]
            ],
            [(self.settled, book_sol.id), (self.settled, tea_sol.id)],
        )
        down = order.lines.sorted("id")[2]
        self.assertEqual(down.sale_order_origin_id, self.paid_down)
        self.assertTrue(down.down_payment_details)
        self.env.invalidate_all()
        # Settled once, as paying on the sender would have: confirmed, its
        # quantities invoiced through the POS, nothing left to pay.
        self.assertEqual(self.settled.state, "sale")
        self.assertEqual(self.settled.order_line.mapped("qty_invoiced"), [2.0, 1.0])
        self.assertEqual(self.settled.order_line.pos_order_line_ids, order.lines[:2])
        self.assertAlmostEqual(self.settled.amount_unpaid, 0.0, places=2)
        # pos_sale records the down payment on its sales order, once.
        recorded = self.paid_down.order_line.filtered(
            lambda line: line.is_downpayment and not line.display_type
        )
        self.assertEqual(len(recorded), 1)
        self.assertEqual(down.sale_order_line_id, recorded)
        self.assertAlmostEqual(self.paid_down.amount_unpaid, 65.0, places=2)

    def _send_settlement(self, sale_order):
        """Send from Shop 1, as its POS would, the settlement of ``sale_order``."""
        result = (
            self.env["pos.shop.sync"]
            .with_user(self.pos_user)
            .send_from_ui(
                self.shop1.id,
                {
                    "uuid": str(uuid4()),
                    "sync_type": "assigned",
                    "target_config_ids": self.shop2.ids,
                    "partner_id": sale_order.partner_id.id,
                    "lines": [
                        {
                            "product_id": sol.product_id.id,
                            "qty": sol.product_uom_qty,
                            "price_unit": sol.price_unit,
                            "sale_order_origin_id": sale_order.id,
                            "sale_order_line_id": sol.id,
                            "tax_ids": sol.tax_id.ids,
                        }
                        for sol in sale_order.order_line
                    ],
                },
            )
        )
        return self.env["pos.shop.sync"].browse(result["id"])

    def test_02_cancelled_or_settled_meanwhile_blocks_the_accept(self):
        self._open(self.shop1, self.shop2)
        cancelled = self._send_settlement(self.settled)
        other = self.env["res.partner"].create({"name": "Sync Other Customer"})
        second = self._sale_order([(self.book, 1)])
        second.partner_id = other
        settled = self._send_settlement(second)
        # Meanwhile the first order is cancelled, the second settled on Shop 1.
        self.settled.action_cancel()
        second.action_confirm()
        settlement = self.env["pos.order"].create(
            {
                "session_id": self.shop1.current_session_id.id,
                "partner_id": other.id,
                "amount_tax": 15.0,
                "amount_total": 115.0,
                "amount_paid": 115.0,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": self.book.id,
                            "qty": 1,
                            "price_unit": 100,
                            "price_subtotal": 100,
                            "price_subtotal_incl": 115,
                            "tax_ids": [Command.set(self.tax15.ids)],
                            "sale_order_origin_id": second.id,
                            "sale_order_line_id": second.order_line.id,
                        }
                    )
                ],
            }
        )
        settlement.state = "paid"
        self.env.flush_all()
        self.start_pos_tour("ShopSyncSaleBlockedTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertEqual((cancelled.state, settled.state), ("pending", "pending"))
        self.assertFalse(
            self.env["pos.order"].search([("config_id", "=", self.shop2.id)])
        )
        self.assertFalse(self.settled.order_line.pos_order_line_ids)
        self.assertEqual(second.order_line.pos_order_line_ids, settlement.lines)

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import float_compare

from .test_frontend import ShopSyncUiCase


class ShopSyncKindsUiCase(ShopSyncUiCase):
    """Tours of other modules' line kinds: the paid order compared, line by
    line, with the cart the sender sent."""

    @classmethod
    def _tax(cls, name, amount):
        return cls.env["account.tax"].create(
            {"name": name, "amount": amount, "type_tax_use": "sale"}
        )

    @classmethod
    def _pos_product(cls, name, price, taxes, **values):
        return cls.env["product.product"].create(
            {
                "name": name,
                "list_price": price,
                "available_in_pos": True,
                "taxes_id": [(6, 0, taxes.ids)],
                **values,
            }
        )

    def _paid_order_of(self, sync):
        order = self.env["pos.order"].search([("shop_sync_id", "=", sync.id)])
        self.assertEqual(len(order), 1, "the cart is paid once")
        self.assertIn(order.state, ("paid", "done", "invoiced"))
        self.assertEqual(order.config_id, self.shop2)
        self.assertEqual(sync.state, "done")
        return order

    def assertPaidAsSent(self, order, sync):
        """The paid order holds the sent lines, value for value, and the
        sent total to the cent."""
        sent = sync.line_ids.sorted(lambda line: (line.sequence, line.id))
        paid = order.lines.sorted("id")
        self.assertEqual(len(paid), len(sent))
        for sent_line, paid_line in zip(sent, paid, strict=True):
            self.assertEqual(
                (
                    paid_line.product_id,
                    paid_line.qty,
                    paid_line.price_unit,
                    paid_line.discount,
                    paid_line.tax_ids_after_fiscal_position,
                ),
                (
                    sent_line.product_id,
                    sent_line.qty,
                    sent_line.price_unit,
                    sent_line.discount,
                    sent_line.tax_ids,
                ),
                f"line {sent_line.sequence} ({sent_line.full_product_name})",
            )
            self.assertEqual(
                float_compare(
                    paid_line.price_subtotal_incl,
                    sent_line.price_subtotal_incl,
                    precision_digits=2,
                ),
                0,
                f"subtotal of line {sent_line.sequence}",
            )
        self.assertEqual(
            float_compare(order.amount_total, sync.amount_total, precision_digits=2),
            0,
        )

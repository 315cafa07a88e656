# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Done records what was paid: the paid order's total, whether it holds the
cart as sent, and the difference line by line (models/shop_sync_paid.py)."""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import BaseCase, Form, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.pos_shop_sync.models.shop_sync_paid import (
    Digits,
    PaidLine,
    compare_paid,
)

from .common import ShopSyncCommon

DIGITS = Digits(qty=3, price=2, discount=2)
PEN, MENU, BURGER, FRIES = 1, 2, 3, 4
BURGER_ITEM, FRIES_ITEM = 61, 62


def line(product, qty, price, discount=0.0, values=(), combo=False, name=None):
    return PaidLine(
        (product, tuple(values), combo), name or f"P{product}", qty, price, discount
    )


class TestComparePaid(BaseCase):
    """The pure comparison: what "the same" means."""

    def test_same_lines_in_another_order_and_split_are_the_same(self):
        sent = [line(PEN, 3, 2.5), line(BURGER, 1, 10.0, 10)]
        paid = [line(BURGER, 1, 10.0, 10), line(PEN, 1, 2.5), line(PEN, 2, 2.5)]
        self.assertEqual(compare_paid(sent, paid, DIGITS), [])

    def test_within_the_precisions_is_the_same(self):
        sent = [line(PEN, 3, 2.5, 10)]
        paid = [line(PEN, 3.0001, 2.501, 10.001)]
        self.assertEqual(compare_paid(sent, paid, DIGITS), [])

    def test_quantity_price_and_discount_differences(self):
        sent = [line(PEN, 3, 2.5, name="Pen"), line(BURGER, 1, 10.0, name="Burger")]
        for label, paid, difference in (
            (
                "quantity",
                [line(PEN, 1, 2.5), line(BURGER, 1, 10.0)],
                {"name": "Pen", "sent": [[3, 2.5, 0]], "paid": [[1, 2.5, 0]]},
            ),
            (
                "price",
                [line(PEN, 3, 2.0), line(BURGER, 1, 10.0)],
                {"name": "Pen", "sent": [[3, 2.5, 0]], "paid": [[3, 2.0, 0]]},
            ),
            (
                "discount",
                [line(PEN, 3, 2.5, 50), line(BURGER, 1, 10.0)],
                {"name": "Pen", "sent": [[3, 2.5, 0]], "paid": [[3, 2.5, 50]]},
            ),
            (
                "missing",
                [line(BURGER, 1, 10.0)],
                {"name": "Pen", "sent": [[3, 2.5, 0]], "paid": []},
            ),
            (
                "added",
                [line(PEN, 3, 2.5), line(BURGER, 1, 10.0), line(FRIES, 1, 3.0)],
                {"name": "P4", "sent": [], "paid": [[1, 3.0, 0]]},
            ),
        ):
            with self.subTest(label):
                self.assertEqual(compare_paid(sent, paid, DIGITS), [difference])

    def test_attribute_values_and_combo_places_tell_lines_apart(self):
        sent = [
            line(PEN, 1, 2.5, values=(7,)),
            line(MENU, 1, 0.0),
            line(BURGER, 1, 8.0, combo=(MENU, BURGER_ITEM)),
        ]
        self.assertEqual(compare_paid(sent, list(sent), DIGITS), [])
        # Another attribute value; the burger sold alone, not in the menu.
        paid = [
            line(PEN, 1, 2.5, values=(8,)),
            line(MENU, 1, 0.0),
            line(BURGER, 1, 8.0),
        ]
        differences = compare_paid(sent, paid, DIGITS)
        self.assertEqual(len(differences), 4)
        self.assertEqual(
            [(d["sent"], d["paid"]) for d in differences],
            [
                ([[1, 2.5, 0]], []),
                ([[1, 8.0, 0]], []),
                ([], [[1, 2.5, 0]]),
                ([], [[1, 8.0, 0]]),
            ],
        )


@tagged("post_install", "-at_install")
class TestPaid(ShopSyncCommon):
    def _claimed(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        return sync

    def _paid_differently_ids(self):
        """The transfers of the list view's "Paid Differently" filter."""
        view = self.env.ref("pos_shop_sync.pos_shop_sync_view_search")
        arch = etree.fromstring(view.arch)
        [node] = arch.xpath("//filter[@name='paid_differently']")
        return self.env["pos.shop.sync"].search(safe_eval(node.get("domain"))).ids

    def test_the_rebuilt_cart_is_paid_as_sent(self):
        sync = self._claimed()
        order = self._pay_rebuilt(self.shop2, sync)
        self.assertEqual(order.state, "paid")
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "done",
                    "pos_order_id": order.id,
                    "paid_matches": True,
                    "paid_amount": order.amount_total,
                    "paid_differences": False,
                }
            ],
        )
        self.assertAlmostEqual(order.amount_total, sync.amount_total, 2)
        self.assertEqual(
            self._messages(sync)[0].body,
            f"<p>Paid as {order.name} on Shop 2, as sent.</p>",
        )
        self.assertNotIn(sync.id, self._paid_differently_ids())
        self.assertFalse(Form(sync).paid_differences_html)

    def test_a_modified_cart_is_paid_and_told_paid_differently(self):
        sync = self._claimed()
        lines = self._rebuilt_lines(sync)
        # One pen instead of three; the desk without its discount; no lamp;
        # a pen at another price added.
        lines[1]["qty"] = 1.0
        lines[0]["discount"] = 0.0
        del lines[2]
        lines.append({"product": self.pen, "qty": 1.0, "price_unit": 1.0})
        order = self._pay_rebuilt(self.shop2, sync, lines)
        # Payment is never refused.
        self.assertEqual(order.state, "paid")
        self.assertEqual(sync.state, "done")
        self.assertEqual(sync.pos_order_id, order)
        self.assertFalse(sync.paid_matches)
        self.assertEqual(sync.paid_amount, order.amount_total)
        self.assertNotAlmostEqual(sync.paid_amount, sync.amount_total, 2)
        self.assertEqual(
            sync.paid_differences,
            [
                {"name": "Desk", "sent": [[2.0, 80.0, 10.0]], "paid": [[2.0, 80.0, 0]]},
                {
                    "name": "Pen",
                    "sent": [[3.0, 2.5, 0]],
                    "paid": [[1.0, 1.0, 0], [1.0, 2.5, 0]],
                },
                {"name": "Lamp", "sent": [[1.0, 40.0, 0]], "paid": []},
            ],
        )
        body = self._messages(sync)[0].body
        self.assertIn(f"Paid as {order.name} on Shop 2, differently", body)
        self.assertIn("3 product(s) differ", body)
        self.assertEqual(self._paid_differently_ids(), sync.ids)

        # The form shows it line by line: sent vs paid, quantity, price, discount.
        form = Form(sync)
        self.assertFalse(form.paid_matches)
        self.assertEqual(form.paid_amount, order.amount_total)
        table = etree.fromstring(str(form.paid_differences_html))
        rows = [
            [cell.text or "" for cell in row.iter("td")]
            for row in table.iter("tr")
            if row.find("td") is not None
        ]
        precision = self.env["decimal.precision"].precision_get

        def qty(value):
            return f"{value:.{precision('Product Unit of Measure')}f}"

        def price(value):
            return f"{value:.{precision('Product Price')}f}"

        self.assertEqual(
            rows,
            [
                ["Desk", qty(2), price(80), "10 %", qty(2), price(80), "0 %"],
                ["Pen", qty(3), price(2.5), "0 %", qty(1), price(1), "0 %"],
                ["", "", "", "", qty(1), price(2.5), "0 %"],
                ["Lamp", qty(1), price(40), "0 %", "", "", ""],
            ],
        )
        view = self.env.ref("pos_shop_sync.pos_shop_sync_view_form")
        [page] = etree.fromstring(view.arch).xpath("//page[@name='paid_differences']")
        self.assertTrue(page.xpath(".//field[@name='paid_differences_html']"))

    def test_cashiers_cannot_write_what_was_paid(self):
        sync = self._claimed()
        order = self._pay_rebuilt(self.shop2, sync, [{"product": self.pen, "qty": 1}])
        self.assertFalse(sync.paid_matches)
        for vals in (
            {"paid_matches": True},
            {"paid_amount": 230.0},
            {"paid_differences": False},
        ):
            with self.subTest(vals):
                # Not assertRaises: its savepoint would hide what was written.
                self.assertRefused(
                    AccessError, sync.with_user(self.cashier).write, vals
                )
        self.env.invalidate_all()
        self.assertRecordValues(
            sync,
            [{"paid_matches": False, "paid_amount": order.amount_total}],
        )

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestGlobalDiscount(ShopSyncCommon):
    """pos_discount's global discount line travels as sent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "discount_product_id" not in cls.env["pos.config"]._fields:
            raise AssertionError("pos_discount must be installed for these tests")
        cls.discount = cls.create_product("Sync Discount", cls.categ_basic, 0.0)
        cls.discount.available_in_pos = False
        shops = cls.shop1 | cls.shop2
        shops.discount_product_id = cls.discount
        # Odoo refuses to switch Global Discounts on while a session is open.
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE pos_config SET module_pos_discount = TRUE WHERE id = ANY(%s)",
            (shops.ids,),
        )
        shops.invalidate_recordset(["module_pos_discount"])

    def _discount_line(self, amount, taxes, **values):
        return {
            "product_id": self.discount.id,
            "qty": 1.0,
            "price_unit": amount,
            "tax_ids": taxes.ids,
            **values,
        }

    def _cart(self, *discounts):
        """2 desks (7 % tax) and a lamp (10 %), then ``discounts``."""
        return [
            {"product_id": self.desk.id, "qty": 2.0, "price_unit": 100.0},
            {"product_id": self.lamp.id, "qty": 1.0, "price_unit": 40.0},
            *discounts,
        ]

    def test_global_discount_travels_as_sent(self):
        tax7, tax10 = self.taxes["tax7"], self.taxes["tax10"]
        sync = self._send(
            lines=self._cart(
                self._discount_line(-20.0, tax7), self._discount_line(-4.0, tax10)
            )
        )
        desk, lamp, on_desks, on_lamp = sync.line_ids.sorted("sequence")
        self.assertEqual(
            [line.line_kind for line in sync.line_ids.sorted("sequence")],
            ["product", "product", "global_discount", "global_discount"],
        )
        self.assertRecordValues(
            on_desks | on_lamp,
            [
                {
                    "product_id": self.discount.id,
                    "price_unit": -20.0,
                    "tax_ids": tax7.ids,
                    "price_subtotal_incl": -21.4,
                },
                {
                    "product_id": self.discount.id,
                    "price_unit": -4.0,
                    "tax_ids": tax10.ids,
                    "price_subtotal_incl": -4.0,
                },
            ],
        )
        self.assertEqual(on_desks.module_values, {"tax_ids": tax7.ids})
        # 214 + 40 (10 % included) - 21.40 - 4.00: to the cent.
        self.assertAlmostEqual(sync.amount_total, 228.6, places=2)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(transfer["warnings"], [])
        self.assertNotIn("notes", transfer["lines"][2])
        # The discount product is not for sale: a terminal accepts it all the same.
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(sync.state, "claimed")

    def test_receiver_without_discount_product_is_told(self):
        sync = self._send(
            target_config_ids=self.shop3.ids,
            lines=self._cart(self._discount_line(-10.0, self.taxes["tax7"])),
        )
        self.shop3.discount_product_id = False
        transfer = self.Sync.get_transfer(self.shop3.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(
            transfer["warnings"],
            [
                "This terminal has no discount product: the cart's global discount "
                "is kept as sent, but cannot be applied again here."
            ],
        )
        self.assertEqual(
            transfer["lines"][2]["notes"],
            [
                "Global discount: no discount product on this terminal; the discount "
                "is kept as sent (Sync Discount), but cannot be changed here."
            ],
        )
        # Kept exactly: the amount is the sent one, so the accept is not blocked.
        self.Sync.claim_from_ui(self.shop3.id, sync.id)
        self.assertEqual(sync.state, "claimed")

    def test_refusals_name_the_line(self):
        tax7 = self.taxes["tax7"]
        cases = [
            (ValidationError, {"tax_ids": "7"}, "its taxes are malformed"),
            (ValidationError, {"tax_ids": [0]}, "its taxes are malformed"),
            (UserError, {"tax_ids": [2**31 - 1]}, "one of its taxes does not exist"),
            (
                UserError,
                {"tax_ids": self.taxes["tax8"].ids},
                "a global discount has the taxes of the lines it discounts: "
                f"{self.taxes['tax8'].name} is on no other line of the cart",
            ),
        ]
        for error, values, message in cases:
            with self.subTest(values=values):
                caught = self.assertRefused(
                    error,
                    self.Sync.send_from_ui,
                    self.shop1.id,
                    self._payload(
                        lines=self._cart(self._discount_line(-10.0, tax7, **values))
                    ),
                )
                self.assertIn("Line 3 (Sync Discount): ", str(caught))
                self.assertIn(message, str(caught))
        # Another company's tax is "not existing".
        other = self.env["res.company"].create({"name": "Other Discount Company"})
        foreign = self.env["account.tax"].create(
            {
                "name": "Foreign 5",
                "amount": 5,
                "company_id": other.id,
                "country_id": self.company.account_fiscal_country_id.id,
                "tax_group_id": self.env["account.tax.group"]
                .create({"name": "Foreign", "company_id": other.id})
                .id,
            }
        )
        caught = self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=self._cart(self._discount_line(-10.0, foreign))),
        )
        self.assertEqual(
            str(caught), "Line 3 (Sync Discount): one of its taxes does not exist."
        )

    def test_only_the_senders_discount_product_is_special(self):
        # Shop 3's terminal has no discount product: the product is not for sale.
        self.shop3.write({"shop_sync_can_send": True, "discount_product_id": False})
        caught = self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop3.id,
            self._payload(
                target_config_ids=self.shop2.ids,
                lines=self._cart(self._discount_line(-10.0, self.taxes["tax7"])),
            ),
        )
        self.assertIn("Sync Discount cannot be sold in the Point of Sale", str(caught))

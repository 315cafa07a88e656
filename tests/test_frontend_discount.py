# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .kinds_common import ShopSyncKindsUiCase


@tagged("post_install", "-at_install")
class TestShopSyncDiscountUi(ShopSyncKindsUiCase):
    """pos_discount's Discount button on Shop 1; Shop 2 has the same discount
    product, Shop 3 none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "discount_product_id" not in cls.env["pos.config"]._fields:
            raise AssertionError("pos_discount must be installed for these tests")
        cls.tax15 = cls._tax("Sync Tax 15", 15)
        cls.tax5 = cls._tax("Sync Tax 5", 5)
        cls.book = cls._pos_product("Sync Book", 100, cls.tax15)
        cls.tea = cls._pos_product("Sync Tea", 10, cls.tax5)
        cls.discount = cls.env["product.product"].create(
            {
                "name": "Sync Discount",
                "list_price": 0,
                "available_in_pos": False,
                "taxes_id": False,
            }
        )
        cls.shop3 = cls._create_receiver("Shop 3")
        (cls.shop1 | cls.shop2).write(
            {
                "module_pos_discount": True,
                "discount_product_id": cls.discount.id,
                "discount_pc": 10,
            }
        )
        cls.shop3.module_pos_discount = False

    def test_global_discount_built_sent_and_paid(self):
        self._open(self.shop1, self.shop2, self.shop3)
        self.start_pos_tour("ShopSyncDiscountSendTour", pos_config=self.shop1)
        sync = self._transfers()
        self.assertEqual(len(sync), 1)
        lines = sync.line_ids.sorted("sequence")
        self.assertEqual(
            [(line.product_id, line.line_kind) for line in lines],
            [
                (self.book, "product"),
                (self.tea, "product"),
                (self.discount, "global_discount"),
                (self.discount, "global_discount"),
            ],
        )
        # As pos_discount computes it on the sender: 10 % of each tax group's base.
        self.assertEqual(
            [(line.price_unit, line.tax_ids) for line in lines[2:]],
            [(-20.0, self.tax15), (-1.0, self.tax5)],
        )
        self.assertAlmostEqual(sync.amount_total, 216.45, places=2)

        self.start_pos_tour("ShopSyncDiscountNoProductTour", pos_config=self.shop3)
        self.assertEqual(sync.state, "pending")

        self.start_pos_tour("ShopSyncDiscountReceiveTour", pos_config=self.shop2)
        order = self._paid_order_of(sync)
        self.assertPaidAsSent(order, sync)
        self.assertEqual(order.lines[2:].product_id, self.discount)
        self.assertAlmostEqual(order.amount_total, 216.45, places=2)

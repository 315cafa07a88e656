# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.pos_shop_sync.models.shop_sync_product_names import (
    combination_names,
    display_name,
)

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestProductNames(ShopSyncCommon):
    """The send names its products in one query: the same names as
    ``product.product.display_name``, whatever the variants' attributes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attribute = cls.env["product.attribute"]
        # Sequences against ids and names: the ORM's order must be followed.
        cls.size = Attribute.create(
            {
                "name": "Size",
                "sequence": 20,
                "value_ids": [
                    Command.create({"name": "Large", "sequence": 2}),
                    Command.create({"name": "Small", "sequence": 1}),
                    Command.create({"name": "Medium", "sequence": 1}),
                ],
            }
        )
        cls.color = Attribute.create(
            {
                "name": "Color",
                "sequence": 10,
                "value_ids": [
                    Command.create({"name": "Red"}),
                    Command.create({"name": "Blue"}),
                ],
            }
        )
        cls.material = Attribute.create(
            {"name": "Material", "value_ids": [Command.create({"name": "Steel"})]}
        )
        cls.engraving = Attribute.create(
            {
                "name": "Engraving",
                "create_variant": "no_variant",
                "value_ids": [
                    Command.create({"name": "None"}),
                    Command.create({"name": "Initials"}),
                ],
            }
        )
        cls.desk = cls.env["product.template"].create(
            {
                "name": "Desk",
                "available_in_pos": True,
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": attribute.id,
                            "sequence": sequence,
                            "value_ids": [Command.set(attribute.value_ids.ids)],
                        }
                    )
                    for attribute, sequence in (
                        (cls.size, 1),
                        (cls.color, 1),
                        (cls.material, 5),
                        (cls.engraving, 3),
                    )
                ],
            }
        )
        cls.desk.product_variant_ids[0].default_code = "DESK-1"

    def _assert_names_equal(self, products):
        env = products.env
        combinations = combination_names(env.cr, products.ids, env.lang)
        for product in products.with_context(active_test=False):
            with self.subTest(product=product.id):
                self.assertEqual(
                    display_name(
                        product.name, product.default_code, combinations[product.id]
                    ),
                    product.display_name,
                )

    def test_variants_named_as_display_name(self):
        variants = self.desk.product_variant_ids
        self.assertEqual(len(variants), 6)
        self._assert_names_equal(variants)
        # A single-value line and a no_variant attribute name nothing.
        self.assertNotIn("Steel", variants[0].display_name)
        self.assertNotIn("None", variants[0].display_name)
        # Other products of the database, with and without variants.
        products = self.env["product.product"].search([], limit=200)
        self._assert_names_equal(products)

    def test_archived_value_and_variant(self):
        # Taking Large out of the line archives its value and its variants:
        # the archived variants keep "Large", the others count only active
        # values per line.
        size_line = self.desk.attribute_line_ids.filtered(
            lambda line: line.attribute_id == self.size
        )
        large = self.size.value_ids.filtered(lambda value: value.name == "Large")
        archived = self.desk.product_variant_ids.filtered(
            lambda variant: large
            in variant.product_template_attribute_value_ids.product_attribute_value_id
        )
        size_line.value_ids = [Command.unlink(large.id)]
        self.env.flush_all()
        self.assertFalse(archived.exists().filtered("active"))
        self._assert_names_equal(
            self.desk.with_context(active_test=False).product_variant_ids | archived
        )
        # One active value left on the line: the active variants drop the size.
        small = self.size.value_ids.filtered(lambda value: value.name == "Small")
        size_line.value_ids = [Command.unlink(small.id)]
        self.env.flush_all()
        remaining = self.desk.product_variant_ids
        self.assertNotIn("Medium", remaining[0].display_name)
        self._assert_names_equal(
            self.desk.with_context(active_test=False).product_variant_ids
        )

    def test_translated_names(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        french = self.env(context={"lang": "fr_FR"})
        french["product.attribute.value"].browse(
            self.color.value_ids.filtered(lambda value: value.name == "Red").id
        ).name = "Rouge"
        french["product.template"].browse(self.desk.id).name = "Bureau"
        variants = french["product.product"].browse(self.desk.product_variant_ids.ids)
        self.assertTrue(any("Rouge" in v.display_name for v in variants))
        self.assertTrue(all("Bureau" in v.display_name for v in variants))
        self._assert_names_equal(variants)

    def test_sent_lines_named_as_display_name(self):
        variants = self.desk.product_variant_ids
        result = self.Sync.send_from_ui(
            self.shop1.id,
            self._payload(
                lines=[
                    {"product_id": v.id, "qty": 1.0, "price_unit": 5.0}
                    for v in variants
                ]
            ),
        )
        sync = self.env["pos.shop.sync"].browse(result["id"])
        self.assertEqual(
            sync.line_ids.mapped("full_product_name"), variants.mapped("display_name")
        )

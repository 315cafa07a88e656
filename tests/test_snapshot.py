# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The snapshot of a cart (attributes, custom values, lots, combos, guests):
stored and given back exactly, checked, refused with the line named."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .snapshot_common import SnapshotCommon


@tagged("post_install", "-at_install")
class TestSnapshotRoundTrip(SnapshotCommon):
    def test_full_cart_round_trip_keeps_every_field(self):
        lines = self._full_cart_lines()
        sync = self._send(lines=lines, customer_count=3)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["customer_count"], 3)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(
            [self._as_sent(line) for line in transfer["lines"]],
            [self._as_sent(line) for line in lines],
        )
        by_uuid = {line["uuid"]: line for line in transfer["lines"]}
        menu = by_uuid["menu-1"]
        items = [line for line in transfer["lines"] if line["combo_parent_uuid"]]
        self.assertEqual(menu["combo_line_ids"], [line["id"] for line in items])
        self.assertEqual(len(items), 3)
        for item in items:
            self.assertEqual(item["combo_parent_id"], menu["id"])
            self.assertEqual(item["combo_line_ids"], [])
        pizza = by_uuid["pizza-1"]
        self.assertEqual(
            pizza["attribute_values"][0],
            {
                "id": self._ptav(self.pizza, "Extra cheese").id,
                "attribute_name": "Toppings",
                "name": "Extra cheese",
                "price_extra": 1.5,
            },
        )
        self.assertEqual(
            [v["name"] for v in by_uuid["shirt-1"]["attribute_values"]], ["L"]
        )
        self.assertEqual(by_uuid["phone-1"]["blocking_reason"], False)
        self.assertEqual(by_uuid["wine-1"]["blocking_reason"], False)
        # The same dicts from every call that gives lines.
        claimed = self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(
            [self._as_sent(line) for line in claimed["lines"]],
            [self._as_sent(line) for line in lines],
        )
        self.assertEqual(claimed["customer_count"], 3)

    def test_stored_fields_for_the_backend(self):
        sync = self._send(lines=self._full_cart_lines(), customer_count=4)
        self.assertEqual(sync.customer_count, 4)
        line = {line.uuid: line for line in sync.line_ids}
        self.assertEqual(
            line["pizza-1"].attribute_description,
            "Toppings: Extra cheese (+1.50), Toppings: Olives, Crust: Thin, "
            "Engraving: Happy birthday Anna",
        )
        self.assertEqual(line["phone-1"].lot_names_display, "SN-1, SN-2")
        self.assertEqual(line["phone-1"].lot_names, ["SN-1", "SN-2"])
        self.assertEqual(
            line["menu-1"].combo_line_ids,
            sync.line_ids.filtered(lambda x: x.combo_parent_id),
        )
        self.assertEqual(
            line[f"menu-1-{self.salad.id}"].combo_item_id,
            self._item(self.side_combo, self.salad),
        )
        self.assertEqual(
            line["pizza-1"].attribute_value_ids.ids,
            sorted(self._full_cart_lines()[1]["attribute_value_ids"]),
        )
        self.assertEqual(
            sync.line_ids.sorted("sequence").mapped("sequence"), list(range(1, 9))
        )

    def test_backend_form_shows_the_snapshot(self):
        sync = self._send(lines=self._full_cart_lines(), customer_count=2)
        arch = self.env["pos.shop.sync"].get_view(
            self.env.ref("pos_shop_sync.pos_shop_sync_view_form").id, "form"
        )["arch"]
        for field in (
            "customer_count",
            "attribute_description",
            "lot_names_display",
            "combo_parent_id",
            "combo_line_ids",
            "combo_item_id",
        ):
            self.assertIn(f'name="{field}"', arch)
        # The combo's items are indented under it in the lines list.
        names = sync.line_ids.sorted("sequence").mapped("display_name")
        self.assertEqual(names[2:6], ["Burger Menu", "↳ Burger", "↳ Salad", "↳ Cola"])

    def test_old_keys_only_still_work(self):
        sync = self._send()
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["customer_count"], 0)
        for line in transfer["lines"]:
            self.assertEqual(
                {
                    key: line[key]
                    for key in self.SENT_LINE_DEFAULTS
                    if key
                    not in (
                        "product_id",
                        "qty",
                        "price_unit",
                        "discount",
                        "customer_note",
                        "note",
                    )
                },
                {
                    "uuid": False,
                    "attribute_value_ids": [],
                    "custom_attribute_value_ids": [],
                    "pack_lot_ids": [],
                    "combo_parent_uuid": False,
                    "combo_item_id": False,
                },
            )
            self.assertEqual(line["combo_line_ids"], [])
            self.assertFalse(line["combo_parent_id"])
        self.assertFalse(any(sync.line_ids.mapped("attribute_description")))

    def test_lines_keep_the_sent_order_with_items_before_their_combo(self):
        menu, *items = self._menu_lines()
        lines = [self._line(self.pen), items[2], items[0], menu, items[1]]
        sync = self._send(lines=lines)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(
            [line["product_id"] for line in transfer["lines"]],
            [line["product_id"] for line in lines],
        )
        self.assertEqual(
            transfer["lines"][3]["combo_line_ids"],
            [transfer["lines"][i]["id"] for i in (1, 2, 4)],
        )

    def test_a_snapshot_costs_no_query_more(self):
        """The transfer dicts and the claim read the snapshot in the queries
        they make anyway."""
        counts = []
        for lines in (self._payload()["lines"], self._full_cart_lines()):
            sync = self._send(lines=lines)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            sync._shop_sync_to_dicts()
            self.Sync.claim_from_ui(self.shop2.id, sync.id)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])

    def test_guests_are_listed_with_the_transfer(self):
        self._send(customer_count=2)
        incoming = self.Sync.get_incoming(self.shop2.id, with_lines=False)
        self.assertEqual(incoming[0]["customer_count"], 2)


@tagged("post_install", "-at_install")
class TestSnapshotRefusals(SnapshotCommon):
    def _refused(self, exception, lines, message, **payload):
        return self.assertRefused(
            exception,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=lines, **payload),
            message=message,
        )

    def test_foreign_attribute_value(self):
        lines = [
            self._line(
                self.calzone.product_variant_id,
                attribute_value_ids=self._ptav(self.pizza, "Olives").ids,
            )
        ]
        self._refused(
            UserError, lines, "Line 1 (Calzone): an attribute value is not one"
        )

    def test_unknown_attribute_value(self):
        lines = [self._line(self.pizza_product, attribute_value_ids=[2_000_000_000])]
        self._refused(UserError, lines, "Line 1 (Pizza): an attribute value is not one")

    def test_another_variants_value(self):
        lines = [
            self._line(
                self.shirt_l,
                attribute_value_ids=self.shirt_s.product_template_attribute_value_ids.ids,
            )
        ]
        self._refused(UserError, lines, "not one of this product variant")

    def test_archived_attribute_value(self):
        thick = self._ptav(self.pizza, "Thick")
        thick.ptav_active = False
        lines = [self._line(self.pizza_product, attribute_value_ids=thick.ids)]
        self._refused(
            UserError, lines, "Line 1 (Pizza): an attribute value is no longer"
        )

    def test_two_values_of_a_single_choice_attribute(self):
        values = self._ptav(self.pizza, "Thin") | self._ptav(self.pizza, "Thick")
        lines = [self._line(self.pizza_product, attribute_value_ids=values.ids)]
        self._refused(ValidationError, lines, "two values of an attribute")

    def test_malformed_attribute_values(self):
        for values in ("1", [True], [0], {"1": 1}, [1.0]):
            with self.subTest(values=values):
                lines = [self._line(self.pizza_product, attribute_value_ids=values)]
                self._refused(ValidationError, lines, "attribute values are malformed")
        olives = self._ptav(self.pizza, "Olives").id
        lines = [self._line(self.pizza_product, attribute_value_ids=[olives, olives])]
        self._refused(ValidationError, lines, "chosen twice")

    def test_custom_value_of_a_value_not_chosen_or_not_custom(self):
        custom = self._ptav(self.pizza, "Custom")
        cheese = self._ptav(self.pizza, "Extra cheese")
        for chosen, value, message in (
            (cheese, custom, "not for a value chosen"),
            (cheese, cheese, "takes none"),
        ):
            with self.subTest(message=message):
                lines = [
                    self._line(
                        self.pizza_product,
                        attribute_value_ids=chosen.ids,
                        custom_attribute_value_ids=[
                            {
                                "custom_product_template_attribute_value_id": value.id,
                                "custom_value": "x",
                            }
                        ],
                    )
                ]
                self._refused(UserError, lines, message)

    def test_malformed_or_long_custom_values(self):
        custom = self._ptav(self.pizza, "Custom")
        for customs, error, message in (
            ("text", ValidationError, "custom values are malformed"),
            ([{"custom_value": "x"}], ValidationError, "custom values are malformed"),
            (
                [
                    {
                        "custom_product_template_attribute_value_id": custom.id,
                        "custom_value": 3,
                    }
                ],
                ValidationError,
                "custom values are malformed",
            ),
            (
                [
                    {
                        "custom_product_template_attribute_value_id": custom.id,
                        "custom_value": "x" * 501,
                    }
                ],
                UserError,
                "longer than 500",
            ),
        ):
            with self.subTest(customs=customs):
                lines = [
                    self._line(
                        self.pizza_product,
                        attribute_value_ids=custom.ids,
                        custom_attribute_value_ids=customs,
                    )
                ]
                self._refused(error, lines, message)

    def test_over_long_lot_name(self):
        lines = [
            self._line(self.wine, pack_lot_ids=[{"lot_name": "L" * 129}]),
        ]
        self._refused(UserError, lines, "Line 1 (Wine): lot or serial number")

    def test_empty_or_malformed_lot_names(self):
        for lots, error, message in (
            ([{"lot_name": "  "}], UserError, "is empty"),
            (["LOT-1"], ValidationError, "malformed"),
            ([{"lot_name": 5}], ValidationError, "malformed"),
            ({"lot_name": "LOT-1"}, ValidationError, "malformed"),
        ):
            with self.subTest(lots=lots):
                lines = [self._line(self.wine, pack_lot_ids=lots)]
                self._refused(error, lines, message)

    def test_lots_on_an_untracked_product(self):
        lines = [self._line(self.pen, pack_lot_ids=[{"lot_name": "LOT-1"}])]
        self._refused(UserError, lines, "Line 1 (Pen): the product is not tracked")

    def test_more_serials_than_quantity_or_twice_the_same(self):
        lots = [{"lot_name": "SN-1"}, {"lot_name": "SN-2"}]
        self._refused(
            UserError,
            [self._line(self.phone, qty=1.0, pack_lot_ids=lots)],
            "2 serial numbers for a quantity of 1.0",
        )
        self._refused(
            UserError,
            [self._line(self.phone, qty=2.0, pack_lot_ids=[lots[0], lots[0]])],
            "serial number is given twice",
        )
        # A lot-tracked line takes one lot, whatever its quantity.
        self._refused(
            UserError,
            [self._line(self.wine, qty=2.0, pack_lot_ids=lots)],
            "Line 1 (Wine): it has 2 lot numbers",
        )
        self._send(lines=[self._line(self.wine, qty=2.0, pack_lot_ids=lots[:1])])

    def test_foreign_combo_item(self):
        lines = self._menu_lines()
        lines[1]["combo_item_id"] = self._item(self.dessert_combo, self.cake).id
        lines[1]["product_id"] = self.cake.id
        self._refused(UserError, lines, "Line 2 (Cake): its combo choice is not one of")

    def test_combo_item_of_another_product(self):
        lines = self._menu_lines()
        lines[1]["combo_item_id"] = self._item(self.burger_combo, self.veggie).id
        self._refused(UserError, lines, "its combo choice is for another product")

    def test_orphan_item(self):
        lines = self._menu_lines()
        lines[2]["combo_parent_uuid"] = "menu-404"
        self._refused(ValidationError, lines, "Line 3 (Salad): its combo is not in")
        self._refused(ValidationError, lines[1:], "its combo is not in the cart")

    def test_item_under_a_plain_line(self):
        lines = self._menu_lines()
        lines.append(self._line(self.pen, uuid="pen-1"))
        lines[1]["combo_parent_uuid"] = "pen-1"
        self._refused(ValidationError, lines, "is not a combo")

    def test_nested_combo(self):
        lines = self._menu_lines() + self._menu_lines(parent_uuid="menu-2")
        lines[4]["combo_parent_uuid"] = "menu-1"
        lines[4]["combo_item_id"] = self._item(self.burger_combo, self.burger).id
        self._refused(
            ValidationError, lines, "Line 5 (Burger Menu): a combo cannot be an item"
        )

    def test_combo_without_items_or_reference(self):
        self._refused(
            UserError, self._menu_lines()[:1], "Line 1 (Burger Menu): the combo has no"
        )
        lines = self._menu_lines()
        del lines[0]["uuid"]
        self._refused(ValidationError, lines, "a combo needs a reference")

    def test_two_choices_of_one_combo(self):
        lines = self._menu_lines()
        lines.append(dict(lines[2], uuid="other", product_id=self.fries.id))
        lines[-1]["combo_item_id"] = self._item(self.side_combo, self.fries).id
        self._refused(UserError, lines, "already has a choice of this kind")

    def test_item_quantity_or_discount_unlike_its_combo(self):
        lines = self._menu_lines(qty=2.0)
        lines[3]["qty"] = 1.0
        self._refused(ValidationError, lines, "Line 4 (Cola): its quantity")
        lines = self._menu_lines()
        lines[3]["discount"] = 10.0
        self._refused(ValidationError, lines, "its discount is not the one")

    def test_combo_keys_alone_or_malformed(self):
        item = self._item(self.side_combo, self.fries).id
        for extra, message in (
            ({"combo_item_id": item}, "is in no combo"),
            ({"combo_parent_uuid": "menu-1"}, "names no combo choice"),
            ({"combo_parent_uuid": 5, "combo_item_id": item}, "malformed"),
            ({"combo_parent_uuid": "menu-1", "combo_item_id": "1"}, "malformed"),
        ):
            with self.subTest(extra=extra):
                lines = self._menu_lines() + [self._line(self.fries, **extra)]
                self._refused(ValidationError, lines, message)

    def test_line_references(self):
        for uuid in ("", "a b", "x" * 65, 5, ["a"]):
            with self.subTest(uuid=uuid):
                self._refused(
                    ValidationError,
                    [self._line(self.pen, uuid=uuid)],
                    "Line 1 (Pen): its reference is malformed",
                )
        self._refused(
            ValidationError,
            [self._line(self.pen, uuid="a"), self._line(self.desk, uuid="a")],
            "Line 2 (Desk): its reference is the one of line 1",
        )

    def test_guests(self):
        for count in (-1, 1001, 2.0, "3", True, [3]):
            with self.subTest(count=count):
                self.assertRefused(
                    ValidationError,
                    self.Sync.send_from_ui,
                    self.shop1.id,
                    self._payload(customer_count=count),
                    message="number of guests",
                )
        for count in (0, None, False, 1000):
            with self.subTest(count=count):
                sync = self._send(customer_count=count)
                self.assertEqual(sync.customer_count, count or 0)

    def test_refusals_are_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["pos_shop_sync"], ["fr_FR"])
        self.cashier.lang = "fr_FR"
        error = self.assertRefused(
            ValidationError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=[self._line(self.pen, qty="x")]),
        )
        self.assertIn("quantité", str(error))
        error = self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(
                lines=[self._line(self.pen, pack_lot_ids=[{"lot_name": "L"}])]
            ),
        )
        self.assertEqual(
            str(error),
            "Ligne 1 (Pen) : le produit n'est pas suivi par lot ou numéro de série.",
        )


@tagged("post_install", "-at_install")
class TestSnapshotDemo(SnapshotCommon):
    """The demo products (demo/pos_shop_sync_demo.xml, loaded by the test
    command) make the cart of the issue, and it arrives as sent."""

    def test_demo_cart_round_trip(self):
        ref = self.env.ref
        pizza = ref("pos_shop_sync.product_template_pizza")
        cheese = self._ptav(pizza, "Extra cheese")
        custom = self._ptav(pizza, "Custom")
        menu = ref("pos_shop_sync.product_product_burger_menu")
        lines = [
            {
                "uuid": "demo-pizza",
                "product_id": pizza.product_variant_id.id,
                "qty": 1.0,
                "price_unit": 10.5,
                "attribute_value_ids": (cheese | custom).ids,
                "custom_attribute_value_ids": [
                    {
                        "custom_product_template_attribute_value_id": custom.id,
                        "custom_value": "Happy birthday Anna",
                    }
                ],
            },
            {"uuid": "demo-menu", "product_id": menu.id, "qty": 1.0, "price_unit": 0.0},
        ]
        for combo in menu.combo_ids:
            item = combo.combo_item_ids[-1]
            lines.append(
                {
                    "product_id": item.product_id.id,
                    "qty": 1.0,
                    "price_unit": 4.0 + item.extra_price,
                    "combo_parent_uuid": "demo-menu",
                    "combo_item_id": item.id,
                }
            )
        lines += [
            {
                "product_id": ref("pos_shop_sync.product_product_wine_lot").id,
                "qty": 2.0,
                "price_unit": 18.0,
                "pack_lot_ids": [{"lot_name": "LOT-42"}],
            },
            {
                "product_id": ref("pos_shop_sync.product_product_phone_serial").id,
                "qty": 1.0,
                "price_unit": 199.0,
                "pack_lot_ids": [{"lot_name": "SN-0001"}],
            },
        ]
        sync = self._send(lines=lines, customer_count=3)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(
            [self._as_sent(line) for line in transfer["lines"]],
            [self._as_sent(line) for line in lines],
        )
        self.assertEqual(
            transfer["lines"][0]["attribute_values"][0]["price_extra"], 1.5
        )
        self.assertIn(1.0, menu.combo_ids.combo_item_ids.mapped("extra_price"))
        self.assertEqual(
            sync.line_ids[0].attribute_description,
            "Toppings: Extra cheese (+1.50), Message: Happy birthday Anna",
        )

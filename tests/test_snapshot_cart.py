# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pure checks of a sent cart (models/shop_sync_cart.py), without a
database: plain values in, normalized values or a refusal out."""

import math

from odoo.exceptions import UserError, ValidationError
from odoo.tests import BaseCase

from odoo.addons.pos_shop_sync.models.shop_sync_cart import (
    MAX_LOT_NAME_LENGTH,
    MAX_PRICE,
    CartChecker,
    ComboItemFacts,
    ProductFacts,
    ValueFacts,
    english,
)

PEN, PIZZA, SHIRT, MENU, BURGER, FRIES, COLA, WINE, PHONE = range(1, 10)
# Pizza (template 20): toppings (attribute 1, multi), crust (2), engraving
# custom (3); the shirt (template 30) is the variant of size L (value 40).
CHEESE, OLIVES, THIN, THICK, ENGRAVE, OTHER_TEMPLATE, ARCHIVED = range(11, 18)
SIZE_L, SIZE_S = 40, 41
BURGERS, SIDES, DRINKS, DESSERTS = 51, 52, 53, 54
BURGER_ITEM, FRIES_ITEM, COLA_ITEM, CAKE_ITEM = 61, 62, 63, 64

PRODUCTS = {
    PEN: ProductFacts("Pen", 10, "consu", "none"),
    PIZZA: ProductFacts("Pizza", 20, "consu", "none"),
    SHIRT: ProductFacts(
        "T-shirt (L)", 30, "consu", "none", variant_value_ids=frozenset({SIZE_L})
    ),
    MENU: ProductFacts(
        "Burger Menu",
        40,
        "combo",
        "none",
        combo_ids=frozenset({BURGERS, SIDES, DRINKS}),
    ),
    BURGER: ProductFacts("Burger", 41, "consu", "none"),
    FRIES: ProductFacts("Fries", 42, "consu", "none"),
    COLA: ProductFacts("Cola", 43, "consu", "none"),
    WINE: ProductFacts("Wine", 44, "consu", "lot"),
    PHONE: ProductFacts("Phone", 45, "consu", "serial"),
}
VALUES = {
    CHEESE: ValueFacts(20, 1, True, False, True, False),
    OLIVES: ValueFacts(20, 1, True, False, True, False),
    THIN: ValueFacts(20, 2, True, False, False, False),
    THICK: ValueFacts(20, 2, True, False, False, False),
    ENGRAVE: ValueFacts(20, 3, True, True, False, False),
    OTHER_TEMPLATE: ValueFacts(99, 1, True, False, True, False),
    ARCHIVED: ValueFacts(20, 2, False, False, False, False),
    SIZE_L: ValueFacts(30, 4, True, False, False, True),
    SIZE_S: ValueFacts(30, 4, True, False, False, True),
}
ITEMS = {
    BURGER_ITEM: ComboItemFacts(BURGERS, BURGER),
    FRIES_ITEM: ComboItemFacts(SIDES, FRIES),
    COLA_ITEM: ComboItemFacts(DRINKS, COLA),
    CAKE_ITEM: ComboItemFacts(DESSERTS, PEN),
}


def line(product, **values):
    return {"product_id": product, "qty": 1.0, "price_unit": 1.0, **values}


def menu(qty=1.0, discount=0.0, uuid="m1"):
    return [
        line(MENU, uuid=uuid, qty=qty, discount=discount),
        *(
            line(
                product,
                qty=qty,
                discount=discount,
                combo_parent_uuid=uuid,
                combo_item_id=item,
            )
            for product, item in (
                (BURGER, BURGER_ITEM),
                (FRIES, FRIES_ITEM),
                (COLA, COLA_ITEM),
            )
        ),
    ]


class TestCartChecker(BaseCase):
    """Runs without an environment: the checks read no database."""

    def setUp(self):
        super().setUp()
        self.checker = CartChecker(english, qty_digits=2)

    def check(self, lines):
        """Every check of ``send_from_ui`` on ``lines``; return
        ``(lines, snapshots, parents)``."""
        self.checker.check_line_list(lines)
        checked = [self.checker.check_line(x) for x in lines]
        names = [PRODUCTS[x["product_id"]].name for x in checked]
        snapshots = self.checker.check_snapshot(lines, names)
        parents = self.checker.check_facts(checked, snapshots, PRODUCTS, VALUES, ITEMS)
        return checked, snapshots, parents

    def refused(self, error, lines, message):
        with self.assertRaises(error) as caught:
            self.check(lines)
        self.assertIs(type(caught.exception), error)
        self.assertIn(message, str(caught.exception))
        return caught.exception

    def test_plain_lines_as_before(self):
        checked, snapshots, parents = self.check(
            [line(PEN, qty=1.234, discount=None, note=" x ")]
        )
        self.assertEqual(
            checked,
            [
                {
                    "product_id": PEN,
                    "qty": 1.23,
                    "price_unit": 1.0,
                    "discount": 0.0,
                    "customer_note": False,
                    "note": "x",
                }
            ],
        )
        self.assertEqual(
            snapshots,
            [
                {
                    "uuid": False,
                    "attribute_value_ids": [],
                    "custom_attribute_value_ids": [],
                    "lot_names": [],
                    "combo_parent_uuid": False,
                    "combo_item_id": False,
                }
            ],
        )
        self.assertEqual(parents, [None])

    def test_negative_prices_within_the_bounds_of_positive_ones(self):
        # A reward, a global discount, a refund's credit: the same bounds.
        for price in (-1.0, -MAX_PRICE, MAX_PRICE, 0.0):
            checked, __, __ = self.check([line(PEN, price_unit=price)])
            self.assertEqual(checked[0]["price_unit"], price)
        for price in (-MAX_PRICE - 0.01, MAX_PRICE + 1, math.nan, -math.inf):
            with self.subTest(price=price):
                self.refused(
                    ValidationError,
                    [line(PEN, price_unit=price)],
                    "unit price must be a number from -1000000000 to 1000000000",
                )

    def test_refusals_of_a_line_name_it(self):
        """A refusal of ``check_line`` given the line's place and product names
        them; the product id is checked first, by place."""
        cases = [
            ({"qty": 0}, "Line 2 (Pen): the quantity must be a non-zero number"),
            ({"price_unit": "5"}, "Line 2 (Pen): the unit price must be a number"),
            ({"discount": 101}, "Line 2 (Pen): the discount must be a number"),
            ({"note": "x" * 501}, "Line 2 (Pen): A line note is longer than 500"),
        ]
        for overrides, message in cases:
            with self.subTest(message=message):
                with self.assertRaises((UserError, ValidationError)) as caught:
                    self.checker.check_line(line(PEN, **overrides), 2, "Pen")
                self.assertIn(message, str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.checker.check_product_id({"product_id": "1"}, 3)
        self.assertEqual(str(caught.exception), "Line 3: it has no valid product.")

    def test_full_snapshot_is_normalized(self):
        custom = {
            "custom_product_template_attribute_value_id": ENGRAVE,
            "custom_value": " Happy birthday ",
        }
        lines = [
            line(
                PIZZA,
                uuid="p1",
                attribute_value_ids=[CHEESE, OLIVES, THIN, ENGRAVE],
                custom_attribute_value_ids=[custom],
            ),
            line(SHIRT, attribute_value_ids=[SIZE_L]),
            line(WINE, pack_lot_ids=[{"lot_name": " LOT-1 "}]),
            line(
                PHONE, qty=-2.0, pack_lot_ids=[{"lot_name": "SN1"}, {"lot_name": "SN2"}]
            ),
            *menu(qty=2.0, discount=5.0),
        ]
        __, snapshots, parents = self.check(lines)
        self.assertEqual(snapshots[0]["custom_attribute_value_ids"], [custom])
        self.assertEqual(snapshots[2]["lot_names"], ["LOT-1"])
        self.assertEqual(parents, [None, None, None, None, None, 4, 4, 4])

    def test_refusals_go_through_the_translation(self):
        checker = CartChecker(lambda source, *a, **k: "FR " + english(source, *a, **k))
        with self.assertRaises(ValidationError) as caught:
            checker.check_snapshot([line(PEN, uuid="a b")], ["Stylo"])
        self.assertEqual(
            str(caught.exception), "FR Line 1 (Stylo): FR its reference is malformed."
        )

    def test_shapes(self):
        for values, message in (
            ({"uuid": "a/b"}, "its reference is malformed"),
            ({"uuid": ""}, "its reference is malformed"),
            ({"attribute_value_ids": [True]}, "attribute values are malformed"),
            ({"attribute_value_ids": (CHEESE,)}, "attribute values are malformed"),
            ({"attribute_value_ids": [CHEESE, CHEESE]}, "chosen twice"),
            ({"attribute_value_ids": list(range(1, 102))}, "more than 100"),
            ({"custom_attribute_value_ids": [{}]}, "custom values are malformed"),
            (
                {
                    "custom_attribute_value_ids": [
                        {
                            "custom_product_template_attribute_value_id": ENGRAVE,
                            "custom_value": "x",
                            "extra": 1,
                        }
                    ]
                },
                "custom values are malformed",
            ),
            ({"pack_lot_ids": [{"lot_name": None}]}, "are malformed"),
            ({"pack_lot_ids": [{"name": "x"}]}, "are malformed"),
            # PostgreSQL cannot store a NUL character.
            ({"pack_lot_ids": [{"lot_name": "a\x00"}]}, "are malformed"),
            (
                {
                    "custom_attribute_value_ids": [
                        {
                            "custom_product_template_attribute_value_id": ENGRAVE,
                            "custom_value": "\x00",
                        }
                    ]
                },
                "custom values are malformed",
            ),
            ({"combo_item_id": 0, "combo_parent_uuid": "m1"}, "choice is malformed"),
            ({"combo_parent_uuid": ["m1"]}, "combo is malformed"),
        ):
            with self.subTest(values=values):
                self.refused(ValidationError, [line(PIZZA, **values)], "Line 1 (Pizza)")
                self.refused(ValidationError, [line(PIZZA, **values)], message)

    def test_lot_names(self):
        self.refused(UserError, [line(WINE, pack_lot_ids=[{"lot_name": " "}])], "empty")
        self.refused(
            UserError,
            [line(WINE, pack_lot_ids=[{"lot_name": "x" * (MAX_LOT_NAME_LENGTH + 1)}])],
            "longer than 128",
        )
        self.check([line(WINE, pack_lot_ids=[{"lot_name": "x" * MAX_LOT_NAME_LENGTH}])])
        self.refused(
            UserError,
            [line(WINE, pack_lot_ids=[{"lot_name": "x"}] * 1001)],
            "more than 1000",
        )
        self.refused(
            UserError,
            [line(PEN, pack_lot_ids=[{"lot_name": "x"}])],
            "Line 1 (Pen): the product is not tracked",
        )
        self.refused(
            UserError,
            [line(PHONE, qty=1.5, pack_lot_ids=[{"lot_name": "a"}, {"lot_name": "b"}])],
            "2 serial numbers for a quantity of 1.5",
        )
        self.refused(
            UserError,
            [line(PHONE, qty=2, pack_lot_ids=[{"lot_name": "a"}, {"lot_name": " a"}])],
            "given twice",
        )

    def test_a_lot_tracked_line_takes_one_lot(self):
        # As Odoo 18's POS gives it: one lot per line, whatever its quantity.
        self.check([line(WINE, qty=12.0, pack_lot_ids=[{"lot_name": "LOT-1"}])])
        for qty in (1.0, 2.0, 1000.0):
            with self.subTest(qty=qty):
                self.refused(
                    UserError,
                    [
                        line(
                            WINE,
                            qty=qty,
                            pack_lot_ids=[{"lot_name": "LOT-1"}, {"lot_name": "LOT-2"}],
                        )
                    ],
                    "Line 1 (Wine): it has 2 lot numbers: a line of a lot-tracked "
                    "product takes one.",
                )
        # A serial-tracked line: at most its quantity.
        serials = [{"lot_name": f"SN-{n}"} for n in range(3)]
        self.check([line(PHONE, qty=3.0, pack_lot_ids=serials)])
        self.refused(
            UserError,
            [line(PHONE, qty=2.0, pack_lot_ids=serials)],
            "3 serial numbers for a quantity of 2.0",
        )

    def test_attribute_values(self):
        for values, error, message in (
            ([OTHER_TEMPLATE], UserError, "is not one of this product"),
            ([999], UserError, "is not one of this product"),
            ([ARCHIVED], UserError, "no longer available"),
            ([THIN, THICK], ValidationError, "two values of an attribute"),
        ):
            with self.subTest(values=values):
                self.refused(error, [line(PIZZA, attribute_value_ids=values)], message)
        self.refused(
            UserError,
            [line(SHIRT, attribute_value_ids=[SIZE_S])],
            "Line 1 (T-shirt (L)): an attribute value is not one of this product v",
        )
        # A multi attribute takes several values.
        self.check([line(PIZZA, attribute_value_ids=[CHEESE, OLIVES])])

    def test_an_empty_custom_value_may_come_as_none_or_false(self):
        for empty in ({"custom_value": None}, {"custom_value": False}, {}):
            with self.subTest(empty=empty):
                custom = {
                    "custom_product_template_attribute_value_id": ENGRAVE,
                    **empty,
                }
                __, snapshots, __ = self.check(
                    [
                        line(
                            PIZZA,
                            attribute_value_ids=[ENGRAVE],
                            custom_attribute_value_ids=[custom],
                        )
                    ]
                )
                self.assertEqual(
                    snapshots[0]["custom_attribute_value_ids"],
                    [
                        {
                            "custom_product_template_attribute_value_id": ENGRAVE,
                            "custom_value": "",
                        }
                    ],
                )

    def test_custom_values(self):
        def custom(value_id):
            return [
                {
                    "custom_product_template_attribute_value_id": value_id,
                    "custom_value": "x",
                }
            ]

        self.refused(
            UserError,
            [
                line(
                    PIZZA,
                    attribute_value_ids=[THIN],
                    custom_attribute_value_ids=custom(ENGRAVE),
                )
            ],
            "not for a value chosen",
        )
        self.refused(
            UserError,
            [
                line(
                    PIZZA,
                    attribute_value_ids=[THIN],
                    custom_attribute_value_ids=custom(THIN),
                )
            ],
            "takes none",
        )
        self.refused(
            UserError,
            [
                line(
                    PIZZA,
                    attribute_value_ids=[ENGRAVE],
                    custom_attribute_value_ids=[
                        {
                            "custom_product_template_attribute_value_id": ENGRAVE,
                            "custom_value": "x" * 501,
                        }
                    ],
                )
            ],
            "longer than 500",
        )
        self.refused(
            ValidationError,
            [
                line(
                    PIZZA,
                    attribute_value_ids=[ENGRAVE],
                    custom_attribute_value_ids=custom(ENGRAVE) * 2,
                )
            ],
            "two custom values",
        )

    def test_combo_structure(self):
        def changed(index, **values):
            lines = menu()
            lines[index].update(values)
            return lines

        for lines, error, message in (
            (menu()[:1], UserError, "Line 1 (Burger Menu): the combo has no items"),
            (changed(0, uuid=False), ValidationError, "a combo needs a reference"),
            (
                changed(2, combo_parent_uuid="m2"),
                ValidationError,
                "Line 3 (Fries): its combo is not in",
            ),
            (menu()[1:], ValidationError, "its combo is not in the cart"),
            (changed(1, combo_item_id=CAKE_ITEM), UserError, "not one of Burger Menu"),
            (changed(1, combo_item_id=FRIES_ITEM), UserError, "for another product"),
            (changed(1, combo_item_id=404), UserError, "not one of Burger Menu"),
            (changed(3, qty=2.0), ValidationError, "Line 4 (Cola): its quantity"),
            (changed(3, discount=1.0), ValidationError, "its discount"),
            (changed(1, combo_item_id=False), ValidationError, "names no combo choice"),
            (changed(1, combo_parent_uuid=False), ValidationError, "is in no combo"),
            (
                menu()
                + [line(FRIES, combo_parent_uuid="m1", combo_item_id=FRIES_ITEM)],
                UserError,
                "Line 5 (Fries): its combo already has a choice",
            ),
            (
                menu()
                + [
                    line(PEN, uuid="p"),
                    line(FRIES, combo_parent_uuid="p", combo_item_id=FRIES_ITEM),
                ],
                ValidationError,
                "is not a combo",
            ),
            (
                menu()
                + menu(uuid="m2")[:1]
                + [
                    line(
                        MENU,
                        uuid="m3",
                        combo_parent_uuid="m1",
                        combo_item_id=BURGER_ITEM,
                    )
                ],
                ValidationError,
                "Line 6 (Burger Menu): a combo cannot be an item",
            ),
            (
                menu() + [line(FRIES, uuid="m1")],
                ValidationError,
                "Line 5 (Fries): its reference is the one of line 1",
            ),
        ):
            with self.subTest(message=message):
                self.refused(error, lines, message)

    def test_items_under_an_item_are_nested(self):
        lines = menu()
        lines[1]["uuid"] = "b1"
        lines.append(line(COLA, combo_parent_uuid="b1", combo_item_id=COLA_ITEM))
        self.refused(ValidationError, lines, "Line 5 (Cola): the line it belongs to")

    def test_guests(self):
        self.assertEqual(self.checker.check_customer_count(None), 0)
        self.assertEqual(self.checker.check_customer_count(False), 0)
        self.assertEqual(self.checker.check_customer_count(1000), 1000)
        for count in (-1, 1001, 1.0, "2", True):
            with self.subTest(count=count), self.assertRaises(ValidationError):
                self.checker.check_customer_count(count)

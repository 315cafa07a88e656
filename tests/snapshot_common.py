# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the snapshot tests: products with variants, no-variant
attributes and a custom value, a combo of three choices, lot- and
serial-tracked products."""

from odoo import Command

from .common import ShopSyncCommon


class SnapshotCommon(ShopSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attribute = cls.env["product.attribute"]
        cls.size = Attribute.create(
            {
                "name": "Size",
                "create_variant": "always",
                "value_ids": [Command.create({"name": n}) for n in ("S", "L")],
            }
        )
        cls.toppings = Attribute.create(
            {
                "name": "Toppings",
                "create_variant": "no_variant",
                "display_type": "multi",
                "value_ids": [
                    Command.create({"name": n}) for n in ("Extra cheese", "Olives")
                ],
            }
        )
        cls.crust = Attribute.create(
            {
                "name": "Crust",
                "create_variant": "no_variant",
                "value_ids": [Command.create({"name": n}) for n in ("Thin", "Thick")],
            }
        )
        cls.engraving = Attribute.create(
            {
                "name": "Engraving",
                "create_variant": "no_variant",
                "value_ids": [
                    Command.create({"name": "None"}),
                    Command.create({"name": "Custom", "is_custom": True}),
                ],
            }
        )
        cls.shirt = cls._template("T-shirt", 15.0, [cls.size])
        cls.shirt_s, cls.shirt_l = (
            cls.shirt.product_variant_ids.filtered(
                lambda p, size=size: p.product_template_attribute_value_ids.name == size
            )
            for size in ("S", "L")
        )
        cls.pizza = cls._template(
            "Pizza", 9.0, [cls.toppings, cls.crust, cls.engraving]
        )
        cls.pizza_product = cls.pizza.product_variant_id
        cls._ptav(cls.pizza, "Extra cheese").price_extra = 1.5
        cls.calzone = cls._template("Calzone", 8.0, [cls.toppings])
        Combo = cls.env["product.combo"]
        cls.burger = cls._product("Burger", 7.0)
        cls.veggie = cls._product("Veggie Burger", 7.5)
        cls.fries = cls._product("Fries", 2.0)
        cls.salad = cls._product("Salad", 3.0)
        cls.cola = cls._product("Cola", 2.0)
        cls.water = cls._product("Water", 1.0)
        cls.cake = cls._product("Cake", 4.0)
        cls.burger_combo = Combo.create(cls._combo("Burgers", cls.burger, cls.veggie))
        cls.side_combo = Combo.create(cls._combo("Sides", cls.fries, cls.salad))
        cls.side_combo.combo_item_ids.filtered(
            lambda i: i.product_id == cls.salad
        ).extra_price = 1.0
        cls.drink_combo = Combo.create(cls._combo("Drinks", cls.cola, cls.water))
        cls.dessert_combo = Combo.create(cls._combo("Desserts", cls.cake))
        cls.menu = cls._product(
            "Burger Menu",
            12.0,
            type="combo",
            combo_ids=[
                Command.set((cls.burger_combo | cls.side_combo | cls.drink_combo).ids)
            ],
        )
        cls.wine = cls._product("Wine", 20.0, is_storable=True, tracking="lot")
        cls.phone = cls._product("Phone", 199.0, is_storable=True, tracking="serial")

    @classmethod
    def _product(cls, name, price, **values):
        return cls.env["product.product"].create(
            {
                "name": name,
                "list_price": price,
                "available_in_pos": True,
                "taxes_id": [Command.clear()],
                **values,
            }
        )

    @classmethod
    def _template(cls, name, price, attributes):
        return cls.env["product.template"].create(
            {
                "name": name,
                "list_price": price,
                "available_in_pos": True,
                "taxes_id": [Command.clear()],
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": attribute.id,
                            "value_ids": [Command.set(attribute.value_ids.ids)],
                        }
                    )
                    for attribute in attributes
                ],
            }
        )

    @classmethod
    def _ptav(cls, template, name):
        return template.attribute_line_ids.product_template_value_ids.filtered(
            lambda ptav: ptav.name == name
        )

    @classmethod
    def _combo(cls, name, *products):
        return {
            "name": name,
            "combo_item_ids": [
                Command.create({"product_id": product.id}) for product in products
            ],
        }

    #: The keys of a sent line, with their value when not sent.
    SENT_LINE_DEFAULTS = {
        "product_id": None,
        "qty": None,
        "price_unit": None,
        "discount": 0.0,
        "customer_note": "",
        "note": "",
        "uuid": False,
        "attribute_value_ids": [],
        "custom_attribute_value_ids": [],
        "pack_lot_ids": [],
        "combo_parent_uuid": False,
        "combo_item_id": False,
    }

    def _as_sent(self, line):
        """The keys of ``line`` (sent or of a transfer dict) that a send
        stores, with their defaults."""
        return {
            key: line.get(key, default) if line.get(key) is not None else default
            for key, default in self.SENT_LINE_DEFAULTS.items()
        }

    def _item(self, combo, product):
        return combo.combo_item_ids.filtered(lambda i: i.product_id == product)

    def _menu_lines(self, qty=1.0, parent_uuid="menu-1", side=None, **parent):
        """A Burger Menu line and its three items (burger, side, cola)."""
        side = side or self.salad
        lines = [
            {
                "uuid": parent_uuid,
                "product_id": self.menu.id,
                "qty": qty,
                "price_unit": 0.0,
                **parent,
            }
        ]
        for combo, product, price in (
            (self.burger_combo, self.burger, 6.5),
            (self.side_combo, side, 3.0),
            (self.drink_combo, self.cola, 2.5),
        ):
            lines.append(
                {
                    "uuid": f"{parent_uuid}-{product.id}",
                    "product_id": product.id,
                    "qty": qty,
                    "price_unit": price,
                    "discount": parent.get("discount", 0.0),
                    "combo_parent_uuid": parent_uuid,
                    "combo_item_id": self._item(combo, product).id,
                }
            )
        return lines

    def _full_cart_lines(self):
        """The issue's cart: a variant, a pizza with toppings and an
        engraving, a combo of three (one with an extra price), a lot-tracked
        and a serial-tracked product."""
        custom = self._ptav(self.pizza, "Custom")
        return [
            {
                "uuid": "shirt-1",
                "product_id": self.shirt_l.id,
                "qty": 1.0,
                "price_unit": 15.0,
                "attribute_value_ids": (
                    self.shirt_l.product_template_attribute_value_ids.ids
                ),
            },
            {
                "uuid": "pizza-1",
                "product_id": self.pizza_product.id,
                "qty": 2.0,
                "price_unit": 10.5,
                "attribute_value_ids": (
                    self._ptav(self.pizza, "Extra cheese")
                    | self._ptav(self.pizza, "Olives")
                    | self._ptav(self.pizza, "Thin")
                    | custom
                ).ids,
                "custom_attribute_value_ids": [
                    {
                        "custom_product_template_attribute_value_id": custom.id,
                        "custom_value": "Happy birthday Anna",
                    }
                ],
                "note": "Cut in 8",
            },
            *self._menu_lines(),
            {
                "uuid": "wine-1",
                "product_id": self.wine.id,
                "qty": 3.0,
                "price_unit": 20.0,
                "pack_lot_ids": [{"lot_name": "LOT-2024-A"}],
            },
            {
                "uuid": "phone-1",
                "product_id": self.phone.id,
                "qty": 2.0,
                "price_unit": 199.0,
                "pack_lot_ids": [{"lot_name": "SN-1"}, {"lot_name": "SN-2"}],
            },
        ]

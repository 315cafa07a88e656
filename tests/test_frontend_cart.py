# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from uuid import uuid4

from odoo import Command
from odoo.tests import tagged

from .test_frontend import ShopSyncUiCase


@tagged("post_install", "-at_install")
class TestShopSyncCartUi(ShopSyncUiCase):
    """Carts of what restaurants and department stores sell: attributes, custom
    values, combos, lot/serial numbers, a second pricelist and a fiscal
    position, sent from Shop 1 and rebuilt on Shop 2 exactly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_attribute_products()
        cls._create_combo()
        cls._create_tracked_and_weighed_products()
        cls._create_pricelist_and_fiscal_position()

    @classmethod
    def _product(cls, name, price, **values):
        return cls.env["product.product"].create(
            {
                "name": name,
                "list_price": price,
                "available_in_pos": True,
                "taxes_id": False,
                **values,
            }
        )

    @classmethod
    def _attribute(cls, name, values, create_variant="no_variant"):
        return cls.env["product.attribute"].create(
            {
                "name": name,
                "create_variant": create_variant,
                "display_type": "radio",
                "value_ids": [
                    Command.create({"name": value, "is_custom": is_custom})
                    for value, is_custom in values
                ],
            }
        )

    @classmethod
    def _create_attribute_products(cls):
        topping = cls._attribute(
            "Sync Topping", [("Extra cheese", False), ("Mushrooms", False)]
        )
        message = cls._attribute(
            "Sync Message", [("No message", False), ("Custom message", True)]
        )
        cls.pizza = cls._product("Sync Pizza", 10)
        cls.env["product.template.attribute.line"].create(
            [
                {
                    "product_tmpl_id": cls.pizza.product_tmpl_id.id,
                    "attribute_id": attribute.id,
                    "value_ids": [Command.set(attribute.value_ids.ids)],
                }
                for attribute in (topping, message)
            ]
        )
        cls.extra_cheese = cls.pizza.attribute_line_ids[
            0
        ].product_template_value_ids.filtered(lambda v: v.name == "Extra cheese")
        cls.extra_cheese.price_extra = 1.5
        cls.custom_message = cls.pizza.attribute_line_ids[
            1
        ].product_template_value_ids.filtered(lambda v: v.name == "Custom message")

        size = cls._attribute("Sync Size", [("S", False), ("M", False)], "always")
        shirt = cls.env["product.template"].create(
            {
                "name": "Sync Shirt",
                "list_price": 20,
                "available_in_pos": True,
                "taxes_id": False,
                "attribute_line_ids": [
                    Command.create(
                        {
                            "attribute_id": size.id,
                            "value_ids": [Command.set(size.value_ids.ids)],
                        }
                    )
                ],
            }
        )
        shirt.attribute_line_ids.product_template_value_ids.filtered(
            lambda v: v.name == "M"
        ).price_extra = 2

    @classmethod
    def _create_combo(cls):
        burger_a = cls._product("Sync Burger A", 8)
        cls.burger_b = cls._product("Sync Burger B", 9)
        cls.cola = cls._product("Sync Cola", 2)
        water = cls._product("Sync Water", 2)
        burgers, drinks = cls.env["product.combo"].create(
            [
                {
                    "name": "Sync Burgers",
                    "combo_item_ids": [
                        Command.create({"product_id": burger_a.id}),
                        Command.create(
                            {"product_id": cls.burger_b.id, "extra_price": 2}
                        ),
                    ],
                },
                {
                    "name": "Sync Drinks",
                    "combo_item_ids": [
                        Command.create({"product_id": cls.cola.id}),
                        Command.create({"product_id": water.id}),
                    ],
                },
            ]
        )
        cls.menu = cls._product(
            "Sync Menu",
            15,
            type="combo",
            combo_ids=[Command.set((burgers | drinks).ids)],
        )

    @classmethod
    def _create_tracked_and_weighed_products(cls):
        cls.phone = cls._product("Sync Phone", 199, is_storable=True, tracking="serial")
        cls._product("Sync Cable", 2.5, is_storable=True, tracking="lot")
        kilo = cls.env.ref("uom.product_uom_kgm")
        cls._product(
            "Sync Cheese", 21.9, to_weight=True, uom_id=kilo.id, uom_po_id=kilo.id
        )

    @classmethod
    def _create_pricelist_and_fiscal_position(cls):
        """A second pricelist and a fiscal position (SRC 10 % -> DST 5 %),
        available on both shops."""
        pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Sync Pricelist",
                "currency_id": cls.shop1.currency_id.id,
            }
        )
        taxes = cls.env["account.tax"].search(
            [("name", "in", ("SRC", "DST")), ("company_id", "=", cls.env.company.id)]
        )
        src, dst = (
            taxes.filtered(lambda t, n=n: t.name == n)[:1] for n in ("SRC", "DST")
        )
        fiscal_position = cls.env["account.fiscal.position"].create(
            {
                "name": "Sync FP",
                "tax_ids": [
                    Command.create({"tax_src_id": src.id, "tax_dest_id": dst.id})
                ],
            }
        )
        cls.shop1.write(
            {
                "available_pricelist_ids": [Command.link(pricelist.id)],
                "fiscal_position_ids": [Command.link(fiscal_position.id)],
            }
        )
        cls.shop2.write(
            {
                "use_pricelist": True,
                "pricelist_id": cls.shop1.pricelist_id.id,
                "available_pricelist_ids": [
                    Command.set((cls.shop1.pricelist_id | pricelist).ids)
                ],
                "tax_regime_selection": True,
                "fiscal_position_ids": [Command.set(fiscal_position.ids)],
            }
        )
        cls.sync_pricelist = pricelist
        cls.sync_fiscal_position = fiscal_position

    def _send_cart(self):
        """Send from Shop 1 to Shop 2, as Shop 1's POS would, a configured
        pizza, a menu of a burger and a cola, a serial-numbered phone."""
        burgers, drinks = self.menu.combo_ids
        lines = [
            {
                "uuid": "pizza",
                "product_id": self.pizza.id,
                "qty": 1,
                "price_unit": 11.5,
                "attribute_value_ids": self.extra_cheese.ids,
            },
            {"uuid": "menu", "product_id": self.menu.id, "qty": 1, "price_unit": 0},
            {
                "uuid": "burger",
                "product_id": self.burger_b.id,
                "qty": 1,
                "price_unit": 14,
                "combo_parent_uuid": "menu",
                "combo_item_id": burgers.combo_item_ids.filtered(
                    lambda i: i.product_id == self.burger_b
                ).id,
            },
            {
                "uuid": "cola",
                "product_id": self.cola.id,
                "qty": 1,
                "price_unit": 3,
                "combo_parent_uuid": "menu",
                "combo_item_id": drinks.combo_item_ids.filtered(
                    lambda i: i.product_id == self.cola
                ).id,
            },
            {
                "uuid": "phone",
                "product_id": self.phone.id,
                "qty": 1,
                "price_unit": 199,
                "pack_lot_ids": [{"lot_name": "SN-0002"}],
            },
        ]
        result = (
            self.env["pos.shop.sync"]
            .with_user(self.pos_user)
            .send_from_ui(
                self.shop1.id,
                {
                    "uuid": str(uuid4()),
                    "sync_type": "assigned",
                    "target_config_ids": self.shop2.ids,
                    "lines": lines,
                },
            )
        )
        return self.env["pos.shop.sync"].browse(result["id"])

    def test_01_cart_built_in_the_ui_arrives_exactly(self):
        """The cart of issue #14, built through Odoo's configurator, combo and lot
        popups on Shop 1, previewed and accepted on Shop 2, then paid."""
        self._open(self.shop1, self.shop2)
        self.start_pos_tour("ShopSyncCartSendTour", pos_config=self.shop1)
        sync = self._transfers()
        self.assertEqual(len(sync), 1)
        self.assertEqual(len(sync.line_ids), 5)

        # Paying an order with a custom value creates product.attribute.custom.value
        # records, which Odoo lets a POS manager create, not a plain POS user
        # (without `sale`): Odoo's own rule, on the sender as on the receiver.
        self.start_pos_tour(
            "ShopSyncCartReceiveTour", pos_config=self.shop2, login="pos_admin"
        )
        order = self.env["pos.order"].search([("shop_sync_id", "=", sync.id)])
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.amount_total, 227.5)
        self.assertEqual(order.pricelist_id, self.sync_pricelist)
        self.assertEqual(order.fiscal_position_id, self.sync_fiscal_position)
        self.assertIn("Deliver at noon", order.general_note or "")
        lines = {line.product_id: line for line in order.lines}
        self.assertEqual(len(order.lines), 5)

        pizza = lines[self.pizza]
        self.assertEqual(
            pizza.attribute_value_ids, self.extra_cheese | self.custom_message
        )
        self.assertEqual(
            pizza.custom_attribute_value_ids.mapped(
                lambda c: (c.custom_product_template_attribute_value_id, c.custom_value)
            ),
            [(self.custom_message, "Happy birthday Anna")],
        )
        self.assertEqual((pizza.qty, pizza.price_unit), (1, 11.5))
        self.assertEqual(pizza.note, "No onions")
        # What the receiving POS saved, as on the sender: Odoo's configurator
        # gives the values in its own order (the message first, here), which the
        # line's name follows; the rebuilt line keeps it. (Its receipt, drawn
        # from the order Odoo reloads after the save, names the attribute values
        # only.)
        self.assertEqual(
            pizza.full_product_name,
            "Sync Pizza (Sync Message: Custom message: Happy birthday Anna, "
            "Extra cheese)",
        )

        menu = lines[self.menu]
        self.assertEqual(menu.combo_line_ids, lines[self.burger_b] | lines[self.cola])
        for item in menu.combo_line_ids:
            self.assertEqual(item.combo_parent_id, menu)
            self.assertEqual(item.combo_item_id.product_id, item.product_id)
            self.assertIn(item.combo_item_id, self.menu.combo_ids.combo_item_ids)
        self.assertEqual(lines[self.burger_b].price_unit, 14)
        self.assertEqual(lines[self.cola].price_unit, 3)

        phone = lines[self.phone]
        self.assertEqual(phone.pack_lot_ids.mapped("lot_name"), ["SN-0001"])
        self.assertEqual((phone.qty, phone.price_unit), (1, 199))
        self.assertEqual(phone.note, "Screen protector")

    def test_02_every_line_kind_arrives_with_its_quantity_and_price(self):
        """Plain, variant, no-variant attribute, custom value, combo, lot,
        serial, weighed, return, manual price, discount: the cart Shop 2
        rebuilds equals Shop 1's value for value, its totals to the cent."""
        self._open(self.shop1, self.shop2)
        # A POS manager: the paid cart has a custom value (see test_01).
        self.start_pos_tour(
            "ShopSyncEveryLineKindTour", pos_config=self.shop1, login="pos_admin"
        )
        sync = self._transfers()
        self.assertEqual(len(sync), 1)
        order = self.env["pos.order"].search([("shop_sync_id", "=", sync.id)])
        self.assertEqual(order.state, "paid")
        self.assertEqual(len(order.lines), 11)
        self.assertEqual(order.pricelist_id, self.sync_pricelist)
        self.assertEqual(order.fiscal_position_id, self.sync_fiscal_position)
        self.assertEqual(
            sorted(order.lines.pack_lot_ids.mapped("lot_name")),
            ["LOT-A", "SN-1", "SN-2"],
        )
        self.assertEqual(
            order.lines.filtered("combo_line_ids").combo_line_ids.mapped(
                "product_id.name"
            ),
            ["Sync Burger B", "Sync Water"],
        )
        # Built with its message before its topping: the receiver kept that
        # order, and the paid line reads as the sender's did.
        pizza = order.lines.filtered(lambda line: line.product_id == self.pizza)
        self.assertEqual(
            pizza.full_product_name,
            "Sync Pizza (Sync Message: Custom message: Ciao, Extra cheese)",
        )

    def test_03_preview_blocks_what_this_terminal_cannot_sell(self):
        """An attribute value archived and a combo item taken out of its menu
        after the send: the preview says so under each line and Accept is off;
        the serial-numbered phone stays acceptable."""
        self._open(self.shop1, self.shop2)
        burgers = self.menu.combo_ids[0]
        self._send_cart()
        self.extra_cheese.ptav_active = False
        self.menu.combo_ids = burgers
        self.start_pos_tour("ShopSyncCartDriftTour", pos_config=self.shop2)
        self.assertEqual(self._transfers().state, "pending")

    def test_04_rebuild_loads_what_the_terminal_lacks(self):
        """Shop 2 shows none of these products (another category only): the
        rebuild loads the products, their attribute values and the menu's
        items, and rebuilds the cart exactly, without a popup."""
        category = self.env["pos.category"].create({"name": "Sync Elsewhere"})
        self.shop2.write(
            {
                "limit_categories": True,
                "iface_available_categ_ids": [Command.set(category.ids)],
            }
        )
        self._open(self.shop1, self.shop2)
        sync = self._send_cart()
        self.start_pos_tour("ShopSyncCartNotLoadedTour", pos_config=self.shop2)
        order = self.env["pos.order"].search([("shop_sync_id", "=", sync.id)])
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.amount_total, 227.5)
        pizza = order.lines.filtered(lambda line: line.product_id == self.pizza)
        self.assertEqual(pizza.attribute_value_ids, self.extra_cheese)
        menu = order.lines.filtered(lambda line: line.product_id == self.menu)
        self.assertEqual(menu.combo_line_ids.product_id, self.burger_b | self.cola)
        self.assertEqual(order.lines.pack_lot_ids.mapped("lot_name"), ["SN-0002"])

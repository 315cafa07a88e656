# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged

from .test_frontend import ShopSyncUiCase

# Every line the restaurant tours send, as the receiving order must hold it:
# (product, qty, price_unit, internal note).
TOUR_LINES = [
    ("Desk Pad", 2, 1.98, "No onions"),
    ("Monitor Stand", 1, 3.19, False),
]
TOUR_NOTE = "Birthday: bring the cake last"


class ShopSyncRestaurantUiCase(ShopSyncUiCase):
    """Shop 1 (retail) sends, Shop 2 (retail) receives; Resto 1 and Resto 2 are
    restaurant terminals ("Is a Bar/Restaurant") that send and receive, each
    with a floor of two tables (1 and 2 for Resto 1, 3 and 4 for Resto 2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "floor_ids" not in cls.env["pos.config"]._fields:
            # Creating a restaurant terminal would install pos_restaurant.
            raise AssertionError(
                "These tests need pos_restaurant installed beside the module "
                "(scripts/test.sh installs it)."
            )
        cls.resto1 = cls._create_restaurant("Resto 1", (1, 2))
        cls.resto2 = cls._create_restaurant("Resto 2", (3, 4))

    @classmethod
    def _create_restaurant(cls, name, table_numbers):
        journal = cls.env["account.journal"].create(
            {"name": f"Cash {name}", "type": "cash", "code": f"CR{name[-1]}SS"}
        )
        floor = cls.env["restaurant.floor"].create({"name": f"{name} Floor"})
        cls.env["restaurant.table"].create(
            [
                {
                    "floor_id": floor.id,
                    "table_number": number,
                    "seats": 4,
                    "position_h": 100 + 200 * index,
                    "position_v": 100,
                    "width": 130,
                    "height": 130,
                }
                for index, number in enumerate(table_numbers)
            ]
        )
        return cls.env["pos.config"].create(
            {
                "name": name,
                "module_pos_restaurant": True,
                "floor_ids": [Command.set(floor.ids)],
                "shop_sync_can_send": True,
                "shop_sync_can_receive": True,
                "payment_method_ids": [
                    Command.create({"name": f"Cash {name}", "journal_id": journal.id}),
                    Command.link(cls.bank_payment_method.id),
                ],
            }
        )

    def _table(self, config, number):
        return config.floor_ids.table_ids.filtered(
            lambda table: table.table_number == number
        )

    def _open_orders(self, config):
        """The orders of ``config`` that a table or the cashier still holds."""
        return self.env["pos.order"].search(
            [("config_id", "=", config.id), ("state", "=", "draft")]
        )

    def assertSentAsTheTours(self, sync, customer_count):
        self.assertEqual(len(sync), 1)
        self.assertRecordValues(
            sync, [{"note": TOUR_NOTE, "customer_count": customer_count}]
        )
        self.assertEqual(
            sync.line_ids.mapped(
                lambda line: (
                    line.full_product_name,
                    line.qty,
                    line.price_unit,
                    line.note,
                )
            ),
            TOUR_LINES,
        )

    def assertReceivedAsSent(self, sync, receiver, table, customer_count):
        """The order paid on ``receiver`` is the transfer's, line for line, on
        ``table`` (a restaurant.table or False) with ``customer_count`` guests."""
        self.env.invalidate_all()
        order = self.env["pos.order"].search([("shop_sync_id", "=", sync.id)])
        self.assertEqual(len(order), 1)
        self.assertRecordValues(
            order,
            [
                {
                    "config_id": receiver.id,
                    "state": "paid",
                    "table_id": table.id if table else False,
                    "customer_count": customer_count,
                    "general_note": TOUR_NOTE,
                }
            ],
        )
        self.assertEqual(
            order.lines.mapped(
                lambda line: (
                    line.product_id.name,
                    line.qty,
                    line.price_unit,
                    # The POS saves a line without a note with an empty one.
                    line.note or False,
                )
            ),
            TOUR_LINES,
        )
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "done",
                    "receiver_config_id": receiver.id,
                    "pos_order_id": order.id,
                }
            ],
        )
        return order


@tagged("post_install", "-at_install")
class TestShopSyncRestaurantUi(ShopSyncRestaurantUiCase):
    def test_01_table_order_to_a_restaurant_table(self):
        """A table's order with 3 guests goes from Resto 1 to the table Resto 2
        has open; Resto 1's table is free."""
        self._open(self.resto1, self.resto2)
        self.start_pos_tour("ShopSyncRestaurantSendTableTour", pos_config=self.resto1)
        sync = self._transfers()
        self.assertSentAsTheTours(sync, customer_count=3)
        self.assertRecordValues(
            sync,
            [
                {
                    "sender_config_id": self.resto1.id,
                    "target_config_ids": self.resto2.ids,
                    "state": "pending",
                }
            ],
        )
        self.assertFalse(
            self._open_orders(self.resto1), "the sent order stayed on Resto 1's table"
        )

        self.start_pos_tour(
            "ShopSyncRestaurantReceiveOnTableTour", pos_config=self.resto2
        )
        self.assertReceivedAsSent(
            sync, self.resto2, self._table(self.resto2, 3), customer_count=3
        )
        self.assertFalse(self._open_orders(self.resto2))

    def test_02_retail_to_a_restaurant_table(self):
        """Shop 1 (retail) sends to Resto 2, which accepts onto its open table:
        no guests were sent, the table's own count stays."""
        self._open(self.shop1, self.resto2)
        self.start_pos_tour("ShopSyncRetailSendToRestaurantTour", pos_config=self.shop1)
        sync = self._transfers()
        self.assertSentAsTheTours(sync, customer_count=0)
        self.assertEqual(sync.target_config_ids, self.resto2)
        self.start_pos_tour(
            "ShopSyncRestaurantReceiveFromRetailTour", pos_config=self.resto2
        )
        self.assertReceivedAsSent(
            sync, self.resto2, self._table(self.resto2, 4), customer_count=2
        )

    def test_03_restaurant_table_to_retail(self):
        """A table's order of Resto 1 goes to Shop 2 (retail): the table is free;
        the retail order has no table."""
        self._open(self.resto1, self.shop2)
        self.start_pos_tour(
            "ShopSyncRestaurantSendToRetailTour", pos_config=self.resto1
        )
        sync = self._transfers()
        self.assertSentAsTheTours(sync, customer_count=2)
        self.assertEqual(sync.target_config_ids, self.shop2)
        self.assertFalse(self._open_orders(self.resto1))
        self.start_pos_tour(
            "ShopSyncRetailReceiveFromRestaurantTour", pos_config=self.shop2
        )
        order = self.assertReceivedAsSent(sync, self.shop2, False, customer_count=0)
        self.assertFalse(order.table_id)

    def test_04_taken_table_or_no_table_gives_a_floating_order(self):
        """A table holds one order: when the open table's order has lines, the
        transfer becomes a floating order, as it does when no table is open."""
        self._open(self.shop1, self.resto2)
        taken = self._send_from(
            self.shop1, self.resto2, self.partner_test_1, [(self.desk_pad, 1, 1.98)]
        )
        floating = self._send_from(
            self.shop1,
            self.resto2,
            self.partner_test_2,
            [(self.monitor_stand, 1, 3.19)],
        )
        self.start_pos_tour(
            "ShopSyncRestaurantReceiveFloatingTour", pos_config=self.resto2
        )
        self.env.invalidate_all()
        orders = self._open_orders(self.resto2)
        self.assertEqual(
            sorted(
                orders.mapped(
                    lambda order: (
                        ", ".join(order.lines.mapped("product_id.name")),
                        order.table_id.table_number,
                        order.shop_sync_id.name or False,
                    )
                )
            ),
            [
                ("Desk Pad", 0, taken.name),
                ("Monitor Stand", 0, floating.name),
                ("Whiteboard Pen", 4, False),
            ],
        )


@tagged("post_install", "-at_install")
class TestShopSyncRestaurantDemo(TransactionCase):
    def test_restaurant_demo_terminal(self):
        """With pos_restaurant installed, the demo has a restaurant terminal that
        sends and receives (created once)."""
        Config = self.env["pos.config"]
        config = Config._shop_sync_load_restaurant_demo()
        self.assertEqual(config, self.env.ref("pos_shop_sync.pos_config_restaurant"))
        self.assertRecordValues(
            config,
            [
                {
                    "name": "Shop Restaurant",
                    "module_pos_restaurant": True,
                    "shop_sync_can_send": True,
                    "shop_sync_can_receive": True,
                }
            ],
        )
        self.assertEqual(
            sorted(config.floor_ids.table_ids.mapped("table_number")), [1, 2, 3, 4]
        )
        self.assertEqual(Config._shop_sync_load_restaurant_demo(), config)

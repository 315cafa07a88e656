# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What changed since a send blocks its acceptance, with the reason: an
attribute value or a combo choice the receiving terminal can no longer sell."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .snapshot_common import SnapshotCommon


@tagged("post_install", "-at_install")
class TestSnapshotDrift(SnapshotCommon):
    def _assert_blocked(self, sync, line_number, reason):
        """``get_transfer`` blocks line ``line_number`` (1-based) for
        ``reason``, and the claim is refused with it."""
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertIn(reason, transfer["blocking_reasons"])
        self.assertEqual(transfer["lines"][line_number - 1]["blocking_reason"], reason)
        self.assertEqual(
            [
                n
                for n, line in enumerate(transfer["lines"], 1)
                if line["blocking_reason"]
            ],
            [line_number],
        )
        with self.assertRaises(UserError) as caught:
            self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertIn(reason, str(caught.exception))
        self.assertEqual(sync.state, "pending")

    def _send_pizza(self):
        values = self._ptav(self.pizza, "Olives") | self._ptav(self.pizza, "Thin")
        return self._send(
            lines=[
                self._line(self.pen),
                self._line(self.pizza_product, attribute_value_ids=values.ids),
            ]
        )

    def test_full_cart_is_acceptable(self):
        sync = self._send(lines=self._full_cart_lines(), customer_count=2)
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        claimed = self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(claimed["state"], "claimed")

    def test_archived_attribute_value_blocks(self):
        sync = self._send_pizza()
        self._ptav(self.pizza, "Thin").ptav_active = False
        self._assert_blocked(sync, 2, "Pizza: Crust: Thin is no longer available.")

    def test_attribute_value_removed_from_the_product_blocks(self):
        sync = self._send_pizza()
        line = self.pizza.attribute_line_ids.filtered(
            lambda x: x.attribute_id == self.toppings
        )
        olives = self.toppings.value_ids.filtered(lambda v: v.name == "Olives")
        line.value_ids = [Command.unlink(olives.id)]
        self._assert_blocked(sync, 2, "Pizza: Toppings: Olives is no longer available.")

    def test_deleted_attribute_value_blocks(self):
        sync = self._send_pizza()
        self._ptav(self.pizza, "Olives").unlink()
        self._assert_blocked(sync, 2, "Pizza: Toppings: Olives is no longer available.")

    def test_deleted_combo_item_blocks(self):
        sync = self._send(lines=self._menu_lines())
        self._item(self.side_combo, self.salad).unlink()
        self._assert_blocked(sync, 3, "Salad: its combo choice no longer exists.")

    def test_combo_no_longer_on_the_product_blocks(self):
        sync = self._send(lines=self._menu_lines())
        self.menu.combo_ids = [Command.unlink(self.drink_combo.id)]
        self._assert_blocked(sync, 4, "Cola is no longer a choice of its combo.")

    def test_combo_item_of_another_product_now_blocks(self):
        sync = self._send(lines=self._menu_lines())
        self._item(self.burger_combo, self.burger).product_id = self.cake
        self._assert_blocked(sync, 2, "Burger is no longer a choice of its combo.")

    def test_combo_item_product_no_longer_sold_blocks(self):
        sync = self._send(lines=self._menu_lines())
        self.salad.available_in_pos = False
        self._assert_blocked(sync, 3, "Salad is not available in the Point of Sale.")

    def test_tracked_products_with_their_lots_stay_acceptable(self):
        sync = self._send(lines=self._full_cart_lines()[-2:])
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertEqual(transfer["blocking_reasons"], [])
        self.assertEqual(
            [line["pack_lot_ids"] for line in transfer["lines"]],
            [
                [{"lot_name": "LOT-2024-A"}],
                [{"lot_name": "SN-1"}, {"lot_name": "SN-2"}],
            ],
        )
        self.assertEqual(
            self.Sync.claim_from_ui(self.shop2.id, sync.id)["state"], "claimed"
        )

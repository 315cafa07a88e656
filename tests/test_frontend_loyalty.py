# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Carts with pos_loyalty's lines, built in the sender's POS as a cashier
does, sent, previewed, accepted and paid on another terminal
(static/tests/tours/shop_sync_loyalty_tour.js).

Each sending tour first pays the same cart on the sender: the order the
receiver pays must equal it line by line (rewards, their links and points
cost), in total, and in what it does to the loyalty cards."""

from uuid import uuid4

from odoo import Command
from odoo.tests import tagged

from .test_frontend import ShopSyncUiCase


@tagged("post_install", "-at_install")
class TestShopSyncLoyaltyUi(ShopSyncUiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "loyalty.program" not in cls.env:
            raise AssertionError("pos_loyalty must be installed for these tests")
        # Only this test's programs run.
        cls.env["loyalty.program"].search([]).write({"active": False})
        category = cls.desk_pad.pos_categ_ids
        cls.shelf_a, cls.shelf_b, cls.shelf_c = (
            cls.env["product.product"].create(
                {
                    "name": name,
                    "list_price": price,
                    "available_in_pos": True,
                    "taxes_id": [Command.clear()],
                    "pos_categ_ids": [Command.set(category.ids)],
                }
            )
            for name, price in (("Shelf A", 11.0), ("Shelf B", 12.0), ("Shelf C", 5.0))
        )
        cls.shop1.write({"tax_regime_selection": False, "use_pricelist": False})
        cls.shop2.write({"tax_regime_selection": False, "use_pricelist": False})

    def _program(self, name, **values):
        return self.env["loyalty.program"].create({"name": name, **values})

    def _discount_program(self, name, percent, **values):
        return self._program(
            name,
            reward_ids=[
                Command.create(
                    {
                        "reward_type": "discount",
                        "discount": percent,
                        "discount_mode": "percent",
                        "discount_applicability": "order",
                    }
                )
            ],
            **values,
        )

    # ------------------------------------------------------------------
    # What the driver compares
    # ------------------------------------------------------------------

    def _snapshot(self, order):
        """What paying ``order`` did: its lines with their reward links, its
        total, and the loyalty cards and history it wrote."""
        self.env.invalidate_all()
        lines = sorted(
            (
                line.product_id.name,
                line.qty,
                round(line.price_unit, 2),
                line.discount,
                round(line.price_subtotal_incl, 2),
                line.is_reward_line,
                line.reward_id.id,
                line.points_cost,
                line.coupon_id.program_id.id,
                bool(line.coupon_id),
            )
            for line in order.lines
        )
        cards = self.env["loyalty.card"].search(
            [("source_pos_order_id", "=", order.id)]
        )
        history = self.env["loyalty.history"].search(
            [("order_model", "=", "pos.order"), ("order_id", "=", order.id)]
        )
        return {
            "lines": lines,
            "amount_total": round(order.amount_total, 2),
            "amount_tax": round(order.amount_tax, 2),
            "cards": sorted(
                (card.program_id.id, card.points, card.partner_id.id) for card in cards
            ),
            "history": sorted(
                (
                    entry.card_id.program_id.id,
                    entry.card_id.partner_id.id,
                    entry.issued,
                    entry.used,
                )
                for entry in history
            ),
        }

    def _run(self, name):
        """Pay the cart ``name`` on Shop 1, send it again to Shop 2, accept and
        pay it there; check the receiver's order against the sender's."""
        self._open(self.shop1, self.shop2)
        self.start_pos_tour(f"ShopSyncLoyalty{name}SendTour", pos_config=self.shop1)
        reference = self.env["pos.order"].search(
            [("config_id", "=", self.shop1.id), ("state", "in", ("paid", "done"))]
        )
        self.assertEqual(len(reference), 1, "the sender paid the reference cart")
        sync = self._transfers()
        self.assertEqual(len(sync), 1)
        sent_before = self._snapshot(reference)
        self.start_pos_tour(f"ShopSyncLoyalty{name}ReceiveTour", pos_config=self.shop2)
        order = self.env["pos.order"].search([("shop_sync_id", "=", sync.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "paid")
        self.assertEqual(sync.state, "done")
        received = self._snapshot(order)
        self.assertEqual(received, sent_before)
        # Paying the receiver's order did not touch the reference's.
        self.assertEqual(self._snapshot(reference), sent_before)
        # The reward lines keep the codes they were sent with.
        sent_codes = {
            line.module_values["loyalty"]["reward_identifier_code"]
            for line in sync.line_ids
            if line.line_kind == "reward"
        }
        self.assertEqual(
            set(
                order.lines.filtered("is_reward_line").mapped("reward_identifier_code")
            ),
            sent_codes,
        )
        self.assertEqual(round(sync.amount_total, 2), received["amount_total"])
        return reference, order, sync

    def test_01_automatic_promotion(self):
        program = self._discount_program(
            "Ten Off",
            10,
            program_type="promotion",
            trigger="auto",
            applies_on="current",
            rule_ids=[Command.create({"minimum_qty": 3})],
        )
        reference, order, sync = self._run("AutoPromo")
        rewards = order.lines.filtered("is_reward_line")
        self.assertEqual(len(rewards), 1, "no second copy of the automatic reward")
        self.assertEqual(rewards.reward_id.program_id, program)
        self.assertAlmostEqual(order.amount_total, 30.6)
        self.assertEqual(
            sync.line_ids.mapped("line_kind"), ["product", "product", "reward"]
        )

    def test_02_promo_code(self):
        program = self._discount_program(
            "Code Twenty",
            20,
            program_type="promo_code",
            trigger="with_code",
            applies_on="current",
            rule_ids=[Command.create({"mode": "with_code", "code": "SYNC20"})],
        )
        _reference, order, sync = self._run("PromoCode")
        self.assertEqual(
            sync.module_values["loyalty"]["rule_ids"], program.rule_ids.ids
        )
        self.assertEqual(
            order.lines.filtered("is_reward_line").reward_id.program_id, program
        )

    def test_03_loyalty_card_points(self):
        program = self._program(
            "Points",
            program_type="loyalty",
            trigger="auto",
            applies_on="both",
            rule_ids=[
                Command.create({"reward_point_mode": "money", "reward_point_amount": 1})
            ],
            reward_ids=[
                Command.create(
                    {
                        "reward_type": "discount",
                        "discount": 5,
                        "discount_mode": "per_order",
                        "discount_applicability": "order",
                        "required_points": 20,
                        "description": "Five Off",
                    }
                )
            ],
        )
        partner = self.env["res.partner"].create({"name": "Loyal Lou"})
        card = self.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": partner.id, "points": 100}
        )
        reference, order, sync = self._run("LoyaltyPoints")
        reward = order.lines.filtered("is_reward_line")
        self.assertEqual(reward.coupon_id, card)
        self.assertEqual(reward.points_cost, 20)
        # Each payment spent 20 points and won 12 (a point per unit of
        # currency of the products, the program's own discount left out):
        # counted once each, the sender's for its reference cart only.
        self.assertAlmostEqual(card.points, 100 - 2 * 20 + 2 * 12)
        self.assertEqual(
            sync.line_ids.filtered(
                lambda line: line.line_kind == "reward"
            ).module_values["loyalty"]["coupon_id"],
            card.id,
        )

    def test_04_free_product(self):
        self._program(
            "Two Plus One",
            program_type="buy_x_get_y",
            trigger="auto",
            applies_on="current",
            rule_ids=[
                Command.create(
                    {
                        "product_ids": [Command.set(self.shelf_c.ids)],
                        "reward_point_amount": 1,
                        "reward_point_mode": "order",
                        "minimum_qty": 2,
                    }
                )
            ],
            reward_ids=[
                Command.create(
                    {
                        "reward_type": "product",
                        "reward_product_id": self.shelf_c.id,
                        "reward_product_qty": 1,
                        "required_points": 1,
                    }
                )
            ],
        )
        _reference, order, _sync = self._run("FreeProduct")
        self.assertEqual(len(order.lines.filtered("is_reward_line")), 1)

    def test_08_coupon_code(self):
        program = self._discount_program(
            "Coupons",
            15,
            program_type="coupons",
            trigger="with_code",
            applies_on="current",
            rule_ids=[Command.create({})],
        )
        first, second = self.env["loyalty.card"].create(
            [
                {"program_id": program.id, "code": "CPN1", "points": 1},
                {"program_id": program.id, "code": "CPN2", "points": 1},
            ]
        )
        _reference, order, sync = self._run("Coupon")
        self.assertEqual(
            sync.module_values["loyalty"]["coupons"],
            [{"id": second.id, "code": "CPN2"}],
        )
        self.assertEqual(order.lines.filtered("is_reward_line").coupon_id, second)
        # Each coupon used once, by its own payment.
        self.assertEqual((first.points, second.points), (0, 0))

    def test_09_ewallet_top_up(self):
        self.env.ref("loyalty.ewallet_product_50").active = True
        programs = self.env["loyalty.program"]
        program = programs.browse(programs.create_from_template("ewallet")["res_id"])
        program.trigger_product_ids.write(
            {
                "available_in_pos": True,
                "pos_categ_ids": [Command.set(self.desk_pad.pos_categ_ids.ids)],
                "taxes_id": [Command.clear()],
            }
        )
        self.assertEqual(program.trigger_product_ids.name, "Top-up eWallet")
        partner = self.env["res.partner"].create({"name": "Loyal Lou"})
        wallet = self.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": partner.id, "points": 0}
        )
        _reference, _order, sync = self._run("EWallet")
        self.assertEqual(sync.line_ids.line_kind, "gift_card")
        # Each payment credited the customer's eWallet once.
        self.assertEqual(wallet.points, 100)

    def test_05_gift_card(self):
        # The gift card product Odoo's template shares among gift card programs.
        self.env.ref("loyalty.gift_card_product_50").active = True
        programs = self.env["loyalty.program"]
        program = programs.browse(programs.create_from_template("gift_card")["res_id"])
        # What pos_loyalty wants of a gift card program to open a session.
        program.pos_report_print_id = self.env.ref("loyalty.report_gift_card")
        program.trigger_product_ids.write(
            {
                "available_in_pos": True,
                "pos_categ_ids": [Command.set(self.desk_pad.pos_categ_ids.ids)],
                "taxes_id": [Command.clear()],
            }
        )
        reference, order, sync = self._run("GiftCard")
        gift = self.env["loyalty.card"].search([("source_pos_order_id", "=", order.id)])
        self.assertEqual(gift.program_id, program)
        self.assertEqual(gift.points, 50)
        self.assertEqual(sync.line_ids.mapped("line_kind"), ["product", "gift_card"])

    def _send_promotion(self, program, price):
        """Shelf A x 3 with ``program``'s reward at ``price``, sent by RPC."""
        reward = program.reward_ids
        result = (
            self.env["pos.shop.sync"]
            .with_user(self.pos_user)
            .send_from_ui(
                self.shop1.id,
                {
                    "uuid": str(uuid4()),
                    "sync_type": "assigned",
                    "target_config_ids": self.shop2.ids,
                    "lines": [
                        {"product_id": self.shelf_a.id, "qty": 3.0, "price_unit": 11.0},
                        {
                            "product_id": reward.discount_line_product_id.id,
                            "qty": 1.0,
                            "price_unit": price,
                            "loyalty": {
                                "reward_id": reward.id,
                                "coupon_id": -1,
                                "reward_identifier_code": "sent1",
                                "points_cost": 1,
                                "tax_ids": [],
                            },
                        },
                    ],
                },
            )
        )
        return self.env["pos.shop.sync"].browse(result["id"])

    def test_07_other_rewards_give_the_cart_back(self):
        """A reward pos_loyalty computes otherwise on the receiver (here sent
        at -5.00 where the program gives -3.30): the accepted cart is removed
        and the transfer given back, with the reason; nothing is paid."""
        program = self._discount_program(
            "Ten Off",
            10,
            program_type="promotion",
            trigger="auto",
            applies_on="current",
            rule_ids=[Command.create({"minimum_qty": 3})],
        )
        self._open(self.shop1, self.shop2)
        sync = self._send_promotion(program, -5.0)
        self.start_pos_tour("ShopSyncLoyaltyGivenBackTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertEqual(sync.state, "pending")
        self.assertFalse(sync.receiver_config_id)
        self.assertFalse(
            self.env["pos.order"]
            .search([("shop_sync_id", "=", sync.id)])
            .filtered(lambda order: order.state != "cancel")
        )
        self.assertChatterHas(sync, "does not give the reward")

    def test_06_blocked_preview(self):
        """A reward of a program Shop 2 does not offer: its preview says so on
        the line, Accept is disabled, and nothing is claimed."""
        program = self._discount_program(
            "Blocked Promo",
            10,
            program_type="promotion",
            trigger="auto",
            applies_on="current",
            rule_ids=[Command.create({"minimum_qty": 3})],
        )
        self._open(self.shop1, self.shop2)
        sync = self._send_promotion(program, -3.3)
        program.pos_config_ids = self.shop1
        self.start_pos_tour("ShopSyncLoyaltyBlockedTour", pos_config=self.shop2)
        self.env.invalidate_all()
        self.assertEqual(sync.state, "pending")
        self.assertFalse(sync.receiver_config_id)
        self.assertFalse(self.env["pos.order"].search([("shop_sync_id", "=", sync.id)]))

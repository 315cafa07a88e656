# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pos_loyalty's lines in a transfer (models/pos_shop_sync_loyalty.py): what a
send carries and refuses (naming the line), and what keeps a receiving
terminal from accepting a reward it cannot honour."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestShopSyncLoyalty(ShopSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "loyalty.program" not in cls.env:
            raise AssertionError("pos_loyalty must be installed for these tests")
        Program = cls.env["loyalty.program"]
        Program.search([]).write({"active": False})

        def discount(**values):
            return Command.create(
                {
                    "reward_type": "discount",
                    "discount_mode": "percent",
                    "discount": 10,
                    "discount_applicability": "order",
                    **values,
                }
            )

        cls.promotion = Program.create(
            {
                "name": "Ten Off",
                "program_type": "promotion",
                "trigger": "auto",
                "applies_on": "current",
                "rule_ids": [Command.create({"minimum_qty": 3})],
                "reward_ids": [discount()],
            }
        )
        cls.promo_code = Program.create(
            {
                "name": "Code Twenty",
                "program_type": "promo_code",
                "trigger": "with_code",
                "applies_on": "current",
                "rule_ids": [Command.create({"mode": "with_code", "code": "CODE20"})],
                "reward_ids": [discount(discount=20)],
            }
        )
        cls.loyalty = Program.create(
            {
                "name": "Points",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "money", "reward_point_amount": 1}
                    )
                ],
                "reward_ids": [
                    discount(discount_mode="per_order", discount=5, required_points=20)
                ],
            }
        )
        cls.coupons = Program.create(
            {
                "name": "Coupons",
                "program_type": "coupons",
                "trigger": "with_code",
                "applies_on": "current",
                "rule_ids": [Command.create({})],
                "reward_ids": [discount()],
            }
        )
        cls.card = cls.env["loyalty.card"].create(
            {
                "program_id": cls.loyalty.id,
                "partner_id": cls.customer.id,
                "points": 100,
            }
        )
        cls.coupon = cls.env["loyalty.card"].create(
            {"program_id": cls.coupons.id, "code": "CPN1", "points": 1}
        )

    # ------------------------------------------------------------------
    # Payloads
    # ------------------------------------------------------------------

    def _reward_line(self, program, price, qty=1.0, **loyalty):
        reward = program.reward_ids[:1]
        return {
            "product_id": reward.discount_line_product_id.id,
            "qty": qty,
            "price_unit": price,
            "loyalty": {
                "reward_id": reward.id,
                "coupon_id": -1,
                "reward_identifier_code": "abc123",
                "points_cost": 1,
                "tax_ids": [],
                **loyalty,
            },
        }

    def _promotion_payload(self, **loyalty):
        """Pen x 3 (7.50) and the promotion's 10 % (-0.75)."""
        return {
            "lines": [
                self._line(self.pen, qty=3.0, price_unit=2.5),
                self._reward_line(self.promotion, -0.75, **loyalty),
            ]
        }

    def _loyalty_payload(self, **loyalty):
        """Pen x 4 (10.00) and 5 off paid with 20 points of the customer's card."""
        return {
            "lines": [
                self._line(self.pen, qty=4.0, price_unit=2.5),
                self._reward_line(
                    self.loyalty,
                    -5.0,
                    coupon_id=self.card.id,
                    points_cost=20,
                    **loyalty,
                ),
            ]
        }

    def _coupon_payload(self):
        return {
            "lines": [
                self._line(self.pen, qty=4.0, price_unit=2.5),
                self._reward_line(self.coupons, -1.0, coupon_id=self.coupon.id),
            ],
            "loyalty": {"coupon_ids": [self.coupon.id]},
        }

    def _refused(self, exception, payload, message):
        error = self.assertRefused(
            exception,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(**payload),
        )
        self.assertIn(message, str(error))
        return error

    # ------------------------------------------------------------------
    # Send
    # ------------------------------------------------------------------

    def test_promotion_is_carried_as_a_reward(self):
        sync = self._send(**self._promotion_payload())
        pen, reward = sync.line_ids.sorted("sequence")
        self.assertEqual(pen.line_kind, "product")
        self.assertEqual(reward.line_kind, "reward")
        self.assertEqual(reward.price_unit, -0.75)
        self.assertFalse(reward.tax_ids)
        self.assertEqual(
            reward.module_values["loyalty"],
            {
                "reward_id": self.promotion.reward_ids.id,
                "program_id": self.promotion.id,
                "program_name": "Ten Off",
                "program_type": "promotion",
                "reward_name": self.promotion.reward_ids.description,
                # The card pos_loyalty creates at payment: the receiver's own.
                "coupon_id": False,
                "coupon_code": False,
                "reward_identifier_code": "abc123",
                "points_cost": 1.0,
                "reward_product_id": False,
                "tax_ids": [],
            },
        )
        self.assertAlmostEqual(sync.amount_total, 6.75)
        self.assertFalse((sync.module_values or {}).get("loyalty"))

    def test_reward_taxes_are_mapped_by_the_fiscal_position(self):
        tax7, tax10 = self.taxes["tax7"], self.taxes["tax10"]
        position = self.env["account.fiscal.position"].create(
            {
                "name": "Seven to ten",
                "tax_ids": [
                    Command.create({"tax_src_id": tax7.id, "tax_dest_id": tax10.id})
                ],
            }
        )
        self.shop1.write(
            {
                "fiscal_position_ids": [Command.link(position.id)],
                "tax_regime_selection": True,
            }
        )
        payload = self._promotion_payload(tax_ids=[tax7.id])
        sync = self._send(fiscal_position_id=position.id, **payload)
        reward = sync.line_ids.filtered(lambda line: line.line_kind == "reward")
        self.assertEqual(reward.tax_ids, tax10)
        self.assertEqual(reward.module_values["loyalty"]["tax_ids"], tax7.ids)

    def test_loyalty_card_and_cart_values(self):
        payload = self._loyalty_payload()
        payload["loyalty"] = {
            "rule_ids": self.promo_code.rule_ids.ids,
            "disabled_reward_ids": self.promotion.reward_ids.ids,
            "points_won": {str(self.card.id): 10.0, "999999": 5.0},
        }
        sync = self._send(**payload)
        reward = sync.line_ids.filtered(lambda line: line.line_kind == "reward")
        self.assertEqual(reward.module_values["loyalty"]["coupon_id"], self.card.id)
        self.assertEqual(
            sync.module_values["loyalty"],
            {
                "rule_ids": self.promo_code.rule_ids.ids,
                "rule_codes": ["CODE20"],
                "coupons": [],
                "disabled_reward_ids": self.promotion.reward_ids.ids,
                # Only the cart's own cards.
                "points_won": {str(self.card.id): 10.0},
            },
        )

    def test_coupon_activated_by_code(self):
        sync = self._send(**self._coupon_payload())
        self.assertEqual(
            sync.module_values["loyalty"]["coupons"],
            [{"id": self.coupon.id, "code": "CPN1"}],
        )

    def test_gift_card_purchase(self):
        self.env.ref("loyalty.gift_card_product_50").active = True
        programs = self.env["loyalty.program"]
        program = programs.browse(programs.create_from_template("gift_card")["res_id"])
        product = program.trigger_product_ids
        product.available_in_pos = True
        sync = self._send(
            lines=[
                {
                    "product_id": product.id,
                    "qty": 1.0,
                    "price_unit": 50.0,
                    "loyalty": {"e_wallet_program_id": program.id, "gift_code": "GC1"},
                }
            ]
        )
        self.assertEqual(sync.line_ids.line_kind, "gift_card")
        self.assertEqual(
            sync.line_ids.module_values["loyalty"],
            {
                "e_wallet_program_id": program.id,
                "program_name": program.name,
                "program_type": "gift_card",
                "gift_code": "GC1",
            },
        )
        # Another product does not buy that program's cards.
        self._refused(
            ValidationError,
            {
                "lines": [
                    self._line(self.pen, loyalty={"e_wallet_program_id": program.id})
                ]
            },
            "Line 1 (Pen): its product does not buy",
        )

    # ------------------------------------------------------------------
    # Refusals, naming the line
    # ------------------------------------------------------------------

    def test_refusals_name_the_line(self):
        reward_name = self.promotion.reward_ids.discount_line_product_id.display_name
        line = f"Line 2 ({reward_name}): "
        for error, loyalty, message in [
            (ValidationError, {"reward_id": "x"}, "its reward is malformed."),
            (ValidationError, {"reward_id": True}, "its reward is malformed."),
            (UserError, {"reward_id": 999999}, "its reward does not exist."),
            (
                ValidationError,
                {"reward_identifier_code": "a b"},
                "its reward code is malformed.",
            ),
            (
                ValidationError,
                {"reward_identifier_code": 12},
                "its reward code is malformed.",
            ),
            (ValidationError, {"points_cost": -1}, "its points cost must be a number"),
            (ValidationError, {"points_cost": "1"}, "its points cost must be a number"),
            (ValidationError, {"coupon_id": "x"}, "its coupon is malformed."),
            (ValidationError, {"coupon_id": 2**40}, "its coupon is malformed."),
            (UserError, {"coupon_id": 999999}, "its coupon does not exist."),
            (
                UserError,
                {"coupon_id": self.card.id},
                "its coupon is not one of program Ten Off.",
            ),
            (ValidationError, {"tax_ids": "x"}, "its taxes are malformed."),
            (UserError, {"tax_ids": [999999]}, "its taxes do not exist."),
            (
                ValidationError,
                {"reward_product_id": self.pen.id},
                "only a free product reward has a free product.",
            ),
        ]:
            with self.subTest(loyalty=loyalty):
                self._refused(error, self._promotion_payload(**loyalty), line + message)

    def test_refused_reward_lines(self):
        reward_name = self.promotion.reward_ids.discount_line_product_id.display_name
        payload = self._promotion_payload()
        payload["lines"][1]["price_unit"] = 0.75
        self._refused(
            ValidationError,
            payload,
            f"Line 2 ({reward_name}): a reward must lower the total.",
        )
        payload = self._promotion_payload()
        payload["lines"][1]["product_id"] = self.lamp.id
        self._refused(
            ValidationError,
            payload,
            "Line 2 (Lamp): its product is not the one of its reward.",
        )
        payload = self._promotion_payload()
        payload["lines"][1]["loyalty"] = "reward"
        self._refused(
            ValidationError, payload, f"Line 2 ({reward_name}): its loyalty values"
        )
        payload = self._promotion_payload()
        payload["lines"][1]["loyalty"] = {"other": 1}
        self._refused(
            ValidationError, payload, f"Line 2 ({reward_name}): its loyalty values"
        )
        # A reward's product without its reward: not a product for sale...
        payload = self._promotion_payload()
        del payload["lines"][1]["loyalty"]
        self._refused(UserError, payload, "cannot be sold in the Point of Sale")
        # ... nor beside its reward.
        payload = self._promotion_payload()
        payload["lines"].append({**payload["lines"][1]})
        del payload["lines"][2]["loyalty"]
        self._refused(
            ValidationError,
            payload,
            f"Line 3 ({reward_name}): it is a reward's line without its reward.",
        )

    def test_reward_of_a_program_not_for_the_sender(self):
        self.promotion.pos_config_ids = self.shop2
        reward_name = self.promotion.reward_ids.discount_line_product_id.display_name
        self._refused(
            UserError,
            self._promotion_payload(),
            f"Line 2 ({reward_name}): program Ten Off is not offered on "
            "terminal Shop 1.",
        )

    def test_reward_of_another_company(self):
        company = self.setup_other_company(name="Loyalty Other Co")["company"]
        foreign = self.promotion.copy({"company_id": company.id, "active": True})
        payload = self._promotion_payload()
        payload["lines"][1]["loyalty"]["reward_id"] = foreign.reward_ids.id
        payload["lines"][1]["product_id"] = (
            foreign.reward_ids.discount_line_product_id.id
        )
        self._refused(UserError, payload, "its reward does not exist.")

    def test_card_of_another_customer(self):
        other = self.env["res.partner"].create({"name": "Someone Else"})
        self.card.partner_id = other
        self._refused(
            UserError,
            self._loyalty_payload(),
            "its card is neither the customer's nor activated by code.",
        )

    def test_malformed_cart_values(self):
        for error, loyalty, message in [
            (ValidationError, "x", "The cart's loyalty values are malformed."),
            (ValidationError, {"other": []}, "The cart's loyalty values"),
            (ValidationError, {"rule_ids": "x"}, "promo codes are malformed"),
            (ValidationError, {"rule_ids": self.promotion.rule_ids.ids}, "promo"),
            (UserError, {"rule_ids": [999999]}, "not offered on terminal Shop 1"),
            (ValidationError, {"coupon_ids": [0]}, "coupons are malformed"),
            (UserError, {"coupon_ids": [999999]}, "cannot be used on terminal"),
            (UserError, {"coupon_ids": [self.card.id]}, "cannot be used on"),
            (UserError, {"disabled_reward_ids": [999999]}, "removed reward"),
            (ValidationError, {"points_won": {"x": 1}}, "points are malformed"),
            (ValidationError, {"points_won": {"1": -1}}, "points are malformed"),
        ]:
            with self.subTest(loyalty=loyalty):
                payload = self._promotion_payload()
                payload["loyalty"] = loyalty
                if loyalty == {"coupon_ids": [self.card.id]}:
                    payload["partner_id"] = False
                self._refused(error, payload, message)

    def test_coupon_not_activated(self):
        payload = self._coupon_payload()
        del payload["loyalty"]
        self._refused(
            UserError,
            payload,
            "its card is neither the customer's nor activated by code.",
        )

    # ------------------------------------------------------------------
    # What the receiver cannot honour: preview and claim
    # ------------------------------------------------------------------

    def assertBlocked(self, sync, reason, line_index=1):
        """Shop 2's preview names ``reason`` on the line; its claim is refused
        and writes nothing."""
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertIn(reason, transfer["lines"][line_index]["blocking_reason"] or "")
        self.assertTrue(any(reason in text for text in transfer["blocking_reasons"]))
        self.assertRefused(
            UserError, self.Sync.claim_from_ui, self.shop2.id, sync.id, message=reason
        )
        self.env.invalidate_all()
        self.assertEqual(sync.state, "pending")
        self.assertFalse(sync.receiver_config_id)

    def test_accepted_when_the_receiver_offers_it(self):
        sync = self._send(**self._loyalty_payload())
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertFalse(transfer["blocking_reasons"])
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertEqual(sync.state, "claimed")

    def test_blocked_program_not_on_the_receiver(self):
        sync = self._send(**self._promotion_payload())
        self.promotion.pos_config_ids = self.shop1
        self.assertBlocked(sync, "program Ten Off is not offered on this terminal.")

    def test_blocked_program_expired(self):
        sync = self._send(**self._promotion_payload())
        self.promotion.date_to = fields.Date.today() - timedelta(days=1)
        self.assertBlocked(sync, "program Ten Off has expired.")

    def test_blocked_program_not_started(self):
        sync = self._send(**self._promotion_payload())
        self.promotion.date_from = fields.Date.today() + timedelta(days=1)
        self.assertBlocked(sync, "program Ten Off has not started yet.")

    def test_blocked_usage_limit(self):
        sync = self._send(**self._promotion_payload())
        self.promotion.write({"limit_usage": True, "max_usage": 1})
        reward_product = self.promotion.reward_ids.discount_line_product_id
        order = self.env["pos.order"].create(
            {
                "session_id": self.shop1.current_session_id.id,
                "company_id": self.company.id,
                "amount_tax": 0,
                "amount_total": 0,
                "amount_paid": 0,
                "amount_return": 0,
                "lines": [
                    Command.create(
                        {
                            "product_id": reward_product.id,
                            "reward_id": self.promotion.reward_ids.id,
                            "is_reward_line": True,
                            "qty": 1,
                            "price_unit": 0,
                            "price_subtotal": 0,
                            "price_subtotal_incl": 0,
                        }
                    )
                ],
            }
        )
        self.assertTrue(order)
        self.promotion.invalidate_recordset()
        self.assertBlocked(sync, "program Ten Off has reached its usage limit.")

    def test_blocked_card_without_enough_points(self):
        sync = self._send(**self._loyalty_payload())
        self.card.points = 10
        self.assertBlocked(
            sync, f"card {self.card.code} has 10.0 points, its rewards need 20.0."
        )

    def test_points_won_by_the_cart_count(self):
        payload = self._loyalty_payload()
        payload["loyalty"] = {"points_won": {str(self.card.id): 10.0}}
        sync = self._send(**payload)
        self.card.points = 10
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertFalse(transfer["blocking_reasons"])

    def test_blocked_code_already_used(self):
        sync = self._send(**self._coupon_payload())
        self.coupon.points = 0
        self.assertBlocked(sync, "code CPN1 was already used.")

    def test_blocked_promo_code_program_gone(self):
        payload = self._promotion_payload()
        payload["loyalty"] = {"rule_ids": self.promo_code.rule_ids.ids}
        sync = self._send(**payload)
        self.promo_code.pos_config_ids = self.shop1
        transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
        self.assertIn(
            "Promo code CODE20: program Code Twenty is not offered on this terminal.",
            transfer["blocking_reasons"],
        )
        self.assertRefused(UserError, self.Sync.claim_from_ui, self.shop2.id, sync.id)
        self.assertEqual(sync.state, "pending")

    def test_transfer_without_loyalty_reads_nothing_more(self):
        sync = self._send()
        with self.assertQueryCount(0):
            # The hook alone: no query for a transfer without loyalty.
            result = sync._shop_sync_module_blocking(
                self.shop2, [(line.id, "product") for line in sync.line_ids], {}
            )
        self.assertEqual(result, ([], [False] * len(sync.line_ids)))

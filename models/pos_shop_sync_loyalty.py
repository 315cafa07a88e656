# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What ``pos_loyalty`` puts on a cart, carried by a transfer (pos_loyalty is
optional: every hook here does nothing without it).

Per line (the ``loyalty`` key of a sent line and of ``module_values``):

- a reward line (``line_kind`` "reward"): its reward, the coupon or card it
  is claimed with (its id when the card exists; False for the card a program
  creates at payment, as the POS's negative ids), its reward identifier code,
  points cost, free product and taxes;
- a gift card or eWallet bought or topped up (``line_kind`` "gift_card"): its
  program and, for a physical gift card, its code.

Per cart (``module_values["loyalty"]`` of the transfer): the promo codes
(``loyalty.rule`` ids) and coupons activated by code, the rewards the cashier
removed, and the points the cart wins on each existing card (to tell whether
its rewards are still affordable).

The receiving POS rebuilds the rewards through pos_loyalty's own machinery
(static/src/overrides/models/pos_store_loyalty.js); the points are counted by
pos_loyalty at the receiver's payment.
"""

import re

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .shop_sync_cart import MAX_PRICE, is_id, is_number

REWARD_CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_GIFT_CODE_LENGTH = 64
MAX_LOYALTY_IDS = 100
# Programs whose cards are used up by their rewards: a card without the
# points is a code already used.
SINGLE_USE_TYPES = ("coupons", "next_order_coupons", "promotion", "promo_code")


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


class PosShopSync(models.Model):
    _inherit = "pos.shop.sync"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Send
    # ------------------------------------------------------------------

    @api.model
    def _shop_sync_loyalty_installed(self):
        return "loyalty.program" in self.env

    @api.model
    def _shop_sync_sent_loyalty(self, line):
        values = line.get("loyalty")
        return values if isinstance(values, dict) else {}

    @api.model
    def _shop_sync_check_lines(self, config, lines, fiscal_position, pricelist):
        # The reward lines' taxes are mapped as the products' are.
        return super(
            PosShopSync,
            self.with_context(shop_sync_fiscal_position_id=fiscal_position.id),
        )._shop_sync_check_lines(config, lines, fiscal_position, pricelist)

    @api.model
    def _shop_sync_unlisted_product_ids(self, config, sent_lines):
        ids = super()._shop_sync_unlisted_product_ids(config, sent_lines)
        if not self._shop_sync_loyalty_installed():
            return ids
        if any(isinstance(line, dict) and "loyalty" in line for line in sent_lines):
            # Every reward's: the line's own checks name the line whose
            # reward is wrong.
            ids |= self._shop_sync_reward_product_ids(config)
        return ids

    @api.model
    def _shop_sync_reward_product_ids(self, config):
        # Other companies' too: their lines are refused by name, as rewards
        # that do not exist (their products are not this company's anyway).
        rewards = (
            self.env["loyalty.reward"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([], ["discount_line_product_id"])
        )
        return set(rewards.discount_line_product_id.ids)

    @api.model
    def _shop_sync_loyalty_programs(self, config):
        """The programs ``config``'s POS offers (pos_loyalty's own rule)."""
        return config.sudo()._get_program_ids()

    @api.model
    def _shop_sync_line_module_vals(self, config, sent_lines, lines, names, checker):
        result = super()._shop_sync_line_module_vals(
            config, sent_lines, lines, names, checker
        )
        if not self._shop_sync_loyalty_installed():
            return result
        sent = [self._shop_sync_sent_loyalty(line) for line in sent_lines]
        for number, line in enumerate(sent_lines, 1):
            if "loyalty" in line and not isinstance(line["loyalty"], dict):
                raise checker.refusal(
                    ValidationError,
                    number,
                    names[number - 1],
                    self.env._("its loyalty values are malformed."),
                )
        reward_ids = {v.get("reward_id") for v in sent if "reward_id" in v}
        program_ids = {
            v.get("e_wallet_program_id") for v in sent if "e_wallet_program_id" in v
        }
        rewards = self.env["loyalty.reward"].sudo().with_context(active_test=False)
        if reward_ids:
            rewards = rewards.browse([r for r in reward_ids if is_id(r)]).exists()
        wallets = self.env["loyalty.program"].sudo().with_context(active_test=False)
        if program_ids:
            wallets = wallets.browse([p for p in program_ids if is_id(p)]).exists()
        offered = (
            self._shop_sync_loyalty_programs(config)
            if reward_ids or program_ids
            else self.env["loyalty.program"]
        )
        discount_products = (
            self._shop_sync_reward_product_ids(config)
            if any("loyalty" in line for line in sent_lines)
            else set()
        )
        company = config.company_id
        for index, (values, vals) in enumerate(zip(sent, lines, strict=True)):
            number, name = index + 1, names[index]

            def refuse(reason, error=ValidationError, number=number, name=name):
                return checker.refusal(error, number, name, reason)

            if "reward_id" in values:
                loyalty = self._shop_sync_check_reward_line(
                    values, vals, rewards, offered, company, config, refuse
                )
                result[index].update(
                    self._shop_sync_reward_vals(loyalty, result[index])
                )
                sent_taxes, taxes = self._shop_sync_reward_taxes(
                    values, company, refuse
                )
                loyalty["tax_ids"] = sent_taxes
                result[index]["tax_ids"] = [Command.set(taxes)]
            elif "e_wallet_program_id" in values:
                loyalty = self._shop_sync_check_wallet_line(
                    values, vals, wallets, offered, company, config, refuse
                )
                result[index].update(
                    self._shop_sync_reward_vals(loyalty, result[index])
                )
                result[index]["line_kind"] = "gift_card"
            elif values:
                raise refuse(self.env._("its loyalty values are malformed."))
            elif vals["product_id"] in discount_products:
                raise refuse(self.env._("it is a reward's line without its reward."))
        return result

    @api.model
    def _shop_sync_reward_vals(self, loyalty, extra):
        """``extra`` (what other modules add to the line) with ``loyalty``."""
        module_values = dict(extra.get("module_values") or {})
        module_values["loyalty"] = loyalty
        return {"line_kind": "reward", "module_values": module_values}

    @api.model
    def _shop_sync_check_reward_line(
        self, values, vals, rewards, offered, company, config, refuse
    ):
        """Check a sent reward line; return its ``module_values["loyalty"]``."""
        reward_id = values.get("reward_id")
        if not is_id(reward_id):
            raise refuse(self.env._("its reward is malformed."))
        reward = rewards.filtered(lambda r: r.id == reward_id)
        program = reward.program_id
        if not reward or program.company_id not in (company, company.browse()):
            raise refuse(self.env._("its reward does not exist."), UserError)
        if program not in offered or not reward.active:
            raise refuse(
                self.env._(
                    "program %(program)s is not offered on terminal %(terminal)s.",
                    program=program.name,
                    terminal=config.name,
                ),
                UserError,
            )
        if vals["product_id"] != reward.discount_line_product_id.id:
            raise refuse(self.env._("its product is not the one of its reward."))
        if vals["price_unit"] is None or vals["price_unit"] * vals["qty"] > 0:
            raise refuse(self.env._("a reward must lower the total."))
        code = values.get("reward_identifier_code")
        if not isinstance(code, str) or not REWARD_CODE_PATTERN.fullmatch(code):
            raise refuse(self.env._("its reward code is malformed."))
        cost = values.get("points_cost")
        if cost is None or cost is False:
            cost = 0.0
        if not is_number(cost) or not 0 <= cost <= MAX_PRICE:
            raise refuse(
                self.env._("its points cost must be a number from 0 to %s.", MAX_PRICE)
            )
        card = self._shop_sync_check_reward_card(
            values.get("coupon_id"), program, company, refuse
        )
        product_id = values.get("reward_product_id") or False
        if reward.reward_type == "product":
            allowed = reward.reward_product_ids | reward.reward_product_id
            if not is_id(product_id) or product_id not in allowed.ids:
                raise refuse(self.env._("its free product is not one of its reward."))
        elif product_id:
            raise refuse(self.env._("only a free product reward has a free product."))
        return {
            "reward_id": reward.id,
            "program_id": program.id,
            "program_name": program.name,
            "program_type": program.program_type,
            "reward_name": reward.description,
            "coupon_id": card.id or False,
            "coupon_code": card.code or False,
            "reward_identifier_code": code,
            "points_cost": float(cost),
            "reward_product_id": product_id,
        }

    @api.model
    def _shop_sync_check_reward_card(self, coupon_id, program, company, refuse):
        """The card a reward line is claimed with: a ``loyalty.card`` of its
        ``program``, or none for a card pos_loyalty creates at payment (no id,
        or the POS's negative ids): the receiver's own is used."""
        cards = self.env["loyalty.card"].sudo()
        if coupon_id is None or coupon_id is False:
            return cards
        if not _is_int(coupon_id) or not -(2**31) < coupon_id < 2**31:
            raise refuse(self.env._("its coupon is malformed."))
        if coupon_id <= 0:
            return cards
        card = cards.browse(coupon_id).exists()
        if not card or card.company_id not in (company, company.browse()):
            raise refuse(self.env._("its coupon does not exist."), UserError)
        if card.program_id != program:
            raise refuse(
                self.env._("its coupon is not one of program %s.", program.name),
                UserError,
            )
        return card

    @api.model
    def _shop_sync_reward_taxes(self, values, company, refuse):
        """The sent taxes of a reward line (pos_loyalty gives a discount the
        taxes of the lines it discounts): ``(their ids, the ids mapped by the
        cart's fiscal position)``."""
        tax_ids = values.get("tax_ids")
        if tax_ids is None:
            tax_ids = []
        if (
            not isinstance(tax_ids, list)
            or len(tax_ids) > MAX_LOYALTY_IDS
            or not all(map(is_id, tax_ids))
        ):
            raise refuse(self.env._("its taxes are malformed."))
        taxes = self.env["account.tax"].sudo().browse(set(tax_ids)).exists()
        if len(taxes) != len(set(tax_ids)) or any(
            tax.type_tax_use != "sale"
            or tax.company_id not in (company | company.parent_ids)
            for tax in taxes
        ):
            raise refuse(self.env._("its taxes do not exist."), UserError)
        sent = sorted(taxes.ids)
        fiscal_position_id = self.env.context.get("shop_sync_fiscal_position_id")
        if fiscal_position_id:
            fiscal_position = self.env["account.fiscal.position"].browse(
                fiscal_position_id
            )
            taxes = fiscal_position.map_tax(taxes)
        return sent, taxes.ids

    @api.model
    def _shop_sync_check_wallet_line(
        self, values, vals, wallets, offered, company, config, refuse
    ):
        """Check a sent gift card / eWallet purchase line; return its
        ``module_values["loyalty"]``."""
        program_id = values.get("e_wallet_program_id")
        if not is_id(program_id):
            raise refuse(self.env._("its gift card or eWallet program is malformed."))
        program = wallets.filtered(lambda p: p.id == program_id)
        if (
            not program
            or program.company_id not in (company, company.browse())
            or program.program_type not in ("gift_card", "ewallet")
        ):
            raise refuse(
                self.env._("its gift card or eWallet program does not exist."),
                UserError,
            )
        if program not in offered:
            raise refuse(
                self.env._(
                    "program %(program)s is not offered on terminal %(terminal)s.",
                    program=program.name,
                    terminal=config.name,
                ),
                UserError,
            )
        if vals["product_id"] not in program.trigger_product_ids.ids:
            raise refuse(self.env._("its product does not buy %s.", program.name))
        gift_code = values.get("gift_code") or False
        if gift_code is not False and (
            not isinstance(gift_code, str) or len(gift_code) > MAX_GIFT_CODE_LENGTH
        ):
            raise refuse(self.env._("its gift card code is malformed."))
        return {
            "e_wallet_program_id": program.id,
            "program_name": program.name,
            "program_type": program.program_type,
            "gift_code": gift_code,
        }

    @api.model
    def _shop_sync_cart_module_vals(self, config, data, lines):
        vals = super()._shop_sync_cart_module_vals(config, data, lines)
        if not self._shop_sync_loyalty_installed():
            return vals
        sent = data.get("loyalty")
        loyalty_lines = [
            (number, line)
            for number, line in enumerate(lines, 1)
            if (line.get("module_values") or {}).get("loyalty")
        ]
        if sent is None and not loyalty_lines:
            return vals
        partner_id = data.get("partner_id") or False
        rules, coupons, disabled, points_won = self._shop_sync_check_cart_loyalty(
            config, {} if sent is None else sent, partner_id
        )
        self._shop_sync_check_line_cards(loyalty_lines, coupons, partner_id)
        own_cards = set(coupons.ids) | set(self._loyalty_line_cards(lines))
        loyalty = {
            "rule_ids": rules.ids,
            "rule_codes": [rule.code or rule.promo_barcode or "" for rule in rules],
            "coupons": [{"id": card.id, "code": card.code} for card in coupons],
            "disabled_reward_ids": disabled.ids,
            # Only the points of the cart's own cards.
            "points_won": {
                key: float(value)
                for key, value in points_won.items()
                if int(key) in own_cards
            },
        }
        if any(loyalty.values()):
            module_values = dict(vals.get("module_values") or {})
            module_values["loyalty"] = loyalty
            vals["module_values"] = module_values
        return vals

    @api.model
    def _shop_sync_check_cart_loyalty(self, config, sent, partner_id):
        """Check the cart's ``loyalty`` payload; return ``(loyalty.rule,
        loyalty.card, loyalty.reward, points_won)``."""
        if not isinstance(sent, dict) or set(sent) - {
            "rule_ids",
            "coupon_ids",
            "disabled_reward_ids",
            "points_won",
        }:
            raise ValidationError(
                self.env._("The cart's loyalty values are malformed.")
            )
        offered = self._shop_sync_loyalty_programs(config)
        company = config.company_id

        def ids_of(key, label):
            ids = sent.get(key) or []
            if (
                not isinstance(ids, list)
                or len(ids) > MAX_LOYALTY_IDS
                or not all(map(is_id, ids))
            ):
                raise ValidationError(self.env._("The cart's %s are malformed.", label))
            return list(dict.fromkeys(ids))

        rule_ids = ids_of("rule_ids", self.env._("promo codes"))
        rules = self.env["loyalty.rule"].sudo().browse(rule_ids).exists()
        if any(rule.mode != "with_code" for rule in rules):
            raise ValidationError(self.env._("The cart's promo codes are malformed."))
        if len(rules) != len(rule_ids) or rules.program_id - offered:
            raise UserError(
                self.env._(
                    "A promo code of the cart is not offered on terminal %s.",
                    config.name,
                )
            )
        coupon_ids = ids_of("coupon_ids", self.env._("coupons"))
        coupons = self.env["loyalty.card"].sudo().browse(coupon_ids).exists()
        if (
            len(coupons) != len(coupon_ids)
            or coupons.program_id - offered
            or any(
                card.company_id not in (company, company.browse())
                or (
                    card.partner_id
                    and card.partner_id.id != partner_id
                    and card.program_type != "gift_card"
                )
                for card in coupons
            )
        ):
            raise UserError(
                self.env._(
                    "A coupon of the cart cannot be used on terminal %s.", config.name
                )
            )
        disabled_ids = ids_of("disabled_reward_ids", self.env._("removed rewards"))
        disabled = self.env["loyalty.reward"].sudo().browse(disabled_ids).exists()
        if len(disabled) != len(disabled_ids) or disabled.program_id - offered:
            raise UserError(self.env._("A removed reward of the cart does not exist."))
        points_won = sent.get("points_won") or {}
        if (
            not isinstance(points_won, dict)
            or len(points_won) > MAX_LOYALTY_IDS
            or not all(
                key.isdigit() and is_number(value) and 0 <= value <= MAX_PRICE
                for key, value in points_won.items()
            )
        ):
            raise ValidationError(self.env._("The cart's points are malformed."))
        return rules, coupons, disabled, points_won

    @api.model
    def _shop_sync_check_line_cards(self, loyalty_lines, coupons, partner_id):
        """Refuse a reward line claimed with a card that is neither activated
        by code (``coupons``) nor the customer's own (a loyalty card, an
        eWallet: pos_loyalty fetches it for the customer)."""
        checker = self._shop_sync_cart_checker(0)
        cards = self.env["loyalty.card"].sudo()
        for number, line in loyalty_lines:
            coupon_id = line["module_values"]["loyalty"].get("coupon_id")
            if not coupon_id or coupon_id in coupons.ids:
                continue
            card = cards.browse(coupon_id)
            if not card.program_id.is_nominative or card.partner_id.id != partner_id:
                raise checker.refusal(
                    UserError,
                    number,
                    line["full_product_name"],
                    self.env._(
                        "its card is neither the customer's nor activated by code."
                    ),
                )

    @api.model
    def _loyalty_line_cards(self, lines):
        return [
            (line.get("module_values") or {}).get("loyalty", {}).get("coupon_id")
            for line in lines
            if (line.get("module_values") or {}).get("loyalty", {}).get("coupon_id")
        ]

    # ------------------------------------------------------------------
    # Receive: what the receiving terminal cannot honour
    # ------------------------------------------------------------------

    def _shop_sync_drift(self, config):
        drift = super()._shop_sync_drift(config)
        # A reward's price is pos_loyalty's computation, not a price of its
        # product on a pricelist: it is never "negotiated".
        for line, line_drift in zip(
            self._shop_sync_sorted_lines(), drift["lines"], strict=True
        ):
            if line.line_kind == "reward":
                line_drift["terminal_price"] = line.price_unit
                line_drift["negotiated"] = False
        return drift

    def _shop_sync_unlisted_kinds(self):
        return super()._shop_sync_unlisted_kinds() | {"reward"}

    def _shop_sync_module_blocking(self, config, lines, cart_values):
        reasons, line_reasons = super()._shop_sync_module_blocking(
            config, lines, cart_values
        )
        cart = cart_values.get("loyalty") or {}
        loyalty_ids = [
            line_id for line_id, kind in lines if kind in ("reward", "gift_card")
        ]
        if not self._shop_sync_loyalty_installed() or not (loyalty_ids or cart):
            return reasons, line_reasons
        offered = self._shop_sync_loyalty_programs(config)
        records = {
            line.id: line
            for line in self.env["pos.shop.sync.line"].sudo().browse(loyalty_ids)
        }
        line_reasons = list(line_reasons)
        costs = {}
        for index, (line_id, _kind) in enumerate(lines):
            line = records.get(line_id)
            if not line:
                continue
            values = (line.module_values or {}).get("loyalty") or {}
            name = line.full_product_name or line.product_id.display_name
            reason = self._shop_sync_loyalty_line_reason(values, offered, config)
            if reason:
                line_reasons[index] = line_reasons[index] or self.env._(
                    "%(product)s: %(reason)s", product=name, reason=reason
                )
                continue
            if values.get("coupon_id"):
                cost = costs.setdefault(values["coupon_id"], [0.0, []])
                cost[0] += values.get("points_cost") or 0.0
                cost[1].append((index, name))
        points_won = cart.get("points_won") or {}
        for card_id, (cost, used_by) in costs.items():
            card = self.env["loyalty.card"].sudo().browse(card_id).exists()
            reason = self._shop_sync_card_reason(
                card, cost, points_won.get(str(card_id), 0.0)
            )
            for index, name in used_by if reason else []:
                line_reasons[index] = line_reasons[index] or self.env._(
                    "%(product)s: %(reason)s", product=name, reason=reason
                )
        for rule in self.env["loyalty.rule"].sudo().browse(cart.get("rule_ids") or []):
            reason = self._shop_sync_program_reason(rule.exists().program_id, offered)
            if reason:
                reasons.append(
                    self.env._(
                        "Promo code %(code)s: %(reason)s",
                        code=rule.code or rule.promo_barcode or "",
                        reason=reason,
                    )
                )
        for coupon in cart.get("coupons") or []:
            card = self.env["loyalty.card"].sudo().browse(coupon["id"]).exists()
            reason = self._shop_sync_program_reason(card.program_id, offered)
            if (
                not reason
                and card.expiration_date
                and (card.expiration_date < fields.Date.context_today(self))
            ):
                reason = self.env._("it has expired.")
            if reason:
                reasons.append(
                    self.env._(
                        "Coupon %(code)s: %(reason)s",
                        code=coupon["code"],
                        reason=reason,
                    )
                )
        return reasons, line_reasons

    def _shop_sync_loyalty_line_reason(self, values, offered, config):
        """Why ``config`` cannot honour a reward or gift card line, or False."""
        if values.get("reward_id"):
            reward = (
                self.env["loyalty.reward"]
                .sudo()
                .with_context(active_test=False)
                .browse(values["reward_id"])
                .exists()
            )
            if not reward or not reward.active:
                return self.env._("its reward no longer exists.")
            return self._shop_sync_program_reason(reward.program_id, offered)
        if values.get("e_wallet_program_id"):
            program = (
                self.env["loyalty.program"]
                .sudo()
                .with_context(active_test=False)
                .browse(values["e_wallet_program_id"])
                .exists()
            )
            return self._shop_sync_program_reason(program, offered)
        return False

    def _shop_sync_program_reason(self, program, offered):
        """Why a program is not among ``offered`` (a terminal's), or False."""
        if program in offered:
            return False
        if not program:
            return self.env._("its program no longer exists.")
        today = fields.Date.context_today(self)
        if not program.active:
            return self.env._("program %s is archived.", program.name)
        if program.date_to and program.date_to < today:
            return self.env._("program %s has expired.", program.name)
        if program.date_from and program.date_from > today:
            return self.env._("program %s has not started yet.", program.name)
        if program.limit_usage and program.total_order_count >= program.max_usage:
            return self.env._("program %s has reached its usage limit.", program.name)
        return self.env._("program %s is not offered on this terminal.", program.name)

    def _shop_sync_card_reason(self, card, cost, won):
        """Why ``card`` cannot pay ``cost`` points (with the ``won`` points of
        the cart), or False."""
        if not card:
            return self.env._("its coupon no longer exists.")
        program = card.program_id
        available = card.points + (won if program.applies_on != "future" else 0.0)
        if float_compare(available, cost, precision_digits=2) >= 0:
            return False
        if program.program_type in SINGLE_USE_TYPES:
            return self.env._("code %s was already used.", card.code)
        return self.env._(
            "card %(code)s has %(points)s points, its rewards need %(cost)s.",
            code=card.code,
            points=round(available, 2),
            cost=round(cost, 2),
        )

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Refund lines in a transfer (core Point of Sale): a return line keeps its
link to the paid order line it refunds, checked at the send (same company,
same product, a negative quantity within what is left to refund, one refunded
order per cart, as Odoo's ticket screen allows) and again when a terminal
accepts it.

Also the taxes other modules' line kinds carry (a global discount's, a sales
order line's): the taxes the POS line holds, checked, and stored on the
transfer's line after the cart's fiscal position, as the POS computes them."""

from odoo import Command, api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round

from .pos_order import PAID_STATES
from .shop_sync_cart import is_id

MAX_LINE_TAXES = 20


class PosShopSync(models.Model):
    # Each module's line kinds in the file named after it.
    _inherit = "pos.shop.sync"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # The taxes a line kind carries
    # ------------------------------------------------------------------

    @api.model
    def _shop_sync_check_lines(self, config, lines, fiscal_position, pricelist):
        # The hooks of the line kinds map the taxes they carry through the
        # cart's fiscal position (see _shop_sync_kind_taxes).
        this = self.with_context(shop_sync_fiscal_position_id=fiscal_position.id)
        return super(PosShopSync, this)._shop_sync_check_lines(
            config, lines, fiscal_position, pricelist
        )

    @api.model
    def _shop_sync_kind_taxes(self, taxes):
        """The create values of a line whose POS line holds ``taxes`` (not
        its product's): ``tax_ids`` after the cart's fiscal position (as the
        POS computes the line), ``module_values["tax_ids"]`` as held (given
        back to the line at the rebuild).

        :return: ``(tax_ids command list, tax ids list)``
        """
        fiscal_position = self.env["account.fiscal.position"].browse(
            self.env.context.get("shop_sync_fiscal_position_id")
        )
        mapped = fiscal_position.map_tax(taxes) if fiscal_position else taxes
        return [Command.set(mapped.ids)], taxes.ids

    @api.model
    def _shop_sync_check_sent_taxes(self, config, value, number, name, checker):
        """The taxes a line of a special kind was sent with: a list of ids of
        active sales taxes of ``config``'s company.

        :return: account.tax (sudo)
        """
        if (
            not isinstance(value, list)
            or len(value) > MAX_LINE_TAXES
            or not all(map(is_id, value))
        ):
            raise checker.refusal(
                ValidationError, number, name, self.env._("its taxes are malformed.")
            )
        taxes = (
            self.env["account.tax"]
            .sudo()
            .with_context(active_test=False)
            .browse(dict.fromkeys(value))
            .exists()
        )
        company = config.company_id
        allowed = taxes._filter_taxes_by_company(company).filtered(
            lambda tax: tax.active and tax.type_tax_use == "sale"
        )
        if len(allowed) != len(set(value)):
            raise checker.refusal(
                UserError, number, name, self.env._("one of its taxes does not exist.")
            )
        return allowed

    # ------------------------------------------------------------------
    # Refund lines
    # ------------------------------------------------------------------

    @api.model
    def _shop_sync_line_module_vals(self, config, sent_lines, lines, names, checker):
        result = super()._shop_sync_line_module_vals(
            config, sent_lines, lines, names, checker
        )
        refunds = {}
        for index, sent in enumerate(sent_lines):
            refunded_id = sent.get("refunded_orderline_id")
            if refunded_id is None or refunded_id is False:
                continue
            if not is_id(refunded_id):
                raise checker.refusal(
                    ValidationError,
                    index + 1,
                    names[index],
                    self.env._("the order line it refunds is malformed."),
                )
            refunds[index] = refunded_id
        if not refunds:
            return result
        refunded = self._shop_sync_refunded_lines(config, set(refunds.values()))
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        refunded_orders = {}
        asked = {}
        for index, refunded_id in refunds.items():
            number, name, vals = index + 1, names[index], lines[index]
            _ = self.env._
            line = refunded.get(refunded_id)
            if not line:
                raise checker.refusal(
                    UserError,
                    number,
                    name,
                    _("the order line it refunds does not exist."),
                )
            order = line.order_id
            if order.state not in PAID_STATES:
                raise checker.refusal(
                    UserError,
                    number,
                    name,
                    _("it refunds a line of %s, which is not paid.", order.name),
                )
            if line.product_id.id != vals["product_id"]:
                raise checker.refusal(
                    UserError,
                    number,
                    name,
                    _(
                        "it refunds a line of another product (%(product)s of "
                        "%(order)s).",
                        product=line.product_id.display_name,
                        order=order.name,
                    ),
                )
            if vals["qty"] >= 0:
                raise checker.refusal(
                    UserError,
                    number,
                    name,
                    _("a refund's quantity must be negative."),
                )
            refunded_orders.setdefault(order, number)
            if len(refunded_orders) > 1:
                first, first_number = next(iter(refunded_orders.items()))
                raise checker.refusal(
                    UserError,
                    number,
                    name,
                    _(
                        "it refunds %(order)s, line %(first_number)s refunds "
                        "%(first)s: a cart refunds products of one order only.",
                        order=order.name,
                        first_number=first_number,
                        first=first.name,
                    ),
                )
            asked[refunded_id] = float_round(
                asked.get(refunded_id, 0.0) - vals["qty"], precision_digits=digits
            )
            left = self._shop_sync_left_to_refund(line, digits)
            if float_compare(asked[refunded_id], left, precision_digits=digits) > 0:
                raise checker.refusal(
                    UserError,
                    number,
                    name,
                    _(
                        "it refunds %(qty)s of %(order)s, where %(left)s is left "
                        "to refund.",
                        qty=asked[refunded_id],
                        order=order.name,
                        left=left,
                    ),
                )
            tax_ids, held = self._shop_sync_kind_taxes(line.tax_ids)
            module_values = dict(result[index].get("module_values") or {})
            module_values.update(
                {
                    "refunded_orderline_id": line.id,
                    "refunded_order_id": order.id,
                    "refunded_order_name": order.name,
                    "tax_ids": held,
                }
            )
            result[index].update(
                {
                    "line_kind": "refund",
                    "refunded_orderline_id": line.id,
                    "tax_ids": tax_ids,
                    "module_values": module_values,
                }
            )
        return result

    @api.model
    def _shop_sync_refunded_lines(self, config, line_ids):
        """``{id: pos.order.line}`` of ``line_ids`` in ``config``'s company
        (another company's line is "not existing": its content is not told)."""
        lines = (
            self.env["pos.order.line"]
            .sudo()
            .search_fetch(
                [
                    ("id", "in", list(line_ids)),
                    ("order_id.company_id", "=", config.company_id.id),
                ],
                ["order_id", "product_id", "qty", "tax_ids"],
            )
        )
        return {line.id: line for line in lines}

    @api.model
    def _shop_sync_left_to_refund(self, line, digits):
        """What is left to refund of ``line``: its quantity less the quantities
        of the paid orders refunding it."""
        refunds = line.refund_orderline_ids.filtered(
            lambda refund: refund.order_id.state in PAID_STATES
        )
        return float_round(
            line.qty + sum(refunds.mapped("qty")), precision_digits=digits
        )

    def _shop_sync_module_blocking(self, config, lines, cart_values):
        reasons, line_reasons = super()._shop_sync_module_blocking(
            config, lines, cart_values
        )
        refund_ids = [line_id for line_id, kind in lines if kind == "refund"]
        if not refund_ids:
            return reasons, line_reasons
        index_of = {line_id: index for index, (line_id, __) in enumerate(lines)}
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        sync_lines = self.env["pos.shop.sync.line"].sudo().browse(refund_ids)
        asked = {}
        _ = self.env._
        for sync_line in sync_lines:
            name = sync_line.full_product_name or sync_line.product_id.display_name
            refunded = sync_line.refunded_orderline_id
            reason = False
            if not refunded or refunded.order_id.company_id != config.company_id:
                reason = _("%s: the order line it refunds no longer exists.", name)
            else:
                asked[refunded] = asked.get(refunded, 0.0) - sync_line.qty
                left = self._shop_sync_left_to_refund(refunded, digits)
                if float_compare(asked[refunded], left, precision_digits=digits) > 0:
                    reason = _(
                        "%(product)s: %(left)s is left to refund of %(order)s, "
                        "the cart refunds %(qty)s.",
                        product=name,
                        left=left,
                        order=refunded.order_id.name,
                        qty=float_round(asked[refunded], precision_digits=digits),
                    )
            index = index_of[sync_line.id]
            if reason and not line_reasons[index]:
                line_reasons[index] = reason
        return reasons, line_reasons

    def _shop_sync_drift(self, config):
        drift = super()._shop_sync_drift(config)
        for index, line in enumerate(self._shop_sync_sorted_lines()):
            if line.line_kind == "refund":
                order_name = (line.module_values or {}).get("refunded_order_name")
                note = self.env._("Refund of %s", order_name or "?")
                drift["lines"][index].setdefault("notes", []).append(note)
        return drift

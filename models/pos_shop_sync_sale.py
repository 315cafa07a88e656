# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pos_sale's lines in a transfer (the module is optional): a cart settling a
sales order, or taking a down payment on one, keeps per line the links
pos_sale keeps on the POS line (``sale_order_origin_id``,
``sale_order_line_id``, ``down_payment_details``) and the line's taxes (the
sales order line's), checked at the send: the sales order and its line exist
in the terminal's company, the line is the sales order's and of the same
product, a down payment is the terminal's down payment product, the order is
neither cancelled nor settled. A receiving terminal may not accept it once
the order was settled or cancelled meanwhile, nor a down payment without the
same down payment product (pos_sale writes the sales order's down payment
line for that product only): paying it there settles the same sales order,
once."""

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from .shop_sync_cart import is_id, is_number

MAX_DOWN_PAYMENT_DETAILS = 200
MAX_DETAIL_TEXT = 10_000
DETAIL_KEYS = {
    "product_name": str,
    "product_uom_qty": float,
    "price_unit": float,
    "total": float,
}


class PosShopSync(models.Model):
    # Each module's line kinds in the file named after it.
    _inherit = "pos.shop.sync"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _shop_sync_has_pos_sale(self):
        return "sale_order_origin_id" in self.env["pos.order.line"]._fields

    @api.model
    def _shop_sync_terminal_fields(self):
        fields = super()._shop_sync_terminal_fields()
        if self._shop_sync_has_pos_sale():
            fields.append("down_payment_product_id")
        return fields

    @api.model
    def _shop_sync_unlisted_product_ids(self, config, sent_lines):
        ids = super()._shop_sync_unlisted_product_ids(config, sent_lines)
        if self._shop_sync_has_pos_sale():
            ids |= set(config.down_payment_product_id.ids)
        return ids

    @api.model
    def _shop_sync_unlisted_kinds(self):
        return super()._shop_sync_unlisted_kinds() | {"down_payment"}

    @api.model
    def _shop_sync_line_module_vals(self, config, sent_lines, lines, names, checker):
        result = super()._shop_sync_line_module_vals(
            config, sent_lines, lines, names, checker
        )
        if not self._shop_sync_has_pos_sale():
            return result
        _ = self.env._
        linked = {}
        for index, sent in enumerate(sent_lines):
            order_id = sent.get("sale_order_origin_id")
            line_id = sent.get("sale_order_line_id")
            if order_id in (None, False) and line_id in (None, False):
                continue
            if (
                not is_id(order_id)
                or line_id not in (None, False)
                and not is_id(line_id)
            ):
                raise checker.refusal(
                    ValidationError,
                    index + 1,
                    names[index],
                    _("its sales order is malformed."),
                )
            linked[index] = (order_id, line_id or False)
        if not linked:
            return result
        company = config.company_id
        orders = (
            self.env["sale.order"]
            .sudo()
            .search_fetch(
                [
                    ("id", "in", list({ids[0] for ids in linked.values()})),
                    ("company_id", "=", company.id),
                ],
                ["name", "state", "invoice_status", "currency_id"],
            )
        )
        orders = {order.id: order for order in orders}
        order_lines = (
            self.env["sale.order.line"]
            .sudo()
            .search_fetch(
                [
                    ("id", "in", [ids[1] for ids in linked.values() if ids[1]]),
                    ("company_id", "=", company.id),
                ],
                ["order_id", "product_id", "is_downpayment", "display_type"],
            )
        )
        order_lines = {line.id: line for line in order_lines}
        currency_id = self._shop_sync_currency_ids(config)[config.id]
        down_payment_product = config.down_payment_product_id
        empty_line = self.env["sale.order.line"]
        for index, (order_id, line_id) in linked.items():
            number, name, vals = index + 1, names[index], lines[index]

            def refuse(reason, error=UserError, number=number, name=name):
                return checker.refusal(error, number, name, reason)

            order = orders.get(order_id)
            if not order:
                raise refuse(_("its sales order does not exist."))
            if order.currency_id.id != currency_id:
                raise refuse(_("sales order %s is in another currency.", order.name))
            self._shop_sync_sale_order_open(order, refuse)
            line = order_lines.get(line_id, empty_line) if line_id else None
            kind = self._shop_sync_sale_line_kind(
                order, line, vals, down_payment_product, refuse
            )
            module_values = dict(result[index].get("module_values") or {})
            module_values.update(
                {
                    "sale_order_origin_id": order.id,
                    "sale_order_name": order.name,
                    "sale_order_line_id": line_id,
                    "down_payment_details": self._shop_sync_check_down_payment_details(
                        sent_lines[index].get("down_payment_details"), refuse
                    ),
                }
            )
            values = {"line_kind": kind}
            sent_taxes = sent_lines[index].get("tax_ids")
            if sent_taxes is not None:
                taxes = self._shop_sync_check_sent_taxes(
                    config, sent_taxes, number, name, checker
                )
                self._shop_sync_check_sale_taxes(order, taxes, refuse)
                values["tax_ids"], module_values["tax_ids"] = (
                    self._shop_sync_kind_taxes(taxes)
                )
            values["module_values"] = module_values
            result[index].update(values)
        return result

    @api.model
    def _shop_sync_sale_line_kind(self, order, line, vals, down_payment, refuse):
        """The kind of a line linked to sales order ``order`` (and to its
        line ``line``, None when not sent); refuse a line of another order or
        product, and a down payment of another product than the terminal's
        ``down_payment`` product."""
        _ = self.env._
        if line is None:
            if vals["product_id"] != down_payment.id:
                raise refuse(
                    _(
                        "a line of sales order %s without its sales order "
                        "line must be the terminal's down payment product.",
                        order.name,
                    )
                )
            return "down_payment"
        if not line or line.order_id != order or line.display_type:
            raise refuse(_("its sales order line is not one of %s.", order.name))
        allowed = line.product_id
        if line.is_downpayment:
            # pos_sale settles a down payment with the terminal's product.
            allowed |= down_payment
        if vals["product_id"] not in allowed.ids:
            raise refuse(
                _(
                    "its sales order line (%(order)s) is for another "
                    "product: %(product)s.",
                    order=order.name,
                    product=line.product_id.display_name,
                )
            )
        return "down_payment" if line.is_downpayment else "sale_order"

    @api.model
    def _shop_sync_check_sale_taxes(self, order, taxes, refuse):
        """Refuse ``taxes`` that are not taxes of ``order``'s lines (before or
        after the cart's fiscal position)."""
        order_taxes = order.order_line.tax_id
        fiscal_position = self.env["account.fiscal.position"].browse(
            self.env.context.get("shop_sync_fiscal_position_id")
        )
        if fiscal_position:
            order_taxes |= fiscal_position.map_tax(order_taxes)
        if taxes - order_taxes:
            raise refuse(
                self.env._(
                    "%(taxes)s is not a tax of sales order %(order)s.",
                    taxes=", ".join((taxes - order_taxes).mapped("name")),
                    order=order.name,
                )
            )

    @api.model
    def _shop_sync_sale_order_open(self, order, refuse):
        """Refuse (``refuse(reason)``) a sales order that cannot be settled
        any more: cancelled, or fully invoiced or paid."""
        _ = self.env._
        if order.state == "cancel":
            raise refuse(_("sales order %s is cancelled.", order.name))
        if order.invoice_status == "invoiced":
            raise refuse(_("sales order %s is already settled.", order.name))

    @api.model
    def _shop_sync_check_down_payment_details(self, details, refuse):
        """pos_sale's ``down_payment_details`` of a line: what the down
        payment covers (a list of ``{"product_name", "product_uom_qty",
        "price_unit", "total"}``, or that list as a JSON text); False for
        none."""
        if details is None or details is False:
            return False
        malformed = self.env._("its down payment details are malformed.")
        if isinstance(details, str):
            if len(details) > MAX_DETAIL_TEXT:
                raise refuse(malformed, ValidationError)
            return details
        if not isinstance(details, list) or len(details) > MAX_DOWN_PAYMENT_DETAILS:
            raise refuse(malformed, ValidationError)
        result = []
        for detail in details:
            if not isinstance(detail, dict) or set(detail) - set(DETAIL_KEYS):
                raise refuse(malformed, ValidationError)
            for key, kind in DETAIL_KEYS.items():
                value = detail.get(key)
                if value is None:
                    continue
                if kind is str:
                    ok = isinstance(value, str) and len(value) <= MAX_DETAIL_TEXT
                else:
                    ok = is_number(value)
                if not ok:
                    raise refuse(malformed, ValidationError)
            result.append(detail)
        return result

    def _shop_sync_module_blocking(self, config, lines, cart_values):
        reasons, line_reasons = super()._shop_sync_module_blocking(
            config, lines, cart_values
        )
        sale_ids = [
            line_id for line_id, kind in lines if kind in ("sale_order", "down_payment")
        ]
        if not sale_ids or not self._shop_sync_has_pos_sale():
            return reasons, line_reasons
        index_of = {line_id: index for index, (line_id, __) in enumerate(lines)}
        sync_lines = self.env["pos.shop.sync.line"].sudo().browse(sale_ids)
        orders = (
            self.env["sale.order"]
            .sudo()
            .browse(
                {
                    (line.module_values or {}).get("sale_order_origin_id")
                    for line in sync_lines
                }
                - {None, False}
            )
            .exists()
        )
        _ = self.env._
        down_payment_product = config.down_payment_product_id
        for sync_line in sync_lines:
            name = sync_line.full_product_name or sync_line.product_id.display_name
            order_id = (sync_line.module_values or {}).get("sale_order_origin_id")
            order = orders.filtered(lambda o, order_id=order_id: o.id == order_id)
            reason = False

            def refuse(text, name=name):
                return UserError(f"{name}: {text}")

            if not order or order.company_id != config.company_id:
                reason = _("%s: its sales order no longer exists.", name)
            else:
                try:
                    self._shop_sync_sale_order_open(order, refuse)
                except UserError as error:
                    reason = error.args[0]
            if (
                not reason
                and sync_line.line_kind == "down_payment"
                and sync_line.product_id != down_payment_product
            ):
                reason = _(
                    "%(product)s: this terminal's down payment product is "
                    "%(here)s; paying the down payment here would not record it on "
                    "sales order %(order)s.",
                    product=name,
                    here=down_payment_product.display_name or _("none"),
                    order=order.name,
                )
            index = index_of[sync_line.id]
            if reason and not line_reasons[index]:
                line_reasons[index] = reason
        return reasons, line_reasons

    def _shop_sync_drift(self, config):
        drift = super()._shop_sync_drift(config)
        for index, line in enumerate(self._shop_sync_sorted_lines()):
            values = line.module_values or {}
            order_name = values.get("sale_order_name")
            if line.line_kind not in ("sale_order", "down_payment") or not order_name:
                continue
            if line.line_kind == "sale_order":
                note = self.env._("Settles %s", order_name)
            elif line.qty * line.price_unit < 0:
                note = self.env._("Down payment of %s deducted", order_name)
            else:
                note = self.env._("Down payment on %s", order_name)
            if line.line_kind == "down_payment":
                # A share of the sales order, not a price agreed at the counter.
                drift["lines"][index]["negotiated"] = False
            drift["lines"][index].setdefault("notes", []).append(note)
        return drift

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pos_discount's global discount in a transfer (the module is optional):
a line whose product is the sending terminal's discount product
(``pos.config.discount_product_id``) is a global discount. It travels as sent:
the same product, the same amount, and the taxes of the tax group it
discounts (pos_discount adds one line per group of the cart's taxes).

A receiving terminal without that discount product still rebuilds the line
exactly (the product exists, its amount is kept as a set price): the preview
warns that the discount cannot be changed there, but does not block."""

from odoo import api, models
from odoo.exceptions import UserError


class PosShopSync(models.Model):
    # Each module's line kinds in the file named after it.
    _inherit = "pos.shop.sync"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _shop_sync_has_pos_discount(self):
        return "discount_product_id" in self.env["pos.config"]._fields

    @api.model
    def _shop_sync_terminal_fields(self):
        fields = super()._shop_sync_terminal_fields()
        if self._shop_sync_has_pos_discount():
            fields.append("discount_product_id")
        return fields

    @api.model
    def _shop_sync_unlisted_product_ids(self, config, sent_lines):
        ids = super()._shop_sync_unlisted_product_ids(config, sent_lines)
        if self._shop_sync_has_pos_discount():
            ids |= set(config.discount_product_id.ids)
        return ids

    @api.model
    def _shop_sync_unlisted_kinds(self):
        return super()._shop_sync_unlisted_kinds() | {"global_discount"}

    @api.model
    def _shop_sync_line_module_vals(self, config, sent_lines, lines, names, checker):
        result = super()._shop_sync_line_module_vals(
            config, sent_lines, lines, names, checker
        )
        if not self._shop_sync_has_pos_discount() or not config.discount_product_id:
            return result
        product_id = config.discount_product_id.id
        indexes = [
            index
            for index, vals in enumerate(lines)
            if vals["product_id"] == product_id and not result[index].get("line_kind")
        ]
        if not indexes:
            return result

        def taxes_of(index):
            command = result[index].get("tax_ids") or lines[index].get("tax_ids")
            return set(command[0][2]) if command else set()

        # A global discount discounts one group of the cart's taxes.
        cart_taxes = set().union(
            *(taxes_of(index) for index in range(len(lines)) if index not in indexes)
        )
        for index in indexes:
            number, name = index + 1, names[index]
            module_values = dict(result[index].get("module_values") or {})
            values = {"line_kind": "global_discount"}
            sent_taxes = sent_lines[index].get("tax_ids")
            if sent_taxes is not None:
                taxes = self._shop_sync_check_sent_taxes(
                    config, sent_taxes, number, name, checker
                )
                if not set(taxes.ids) <= cart_taxes:
                    raise checker.refusal(
                        UserError,
                        number,
                        name,
                        self.env._(
                            "a global discount has the taxes of the lines it "
                            "discounts: %s is on no other line of the cart.",
                            ", ".join(
                                (taxes - taxes.browse(cart_taxes)).mapped("name")
                            ),
                        ),
                    )
                values["tax_ids"], module_values["tax_ids"] = (
                    self._shop_sync_kind_taxes(taxes)
                )
            values["module_values"] = module_values
            result[index].update(values)
        return result

    def _shop_sync_drift(self, config):
        drift = super()._shop_sync_drift(config)
        if not self._shop_sync_has_pos_discount():
            return drift
        lines = self._shop_sync_sorted_lines()
        discounts = [
            index
            for index, line in enumerate(lines)
            if line.line_kind == "global_discount"
        ]
        here = config.module_pos_discount and config.discount_product_id
        warned = False
        for index in discounts:
            line = lines[index]
            # Computed from the cart, not a price agreed with the customer.
            drift["lines"][index]["negotiated"] = False
            if here == line.product_id:
                continue
            product = line.full_product_name or line.product_id.display_name
            if here:
                note = self.env._(
                    "Global discount: this terminal's discount product is "
                    "%(here)s; the discount is kept as sent (%(product)s).",
                    here=here.display_name,
                    product=product,
                )
            else:
                note = self.env._(
                    "Global discount: no discount product on this terminal; the "
                    "discount is kept as sent (%(product)s), but cannot be changed "
                    "here.",
                    product=product,
                )
                warned = True
            drift["lines"][index].setdefault("notes", []).append(note)
        if warned:
            drift["warnings"].append(
                self.env._(
                    "This terminal has no discount product: the cart's global "
                    "discount is kept as sent, but cannot be applied again here."
                )
            )
        return drift

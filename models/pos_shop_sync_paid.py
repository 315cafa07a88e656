# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What was paid: a done transfer records its paid order's total and whether
that order holds the lines sent (the comparison, without the ORM, is in
``shop_sync_paid.py``); the form shows the differences line by line."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import format_amount

from .shop_sync_paid import Digits, PaidLine, compare_paid


class PosShopSync(models.Model):
    _inherit = "pos.shop.sync"  # pylint: disable=consider-merging-classes-inherited

    paid_amount = fields.Monetary(
        readonly=True,
        copy=False,
        help="The total of the paid order, in the transfer's currency.",
    )
    paid_matches = fields.Boolean(
        string="Paid as Sent",
        readonly=True,
        copy=False,
        help="The paid order holds the transferred lines: per product (with its "
        "attribute values and its place in a combo) the same quantities at the "
        "same unit prices and discounts, within the precisions of quantities, "
        "prices and discounts.",
    )
    paid_differences = fields.Json(
        string="Paid Differences (data)",
        readonly=True,
        copy=False,
        help='Per product that differs: {"name", "sent": [[qty, price_unit, '
        'discount]], "paid": [[qty, price_unit, discount]]}.',
    )
    paid_differences_html = fields.Html(
        string="Paid Differently",
        compute="_compute_paid_differences_html",
        sanitize=False,
    )

    @api.depends("paid_differences", "currency_id")
    def _compute_paid_differences_html(self):
        for sync in self:
            sync.paid_differences_html = sync._shop_sync_paid_differences_table()

    def _shop_sync_paid_differences_table(self):
        """The differences between the cart sent and the paid order, as a table:
        per product that differs, the quantity, unit price and discount sent
        and paid (one row per price; False when there is none)."""
        self.ensure_one()
        if not self.paid_differences:
            return False
        digits = self.env["decimal.precision"].precision_get("Product Price")
        qty_digits = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure"
        )

        def cells(tier):
            if not tier:
                return Markup("<td></td><td></td><td></td>")
            qty, price, discount = tier
            return Markup(
                '<td class="text-end">%s</td><td class="text-end">%s</td>'
                '<td class="text-end">%s</td>'
            ) % (
                f"{qty:.{qty_digits}f}",
                f"{price:.{digits}f}",
                f"{discount:g} %",
            )

        rows = []
        for difference in self.paid_differences:
            sent, paid = difference["sent"], difference["paid"]
            for index in range(max(len(sent), len(paid))):
                rows.append(
                    Markup("<tr><td>%s</td>%s%s</tr>")
                    % (
                        difference["name"] if index == 0 else "",
                        cells(sent[index] if index < len(sent) else None),
                        cells(paid[index] if index < len(paid) else None),
                    )
                )
        header = Markup(
            "<thead><tr><th>%s</th>"
            '<th class="text-end">%s</th><th class="text-end">%s</th>'
            '<th class="text-end">%s</th><th class="text-end">%s</th>'
            '<th class="text-end">%s</th><th class="text-end">%s</th></tr></thead>'
        ) % (
            _("Product"),
            _("Sent Qty"),
            _("Sent Unit Price"),
            _("Sent Discount"),
            _("Paid Qty"),
            _("Paid Unit Price"),
            _("Paid Discount"),
        )
        return (
            Markup('<table class="table table-sm o_shop_sync_paid_differences">')
            + header
            + Markup("<tbody>")
            + Markup("").join(rows)
            + Markup("</tbody></table>")
        )

    def _shop_sync_paid_vals(self, order):
        """What ``order`` paid of this transfer: ``paid_amount`` (its total,
        in the transfer's currency), ``paid_matches`` and ``paid_differences``
        (see ``shop_sync_paid.compare_paid``)."""
        self.ensure_one()
        precision = self.env["decimal.precision"].precision_get
        digits = Digits(
            precision("Product Unit of Measure"),
            precision("Product Price"),
            precision("Discount"),
        )
        differences = compare_paid(
            [self._shop_sync_paid_line(line) for line in self.line_ids],
            [self._shop_sync_paid_line(line) for line in order.lines],
            digits,
        )
        amount = order.amount_total
        if order.currency_id != self.currency_id:
            amount = order.currency_id._convert(
                amount, self.currency_id, order.company_id, order.date_order
            )
        return {
            "paid_amount": amount,
            "paid_matches": not differences,
            "paid_differences": differences or False,
        }

    @api.model
    def _shop_sync_paid_line(self, line):
        """A transfer's or a paid order's line as ``compare_paid`` takes it."""
        parent = line.combo_parent_id
        return PaidLine(
            key=(
                line.product_id.id,
                tuple(sorted(line.attribute_value_ids.ids)),
                (parent.product_id.id, line.combo_item_id.id) if parent else False,
            ),
            name=line.full_product_name or line.product_id.display_name,
            qty=line.qty,
            price_unit=line.price_unit,
            discount=line.discount,
        )

    def _shop_sync_paid_message(self, order, paid):
        """The chatter entry of the payment: whether it held the cart as sent."""
        self.ensure_one()
        if paid["paid_matches"]:
            return _(
                "Paid as %(order)s on %(terminal)s, as sent.",
                order=order.name,
                terminal=order.config_id.name,
            )
        return _(
            "Paid as %(order)s on %(terminal)s, differently from the cart sent "
            "(%(count)s product(s) differ; %(paid)s paid for %(sent)s sent).",
            order=order.name,
            terminal=order.config_id.name,
            count=len(paid["paid_differences"]),
            paid=format_amount(self.env, paid["paid_amount"], self.currency_id),
            sent=format_amount(self.env, self.amount_total, self.currency_id),
        )

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PosShopSyncLine(models.Model):
    _name = "pos.shop.sync.line"
    _description = "POS Shop Synchronization Line"
    _order = "sync_id, sequence, id"
    # No automatic company check: users may only read lines, and the one
    # writer, send_from_ui, checks the products' and taxes' companies itself
    # (the check costs a 10-line send about 4 ms of its 70).

    sync_id = fields.Many2one(
        "pos.shop.sync",
        string="Transfer",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    # The precomputed fields are given by the send (_shop_sync_add_precomputed),
    # which then computes none on a draft record before the insert and writes
    # no UPDATE of its new rows at the flush. Not readonly: the ORM drops the
    # given values of readonly precomputed fields. Nobody else writes them
    # (the lines are read-only for all but the server, see the access rules).
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    currency_id = fields.Many2one(related="sync_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        required=True,
        ondelete="restrict",
        check_company=True,
    )
    full_product_name = fields.Char(string="Product Name")
    qty = fields.Float(
        string="Quantity", digits="Product Unit of Measure", required=True
    )
    price_unit = fields.Float(string="Unit Price", digits="Product Price")
    # Not rounded, as on pos.order.line: the POS keeps a discount as typed.
    discount = fields.Float(string="Discount (%)", digits=0)
    customer_note = fields.Char()
    note = fields.Char(string="Internal Note")
    tax_ids = fields.Many2many(
        "account.tax",
        "pos_shop_sync_line_account_tax_rel",
        "line_id",
        "tax_id",
        string="Taxes",
        check_company=True,
    )
    # The snapshot of what the POS line holds besides its product, quantity
    # and prices (all optional; see shop_sync_cart.CartChecker).
    uuid = fields.Char(
        string="Line Reference",
        readonly=True,
        help="The reference of the line on the sending terminal.",
    )
    attribute_value_ids = fields.Many2many(
        "product.template.attribute.value",
        "pos_shop_sync_line_ptav_rel",
        "line_id",
        "ptav_id",
        string="Attribute Values",
        readonly=True,
    )
    attribute_values_sent = fields.Json(
        readonly=True,
        help='The attribute values as sent: [{"id", "attribute_name", "name", '
        '"price_extra"}], their names and extra prices as they were then.',
    )
    custom_attribute_value_ids = fields.Json(
        string="Custom Values",
        readonly=True,
        help='[{"custom_product_template_attribute_value_id", "custom_value"}]',
    )
    attribute_description = fields.Char(
        string="Attributes",
        compute="_compute_attribute_description",
        store=True,
        precompute=True,
        readonly=False,
    )
    lot_names = fields.Json(
        string="Lot/Serial Numbers (sent)", readonly=True, help="A list of texts."
    )
    lot_names_display = fields.Char(
        string="Lot/Serial Numbers",
        compute="_compute_lot_names_display",
        store=True,
        precompute=True,
        readonly=False,
    )
    combo_parent_id = fields.Many2one(
        "pos.shop.sync.line",
        string="Combo",
        readonly=True,
        ondelete="cascade",
        index="btree_not_null",
    )
    combo_line_ids = fields.One2many(
        "pos.shop.sync.line", "combo_parent_id", string="Combo Items", readonly=True
    )
    # Deleting a combo choice keeps the line: it then names none, which
    # blocks its acceptance (see pos.shop.sync._shop_sync_blocking).
    combo_item_id = fields.Many2one(
        "product.combo.item", string="Combo Choice", readonly=True, ondelete="set null"
    )
    # What the line is, decided by the server from what the line links to
    # (see pos.shop.sync._shop_sync_line_module_vals); the preview and the
    # backend show it.
    line_kind = fields.Selection(
        [
            ("product", "Product"),
            ("reward", "Reward"),
            ("gift_card", "Gift Card / eWallet"),
            ("global_discount", "Global Discount"),
            ("sale_order", "Sales Order"),
            ("down_payment", "Down Payment"),
            ("refund", "Refund"),
        ],
        default="product",
        required=True,
        readonly=True,
    )
    # A return line's link to the paid order line it refunds (the
    # sender's company only; checked at the send, see pos_shop_sync_refund.py).
    refunded_orderline_id = fields.Many2one(
        "pos.order.line",
        string="Refunded Order Line",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    module_values = fields.Json(
        string="Other Modules' Values",
        readonly=True,
        help="What other Point of Sale modules (pos_loyalty, pos_sale, ...) hold "
        "on the line, keyed by field name, as checked at the send: the rebuild "
        "gives them back to the line.",
    )
    # Floats rounded by their compute to the transfer's currency, as
    # pos.order.line's: a Monetary field makes the ORM build a draft record of
    # each new line, for each amount, to find its currency at the insert.
    price_subtotal = fields.Float(
        string="Subtotal w/o Tax",
        digits=0,
        compute="_compute_amounts",
        store=True,
        precompute=True,
        readonly=False,
    )
    price_subtotal_incl = fields.Float(
        string="Subtotal",
        digits=0,
        compute="_compute_amounts",
        store=True,
        precompute=True,
        readonly=False,
    )

    @api.depends("full_product_name", "product_id", "combo_parent_id")
    def _compute_display_name(self):
        # A combo's items indented under it, in the backend's lists.
        for line in self:
            name = line.full_product_name or line.product_id.display_name
            line.display_name = f"↳ {name}" if line.combo_parent_id else name

    @api.depends("attribute_values_sent", "custom_attribute_value_ids")
    def _compute_attribute_description(self):
        digits = self.env["decimal.precision"].precision_get("Product Price")
        for line in self:
            customs = {
                custom["custom_product_template_attribute_value_id"]: custom[
                    "custom_value"
                ]
                for custom in line.custom_attribute_value_ids or []
            }
            parts = []
            for value in line.attribute_values_sent or []:
                text = customs.pop(value["id"], value["name"])
                if value["price_extra"]:
                    text = f"{text} ({value['price_extra']:+.{digits}f})"
                parts.append(f"{value['attribute_name']}: {text}")
            # Custom values of the variant's own values, which need not be sent.
            ptavs = self.env["product.template.attribute.value"].sudo()
            ptavs = ptavs.browse(list(customs))
            for ptav in ptavs.exists():
                parts.append(f"{ptav.attribute_id.name}: {customs[ptav.id]}")
            line.attribute_description = ", ".join(parts) or False

    @api.depends("sync_id.company_id")
    def _compute_company_id(self):
        for line in self:
            line.company_id = line.sync_id.company_id

    @api.depends("lot_names")
    def _compute_lot_names_display(self):
        for line in self:
            line.lot_names_display = ", ".join(line.lot_names or []) or False

    @api.depends(
        "qty",
        "price_unit",
        "discount",
        "tax_ids",
        "product_id",
        "sync_id.partner_id",
        "sync_id.currency_id",
    )
    def _compute_amounts(self):
        for line in self:
            sync = line.sync_id
            line.price_subtotal, line.price_subtotal_incl = self._shop_sync_amounts(
                sync.company_id,
                sync.currency_id,
                sync.partner_id,
                line.product_id,
                line.tax_ids,
                line.price_unit,
                line.qty,
                line.discount,
            )

    @api.model
    def _shop_sync_amounts(
        self, company, currency, partner, product, taxes, price_unit, qty, discount
    ):
        """``(price_subtotal, price_subtotal_incl)`` of a line with these values.

        Odoo's tax engine without the accounting data (repartition lines, tags)
        that compute_all adds: five queries fewer per send.
        """
        tax_model = self.env["account.tax"]
        base_line = tax_model._prepare_base_line_for_taxes_computation(
            None,
            partner_id=partner,
            currency_id=currency,
            product_id=product,
            tax_ids=taxes,
            price_unit=price_unit,
            quantity=qty,
            discount=discount or 0.0,
        )
        tax_model._add_tax_details_in_base_line(base_line, company)
        details = base_line["tax_details"]
        return (
            currency.round(details["raw_total_excluded_currency"]),
            currency.round(details["raw_total_included_currency"]),
        )

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PosShopSyncLine(models.Model):
    _name = "pos.shop.sync.line"
    _description = "POS Shop Synchronization Line"
    _order = "sync_id, sequence, id"
    _check_company_auto = True

    sync_id = fields.Many2one(
        "pos.shop.sync",
        string="Transfer",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="sync_id.company_id", store=True)
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
    discount = fields.Float(string="Discount (%)", digits="Discount")
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
    price_subtotal = fields.Monetary(
        string="Subtotal w/o Tax", compute="_compute_amounts", store=True
    )
    price_subtotal_incl = fields.Monetary(
        string="Subtotal", compute="_compute_amounts", store=True
    )

    @api.depends(
        "qty", "price_unit", "discount", "tax_ids", "product_id", "sync_id.partner_id"
    )
    def _compute_amounts(self):
        for line in self:
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            taxes = line.tax_ids.compute_all(
                price,
                currency=line.sync_id.currency_id,
                quantity=line.qty,
                product=line.product_id,
                partner=line.sync_id.partner_id,
            )
            line.price_subtotal = taxes["total_excluded"]
            line.price_subtotal_incl = taxes["total_included"]

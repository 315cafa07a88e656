// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// pos_sale's lines in a transfer (the module is optional: its fields are read
// where a line has them, its models where the POS loaded them, nothing is
// imported from it): a line settling a sales order or taking a down payment
// keeps its links, so that paying it settles the same sales order.
import {patch} from "@web/core/utils/patch";
import {PosStore} from "@point_of_sale/app/store/pos_store";

const SALE_KINDS = ["sale_order", "down_payment"];

patch(PosStore.prototype, {
    shopSyncLineModuleValues(line) {
        const values = super.shopSyncLineModuleValues(...arguments);
        if (!line.sale_order_origin_id) {
            return values;
        }
        return {
            ...values,
            sale_order_origin_id: line.sale_order_origin_id.id,
            sale_order_line_id: line.sale_order_line_id?.id || false,
            down_payment_details: line.down_payment_details || false,
            tax_ids: (line.tax_ids || []).map((tax) => tax.id),
        };
    },
    /** The sales orders and lines a transfer links to, read as pos_sale reads them. */
    async shopSyncLoadMissing(transfer) {
        await super.shopSyncLoadMissing(...arguments);
        if (!this.models["sale.order"] || !this.models["sale.order.line"]) {
            return;
        }
        const orderIds = new Set();
        const lineIds = new Set();
        for (const line of transfer.lines) {
            const values = line.module_values || {};
            if (!SALE_KINDS.includes(line.line_kind)) {
                continue;
            }
            if (
                values.sale_order_origin_id &&
                !this.models["sale.order"].get(values.sale_order_origin_id)
            ) {
                orderIds.add(values.sale_order_origin_id);
            }
            if (
                values.sale_order_line_id &&
                !this.models["sale.order.line"].get(values.sale_order_line_id)
            ) {
                lineIds.add(values.sale_order_line_id);
            }
        }
        if (orderIds.size) {
            await this.data.read("sale.order", [...orderIds]);
        }
        if (lineIds.size) {
            await this.data.read("sale.order.line", [...lineIds]);
        }
    },
    shopSyncRebuildLineValues(line, transfer, order) {
        const values = super.shopSyncRebuildLineValues(...arguments);
        const sent = line.module_values || {};
        if (!SALE_KINDS.includes(line.line_kind) || !this.models["sale.order"]) {
            return values;
        }
        const saleOrder = this.models["sale.order"].get(sent.sale_order_origin_id);
        if (saleOrder) {
            values.sale_order_origin_id = saleOrder;
        }
        const saleLine =
            sent.sale_order_line_id &&
            this.models["sale.order.line"].get(sent.sale_order_line_id);
        if (saleLine) {
            values.sale_order_line_id = saleLine;
        }
        if (sent.down_payment_details) {
            values.down_payment_details = sent.down_payment_details;
        }
        return values;
    },
});

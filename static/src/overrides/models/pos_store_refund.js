// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Refund lines in a transfer (core Point of Sale): a return line keeps its
// link to the paid order line it refunds. Also the taxes a line kind carries
// (a refund's, a global discount's, a sales order line's): given back at the
// rebuild, where the line would otherwise take its product's.
import {patch} from "@web/core/utils/patch";
import {PosStore} from "@point_of_sale/app/store/pos_store";

/** The line kinds whose taxes are the ones their POS line held, not their product's. */
const KINDS_WITH_TAXES = ["refund", "global_discount", "sale_order", "down_payment"];

patch(PosStore.prototype, {
    shopSyncLineModuleValues(line) {
        const values = super.shopSyncLineModuleValues(...arguments);
        if (line.refunded_orderline_id) {
            return {...values, refunded_orderline_id: line.refunded_orderline_id.id};
        }
        return values;
    },
    /** The paid orders a transfer's refund lines refund, read as the ticket screen reads them. */
    async shopSyncLoadMissing(transfer) {
        await super.shopSyncLoadMissing(...arguments);
        const orderIds = new Set();
        for (const line of transfer.lines) {
            const values = line.module_values || {};
            if (
                line.line_kind === "refund" &&
                values.refunded_order_id &&
                !this.models["pos.order.line"].get(values.refunded_orderline_id)
            ) {
                orderIds.add(values.refunded_order_id);
            }
        }
        if (orderIds.size) {
            await this.data.read("pos.order", [...orderIds]);
        }
    },
    shopSyncRebuildLineValues(line, transfer, order) {
        const values = super.shopSyncRebuildLineValues(...arguments);
        const sent = line.module_values || {};
        if (KINDS_WITH_TAXES.includes(line.line_kind) && Array.isArray(sent.tax_ids)) {
            const taxes = sent.tax_ids
                .map((id) => this.models["account.tax"].get(id))
                .filter(Boolean);
            values.tax_ids = [["link", ...taxes]];
        }
        if (line.line_kind === "refund") {
            const refunded = this.models["pos.order.line"].get(
                sent.refunded_orderline_id
            );
            if (refunded) {
                // As Odoo's ticket screen links a refund to the line it refunds.
                values.refunded_orderline_id = refunded;
            }
        }
        return values;
    },
});

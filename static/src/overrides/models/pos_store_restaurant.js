// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Restaurant terminals ("Is a Bar/Restaurant", pos_restaurant): a table's order
// is sent and the table is free; a transfer is accepted onto the table the
// cashier has open (a floating order when that table's order is taken or no
// table is open), with its guests. pos_restaurant is
// optional: nothing here imports it, and a retail terminal is left as it is.
import "@pos_shop_sync/overrides/models/pos_store_recovery";
import {patch} from "@web/core/utils/patch";
import {_t} from "@web/core/l10n/translation";
import {PosStore} from "@point_of_sale/app/store/pos_store";

patch(PosStore.prototype, {
    /** Whether this terminal runs pos_restaurant's floors, tables and guests. */
    get shopSyncIsRestaurant() {
        return Boolean(
            this.config.module_pos_restaurant && this.models["restaurant.table"]
        );
    },
    shopSyncAfterSend() {
        if (!this.shopSyncIsRestaurant) {
            return super.shopSyncAfterSend(...arguments);
        }
        // As pos_restaurant does once a table's order is deleted: back to the
        // floor plan, where the table the order was on is free.
        this.afterOrderDeletion();
        this.showScreen("FloorScreen");
    },
    async shopSyncRebuild(transfer) {
        // The order is created by Odoo's add_new_order: on a restaurant terminal,
        // on the table the cashier has open, or floating when none is. A table
        // holds one order (the server merges a second one into it): when the
        // open table's order is not blank, the transfer floats.
        const table = this.shopSyncIsRestaurant && this.selectedTable;
        const current = this.get_order();
        const tableTaken =
            table &&
            !this.shopSyncOrderOf(transfer.id) &&
            current &&
            !(current.is_empty() && !current.partner_id && !current.shop_sync_id);
        if (tableTaken) {
            this.selectedTable = null;
        }
        let order;
        try {
            order = await super.shopSyncRebuild(...arguments);
        } catch (error) {
            if (tableTaken) {
                // Nothing was rebuilt: the cashier stays at the table.
                this.selectedTable = table;
            }
            throw error;
        }
        if (tableTaken) {
            this.notification.add(
                _t(
                    "Table %(table)s already has an order: %(name)s is a floating order. Transfer / Merge puts it on a table.",
                    {table: table.getName(), name: transfer.name}
                ),
                {type: "info"}
            );
        }
        if (this.shopSyncIsRestaurant && order) {
            if (transfer.customer_count > 0) {
                order.setCustomerCount(transfer.customer_count);
            }
            // As pos_restaurant does when a line is added by hand: the next
            // sync saves the order with its table, also when the table's order
            // was already on the server.
            this.addPendingOrder([order.id]);
        }
        return order;
    },
});

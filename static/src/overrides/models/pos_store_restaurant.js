// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Restaurant terminals ("Is a Bar/Restaurant", pos_restaurant): a table's order
// is sent and the table is free; a transfer is accepted onto the table the
// cashier has open (or a floating order), with its guests. pos_restaurant is
// optional: nothing here imports it, and a retail terminal is left as it is.
import "@pos_shop_sync/overrides/models/pos_store_recovery";
import {patch} from "@web/core/utils/patch";
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
        // on the table the cashier has open, or floating when none is.
        const order = await super.shopSyncRebuild(...arguments);
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

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// One open order holds an accepted cart. Once rebuilt, the order asks the
// server to hold it (hold_from_ui); when the cart is already open on an order
// of another device, the server says where, and the order rebuilt here is
// removed: the cart stays in one place. An order saved with a link the server
// dropped for that reason (pos.order.shop_sync_notice) is told the same.
import "@pos_shop_sync/overrides/models/pos_store_recovery";
import {patch} from "@web/core/utils/patch";
import {RPCError} from "@web/core/network/rpc";
import {PosStore} from "@point_of_sale/app/store/pos_store";

patch(PosStore.prototype, {
    async shopSyncRebuild(transfer, {link = true} = {}) {
        const existing = this.shopSyncOrderOf(transfer.id);
        const order = await super.shopSyncRebuild(...arguments);
        if (link && order && order !== existing && !order.finalized) {
            await this.shopSyncHold(order, transfer);
        }
        return order;
    },
    /**
     * Make `order`, just rebuilt from `transfer`, the one order that holds its
     * cart. Refused (open on another device): the order is removed here and
     * the refusal, naming where the cart is, reaches the caller. Offline: the
     * server decides when the order is saved.
     */
    async shopSyncHold(order, transfer) {
        try {
            await this.data.call("pos.shop.sync", "hold_from_ui", [
                this.config.id,
                transfer.id,
                order.uuid,
                order.pos_reference || order.name || false,
            ]);
        } catch (error) {
            if (!(error instanceof RPCError)) {
                console.info(
                    "Shop Sync: the cart is held when the order is saved",
                    error
                );
                return;
            }
            // Unlinked first: removing it must not give the transfer back.
            order.update({shop_sync_id: false});
            if (await this.deleteOrders([order])) {
                this.selectEmptyOrder();
            }
            throw error;
        }
    },
    postSyncAllOrders(orders) {
        super.postSyncAllOrders(...arguments);
        for (const order of orders || []) {
            if (
                order.shop_sync_notice &&
                !order.shop_sync_id &&
                order.uiState?.shopSyncNotice !== order.shop_sync_notice
            ) {
                order.uiState.shopSyncNotice = order.shop_sync_notice;
                this.notification.add(order.shop_sync_notice, {
                    type: "warning",
                    sticky: true,
                });
            }
        }
    },
});

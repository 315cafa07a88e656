// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Forwarding: an order rebuilt from a transfer this terminal accepted, not
// paid yet, is sent on from Send Order like any cart. The payload names the
// transfer (`forward_of`); the server checks this terminal holds it and closes
// it as forwarded to the new transfer in the same request. Once the server
// confirmed, the order leaves this terminal without giving the transfer back
// (it is forwarded, not released); a refused send leaves everything as it was.
import "@pos_shop_sync/overrides/models/pos_store_recovery";
import {patch} from "@web/core/utils/patch";
import {PosStore} from "@point_of_sale/app/store/pos_store";

patch(PosStore.prototype, {
    /** The transfer `order` forwards when it is sent, or false. */
    shopSyncForwardOf(order) {
        return (!order.finalized && order.shop_sync_id) || false;
    },
    shopSyncBuildPayload(order, options) {
        const payload = super.shopSyncBuildPayload(...arguments);
        const forwardOf = this.shopSyncForwardOf(order);
        if (forwardOf) {
            payload.forward_of = forwardOf.id;
        }
        return payload;
    },
    async shopSyncSend(order, options) {
        if (!this.shopSyncForwardOf(order)) {
            return await super.shopSyncSend(...arguments);
        }
        // In memory only: a reload in the middle of the send must not keep an
        // order from giving back a transfer the server never forwarded.
        this.shopSyncForwarding ||= new Set();
        this.shopSyncForwarding.add(order.uuid);
        try {
            return await super.shopSyncSend(...arguments);
        } finally {
            this.shopSyncForwarding.delete(order.uuid);
            // The transfer left "Accepted here": it is forwarded.
            this.shopSyncRefreshRecoverable();
        }
    },
    shopSyncReleasesOnDelete(order) {
        return (
            super.shopSyncReleasesOnDelete(...arguments) &&
            !this.shopSyncForwarding?.has(order.uuid)
        );
    },
});

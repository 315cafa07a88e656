// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {patch} from "@web/core/utils/patch";
import {PosStore} from "@point_of_sale/app/store/pos_store";

// The most transfers the server lists without a limit (LIST_LIMIT in
// models/pos_shop_sync.py): a list that long may hide more, counted apart.
const SHOP_SYNC_LIST_LIMIT = 1000;

patch(PosStore.prototype, {
    get shopSyncIncomingCount() {
        const listed = super.shopSyncIncomingCount;
        return listed < SHOP_SYNC_LIST_LIMIT
            ? listed
            : Math.max(listed, this.shopSync.incomingTotal || 0);
    },
    get shopSyncOutgoingCount() {
        const listed = super.shopSyncOutgoingCount;
        return listed < SHOP_SYNC_LIST_LIMIT
            ? listed
            : Math.max(listed, this.shopSync.outgoingTotal || 0);
    },
    async shopSyncRefreshIncoming() {
        const incoming = await super.shopSyncRefreshIncoming(...arguments);
        if (incoming.length >= SHOP_SYNC_LIST_LIMIT) {
            this.shopSync.incomingTotal = await this.shopSyncCount(
                "get_incoming_count",
                this.shopSync.incomingTotal
            );
        }
        return incoming;
    },
    async shopSyncRefreshOutgoing() {
        const outgoing = await super.shopSyncRefreshOutgoing(...arguments);
        if (outgoing.length >= SHOP_SYNC_LIST_LIMIT) {
            this.shopSync.outgoingTotal = await this.shopSyncCount(
                "get_outgoing_count",
                this.shopSync.outgoingTotal
            );
        }
        return outgoing;
    },
    /** The true number of a full list (the badge); the last one if offline. */
    async shopSyncCount(method, last) {
        try {
            return await this.data.call("pos.shop.sync", method, [this.config.id]);
        } catch (error) {
            console.info("Shop Sync: could not count the transfers", error);
            return last;
        }
    },
});

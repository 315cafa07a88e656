// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Nothing lost and nothing doubled when an answer is lost: a cart keeps one
// client reference until its send succeeds, and the carts that belong to this
// terminal (accepted here and not paid, recalled here and not reopened) stay
// reachable from the server, after a reload and on another device too.
import "@pos_shop_sync/overrides/models/pos_store";
import {markRaw} from "@odoo/owl";
import {patch} from "@web/core/utils/patch";
import {_t} from "@web/core/l10n/translation";
import {RPCError} from "@web/core/network/rpc";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {uuidv4} from "@point_of_sale/utils";
import {
    buildSendPayload,
    isSameSend,
    sendFingerprint,
} from "@pos_shop_sync/app/shop_sync/shop_sync_utils";

/** A send refused on the client: the server already holds an earlier version. */
export class ShopSyncEarlierVersionError extends Error {
    constructor(transfer) {
        super(
            ["pending", "declined"].includes(transfer.state)
                ? _t(
                      "%s already holds an earlier version of this cart: recall it under “Sent, not yet accepted” to send this one.",
                      transfer.name
                  )
                : _t(
                      "%s already holds an earlier version of this cart and no longer waits to be accepted.",
                      transfer.name
                  )
        );
        this.name = "ShopSyncEarlierVersionError";
        this.transfer = transfer;
    }
}

patch(PosStore.prototype, {
    get shopSyncOutgoingCount() {
        // Send Order also opens, on an empty cart, for a recalled cart to reopen.
        return super.shopSyncOutgoingCount + this.shopSync.lists.size("recalled");
    },
    get shopSyncAccepted() {
        return this.shopSync.accepted;
    },
    get shopSyncRecalled() {
        return this.shopSync.recalled;
    },
    /** The carts that belong to this terminal, with their rows; kept if offline. */
    async shopSyncRefreshRecoverable() {
        if (!this.shopSyncCanReceive && !this.shopSyncCanSend) {
            return;
        }
        await this.shopSyncRefreshLists(["accepted", "recalled"]);
    },
    /**
     * Write `order`, with its uiState, to the device's database now. Odoo
     * rewrites an order there only when one of its fields changed: a change of
     * uiState alone would be lost on a reload.
     */
    shopSyncSaveLocally(order) {
        const transaction = this.data.indexedDB?.getNewTransaction(["pos.order"]);
        if (!transaction) {
            return;
        }
        const data = {
            ...order.serialize(),
            JSONuiState: JSON.stringify(order.serializeState()),
            id: order.id,
        };
        transaction.objectStore("pos.order").put(JSON.parse(JSON.stringify(data)));
    },
    /** The open order of this device that holds transfer `transferId`, if any. */
    shopSyncOrderOf(transferId) {
        return this.models["pos.order"].find(
            (order) =>
                !order.finalized &&
                (order.shop_sync_id?.id === transferId ||
                    order.uiState?.shopSyncRecalledId === transferId)
        );
    },
    /**
     * The send state a cart keeps until a send of it succeeds, in its uiState
     * (saved with the order on the device): its one client reference, and the
     * fingerprints of the attempts whose answer was lost.
     */
    shopSyncCartSend(order) {
        if (!order.uiState.shopSyncSend) {
            order.uiState.shopSyncSend = {uuid: uuidv4(), unknown: []};
        }
        return order.uiState.shopSyncSend;
    },
    async shopSyncSend(order, {syncType, targetIds}) {
        let state = this.shopSyncCartSend(order);
        let fingerprint = sendFingerprint(
            buildSendPayload(order, {uuid: state.uuid, syncType, targetIds})
        );
        if (!isSameSend(state.unknown, fingerprint)) {
            // The cart changed since a send whose answer was lost: did it arrive?
            const sent = await this.data.call("pos.shop.sync", "get_sent_with", [
                this.config.id,
                state.uuid,
            ]);
            if (sent && sent.state !== "cancelled") {
                this.shopSyncRefreshOutgoing();
                throw new ShopSyncEarlierVersionError(sent);
            }
            if (sent) {
                // The earlier version was recalled: this cart is a new send.
                order.uiState.shopSyncSend = {uuid: uuidv4(), unknown: []};
                state = order.uiState.shopSyncSend;
                fingerprint = sendFingerprint(
                    buildSendPayload(order, {uuid: state.uuid, syncType, targetIds})
                );
            }
        }
        // Saved with the cart before the call: a reload in the middle keeps it.
        order.uiState.shopSyncSend = {
            uuid: state.uuid,
            unknown: [...state.unknown, fingerprint],
        };
        this.shopSyncSaveLocally(order);
        try {
            return await super.shopSyncSend(order, {
                uuid: state.uuid,
                syncType,
                targetIds,
            });
        } catch (error) {
            if (error instanceof RPCError && order.uiState.shopSyncSend) {
                // Refused: the server stored nothing for this attempt.
                const unknown = [...order.uiState.shopSyncSend.unknown];
                unknown.splice(unknown.lastIndexOf(fingerprint), 1);
                order.uiState.shopSyncSend = {uuid: state.uuid, unknown};
            }
            throw error;
        }
    },
    async shopSyncAccept(transferId) {
        try {
            return await super.shopSyncAccept(...arguments);
        } finally {
            // A claim whose answer was lost shows under "Accepted here".
            this.shopSyncRefreshRecoverable();
        }
    },
    async shopSyncRecall(transferId) {
        try {
            const order = await super.shopSyncRecall(...arguments);
            await this.shopSyncMarkReopened(transferId);
            return order;
        } finally {
            // A recall whose answer was lost shows in Send Order.
            this.shopSyncRefreshRecoverable();
        }
    },
    /** Tell the server the recalled cart is rebuilt here; retried on the next Open. */
    async shopSyncMarkReopened(transferId) {
        try {
            await this.data.call("pos.shop.sync", "mark_reopened_from_ui", [
                this.config.id,
                transferId,
            ]);
        } catch (error) {
            console.info("Shop Sync: could not confirm the reopened cart", error);
        }
    },
    /**
     * Rebuild a transfer once per device: an open order that already holds it
     * is selected instead.
     */
    async shopSyncRebuild(transfer, {link = true} = {}) {
        const existing = this.shopSyncOrderOf(transfer.id);
        if (existing) {
            this.set_order(existing);
            return existing;
        }
        const order = await super.shopSyncRebuild(...arguments);
        if (!link) {
            order.uiState.shopSyncRecalledId = transfer.id;
            this.shopSyncSaveLocally(order);
        }
        return order;
    },
    /** Open a cart this terminal accepted (after a lost answer, a reload, on another device). */
    async shopSyncOpenAccepted(transferId) {
        return this.shopSyncOpenOnce(transferId, async () => {
            const transfer = await this.data.call("pos.shop.sync", "claim_from_ui", [
                this.config.id,
                transferId,
            ]);
            return await this.shopSyncRebuild(transfer);
        });
    },
    /** Open a cart this terminal recalled and did not reopen. */
    async shopSyncOpenRecalled(transferId) {
        return this.shopSyncOpenOnce(transferId, async () => {
            await this.shopSyncRecall(transferId);
            return this.shopSyncOrderOf(transferId);
        });
    },
    async shopSyncOpenOnce(transferId, open) {
        const existing = this.shopSyncOrderOf(transferId);
        if (existing) {
            this.set_order(existing);
            if (existing.uiState.shopSyncRecalledId === transferId) {
                await this.shopSyncMarkReopened(transferId);
                this.shopSyncRefreshRecoverable();
            }
            return existing;
        }
        // A double click waits for the first Open: one order per transfer.
        this.shopSyncOpening ||= markRaw(new Map());
        if (!this.shopSyncOpening.has(transferId)) {
            this.shopSyncOpening.set(
                transferId,
                open().finally(() => this.shopSyncOpening.delete(transferId))
            );
        }
        return await this.shopSyncOpening.get(transferId);
    },
});

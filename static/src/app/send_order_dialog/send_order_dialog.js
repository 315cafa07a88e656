// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {Component, onWillStart, onWillDestroy, useState} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {ConnectionLostError, RPCError} from "@web/core/network/rpc";
import {useService} from "@web/core/utils/hooks";
import {usePos} from "@point_of_sale/app/store/pos_hook";
import {ShopSyncEarlierVersionError} from "@pos_shop_sync/overrides/models/pos_store_recovery";

export class SendOrderDialog extends Component {
    static template = "pos_shop_sync.SendOrderDialog";
    static components = {Dialog};
    static props = {close: Function};

    setup() {
        this.pos = usePos();
        this.notification = useService("notification");
        this.order = this.pos.get_order();
        // The cart keeps one client reference until a send of it succeeds (see
        // PosStore.shopSyncCartSend): a double click or a retry, from this
        // dialog or another one, after a reload too, never makes two transfers.
        this.state = useState({
            syncType: "assigned",
            assignedId: null,
            broadcastIds: [],
            targets: [],
            sending: false,
            recalling: false,
        });
        // The rows of these lists are fetched while this dialog is open.
        onWillDestroy(this.pos.shopSyncWatch(["outgoing", "recalled"]));
        onWillStart(async () => {
            this.pos.shopSyncRefreshOutgoing();
            this.pos.shopSyncRefreshRecoverable();
            this.state.targets = await this.pos.shopSyncGetTargets();
            if (this.state.targets.length === 1) {
                this.state.assignedId = this.state.targets[0].id;
            }
        });
    }
    get targetIds() {
        return this.state.syncType === "assigned"
            ? [this.state.assignedId].filter(Boolean)
            : this.state.broadcastIds;
    }
    outgoingStatus(transfer) {
        return outgoingStatus(transfer);
    }
    /** The transfer this cart came from, which sending it forwards (or false). */
    get forwardOf() {
        return this.pos.shopSyncForwardOf(this.order);
    }
    get isCartEmpty() {
        return this.order.is_empty();
    }
    /** This terminal's transfers that nobody accepted yet. */
    get outgoing() {
        return this.pos.shopSync.outgoing;
    }
    /** This terminal's recalled transfers whose cart is not reopened yet. */
    get recalled() {
        return this.pos.shopSyncRecalled;
    }
    openRecalled(transfer) {
        return this.rebuildAndClose(() => this.pos.shopSyncOpenRecalled(transfer.id));
    }
    get isValid() {
        if (this.isCartEmpty) {
            return false;
        }
        const count = this.targetIds.length;
        return this.state.syncType === "assigned" ? count === 1 : count >= 1;
    }
    get allSelected() {
        return this.state.broadcastIds.length === this.state.targets.length;
    }
    setType(syncType) {
        this.state.syncType = syncType;
    }
    select(targetId) {
        if (this.state.syncType === "assigned") {
            this.state.assignedId = targetId;
        } else {
            this.toggleBroadcast(targetId);
        }
    }
    toggleBroadcast(targetId) {
        const ids = this.state.broadcastIds;
        this.state.broadcastIds = ids.includes(targetId)
            ? ids.filter((id) => id !== targetId)
            : [...ids, targetId];
    }
    toggleAll() {
        this.state.broadcastIds = this.allSelected
            ? []
            : this.state.targets.map((t) => t.id);
    }
    recall(transfer) {
        return this.rebuildAndClose(() => this.pos.shopSyncRecall(transfer.id));
    }
    /** Rebuild a cart here (one at a time), then close; or say why not. */
    async rebuildAndClose(rebuild) {
        if (this.state.recalling) {
            return;
        }
        this.state.recalling = true;
        try {
            await rebuild();
            this.props.close();
        } catch (error) {
            this.state.recalling = false;
            this.notification.add(
                error instanceof RPCError
                    ? error.data?.message || error.message
                    : _t("No connection to the server."),
                {type: "danger"}
            );
            if (!(error instanceof ConnectionLostError || error instanceof RPCError)) {
                throw error;
            }
        }
    }
    async send() {
        if (!this.isValid || this.state.sending) {
            return;
        }
        this.state.sending = true;
        const targetIds = [...this.targetIds];
        const names = this.state.targets
            .filter((t) => targetIds.includes(t.id))
            .map((t) => t.name)
            .join(", ");
        try {
            const result = await this.pos.shopSyncSend(this.order, {
                syncType: this.state.syncType,
                targetIds,
            });
            const message =
                this.state.syncType === "assigned"
                    ? _t("%(name)s sent to %(shops)s", {
                          name: result.name,
                          shops: names,
                      })
                    : _t("%(name)s broadcast to %(shops)s", {
                          name: result.name,
                          shops: names,
                      });
            this.notification.add(message, {type: "success"});
            this.props.close();
        } catch (error) {
            this.notification.add(notSentMessage(error), {type: "danger"});
            this.state.sending = false;
            if (
                !(
                    error instanceof ConnectionLostError ||
                    error instanceof RPCError ||
                    error instanceof ShopSyncEarlierVersionError
                )
            ) {
                throw error;
            }
        }
    }
}

/** The sender's view of a waiting transfer's status. */
export function outgoingStatus(transfer) {
    if (transfer.state === "declined") {
        return _t("Declined by %(shops)s: %(reason)s", {
            shops: transfer.declined_by.join(", "),
            reason: transfer.decline_reason,
        });
    }
    return _t("Waiting for %s", transfer.target_names.join(", "));
}

export function notSentMessage(error) {
    if (error instanceof ConnectionLostError) {
        return _t(
            "No answer from the server: the cart is kept. Send it again: it is never sent twice."
        );
    }
    if (error instanceof ShopSyncEarlierVersionError) {
        return _t("Not sent: %s The cart is kept.", error.message);
    }
    if (error instanceof RPCError) {
        return _t(
            "Not sent: %s The cart is kept.",
            error.data?.message || error.message
        );
    }
    return _t("Not sent. The cart is kept.");
}

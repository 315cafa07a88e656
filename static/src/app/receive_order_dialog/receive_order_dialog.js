// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {Component, onWillStart, onWillDestroy, useState} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {ConnectionLostError, RPCError} from "@web/core/network/rpc";
import {useService} from "@web/core/utils/hooks";
import {usePos} from "@point_of_sale/app/store/pos_hook";
import {makeAwaitable} from "@point_of_sale/app/store/make_awaitable_dialog";
import {SyncPreviewDialog} from "@pos_shop_sync/app/sync_preview_dialog/sync_preview_dialog";

const {DateTime} = luxon;

/** The transfers waiting for this terminal; live while open. */
export class ReceiveOrderDialog extends Component {
    static template = "pos_shop_sync.ReceiveOrderDialog";
    static components = {Dialog};
    static props = {close: Function};

    setup() {
        this.pos = usePos();
        this.dialog = useService("dialog");
        this.notification = useService("notification");
        this.state = useState({busy: false});
        // The rows of these lists are fetched while this dialog is open.
        onWillDestroy(this.pos.shopSyncWatch(["incoming", "accepted"]));
        onWillStart(() =>
            Promise.all([
                this.pos.shopSyncRefreshIncoming(),
                this.pos.shopSyncRefreshRecoverable(),
            ])
        );
    }
    get transfers() {
        return this.pos.shopSync.incoming;
    }
    /** Accepted by this terminal and not paid: their carts can be opened here. */
    get accepted() {
        return this.pos.shopSyncAccepted;
    }
    async openAccepted(transfer) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            await this.pos.shopSyncOpenAccepted(transfer.id);
            this.props.close();
        } catch (error) {
            this.showError(error);
        } finally {
            this.state.busy = false;
        }
    }
    age(transfer) {
        return DateTime.fromISO(transfer.create_date).toRelative();
    }
    formatCurrency(amount) {
        return this.env.utils.formatCurrency(amount);
    }
    async open(summary) {
        let transfer;
        try {
            transfer = await this.pos.shopSyncGetTransfer(summary.id);
        } catch (error) {
            this.showError(error);
            this.pos.shopSyncRefreshIncoming();
            return;
        }
        const choice = await makeAwaitable(this.dialog, SyncPreviewDialog, {transfer});
        if (!choice || this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            if (choice.action === "decline") {
                await this.pos.shopSyncDecline(transfer.id, choice.reason);
                this.notification.add(_t("%s declined.", transfer.name), {
                    type: "info",
                });
            } else {
                await this.pos.shopSyncAccept(transfer.id);
                this.props.close();
            }
        } catch (error) {
            this.showError(error);
        } finally {
            this.state.busy = false;
        }
    }
    showError(error) {
        if (error instanceof RPCError) {
            this.notification.add(error.data?.message || error.message, {
                type: "danger",
            });
        } else if (error instanceof ConnectionLostError) {
            this.notification.add(_t("No connection to the server."), {type: "danger"});
        } else {
            throw error;
        }
    }
}

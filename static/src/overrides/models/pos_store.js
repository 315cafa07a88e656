// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {patch} from "@web/core/utils/patch";
import {_t} from "@web/core/l10n/translation";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {getOnNotified} from "@point_of_sale/utils";
import {ShopSyncLists} from "@pos_shop_sync/app/shop_sync/shop_sync_lists";
import {
    buildSendPayload,
    missingRecordIds,
    transferToLineValues,
} from "@pos_shop_sync/app/shop_sync/shop_sync_utils";

/** The most rows one `get_rows` call asks for (ROWS_LIMIT on the server). */
const SHOP_SYNC_ROWS_BATCH = 100;

patch(PosStore.prototype, {
    async setup() {
        await super.setup(...arguments);
        const lists = new ShopSyncLists(() =>
            this.data.call("pos.shop.sync", "get_state", [this.config.id])
        );
        this.shopSync = {
            lists,
            // The rows of the lists, fetched by id while a dialog shows them.
            rows: new Map(),
            // How many open dialogs show each list.
            watched: {},
            get incoming() {
                return this.listRows("incoming");
            },
            get outgoing() {
                return this.listRows("outgoing");
            },
            get accepted() {
                return this.listRows("accepted");
            },
            get recalled() {
                return this.listRows("recalled");
            },
            /** The fetched rows of list `name`, newest first. */
            listRows(name) {
                return [...this.lists.ids[name]]
                    .sort((a, b) => b - a)
                    .map((id) => this.rows.get(id))
                    .filter(Boolean);
            },
        };
        if (this.shopSyncCanReceive || this.shopSyncCanSend) {
            // Subscribed once: Odoo's data service subscribes its channels
            // again on every connection, which would apply each message twice.
            getOnNotified(this.bus, odoo.access_token)("SHOP_SYNC", (payload) =>
                this.onShopSyncNotification(payload)
            );
            // Messages may have been missed while disconnected: the state again.
            this.bus.addEventListener("connect", () => this.shopSyncLoadState());
            this.bus.addEventListener("reconnect", () => this.shopSyncLoadState());
            this.shopSyncLoadState();
        }
    },
    get shopSyncCanSend() {
        return Boolean(this.config.shop_sync_enabled && this.config.shop_sync_can_send);
    },
    get shopSyncCanReceive() {
        return Boolean(
            this.config.shop_sync_enabled && this.config.shop_sync_can_receive
        );
    },
    get shopSyncIncomingCount() {
        return this.shopSync.lists.size("incoming");
    },
    get shopSyncOutgoingCount() {
        return this.shopSync.lists.size("outgoing");
    },
    /**
     * A bus message: one transfer's id, state and lists, applied at once (the
     * badges follow without asking the server), or `resync`.
     */
    onShopSyncNotification(payload) {
        if (payload?.event === "resync") {
            return this.shopSyncLoadState();
        }
        if (!payload?.id) {
            return;
        }
        const previous = this.shopSync.lists.states.get(payload.id);
        this.shopSync.lists.apply(payload);
        const row = this.shopSync.rows.get(payload.id);
        if (row && row.state !== payload.state) {
            // What a row shows besides its state (who declined, ...) changed.
            this.shopSync.rows.delete(payload.id);
        }
        if (payload.event === "declined" && payload.outgoing) {
            this.shopSyncTellDeclined(payload.id, previous);
        }
        this.shopSyncFetchWatchedRows();
    },
    /** Ask the server for this terminal's lists (single-flight); kept if offline. */
    async shopSyncLoadState() {
        try {
            await this.shopSync.lists.sync();
        } catch (error) {
            console.info("Shop Sync: could not read the lists", error);
        }
        this.shopSyncFetchWatchedRows();
    },
    /** The lists of the rows an open dialog shows: fetched while it is open. */
    shopSyncWatch(names) {
        for (const name of names) {
            this.shopSync.watched[name] = (this.shopSync.watched[name] || 0) + 1;
        }
        return () => {
            for (const name of names) {
                this.shopSync.watched[name]--;
            }
        };
    },
    /** Fetch, batched, the rows the watched lists show and were not fetched. */
    shopSyncFetchWatchedRows() {
        const names = Object.keys(this.shopSync.watched).filter(
            (name) => this.shopSync.watched[name] > 0
        );
        return names.length ? this.shopSyncFetchRows(names) : Promise.resolve();
    },
    async shopSyncFetchRows(names) {
        const {lists, rows} = this.shopSync;
        const missing = [
            ...new Set(names.flatMap((name) => [...lists.ids[name]])),
        ].filter((id) => !rows.has(id));
        for (let start = 0; start < missing.length; start += SHOP_SYNC_ROWS_BATCH) {
            const ids = missing.slice(start, start + SHOP_SYNC_ROWS_BATCH);
            try {
                const fetched = await this.data.call("pos.shop.sync", "get_rows", [
                    this.config.id,
                    ids,
                ]);
                for (const row of fetched) {
                    rows.set(row.id, row);
                }
            } catch (error) {
                console.info("Shop Sync: could not read the transfers", error);
                return;
            }
        }
    },
    /** Re-read the lists and the rows of `names` (a dialog that opens). */
    async shopSyncRefreshLists(names) {
        await this.shopSyncLoadState();
        await this.shopSyncFetchRows(names);
    },
    async shopSyncRefresh() {
        await this.shopSyncLoadState();
    },
    /** This terminal's transfers nobody accepted yet, with their rows. */
    async shopSyncRefreshOutgoing() {
        await this.shopSyncRefreshLists(["outgoing"]);
        return this.shopSync.outgoing;
    },
    /** The transfers waiting for this terminal, with their rows. */
    async shopSyncRefreshIncoming() {
        await this.shopSyncRefreshLists(["incoming"]);
        return this.shopSync.incoming;
    },
    /** Tell the cashier that a transfer of this terminal was declined. */
    async shopSyncTellDeclined(transferId, previous) {
        if (previous === "declined") {
            return;
        }
        await this.shopSyncFetchRows(["outgoing"]);
        const transfer = this.shopSync.rows.get(transferId);
        if (transfer?.state === "declined") {
            this.notification.add(
                _t("%(name)s was declined by %(shops)s: %(reason)s", {
                    name: transfer.name,
                    shops: transfer.declined_by.join(", "),
                    reason: transfer.decline_reason,
                }),
                {type: "warning", sticky: true}
            );
        }
    },
    async shopSyncGetTransfer(transferId) {
        return await this.data.call("pos.shop.sync", "get_transfer", [
            this.config.id,
            transferId,
        ]);
    },
    /** Recall a transfer nobody accepted and rebuild its cart here, unlinked. */
    async shopSyncRecall(transferId) {
        try {
            const transfer = await this.data.call("pos.shop.sync", "cancel_from_ui", [
                this.config.id,
                transferId,
            ]);
            const order = await this.shopSyncRebuild(transfer, {link: false});
            this.notification.add(_t("%s recalled: the cart is back.", transfer.name), {
                type: "success",
            });
            return order;
        } finally {
            this.shopSyncRefreshOutgoing();
        }
    },
    async shopSyncDecline(transferId, reason) {
        try {
            return await this.data.call("pos.shop.sync", "decline_from_ui", [
                this.config.id,
                transferId,
                reason,
            ]);
        } finally {
            this.shopSyncRefreshIncoming();
        }
    },
    /**
     * Deleting an order rebuilt from a transfer before paying it gives the
     * transfer back to its targets: the cart never vanishes.
     */
    async deleteOrders(orders, serverIds = []) {
        // Read before deleting: a deleted order has no transfer any more.
        const transferIds = orders
            .filter((order) => order && this.shopSyncReleasesOnDelete(order))
            .map((order) => order.shop_sync_id.id);
        const deleted = await super.deleteOrders(...arguments);
        if (deleted) {
            for (const transferId of transferIds) {
                await this.shopSyncRelease(transferId);
            }
        }
        return deleted;
    },
    /** Whether deleting `order` gives its transfer back to its targets. */
    shopSyncReleasesOnDelete(order) {
        return Boolean(order.shop_sync_id && !order.finalized);
    },
    async shopSyncRelease(transferId) {
        try {
            await this.data.call("pos.shop.sync", "release_from_ui", [
                this.config.id,
                transferId,
                _t("The order was deleted before payment."),
            ]);
        } catch (error) {
            console.warn("Shop Sync: could not release transfer", transferId, error);
            this.notification.add(
                _t("The transfer could not be given back; a manager can release it."),
                {type: "danger"}
            );
        }
    },
    async shopSyncGetTargets() {
        return await this.data.call("pos.shop.sync", "get_sync_targets", [
            this.config.id,
        ]);
    },
    /**
     * Send `order` to other terminals. Only once the server confirmed is the order
     * removed here (cancelled on the server if it was already there) and a fresh
     * empty order selected; an error leaves the cart untouched.
     */
    async shopSyncSend(order, {uuid, syncType, targetIds}) {
        const result = await this.data.call("pos.shop.sync", "send_from_ui", [
            this.config.id,
            this.shopSyncBuildPayload(order, {uuid, syncType, targetIds}),
        ]);
        if (result.state === "pending") {
            // Recallable at once, from the answer (the bus says the same next):
            // no call while the server tells the receivers. Its row is
            // fetched when Send Order opens.
            this.shopSync.lists.apply({
                id: result.id,
                state: "pending",
                outgoing: true,
            });
        }
        if (await this.deleteOrders([order])) {
            order.uiState.displayed = false;
        }
        this.shopSyncAfterSend();
        return result;
    },
    /**
     * The `send_from_ui` payload of `order`: Odoo's own line values
     * (`buildSendPayload`), with what other modules hold on each line and on
     * the order (`shopSyncLineModuleValues`, `shopSyncOrderModuleValues`).
     */
    shopSyncBuildPayload(order, options) {
        const payload = buildSendPayload(order, options);
        payload.lines.forEach((values, index) =>
            Object.assign(values, this.shopSyncLineModuleValues(order.lines[index]))
        );
        return Object.assign(payload, this.shopSyncOrderModuleValues(order));
    },
    /**
     * The hook of other modules' line kinds (the files named after them):
     * their keys of a line's payload. None here.
     */
    shopSyncLineModuleValues(line) {
        return {};
    },
    /** The same hook for the order's own keys of the payload. None here. */
    shopSyncOrderModuleValues(order) {
        return {};
    },
    /**
     * The hook of other modules' line kinds at the rebuild: what they add to
     * the values `addLineToOrder` is given for the transfer's `line`.
     */
    shopSyncRebuildLineValues(line, transfer, order) {
        return {};
    },
    /**
     * The hook of other modules once every line of `transfer` is on `order`
     * (activated codes, rewards through their own machinery). Nothing here.
     */
    async shopSyncAfterRebuild(order, transfer) {},
    /** What the cashier works on once a cart is sent: a blank order. */
    shopSyncAfterSend() {
        this.selectEmptyOrder();
    },
    /** Claim a transfer and rebuild it in a new order; raises if another terminal won. */
    async shopSyncAccept(transferId) {
        try {
            const transfer = await this.data.call("pos.shop.sync", "claim_from_ui", [
                this.config.id,
                transferId,
            ]);
            return await this.shopSyncRebuild(transfer);
        } finally {
            this.shopSyncRefreshIncoming();
        }
    },
    /**
     * Rebuild a transfer's cart in a new order, exactly as sent.
     *
     * @param {Object} transfer a transfer dict of the server API, with lines
     * @param {{link: boolean}} options link: keep the transfer on the order
     *      (its "Related Sync Order" tag; paying it finalizes the transfer)
     */
    async shopSyncRebuild(transfer, {link = true} = {}) {
        await this.shopSyncLoadMissing(transfer);
        let partner =
            transfer.partner && this.models["res.partner"].get(transfer.partner.id);
        if (transfer.partner && !partner) {
            [partner] = await this.data.read("res.partner", [transfer.partner.id]);
        }
        const [syncRecord] = link
            ? await this.data.read("pos.shop.sync", [transfer.id])
            : [];

        // The current order if it is a blank one: no stray empty order beside it.
        const current = this.get_order();
        const isBlank =
            current && !current.finalized && current.is_empty() && !current.partner_id;
        const order = isBlank && !current.shop_sync_id ? current : this.add_new_order();
        if (partner) {
            // Setting the partner resets pricelist and fiscal position: first.
            order.set_partner(partner);
        }
        const pricelist = this.models["product.pricelist"].get(transfer.pricelist_id);
        if (pricelist) {
            order.set_pricelist(pricelist);
        }
        const fiscalPosition = this.models["account.fiscal.position"].get(
            transfer.fiscal_position_id
        );
        if (fiscalPosition) {
            order.update({fiscal_position_id: fiscalPosition});
        }
        order.update({general_note: transfer.note || ""});
        if (syncRecord) {
            order.update({shop_sync_id: syncRecord});
        }
        const models = this.models;
        // Each line's attribute values in the order they were sent (the line's
        // own, which Odoo's name of the line follows): it reads as on the sender.
        const lines = transferToLineValues(transfer, {
            product: (id) => models["product.product"].get(id),
            attributeValue: (id) => models["product.template.attribute.value"].get(id),
            comboItem: (id) => models["product.combo.item"].get(id),
            taxes: (product) => product.taxes_id.map((tax) => ["link", tax]),
            order,
        });
        for (const {values, lotNames, line: sent} of lines) {
            Object.assign(
                values,
                this.shopSyncRebuildLineValues(sent, transfer, order)
            );
            const line = await this.addLineToOrder(values, order, {}, false);
            if (line) {
                this.shopSyncFixLine(line, values, lotNames);
            }
        }
        await this.shopSyncAfterRebuild(order, transfer);
        if (link) {
            this.notification.add(
                _t("%s accepted: the cart is ready.", transfer.name),
                {
                    type: "success",
                }
            );
        }
        return order;
    },
    /**
     * Load what a transfer needs and this terminal has not loaded: its
     * products (with their pricelist items), attribute values, combo items.
     */
    async shopSyncLoadMissing(transfer) {
        const isLoaded = (model, id) => this.models[model].get(id);
        const products = missingRecordIds(transfer, isLoaded)["product.product"];
        if (products) {
            await this._loadMissingPricelistItems(
                await this.data.read("product.product", products)
            );
        }
        // Reading the products loaded their attributes and combos; what is
        // still missing (an archived value, an item of another combo) is read.
        const others = missingRecordIds(transfer, isLoaded);
        for (const model of [
            "product.template.attribute.value",
            "product.combo.item",
        ]) {
            if (others[model]) {
                await this.data.read(model, others[model]);
            }
        }
    },
    /**
     * After `addLineToOrder`: the line is exactly as sent. Its lot/serial
     * numbers are set (Odoo's lot popup's own setter); Odoo sets a tracked
     * product's quantity to its number of lots and may re-price a line with
     * an extra price: the line keeps the quantity and unit price it was sent
     * with. Its extra price is the one Odoo's configurator gives.
     */
    shopSyncFixLine(line, values, lotNames) {
        if (lotNames.length) {
            line.setPackLotLines({
                modifiedPackLotLines: {},
                newPackLotLines: lotNames.map((name) => ({lot_name: name})),
                setQuantity: false,
            });
        }
        if (line.qty !== values.qty) {
            line.set_quantity(values.qty, true);
        }
        const variantValues = line.product_id.product_template_variant_value_ids || [];
        const chosen = new Set([...variantValues, ...(line.attribute_value_ids || [])]);
        const priceExtra = [...chosen]
            .filter((value) => value.attribute_id?.create_variant !== "always")
            .reduce((total, value) => total + (value.price_extra || 0), 0);
        if ((line.price_extra || 0) !== priceExtra) {
            line.update({price_extra: priceExtra});
        }
        if (line.price_unit !== values.price_unit) {
            line.set_unit_price(values.price_unit);
        }
    },
});

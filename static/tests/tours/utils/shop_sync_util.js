// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
/* global posmodel */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as TextInputPopup from "@point_of_sale/../tests/tours/utils/text_input_popup_util";

export function clickSendOrder() {
    return ProductScreen.clickControlButton("Send Order");
}

export function clickReceiveOrder() {
    return ProductScreen.clickControlButton("Receive Order");
}

/** Open Send Order, pick the type and the shops, and confirm. */
export function send(syncType, shopNames) {
    return [
        ...clickSendOrder(),
        {
            content: `choose ${syncType}`,
            trigger: `.o_pos_shop_sync_${syncType}`,
            run: "click",
        },
        ...shopNames.map((name) => ({
            content: `choose ${name}`,
            trigger: `.o_pos_shop_sync_target:contains("${name}")`,
            run: "click",
        })),
        {
            content: "send",
            trigger: ".o_pos_shop_sync_send_confirm:not([disabled])",
            run: "click",
        },
    ];
}

export function actionsBadgeIs(count) {
    return [
        {
            content: `the Actions button shows ${count} waiting transfer(s)`,
            trigger: `.more-btn .o_pos_shop_sync_actions_badge:contains("${count}")`,
        },
    ];
}

/** The incoming list goes stale (missed notifications); a reconnection re-reads it. */
export function reconnectionRefreshes(count) {
    return [
        {
            content: "notifications were missed: the incoming list is stale",
            trigger: "body",
            run: () => posmodel.shopSync.lists.replace({}),
        },
        {
            content: "the stale list shows no badge",
            trigger: ".more-btn:not(:has(.o_pos_shop_sync_actions_badge))",
        },
        {
            content: "the websocket reconnects after a dropped connection",
            trigger: "body",
            run: () => posmodel.bus.trigger("reconnect"),
        },
        ...actionsBadgeIs(count),
    ];
}

export function receiveBadgeIs(count) {
    return [
        {
            content: `Receive Order shows ${count} waiting transfer(s)`,
            trigger: `.o_pos_shop_sync_receive_button .o_pos_shop_sync_badge:contains("${count}")`,
        },
    ];
}

export function incomingHas(...texts) {
    const has = texts.map((text) => `:contains("${text}")`).join("");
    return [
        {
            content: `the incoming list has ${texts.join(", ")}`,
            trigger: `.o_pos_shop_sync_incoming${has}`,
        },
    ];
}

export function openIncoming(...texts) {
    return [...incomingHas(...texts), {...incomingHas(...texts)[0], run: "click"}];
}

export function incomingIsEmpty() {
    return [
        {
            content: "no incoming orders",
            trigger: ".o_pos_shop_sync_empty:contains('No incoming orders')",
        },
    ];
}

export function previewHasLine(product, qty, price, discount, subtotal) {
    return [
        {
            content: `preview: ${product} x ${qty} at ${price}, ${discount} %, ${subtotal}`,
            trigger:
                `.o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains("${product}"))` +
                `:has(.o_pos_shop_sync_qty:contains("${qty}"))` +
                `:has(.o_pos_shop_sync_price:contains("${price}"))` +
                `:has(.o_pos_shop_sync_discount:contains("${discount}"))` +
                `:has(.o_pos_shop_sync_subtotal:contains("${subtotal}"))`,
        },
    ];
}

export function previewTotalIs(total) {
    return [
        {
            content: `preview total is ${total}`,
            trigger: `.o_pos_shop_sync_preview_total:contains("${total}")`,
        },
    ];
}

export function accept() {
    return [{content: "accept", trigger: ".o_pos_shop_sync_accept", run: "click"}];
}

export function relatedTagIs(text = "Related Sync Order: SYNC/") {
    return [
        {
            content: "the order shows its transfer",
            trigger: `.o_pos_shop_sync_related_tag:contains("${text}")`,
        },
    ];
}

/**
 * Run `callback(orm)` in the page: another terminal's action (its own RPCs are
 * checked by the server as any other).
 */
export function asAnotherTerminal(content, callback) {
    return [
        {
            content,
            trigger: "body",
            run: async () => {
                await callback(posmodel.env.services.orm);
            },
        },
    ];
}

/** The ids of the terminals named `names`, in that order. */
export async function configIds(orm, names) {
    const configs = await orm.searchRead(
        "pos.config",
        [["name", "in", names]],
        ["name"]
    );
    return names.map((name) => configs.find((c) => c.name === name).id);
}

/** Deliver a SHOP_SYNC bus notification to the store (tests have no websocket). */
/**
 * What the bus would bring after `event` (tours get no bus messages): a
 * `resync`, as the server sends when several transfers changed, so that the
 * POS reads its lists again. The real messages of one transfer, applied with
 * no call to the server, are proven over the real bus (ShopSyncBusBadgeTour).
 */
export function notify(event) {
    return [
        {
            content: `bus: SHOP_SYNC after ${event}`,
            trigger: "body",
            run: async () => {
                await posmodel.onShopSyncNotification({event: "resync"});
            },
        },
    ];
}

/**
 * Open Send Order once the Actions dialog shows `outgoingCount` transfers sent
 * and not accepted (the dialog opens on an empty cart only then).
 */
export function openSendOrder(outgoingCount) {
    return [
        ...ProductScreen.clickControlButtonMore(),
        {
            content: `Send Order shows ${outgoingCount} sent transfer(s)`,
            trigger:
                ".o_pos_shop_sync_send_button " +
                `.o_pos_shop_sync_outgoing_badge:contains("${outgoingCount}")`,
        },
        {
            content: "open Send Order",
            trigger: ".o_pos_shop_sync_send_button",
            run: "click",
        },
    ];
}

/** Open Receive Order from the Actions dialog. */
export function openReceiveOrder() {
    return [
        ...ProductScreen.clickControlButtonMore(),
        {
            content: "open Receive Order",
            trigger: ".o_pos_shop_sync_receive_button",
            run: "click",
        },
    ];
}

export function outgoingHas(...texts) {
    const has = texts.map((text) => `:contains("${text}")`).join("");
    return [
        {
            content: `"Sent, not yet accepted" has ${texts.join(", ")}`,
            trigger:
                '.o_pos_shop_sync_outgoing_list:contains("Sent, not yet accepted") ' +
                `.o_pos_shop_sync_outgoing${has}`,
        },
    ];
}

export function outgoingStatusIs(name, status) {
    return [
        {
            content: `${name}: ${status}`,
            trigger:
                `.o_pos_shop_sync_outgoing:has(.o_pos_shop_sync_ref:contains("${name}"))` +
                ` .o_pos_shop_sync_outgoing_status:contains("${status}")`,
        },
    ];
}

/** Recall the sent transfer showing `text` (its name, its customer...). */
export function recall(text) {
    return [
        {
            content: `recall ${text}`,
            trigger:
                `.o_pos_shop_sync_outgoing:contains("${text}") ` +
                ".o_pos_shop_sync_recall:not([disabled])",
            run: "click",
        },
    ];
}

/** Decline the previewed transfer, saying why. */
export function decline(reason) {
    return [
        {content: "decline", trigger: ".o_pos_shop_sync_decline", run: "click"},
        Dialog.is({title: "Why do you decline"}),
        TextInputPopup.inputText(reason),
        Dialog.confirm("Apply"),
    ];
}

export function previewIsBlocked(reason) {
    return [
        {
            content: `the preview says why it cannot be accepted: ${reason}`,
            trigger: `.o_pos_shop_sync_preview_blocking:contains("${reason}")`,
        },
        {
            content: "the blocking line is flagged",
            trigger: ".o_pos_shop_sync_preview_line.table-danger",
        },
        {
            content: "Accept is disabled",
            trigger: ".modal-footer .o_pos_shop_sync_accept[disabled]",
        },
    ];
}

export function noRelatedTag() {
    return [
        {
            content: "the order is not linked to a transfer",
            trigger: ".product-screen:not(:has(.o_pos_shop_sync_related_tag))",
        },
    ];
}

/** The session-closing dialog lists the open transfer `name`, with `texts`. */
export function closingHas(name, ...texts) {
    const has = texts.map((text) => `:contains("${text}")`).join("");
    return [
        {
            content: `the closing dialog lists ${name}`,
            trigger:
                `.close-pos-popup .o_pos_shop_sync_closing:contains("Open transfers")` +
                ` .o_pos_shop_sync_closing_transfer:contains("${name}")${has}`,
        },
    ];
}

export function openClosingDialog() {
    return [
        ...Chrome.clickMenuOption("Close Register"),
        {content: "the closing dialog is open", trigger: ".close-pos-popup"},
    ];
}

/** Record the Shop Sync calls the POS makes from now on (`window.shopSyncCalls`). */
export function recordCalls() {
    return [
        {
            content: "record the Shop Sync calls the POS makes",
            trigger: ".product-screen",
            run: () => {
                const calls = (window.shopSyncCalls = []);
                const call = posmodel.data.call;
                posmodel.data.call = function (model, method) {
                    if (model === "pos.shop.sync") {
                        calls.push(method);
                    }
                    return call.apply(this, arguments);
                };
            },
        },
    ];
}

/** No Shop Sync call was made after the last call of `method` (see recordCalls). */
export function noCallsAfter(method) {
    return [
        {
            content: `no Shop Sync call after ${method}`,
            trigger: "body",
            run: () => {
                const calls = window.shopSyncCalls;
                if (!calls.includes(method)) {
                    throw new Error(`no ${method} among the calls: ${calls}`);
                }
                const after = calls.slice(calls.lastIndexOf(method) + 1);
                if (after.length) {
                    throw new Error(`calls after ${method}: ${after}`);
                }
            },
        },
    ];
}

/**
 * Wait until `predicate()` (async, in the page) is true: for what the UI does
 * in the background and shows nowhere, before checking it.
 */
export function waitUntil(content, predicate, timeout = 10000) {
    return [
        {
            content,
            trigger: "body",
            timeout: timeout + 5000,
            run: async () => {
                const end = Date.now() + timeout;
                while (!(await predicate())) {
                    if (Date.now() > end) {
                        throw new Error(`Timed out: ${content}`);
                    }
                    await new Promise((resolve) => setTimeout(resolve, 200));
                }
            },
        },
    ];
}

/** This terminal's incoming transfers, straight from the server. */
export async function serverIncoming() {
    return await posmodel.data.call(
        "pos.shop.sync",
        "get_incoming",
        [posmodel.config.id],
        {
            with_lines: false,
        }
    );
}

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
/* global posmodel */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";

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
    return [...incomingHas(...texts), { ...incomingHas(...texts)[0], run: "click" }];
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
    return [{ content: "accept", trigger: ".o_pos_shop_sync_accept", run: "click" }];
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
    const configs = await orm.searchRead("pos.config", [["name", "in", names]], ["name"]);
    return names.map((name) => configs.find((c) => c.name === name).id);
}

/** Deliver a SHOP_SYNC bus notification to the store (tests have no websocket). */
export function notify(event, getId = () => false) {
    return [
        {
            content: `bus: SHOP_SYNC ${event}`,
            trigger: "body",
            run: async () => {
                await posmodel.onShopSyncNotification({ event, id: await getId() });
            },
        },
    ];
}

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
/* global posmodel */
import {registry} from "@web/core/registry";
import {ConnectionLostError} from "@web/core/network/rpc";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import * as Notification from "@point_of_sale/../tests/tours/utils/generic_components/notification_util";
import {inLeftSide} from "@point_of_sale/../tests/tours/utils/common";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

/**
 * The next call of `method` reaches the server, which commits it, and its
 * answer is lost: the POS gets the error it gets for a cut connection.
 */
function loseNextAnswer(method) {
    return [
        {
            content: `the answer of the next ${method} will be lost`,
            trigger: "body",
            run: () => {
                const data = posmodel.data;
                const call = data.call;
                data.call = async function (model, calledMethod, ...rest) {
                    if (calledMethod !== method) {
                        return await call.call(this, model, calledMethod, ...rest);
                    }
                    data.call = call;
                    await call.call(this, model, calledMethod, ...rest);
                    throw new ConnectionLostError("/web/dataset/call_kw");
                };
            },
        },
    ];
}

function reload() {
    return [
        {
            content: "reload the page",
            trigger: "body",
            run: () => window.location.reload(),
            expectUnloadPage: true,
        },
        {content: "the POS is back", trigger: ".product-screen"},
    ];
}

/** Exactly one open order of this device holds the transfer of `partner`. */
function oneOrderFor(partner) {
    return [
        {
            content: `one open order holds the transfer of ${partner}`,
            trigger: "body",
            run: () => {
                const orders = posmodel.models["pos.order"].filter(
                    (order) =>
                        !order.finalized &&
                        order.shop_sync_id &&
                        order.partner_id?.name === partner
                );
                if (orders.length !== 1) {
                    throw new Error(`${orders.length} orders hold it`);
                }
            },
        },
    ];
}

function openAccepted(partner) {
    return [
        {
            content: `"Accepted here" lists the transfer of ${partner}`,
            trigger:
                '.o_pos_shop_sync_accepted_list:contains("Accepted here") ' +
                `.o_pos_shop_sync_accepted:contains("${partner}")`,
        },
        {
            content: `open the cart of ${partner}`,
            trigger:
                `.o_pos_shop_sync_accepted:contains("${partner}") ` +
                ".o_pos_shop_sync_open:not([disabled])",
            run: "click",
        },
        {
            content: "the list is closed",
            trigger: "body:not(:has(.o_pos_shop_sync_receive))",
        },
        ShopSync.relatedTagIs(),
        ProductScreen.customerIsSelected(partner),
    ].flat();
}

function cartOfTwo() {
    return [
        ProductScreen.addOrderline("Desk Pad", "2", "", "3.96"),
        ProductScreen.addOrderline("Monitor Stand", "1", "", "3.19"),
    ].flat();
}

function hasCartOfTwo() {
    return inLeftSide(
        [
            Order.hasLine({productName: "Desk Pad", quantity: "2", price: "3.96"}),
            Order.hasLine({productName: "Monitor Stand", quantity: "1", price: "3.19"}),
        ].flat()
    );
}

function cancelDialog() {
    return [
        {
            content: "close the dialog",
            trigger: ".modal-footer .btn-secondary:contains('Cancel')",
            run: "click",
        },
    ];
}

/** The cart of two sent; the server stores it, the answer is lost. */
function lostSendOfCartOfTwo() {
    return [
        cartOfTwo(),
        loseNextAnswer("send_from_ui"),
        ShopSync.send("assigned", ["Shop 2"]),
        Notification.has("No answer from the server", "danger"),
        cancelDialog(),
    ].flat();
}

/** Sent again: the server's transfer is confirmed and the cart leaves. */
function sendLeavesTheCart() {
    return [
        ShopSync.send("assigned", ["Shop 2"]),
        Notification.has("sent to Shop 2", "success"),
        ProductScreen.orderIsEmpty(),
    ].flat();
}

// (a) send → lost → retry from a new dialog → one transfer, the cart leaves.
tours.add("ShopSyncLostSendRetryTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            lostSendOfCartOfTwo(),
            hasCartOfTwo(),
            sendLeavesTheCart(),
        ].flat(),
});

// (a') the same, the page reloaded between the lost send and the retry.
tours.add("ShopSyncLostSendReloadTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            lostSendOfCartOfTwo(),
            reload(),
            hasCartOfTwo(),
            sendLeavesTheCart(),
        ].flat(),
});

// (b) send → lost → the cart is changed → send: told about the earlier transfer.
tours.add("ShopSyncLostSendChangedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            lostSendOfCartOfTwo(),
            ProductScreen.addOrderline("Whiteboard Pen", "1"),
            ShopSync.send("assigned", ["Shop 2"]),
            Notification.has("already holds an earlier version of this cart", "danger"),
            // The dialog shows it under "Sent, not yet accepted", to recall.
            ShopSync.outgoingHas("SYNC/", "7.15"),
            cancelDialog(),
            hasCartOfTwo(),
            inLeftSide(Order.hasLine({productName: "Whiteboard Pen", quantity: "1"})),
        ].flat(),
});

// (c) + (d) accept → lost → Accepted here → Open, once; then after a reload.
tours.add("ShopSyncLostAcceptTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            loseNextAnswer("claim_from_ui"),
            ShopSync.openIncoming("SYNC/", "Partner Test 1"),
            ShopSync.accept(),
            Notification.has("No connection to the server", "danger"),
            openAccepted("Partner Test 1"),
            inLeftSide(Order.hasLine({productName: "Desk Pad", quantity: "2"})),
            // Opened again: the same order is selected, none is added.
            ShopSync.openReceiveOrder(),
            openAccepted("Partner Test 1"),
            oneOrderFor("Partner Test 1"),
            // (d) lost again, and the page reloaded before opening it.
            ShopSync.openReceiveOrder(),
            loseNextAnswer("claim_from_ui"),
            ShopSync.openIncoming("SYNC/", "Partner Test 2"),
            ShopSync.accept(),
            Notification.has("No connection to the server", "danger"),
            reload(),
            ShopSync.openReceiveOrder(),
            openAccepted("Partner Test 2"),
            inLeftSide(Order.hasLine({productName: "Monitor Stand", quantity: "1"})),
            oneOrderFor("Partner Test 2"),
            reload(),
            ShopSync.openReceiveOrder(),
            openAccepted("Partner Test 1"),
            ShopSync.openReceiveOrder(),
            openAccepted("Partner Test 2"),
            oneOrderFor("Partner Test 1"),
            oneOrderFor("Partner Test 2"),
        ].flat(),
});

// (e) recall → lost → the cart comes back through Send Order.
tours.add("ShopSyncLostRecallTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openSendOrder(1),
            loseNextAnswer("cancel_from_ui"),
            ShopSync.recall("Partner Test 1"),
            Notification.has("No connection to the server", "danger"),
            {
                content: "Send Order lists the recalled cart",
                trigger:
                    '.o_pos_shop_sync_recalled_list:contains("Recalled, cart not reopened") ' +
                    '.o_pos_shop_sync_recalled:contains("Partner Test 1")',
            },
            {
                content: "the transfer no longer waits",
                trigger: "body:not(:has(.o_pos_shop_sync_outgoing))",
            },
            {
                content: "open the recalled cart",
                trigger:
                    '.o_pos_shop_sync_recalled:contains("Partner Test 1") ' +
                    ".o_pos_shop_sync_open:not([disabled])",
                run: "click",
            },
            Notification.has("recalled: the cart is back", "success"),
            ProductScreen.customerIsSelected("Partner Test 1"),
            inLeftSide(Order.hasLine({productName: "Desk Pad", quantity: "2"})),
            ShopSync.noRelatedTag(),
            ShopSync.waitUntil(
                "the server knows the cart is back",
                () => posmodel.shopSyncRecalled.length === 0
            ),
        ].flat(),
});

// (f) accepted on one browser of a terminal...
tours.add("ShopSyncAcceptHereTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Partner Test 1"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            ShopSync.relatedTagIs(),
        ].flat(),
});

// ... opened on a second browser of the same terminal: refused, the cashier
// is told where the cart is open; no order of this device holds it.
tours.add("ShopSyncOpenOnSecondDeviceTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.orderIsEmpty(),
            ShopSync.openReceiveOrder(),
            {
                content: '"Accepted here" lists the transfer of Partner Test 1',
                trigger:
                    '.o_pos_shop_sync_accepted_list:contains("Accepted here") ' +
                    '.o_pos_shop_sync_accepted:contains("Partner Test 1")',
            },
            {
                content: "open the cart of Partner Test 1",
                trigger:
                    '.o_pos_shop_sync_accepted:contains("Partner Test 1") ' +
                    ".o_pos_shop_sync_open:not([disabled])",
                run: "click",
            },
            Notification.has("is already open on order", "danger"),
            {
                content: "no open order of this device holds the transfer",
                trigger: "body",
                run: () => {
                    const held = posmodel.models["pos.order"].filter(
                        (order) => !order.finalized && order.shop_sync_id
                    );
                    if (held.length) {
                        throw new Error(`${held.length} orders hold it`);
                    }
                },
            },
        ].flat(),
});

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
/* global posmodel */
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import * as Notification from "@point_of_sale/../tests/tours/utils/generic_components/notification_util";
import * as TicketScreen from "@point_of_sale/../tests/tours/utils/ticket_screen_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import {inLeftSide} from "@point_of_sale/../tests/tours/utils/common";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

/** Partner Test 1; Desk Pad x2; Whiteboard Pen at 5 by hand; Monitor Stand -10 %, noted. */
function buildCart() {
    return [
        ProductScreen.clickPartnerButton(),
        ProductScreen.clickCustomer("Partner Test 1"),
        ProductScreen.addOrderline("Desk Pad", "2", "", "3.96"),
        ProductScreen.addOrderline("Whiteboard Pen", "1", "5", "5.00"),
        ProductScreen.addOrderline("Monitor Stand", "1", "", "3.19"),
        inLeftSide(ProductScreen.addDiscount("10")),
        ProductScreen.addCustomerNote("Gift wrap"),
        ProductScreen.totalAmountIs("11.83"),
    ].flat();
}

/** The cart of buildCart, line for line, on the current order. */
function isBuildCart() {
    return [
        inLeftSide(
            [
                Order.hasLine({productName: "Desk Pad", quantity: "2", price: "3.96"}),
                Order.hasLine({
                    productName: "Whiteboard Pen",
                    quantity: "1",
                    price: "5.00",
                }),
                Order.hasLine({
                    productName: "Monitor Stand",
                    quantity: "1",
                    price: "2.87",
                    customerNote: "Gift wrap",
                }),
                {
                    content: "Monitor Stand keeps its 10% discount on 3.19",
                    trigger:
                        ".order-container .orderline:has(.product-name:contains('Monitor Stand'))" +
                        ":contains('3.19'):contains('10%')",
                },
                ProductScreen.checkOrderlinesNumber(3),
            ].flat()
        ),
        ProductScreen.customerIsSelected("Partner Test 1"),
        ProductScreen.totalAmountIs("11.83"),
    ].flat();
}

tours.add("ShopSyncSendAssignedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.recordCalls(),
            buildCart(),
            ShopSync.send("assigned", ["Shop 2"]),
            Notification.has("sent to Shop 2", "success"),
            ProductScreen.orderIsEmpty(),
            // Recallable at once, from the send's answer: no call while the
            // server tells the receivers.
            ShopSync.noCallsAfter("send_from_ui"),
            ShopSync.openSendOrder(1),
            ShopSync.outgoingHas("SYNC/", "Partner Test 1", "11.83"),
        ].flat(),
});

tours.add("ShopSyncReceiveAssignedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.actionsBadgeIs(1),
            ShopSync.reconnectionRefreshes(1),
            ProductScreen.clickControlButtonMore(),
            ShopSync.receiveBadgeIs(1),
            {trigger: ".o_pos_shop_sync_receive_button", run: "click"},
            ShopSync.openIncoming("SYNC/", "Shop 1", "Partner Test 1"),
            ShopSync.previewHasLine("Desk Pad", "2", "1.98", "0", "3.96"),
            ShopSync.previewHasLine("Whiteboard Pen", "1", "5.00", "0", "5.00"),
            ShopSync.previewHasLine("Monitor Stand", "1", "3.19", "10", "2.87"),
            ShopSync.previewTotalIs("11.83"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            ShopSync.relatedTagIs(),
            inLeftSide(
                [
                    Order.hasLine({
                        productName: "Desk Pad",
                        quantity: "2",
                        price: "3.96",
                    }),
                    Order.hasLine({
                        productName: "Whiteboard Pen",
                        quantity: "1",
                        price: "5.00",
                    }),
                    Order.hasLine({
                        productName: "Monitor Stand",
                        quantity: "1",
                        price: "2.87",
                        customerNote: "Gift wrap",
                    }),
                    {
                        content: "Monitor Stand keeps its 10% discount on 3.19",
                        trigger:
                            ".order-container .orderline:has(.product-name:contains('Monitor Stand'))" +
                            ":contains('3.19'):contains('10%')",
                    },
                ].flat()
            ),
            ProductScreen.customerIsSelected("Partner Test 1"),
            ProductScreen.totalAmountIs("11.83"),
            {
                content: "reload the page",
                trigger: "body",
                run: () => window.location.reload(),
                expectUnloadPage: true,
            },
            // A reload goes straight back to the cart, which keeps its link.
            ShopSync.relatedTagIs(),
            ProductScreen.totalAmountIs("11.83"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            {
                content: "the receipt shows the transfer",
                trigger: ".pos-receipt .o_pos_shop_sync_receipt_ref:contains('SYNC/')",
            },
        ].flat(),
});

tours.add("ShopSyncSendBroadcastTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.addOrderline("Desk Pad", "3", "", "5.94"),
            ShopSync.clickSendOrder(),
            {trigger: ".o_pos_shop_sync_broadcast", run: "click"},
            {
                content: "Send is disabled until a shop is chosen",
                trigger: ".o_pos_shop_sync_send_confirm[disabled]",
            },
            {trigger: ".o_pos_shop_sync_select_all", run: "click"},
            {trigger: ".o_pos_shop_sync_send_confirm:not([disabled])", run: "click"},
            Notification.has("broadcast to Shop 2, Shop 3", "success"),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

tours.add("ShopSyncBroadcastRaceTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.addOrderline("Letter Tray", "1"),
            ProductScreen.clickControlButtonMore(),
            {trigger: ".o_pos_shop_sync_receive_button", run: "click"},
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.asAnotherTerminal("Shop 3 accepts it first", async (orm) => {
                const [shop3] = await ShopSync.configIds(orm, ["Shop 3"]);
                const [transfer] = await posmodel.data.call(
                    "pos.shop.sync",
                    "get_incoming",
                    [posmodel.config.id]
                );
                await orm.call("pos.shop.sync", "claim_from_ui", [shop3, transfer.id]);
            }),
            ShopSync.accept(),
            Notification.has("already accepted by Shop 3 at", "danger"),
            ShopSync.incomingIsEmpty(),
            {
                content: "close the list",
                trigger: ".modal-footer .btn-secondary:contains('Close')",
                run: "click",
            },
            // The cart the cashier had is untouched.
            inLeftSide(Order.hasLine({productName: "Letter Tray", quantity: "1"})),
            {
                content: "no order was added",
                trigger: "body",
                run: () => {
                    if (posmodel.get_open_orders().length !== 1) {
                        throw new Error("A failed accept must not create an order");
                    }
                },
            },
        ].flat(),
});

tours.add("ShopSyncSendFailureKeepsCartTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.addOrderline("Desk Pad", "2", "", "3.96"),
            ProductScreen.addOrderline("Monitor Stand", "1", "", "3.19"),
            ShopSync.clickSendOrder(),
            {trigger: ".o_pos_shop_sync_target:contains('Shop 2')", run: "click"},
            ShopSync.asAnotherTerminal(
                "Shop 2 stops receiving meanwhile",
                async (orm) => {
                    const [shop2] = await ShopSync.configIds(orm, ["Shop 2"]);
                    await orm.write("pos.config", [shop2], {
                        shop_sync_can_receive: false,
                    });
                }
            ),
            {trigger: ".o_pos_shop_sync_send_confirm:not([disabled])", run: "click"},
            Notification.has("does not accept incoming orders", "danger"),
            Notification.has("The cart is kept", "danger"),
            {trigger: ".modal-footer .btn-secondary:contains('Cancel')", run: "click"},
            inLeftSide(
                [
                    Order.hasLine({
                        productName: "Desk Pad",
                        quantity: "2",
                        price: "3.96",
                    }),
                    Order.hasLine({
                        productName: "Monitor Stand",
                        quantity: "1",
                        price: "3.19",
                    }),
                ].flat()
            ),
            ProductScreen.totalAmountIs("7.15"),
        ].flat(),
});

tours.add("ShopSyncNoButtonsTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.clickControlButtonMore(),
            {
                content: "the Actions dialog is open",
                trigger: ".control-buttons-modal .o_pricelist_button",
            },
            {
                content: "neither Send Order nor Receive Order",
                trigger:
                    ".control-buttons-modal:not(:has(.o_pos_shop_sync_send_button))" +
                    ":not(:has(.o_pos_shop_sync_receive_button))",
            },
        ].flat(),
});

tours.add("ShopSyncLiveUpdateTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.clickControlButtonMore(),
            {trigger: ".o_pos_shop_sync_receive_button", run: "click"},
            ShopSync.incomingIsEmpty(),
            {trigger: ".modal-footer .btn-secondary:contains('Close')", run: "click"},
            ShopSync.asAnotherTerminal("Shop 1 sends an order", async (orm) => {
                const [shop1, shop2, product] = [
                    ...(await ShopSync.configIds(orm, ["Shop 1", "Shop 2"])),
                    posmodel.models["product.product"].find(
                        (p) => p.name === "Desk Pad"
                    ).id,
                ];
                await orm.call("pos.shop.sync", "send_from_ui", [
                    shop1,
                    {
                        uuid: "live-update-tour-1",
                        sync_type: "assigned",
                        target_config_ids: [shop2],
                        lines: [{product_id: product, qty: 4, price_unit: 1.98}],
                    },
                ]);
            }),
            ShopSync.notify("new"),
            ShopSync.actionsBadgeIs(1),
            ProductScreen.clickControlButtonMore(),
            {trigger: ".o_pos_shop_sync_receive_button", run: "click"},
            ShopSync.incomingHas("SYNC/", "Shop 1", "4 items"),
            ShopSync.asAnotherTerminal(
                "Shop 3 takes it while the list is open",
                async (orm) => {
                    const [shop1, shop3, product] = [
                        ...(await ShopSync.configIds(orm, ["Shop 1", "Shop 3"])),
                        posmodel.models["product.product"].find(
                            (p) => p.name === "Desk Pad"
                        ).id,
                    ];
                    await orm.call("pos.shop.sync", "send_from_ui", [
                        shop1,
                        {
                            uuid: "live-update-tour-2",
                            sync_type: "broadcast",
                            target_config_ids: [posmodel.config.id, shop3],
                            lines: [{product_id: product, qty: 7, price_unit: 1.98}],
                        },
                    ]);
                }
            ),
            ShopSync.notify("new"),
            ShopSync.incomingHas("SYNC/", "7 items"),
            ShopSync.asAnotherTerminal("Shop 3 accepts the broadcast", async (orm) => {
                const [shop3] = await ShopSync.configIds(orm, ["Shop 3"]);
                const transfers = await posmodel.data.call(
                    "pos.shop.sync",
                    "get_incoming",
                    [posmodel.config.id]
                );
                const broadcast = transfers.find((t) => t.sync_type === "broadcast");
                await orm.call("pos.shop.sync", "claim_from_ui", [shop3, broadcast.id]);
            }),
            ShopSync.notify("claimed"),
            {
                content: "the taken broadcast left the open list",
                trigger:
                    ".o_pos_shop_sync_receive:not(:has(.o_pos_shop_sync_incoming:contains('7 items')))",
            },
            ShopSync.incomingHas("4 items"),
        ].flat(),
});

tours.add("ShopSyncRecallTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            buildCart(),
            ShopSync.send("assigned", ["Shop 2"]),
            Notification.has("sent to Shop 2", "success"),
            ProductScreen.orderIsEmpty(),
            // The cart is empty: Send Order opens for what was sent.
            ShopSync.openSendOrder(1),
            {content: "the cart is empty", trigger: ".o_pos_shop_sync_cart_empty"},
            {
                content: "nothing to send",
                trigger: ".o_pos_shop_sync_send_confirm[disabled]",
            },
            ShopSync.outgoingHas("SYNC/", "Partner Test 1", "11.83"),
            ShopSync.outgoingStatusIs("SYNC/", "Waiting for Shop 2"),
            ShopSync.recall("SYNC/"),
            Notification.has("recalled: the cart is back", "success"),
            Dialog.isNot(),
            isBuildCart(),
            {
                content: "the hand-set price is still a hand-set price",
                trigger: "body",
                run: () => {
                    const line = posmodel
                        .get_order()
                        .lines.find((l) => l.product_id.name === "Whiteboard Pen");
                    if (line.price_type !== "manual" || line.price_unit !== 5) {
                        throw new Error(
                            `Whiteboard Pen: ${line.price_type} ${line.price_unit}`
                        );
                    }
                },
            },
            ShopSync.noRelatedTag(),
            ShopSync.waitUntil(
                "nothing is waiting any more",
                () => posmodel.shopSync.outgoing.length === 0
            ),
        ].flat(),
});

tours.add("ShopSyncDeclineTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1", "Partner Test 2"),
            ShopSync.previewHasLine("Desk Pad", "2", "1.98", "0", "3.96"),
            ShopSync.previewHasLine("Monitor Stand", "1", "3.19", "0", "3.19"),
            ShopSync.decline("Out of stock"),
            Notification.has("declined.", "info"),
            ShopSync.incomingIsEmpty(),
            {
                content: "the preview is closed, the list stays open",
                trigger:
                    "body:not(:has(.o_pos_shop_sync_preview)) .o_pos_shop_sync_receive",
            },
            {
                content: "no order was added",
                trigger: "body",
                run: () => {
                    if (posmodel.get_open_orders().some((o) => !o.is_empty())) {
                        throw new Error("Declining must not build a cart");
                    }
                },
            },
        ].flat(),
});

tours.add("ShopSyncDeclinedRecallTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openSendOrder(1),
            ShopSync.outgoingHas("SYNC/", "Partner Test 2", "7.15"),
            ShopSync.outgoingStatusIs("SYNC/", "Declined by Shop 2: Out of stock"),
            ShopSync.recall("Declined by Shop 2"),
            Notification.has("recalled: the cart is back", "success"),
            inLeftSide(
                [
                    Order.hasLine({
                        productName: "Desk Pad",
                        quantity: "2",
                        price: "3.96",
                    }),
                    Order.hasLine({
                        productName: "Monitor Stand",
                        quantity: "1",
                        price: "3.19",
                    }),
                    ProductScreen.checkOrderlinesNumber(2),
                ].flat()
            ),
            ProductScreen.customerIsSelected("Partner Test 2"),
            ProductScreen.totalAmountIs("7.15"),
            ShopSync.noRelatedTag(),
        ].flat(),
});

/** Accept Partner Test 3's transfer (Small Shelf, Desk Pad) and check the rebuilt cart. */
function acceptShelfAndPad() {
    return [
        ShopSync.openIncoming("SYNC/", "Shop 1", "Partner Test 3"),
        ShopSync.accept(),
        Notification.has("accepted", "success"),
        ShopSync.relatedTagIs(),
        inLeftSide(
            [
                Order.hasLine({
                    productName: "Small Shelf",
                    quantity: "1",
                    price: "2.83",
                }),
                Order.hasLine({productName: "Desk Pad", quantity: "1", price: "1.98"}),
            ].flat()
        ),
    ].flat();
}

tours.add("ShopSyncDeleteReleasesTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            acceptShelfAndPad(),
            ShopSync.waitUntil(
                "the transfer is accepted here",
                async () => (await ShopSync.serverIncoming()).length === 0
            ),
            Chrome.clickMenuOption("Orders"),
            TicketScreen.deleteOrder("Partner Test 3"),
            Dialog.confirm(),
            {
                content: "the order left the list",
                trigger: ".ticket-screen .orders:not(:contains('Partner Test 3'))",
            },
            TicketScreen.clickDiscard(),
            ProductScreen.orderIsEmpty(),
            ShopSync.waitUntil(
                "the transfer is given back",
                async () => (await ShopSync.serverIncoming()).length === 1
            ),
            // It waits again for its targets, this terminal included.
            ShopSync.openReceiveOrder(),
            ShopSync.incomingHas("SYNC/", "Shop 1", "Partner Test 3"),
        ].flat(),
});

tours.add("ShopSyncReleasedElsewhereTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.actionsBadgeIs(1),
            ShopSync.openReceiveOrder(),
            acceptShelfAndPad(),
            ProductScreen.customerIsSelected("Partner Test 3"),
        ].flat(),
});

tours.add("ShopSyncClosingTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openClosingDialog(),
            ShopSync.closingHas("SYNC/", "Partner Test 1", "accepted here, not paid"),
            ShopSync.closingHas("SYNC/", "Partner Test 2", "sent, not accepted yet"),
            {
                content: "the closing dialog names both transfers",
                trigger: ".o_pos_shop_sync_closing_transfer",
                run: async () => {
                    const transfers = await posmodel.env.services.orm.searchRead(
                        "pos.shop.sync",
                        [["state", "in", ["pending", "claimed"]]],
                        ["name"]
                    );
                    const shown = [
                        ...document.querySelectorAll(
                            ".o_pos_shop_sync_closing_transfer b"
                        ),
                    ].map((el) => el.textContent.trim());
                    const names = transfers.map((t) => t.name);
                    if (
                        shown.length !== 2 ||
                        names.some((name) => !shown.includes(name))
                    ) {
                        throw new Error(`Listed ${shown}, expected ${names}`);
                    }
                },
            },
            {...Dialog.confirm("Close Register"), expectUnloadPage: true},
            {
                content: "the session is closed: the register opens anew",
                trigger: ".screen-login .open-register-btn",
            },
        ].flat(),
});

tours.add("ShopSyncPreviewBlockedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.previewIsBlocked(
                "Letter Tray is not available in the Point of Sale."
            ),
            {
                content: "the other line is fine",
                trigger:
                    ".o_pos_shop_sync_preview_line:not(.table-danger)" +
                    ":has(.o_pos_shop_sync_product:contains('Desk Pad'))",
            },
            {content: "go back", trigger: ".o_pos_shop_sync_back", run: "click"},
            ShopSync.incomingHas("SYNC/", "Shop 1"),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

tours.add("ShopSyncTrackedQuantityTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.previewHasLine("Tracked Phone", "2", "199.00", "0", "398.00"),
            ShopSync.previewHasLine("Tracked Cable", "3", "2.50", "0", "7.50"),
            ShopSync.previewTotalIs("407.48"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            inLeftSide(
                [
                    Order.hasLine({
                        productName: "Tracked Phone",
                        quantity: "2",
                        price: "398.00",
                    }),
                    Order.hasLine({
                        productName: "Tracked Cable",
                        quantity: "3",
                        price: "7.50",
                    }),
                    Order.hasLine({productName: "Desk Pad", quantity: "1"}),
                ].flat()
            ),
            ProductScreen.totalAmountIs("407.48"),
        ].flat(),
});

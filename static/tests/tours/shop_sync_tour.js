// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
/* global posmodel */
import { registry } from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import * as Notification from "@point_of_sale/../tests/tours/utils/generic_components/notification_util";
import { inLeftSide } from "@point_of_sale/../tests/tours/utils/common";
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

tours.add("ShopSyncSendAssignedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            buildCart(),
            ShopSync.send("assigned", ["Shop 2"]),
            Notification.has("sent to Shop 2", "success"),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

tours.add("ShopSyncReceiveAssignedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.actionsBadgeIs(1),
            ProductScreen.clickControlButtonMore(),
            ShopSync.receiveBadgeIs(1),
            { trigger: ".o_pos_shop_sync_receive_button", run: "click" },
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
                    Order.hasLine({ productName: "Desk Pad", quantity: "2", price: "3.96" }),
                    Order.hasLine({ productName: "Whiteboard Pen", quantity: "1", price: "5.00" }),
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
            { trigger: ".o_pos_shop_sync_broadcast", run: "click" },
            {
                content: "Send is disabled until a shop is chosen",
                trigger: ".o_pos_shop_sync_send_confirm[disabled]",
            },
            { trigger: ".o_pos_shop_sync_select_all", run: "click" },
            { trigger: ".o_pos_shop_sync_send_confirm:not([disabled])", run: "click" },
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
            { trigger: ".o_pos_shop_sync_receive_button", run: "click" },
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.asAnotherTerminal("Shop 3 accepts it first", async (orm) => {
                const [shop3] = await ShopSync.configIds(orm, ["Shop 3"]);
                const [transfer] = await posmodel.data.call("pos.shop.sync", "get_incoming", [
                    posmodel.config.id,
                ]);
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
            inLeftSide(Order.hasLine({ productName: "Letter Tray", quantity: "1" })),
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
            { trigger: ".o_pos_shop_sync_target:contains('Shop 2')", run: "click" },
            ShopSync.asAnotherTerminal("Shop 2 stops receiving meanwhile", async (orm) => {
                const [shop2] = await ShopSync.configIds(orm, ["Shop 2"]);
                await orm.write("pos.config", [shop2], { shop_sync_can_receive: false });
            }),
            { trigger: ".o_pos_shop_sync_send_confirm:not([disabled])", run: "click" },
            Notification.has("does not accept incoming orders", "danger"),
            Notification.has("The cart is kept", "danger"),
            { trigger: ".modal-footer .btn-secondary:contains('Cancel')", run: "click" },
            inLeftSide(
                [
                    Order.hasLine({ productName: "Desk Pad", quantity: "2", price: "3.96" }),
                    Order.hasLine({ productName: "Monitor Stand", quantity: "1", price: "3.19" }),
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
            { trigger: ".o_pos_shop_sync_receive_button", run: "click" },
            ShopSync.incomingIsEmpty(),
            { trigger: ".modal-footer .btn-secondary:contains('Close')", run: "click" },
            ShopSync.asAnotherTerminal("Shop 1 sends an order", async (orm) => {
                const [shop1, shop2, product] = [
                    ...(await ShopSync.configIds(orm, ["Shop 1", "Shop 2"])),
                    posmodel.models["product.product"].find((p) => p.name === "Desk Pad").id,
                ];
                await orm.call("pos.shop.sync", "send_from_ui", [
                    shop1,
                    {
                        uuid: "live-update-tour-1",
                        sync_type: "assigned",
                        target_config_ids: [shop2],
                        lines: [{ product_id: product, qty: 4, price_unit: 1.98 }],
                    },
                ]);
            }),
            ShopSync.notify("new"),
            ShopSync.actionsBadgeIs(1),
            ProductScreen.clickControlButtonMore(),
            { trigger: ".o_pos_shop_sync_receive_button", run: "click" },
            ShopSync.incomingHas("SYNC/", "Shop 1", "4 items"),
            ShopSync.asAnotherTerminal("Shop 3 takes it while the list is open", async (orm) => {
                const [shop1, shop3, product] = [
                    ...(await ShopSync.configIds(orm, ["Shop 1", "Shop 3"])),
                    posmodel.models["product.product"].find((p) => p.name === "Desk Pad").id,
                ];
                await orm.call("pos.shop.sync", "send_from_ui", [
                    shop1,
                    {
                        uuid: "live-update-tour-2",
                        sync_type: "broadcast",
                        target_config_ids: [posmodel.config.id, shop3],
                        lines: [{ product_id: product, qty: 7, price_unit: 1.98 }],
                    },
                ]);
            }),
            ShopSync.notify("new"),
            ShopSync.incomingHas("SYNC/", "7 items"),
            ShopSync.asAnotherTerminal("Shop 3 accepts the broadcast", async (orm) => {
                const [shop3] = await ShopSync.configIds(orm, ["Shop 3"]);
                const transfers = await posmodel.data.call("pos.shop.sync", "get_incoming", [
                    posmodel.config.id,
                ]);
                const broadcast = transfers.find((t) => t.sync_type === "broadcast");
                await orm.call("pos.shop.sync", "claim_from_ui", [shop3, broadcast.id]);
            }),
            ShopSync.notify("claimed"),
            {
                content: "the taken broadcast left the open list",
                trigger: ".o_pos_shop_sync_receive:not(:has(.o_pos_shop_sync_incoming:contains('7 items')))",
            },
            ShopSync.incomingHas("4 items"),
        ].flat(),
});

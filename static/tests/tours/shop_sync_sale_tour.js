// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// pos_sale's settlement and down payment, sent and paid on another terminal
// (the module is optional: its buttons and dialogs are driven by their labels,
// nothing is imported from it).
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import * as Notification from "@point_of_sale/../tests/tours/utils/generic_components/notification_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import {inLeftSide} from "@point_of_sale/../tests/tours/utils/common";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

/** pos_sale's Quotation/Order button, the sales order of total `amount`, then `option`. */
function pickSaleOrder(amount, option) {
    return [
        ProductScreen.clickControlButton("Quotation/Order"),
        {
            content: `select the sales order of ${amount}`,
            trigger: `.modal:not(.o_inactive_modal) table.o_list_table tbody tr.o_data_row td:contains('${amount}')`,
            run: "click",
        },
        {
            content: `choose "${option}"`,
            trigger: `.modal:not(.o_inactive_modal) .selection-item:contains('${option}')`,
            run: "click",
        },
    ].flat();
}

function isSaleCart() {
    return [
        inLeftSide(
            [
                Order.hasLine({productName: "Sync Book", quantity: "2"}),
                Order.hasLine({productName: "Sync Tea", quantity: "1"}),
                Order.hasLine({productName: "Sync Down Payment", quantity: "1"}),
                ProductScreen.checkOrderlinesNumber(3),
            ].flat()
        ),
        // 230.00 + 10.50 settled, 50.00 paid down
        ProductScreen.totalAmountIs("290.50"),
    ].flat();
}

tours.add("ShopSyncSaleSendTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            // Settle the first order: its lines come with their links.
            pickSaleOrder("240.50", "Settle the order"),
            {trigger: "body:not(:has(.modal))"},
            // A down payment of 50.00 on the second one.
            pickSaleOrder("115.00", "Apply a down payment (fixed amount)"),
            {
                content: "type 50.00",
                trigger: ".modal:not(.o_inactive_modal) .numpad button:contains('+50')",
                run: "click",
            },
            Dialog.confirm("Ok"),
            isSaleCart(),
            ShopSync.send("assigned", ["Shop 2"]),
            Notification.has("sent to Shop 2", "success"),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

tours.add("ShopSyncSaleReceiveTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            {
                content: "preview: the book settles its sales order",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Sync Book'))" +
                    " .o_pos_shop_sync_line_kind_note:contains('Settles S')",
            },
            {
                content: "preview: the down payment is one",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Sync Down Payment'))" +
                    " .o_pos_shop_sync_line_kind_note:contains('Down payment on S')",
            },
            ShopSync.previewTotalIs("290.50"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            isSaleCart(),
            {
                content: "the lines keep their sales orders, as pos_sale links them",
                trigger: "body",
                run: () => {
                    /* global posmodel */
                    const lines = posmodel.get_order().lines;
                    if (lines.some((line) => !line.sale_order_origin_id?.name)) {
                        throw new Error("A line lost its sales order");
                    }
                },
            },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.totalAmountContains("290.50"),
        ].flat(),
});

/** The sales orders were cancelled or settled meanwhile: Accept is blocked. */
tours.add("ShopSyncSaleBlockedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Sync Customer"),
            ShopSync.previewIsBlocked("is cancelled"),
            {
                content: "back to the list",
                trigger: ".o_pos_shop_sync_back",
                run: "click",
            },
            // Back in the list of incoming transfers.
            ShopSync.openIncoming("SYNC/", "Sync Other Customer"),
            ShopSync.previewIsBlocked("is already settled"),
        ].flat(),
});

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// A refund made from the ticket screen of a paid order, sent and paid on
// another terminal: the return line keeps its link to the line it refunds.
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/tours/utils/ticket_screen_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import * as Notification from "@point_of_sale/../tests/tours/utils/generic_components/notification_util";
import {inLeftSide} from "@point_of_sale/../tests/tours/utils/common";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

function payWithBank() {
    return [
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Bank"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
    ].flat();
}

tours.add("ShopSyncRefundSendTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            // An order paid here: three books and a tea.
            ProductScreen.addOrderline("Sync Book", "3"),
            ProductScreen.addOrderline("Sync Tea", "1"),
            ProductScreen.totalAmountIs("355.50"),
            payWithBank(),
            ReceiptScreen.clickNextOrder(),
            // The customer brings two books back: Refund, from the ticket screen.
            ...ProductScreen.clickRefund(),
            TicketScreen.filterIs("Paid"),
            TicketScreen.selectOrder("-0001"),
            inLeftSide(
                Order.hasLine({productName: "Sync Book", withClass: ".selected"})
            ),
            ProductScreen.clickNumpad("2"),
            TicketScreen.toRefundTextContains("To Refund: 2.00"),
            TicketScreen.confirmRefund(),
            ProductScreen.isShown(),
            inLeftSide(
                [
                    Order.hasLine({productName: "Sync Book", quantity: "-2"}),
                    ProductScreen.checkOrderlinesNumber(1),
                ].flat()
            ),
            ProductScreen.totalAmountIs("-230.00"),
            ShopSync.send("assigned", ["Shop 2"]),
            Notification.has("sent to Shop 2", "success"),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

tours.add("ShopSyncRefundReceiveTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            {
                content: "preview: the return line says which order it refunds",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Sync Book'))" +
                    ":has(.o_pos_shop_sync_qty:contains('-2'))" +
                    " .o_pos_shop_sync_line_kind_note:contains('Refund of ')",
            },
            ShopSync.previewTotalIs("-230.00"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            inLeftSide(
                [
                    Order.hasLine({productName: "Sync Book", quantity: "-2"}),
                    ProductScreen.checkOrderlinesNumber(1),
                ].flat()
            ),
            {
                content:
                    "the line refunds the sender's paid order line, as the ticket screen links it",
                trigger: "body",
                run: () => {
                    /* global posmodel */
                    const [line] = posmodel.get_order().lines;
                    const refunded = line.refunded_orderline_id;
                    if (refunded?.product_id?.display_name !== "Sync Book") {
                        throw new Error("The refund line lost its refunded line");
                    }
                },
            },
            ProductScreen.totalAmountIs("-230.00"),
            payWithBank(),
            ReceiptScreen.totalAmountContains("-230.00"),
        ].flat(),
});

/** The refunded line was fully refunded meanwhile: the preview blocks the accept. */
tours.add("ShopSyncRefundBlockedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.previewIsBlocked("0.0 is left to refund of"),
        ].flat(),
});

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// pos_discount's global discount, sent and accepted (the module is optional:
// its button is clicked by its label, nothing is imported from it).
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

/** Two books (15 % tax), a tea (5 %), 10 % off the order: one discount line per tax. */
function isDiscountedCart() {
    return [
        inLeftSide(
            [
                Order.hasLine({productName: "Sync Book", quantity: "2"}),
                Order.hasLine({productName: "Sync Tea", quantity: "1"}),
                {
                    content: "two discount lines, one per tax",
                    trigger:
                        ".order-container .orderline:has(.product-name:contains('Sync Discount'))" +
                        " ~ .orderline:has(.product-name:contains('Sync Discount'))",
                },
                ProductScreen.checkOrderlinesNumber(4),
            ].flat()
        ),
        // 230.00 + 10.50 - 23.00 - 1.05
        ProductScreen.totalAmountIs("216.45"),
    ].flat();
}

tours.add("ShopSyncDiscountSendTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.clickDisplayedProduct("Sync Book"),
            ProductScreen.clickDisplayedProduct("Sync Book"),
            ProductScreen.clickDisplayedProduct("Sync Tea"),
            // pos_discount's Discount button, its default 10 %.
            ProductScreen.clickControlButton("Discount"),
            Dialog.confirm(),
            isDiscountedCart(),
            ShopSync.send("broadcast", ["Shop 2", "Shop 3"]),
            Notification.has("broadcast to Shop 2, Shop 3", "success"),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

/** Shop 3 has no discount product: the preview says so, the cart can still be accepted. */
tours.add("ShopSyncDiscountNoProductTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            {
                content: "the preview warns that this terminal has no discount product",
                trigger:
                    ".o_pos_shop_sync_preview_warning:contains('This terminal has no discount product')",
            },
            {
                content: "the discount lines say so",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Sync Discount'))" +
                    " .o_pos_shop_sync_line_kind_note:contains('no discount product on this terminal')",
            },
            ShopSync.previewTotalIs("216.45"),
            {
                content: "the cart is kept exactly: Accept is not blocked",
                trigger: ".modal-footer .o_pos_shop_sync_accept:not([disabled])",
            },
            {
                content: "back, without accepting",
                trigger: ".o_pos_shop_sync_back",
                run: "click",
            },
        ].flat(),
});

tours.add("ShopSyncDiscountReceiveTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            {
                content: "this terminal has the discount product: no warning about it",
                trigger:
                    ".o_pos_shop_sync_preview:not(:has(.o_pos_shop_sync_preview_warning:contains('discount product')))" +
                    ":not(:has(.o_pos_shop_sync_line_kind_note))",
            },
            {
                content: "preview: the discount lines",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Sync Discount'))" +
                    ":has(.o_pos_shop_sync_subtotal:contains('23.00'))" +
                    ":not(:has(.o_pos_shop_sync_negotiated))",
            },
            ShopSync.previewTotalIs("216.45"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            isDiscountedCart(),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.totalAmountContains("216.45"),
        ].flat(),
});

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
import {inLeftSide} from "@point_of_sale/../tests/tours/utils/common";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

/** The cart Shop 1 sent (Desk Pad x2 at 1.98, Whiteboard Pen at 5), on this order. */
function isSentCart() {
    return [
        inLeftSide(
            [
                Order.hasLine({productName: "Desk Pad", quantity: "2", price: "3.96"}),
                Order.hasLine({
                    productName: "Whiteboard Pen",
                    quantity: "1",
                    price: "5.00",
                }),
                ProductScreen.checkOrderlinesNumber(2),
            ].flat()
        ),
        ProductScreen.customerIsSelected("Partner Test 1"),
        ProductScreen.totalAmountIs("8.96"),
    ].flat();
}

function acceptFrom(sender) {
    return [
        ShopSync.openReceiveOrder(),
        ShopSync.openIncoming("SYNC/", sender, "Partner Test 1"),
        ShopSync.previewTotalIs("8.96"),
        ShopSync.accept(),
        Notification.has("accepted", "success"),
        ShopSync.relatedTagIs(),
        isSentCart(),
    ].flat();
}

function chooseShop3() {
    return [
        ShopSync.clickSendOrder(),
        {
            content: "Send Order says the cart is forwarded",
            trigger:
                ".o_pos_shop_sync_forward_note:contains('SYNC/'):contains('forwards it')",
        },
        {trigger: ".o_pos_shop_sync_assigned", run: "click"},
        {trigger: ".o_pos_shop_sync_target:contains('Shop 3')", run: "click"},
    ].flat();
}

// Shop 2 accepts Shop 1's cart and sends it on to Shop 3: the first send is
// refused (Shop 3 stops receiving meanwhile) and changes nothing; the second
// forwards it, and the order leaves Shop 2 without giving the transfer back.
tours.add("ShopSyncForwardTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            acceptFrom("Shop 1"),
            chooseShop3(),
            ShopSync.asAnotherTerminal(
                "Shop 3 stops receiving meanwhile",
                async (orm) => {
                    const [shop3] = await ShopSync.configIds(orm, ["Shop 3"]);
                    await orm.write("pos.config", [shop3], {
                        shop_sync_can_receive: false,
                    });
                }
            ),
            {trigger: ".o_pos_shop_sync_send_confirm:not([disabled])", run: "click"},
            Notification.has("does not accept incoming orders", "danger"),
            {trigger: ".modal-footer .btn-secondary:contains('Cancel')", run: "click"},
            // Refused: the cart is here, still holding its transfer.
            ShopSync.relatedTagIs(),
            isSentCart(),
            ShopSync.asAnotherTerminal("Shop 3 receives again", async (orm) => {
                const [shop3] = await ShopSync.configIds(orm, ["Shop 3"]);
                await orm.write("pos.config", [shop3], {shop_sync_can_receive: true});
            }),
            chooseShop3(),
            {trigger: ".o_pos_shop_sync_send_confirm:not([disabled])", run: "click"},
            Notification.has("sent to Shop 3", "success"),
            {
                content: "the forwarded transfer was not given back (no release tried)",
                trigger:
                    "body:not(:has(.o_notification:contains('could not be given back')))",
            },
            ProductScreen.orderIsEmpty(),
            ShopSync.noRelatedTag(),
            ShopSync.waitUntil(
                "nothing accepted is left on Shop 2",
                async () => !posmodel.shopSyncAccepted.length
            ),
        ].flat(),
});

// Shop 3 accepts the forwarded cart and pays it.
tours.add("ShopSyncForwardPayTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            acceptFrom("Shop 2"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

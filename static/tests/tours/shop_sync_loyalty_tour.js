// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Carts with pos_loyalty's lines (tests/test_frontend_loyalty.py builds the
// programs). Nothing is imported from pos_loyalty: this file loads without it.
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import * as Notification from "@point_of_sale/../tests/tours/utils/generic_components/notification_util";
import * as TextInputPopup from "@point_of_sale/../tests/tours/utils/text_input_popup_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import {inLeftSide} from "@point_of_sale/../tests/tours/utils/common";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

function hasRewardLine(name, price, quantity = "1") {
    return inLeftSide(
        Order.hasLine({withClass: ".fst-italic", productName: name, price, quantity})
    );
}

function enterCode(code) {
    return [
        ...ProductScreen.clickControlButton("Enter Code"),
        TextInputPopup.inputText(code),
        Dialog.confirm(),
    ];
}

function claimReward(name) {
    return [
        ...ProductScreen.clickControlButton("Reward"),
        {
            content: `choose the reward ${name}`,
            trigger: `.selection-item:contains("${name}")`,
            run: "click",
        },
    ];
}

function pay() {
    return [
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Bank"),
        PaymentScreen.remainingIs("0.00"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
        ReceiptScreen.clickNextOrder(),
    ].flat();
}

/** Each cart: how a cashier builds it, what it shows, its total. */
const CARTS = {
    AutoPromo: {
        build: () => [
            ProductScreen.addOrderline("Shelf A", "2"),
            ProductScreen.addOrderline("Shelf B", "1"),
        ],
        check: () => [hasRewardLine("10% on your order", "-3.40")],
        total: "30.60",
        preview: ["Shelf A", "Shelf B", "10% on your order"],
        previewProgram: "Ten Off",
    },
    PromoCode: {
        build: () => [ProductScreen.addOrderline("Shelf A", "1"), enterCode("SYNC20")],
        check: () => [hasRewardLine("20% on your order", "-2.20")],
        total: "8.80",
        preview: ["Shelf A", "20% on your order"],
    },
    LoyaltyPoints: {
        build: () => [
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Loyal Lou"),
            ProductScreen.addOrderline("Shelf B", "1"),
            claimReward("Five Off"),
        ],
        check: () => [
            hasRewardLine("Five Off", "-5.00"),
            ProductScreen.customerIsSelected("Loyal Lou"),
        ],
        total: "7.00",
        preview: ["Shelf B", "Five Off"],
    },
    FreeProduct: {
        // The second Shelf C makes pos_loyalty add the free third one.
        build: () => [
            ProductScreen.clickDisplayedProduct("Shelf C"),
            ProductScreen.clickDisplayedProduct("Shelf C"),
        ],
        check: () => [
            inLeftSide(Order.hasLine({productName: "Shelf C", quantity: "3"})),
            hasRewardLine("Free Product - Shelf C", "-5.00"),
        ],
        total: "10.00",
        preview: ["Shelf C", "Free Product - Shelf C"],
    },
    // A coupon is used up by its payment: the reference cart uses another one.
    Coupon: {
        build: (round) => [
            ProductScreen.addOrderline("Shelf A", "1"),
            enterCode(round ? "CPN2" : "CPN1"),
        ],
        check: () => [hasRewardLine("15% on your order", "-1.65")],
        total: "9.35",
        preview: ["Shelf A", "15% on your order"],
    },
    EWallet: {
        build: () => [
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Loyal Lou"),
            ProductScreen.clickDisplayedProduct("Top-up eWallet"),
            ProductScreen.selectedOrderlineHas("Top-up eWallet", "1", "50.00"),
        ],
        check: () => [
            inLeftSide(Order.hasLine({productName: "Top-up eWallet", price: "50.00"})),
            ProductScreen.customerIsSelected("Loyal Lou"),
        ],
        total: "50.00",
        preview: ["Top-up eWallet"],
    },
    GiftCard: {
        build: () => [
            ProductScreen.addOrderline("Shelf A", "1"),
            ProductScreen.clickDisplayedProduct("Gift Card"),
            ProductScreen.selectedOrderlineHas("Gift Card", "1", "50.00"),
        ],
        check: () => [
            inLeftSide(Order.hasLine({productName: "Gift Card", price: "50.00"})),
        ],
        total: "61.00",
        preview: ["Shelf A", "Gift Card"],
    },
};

for (const [name, cart] of Object.entries(CARTS)) {
    tours.add(`ShopSyncLoyalty${name}SendTour`, {
        steps: () =>
            [
                Chrome.startPoS(),
                // The same cart paid here: what the receiver's payment must equal.
                cart.build(0),
                cart.check(),
                ProductScreen.totalAmountIs(cart.total),
                pay(),
                cart.build(1),
                cart.check(),
                ProductScreen.totalAmountIs(cart.total),
                ShopSync.send("assigned", ["Shop 2"]),
                Notification.has("sent to Shop 2", "success"),
                ProductScreen.orderIsEmpty(),
            ].flat(Infinity),
    });
    tours.add(`ShopSyncLoyalty${name}ReceiveTour`, {
        steps: () =>
            [
                Chrome.startPoS(),
                ProductScreen.clickControlButtonMore(),
                {trigger: ".o_pos_shop_sync_receive_button", run: "click"},
                ShopSync.openIncoming("SYNC/", "Shop 1"),
                ...cart.preview.map((product) => ({
                    content: `the preview shows ${product}`,
                    trigger: `.o_pos_shop_sync_preview_line .o_pos_shop_sync_product:contains("${product}")`,
                })),
                cart.previewProgram
                    ? {
                          content: `the reward line names its program ${cart.previewProgram}`,
                          trigger: `.o_pos_shop_sync_preview_line:not(:has(.o_pos_shop_sync_negotiated)) .o_pos_shop_sync_loyalty:contains("${cart.previewProgram}")`,
                      }
                    : [],
                ShopSync.previewTotalIs(cart.total),
                ShopSync.accept(),
                Notification.has("accepted", "success"),
                cart.check(),
                ProductScreen.totalAmountIs(cart.total),
                pay(),
            ].flat(Infinity),
    });
}

/** The preview names why a reward cannot be honoured here; Accept stays disabled. */
tours.add("ShopSyncLoyaltyBlockedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.clickControlButtonMore(),
            {trigger: ".o_pos_shop_sync_receive_button", run: "click"},
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.previewIsBlocked("Blocked Promo"),
        ].flat(Infinity),
});

/**
 * pos_loyalty computes another reward here than the one sent: the cart is not
 * kept with another total, the transfer is given back with the reason.
 */
tours.add("ShopSyncLoyaltyGivenBackTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.clickControlButtonMore(),
            {trigger: ".o_pos_shop_sync_receive_button", run: "click"},
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.previewTotalIs("28.00"),
            ShopSync.accept(),
            Notification.has("was given back, its rewards differ here", "danger"),
            ShopSync.waitUntil(
                "the transfer is offered again",
                async () => (await ShopSync.serverIncoming()).length === 1
            ),
        ].flat(Infinity),
});

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
/* global posmodel */
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

// Shop 2 waits; the test sends it a cart from another cursor once its websocket
// subscribed (tests/test_frontend_bus.py). The badge may only come from the
// notification that the bus delivers to the POS's subscription, with no call to
// the server between the message and the badge; the list then opens with the
// new row, fetched by its id.
registry.category("web_tour.tours").add("ShopSyncBusNotificationTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.recordCalls(),
            {
                content: "record what the bus delivers to the POS's SHOP_SYNC handler",
                trigger: ".product-screen",
                run: () => {
                    const delivered = (window.shopSyncBusTourDelivered = []);
                    const calls = window.shopSyncCalls;
                    const handle = posmodel.onShopSyncNotification;
                    posmodel.onShopSyncNotification = function (payload) {
                        delivered.push({payload, callsBefore: calls.length});
                        return handle.call(this, payload);
                    };
                },
            },
            {
                content: "nothing waits yet",
                trigger: ".more-btn:not(:has(.o_pos_shop_sync_actions_badge))",
            },
            {
                content: "the transfer sent meanwhile arrives",
                trigger: '.more-btn .o_pos_shop_sync_actions_badge:contains("1")',
                timeout: 60000,
            },
            {
                content:
                    "it came through the bus as a 'new' message with its lists, and " +
                    "the badge changed with no call to the server in between",
                trigger: "body",
                run: () => {
                    const {shopSyncBusTourDelivered: delivered, shopSyncCalls: calls} =
                        window;
                    const arrival = delivered.find((d) => d.payload.event === "new");
                    if (!arrival) {
                        const events = delivered.map((d) => d.payload.event);
                        throw new Error(`bus notifications delivered: ${events}`);
                    }
                    const {payload} = arrival;
                    if (payload.state !== "pending" || payload.incoming !== true) {
                        throw new Error(
                            `unexpected message: ${JSON.stringify(payload)}`
                        );
                    }
                    const since = calls.slice(arrival.callsBefore);
                    if (since.length) {
                        throw new Error(`calls after the message: ${since}`);
                    }
                    window.shopSyncBusTourCallsAtBadge = calls.length;
                },
            },
            ShopSync.actionsBadgeIs(1),
            ProductScreen.clickControlButtonMore(),
            {trigger: ".o_pos_shop_sync_receive_button", run: "click"},
            ShopSync.incomingHas("SYNC/", "Shop 1", "3 items"),
            {
                content: "the list fetched the new row by its id",
                trigger: "body",
                run: () => {
                    const calls = window.shopSyncCalls.slice(
                        window.shopSyncBusTourCallsAtBadge
                    );
                    if (!calls.includes("get_rows") || calls.includes("get_incoming")) {
                        throw new Error(`calls when the list opened: ${calls}`);
                    }
                },
            },
        ].flat(),
});

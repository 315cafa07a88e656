// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
/* global posmodel */
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

// Shop 2 waits; the test sends it a cart from another cursor once its websocket
// subscribed (tests/test_frontend_bus.py). The badge may only come from the
// notification that the bus delivers to the POS's subscription.
registry.category("web_tour.tours").add("ShopSyncBusNotificationTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            {
                content: "record what the bus delivers to the POS's SHOP_SYNC handler",
                trigger: ".product-screen",
                run: () => {
                    const delivered = (window.shopSyncBusTourDelivered = []);
                    const handle = posmodel.onShopSyncNotification;
                    posmodel.onShopSyncNotification = function (payload) {
                        delivered.push(payload);
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
                content: "it came through the bus as a 'new' notification",
                trigger: "body",
                run: () => {
                    const events = window.shopSyncBusTourDelivered.map((p) => p.event);
                    if (!events.includes("new")) {
                        throw new Error(`bus notifications delivered: ${events}`);
                    }
                },
            },
            ShopSync.actionsBadgeIs(1),
        ].flat(),
});

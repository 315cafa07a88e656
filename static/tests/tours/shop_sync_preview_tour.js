// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

// The preview shows what each line is: a badge for a line that is not an
// ordinary product, none for an ordinary product.
tours.add("ShopSyncPreviewLineKindTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.previewHasLine("Desk Pad", "2", "1.98", "0", "3.96"),
            {
                content: "the returned Monitor Stand is marked Refund",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Monitor Stand'))" +
                    " .o_pos_shop_sync_line_kind[data-kind='refund']:contains('Refund')",
            },
            {
                content: "the ordinary Desk Pad has no badge",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Desk Pad'))" +
                    ":not(:has(.o_pos_shop_sync_line_kind))",
            },
            {trigger: ".o_pos_shop_sync_back", run: "click"},
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";

const tours = registry.category("web_tour.tours");

/** A French cashier on a terminal that sends and receives. */
tours.add("ShopSyncFrenchTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ProductScreen.clickDisplayedProduct("Desk Pad"),
            ProductScreen.clickControlButtonMore(),
            {
                content: "Send Order is in French",
                trigger: ".o_pos_shop_sync_send_button:contains('Envoyer la commande')",
                run: "click",
            },
            {
                content: "the Send Order dialog is in French",
                trigger:
                    ".modal:has(.o_pos_shop_sync_send) .modal-title:contains('Envoyer la commande')",
            },
            {trigger: ".o_pos_shop_sync_assigned:contains('Attribuée')"},
            {trigger: ".o_pos_shop_sync_broadcast:contains('Diffusion')"},
            {
                trigger:
                    ".o_pos_shop_sync_send p:contains('Envoyer ce panier à une boutique.')",
            },
            {
                trigger: ".o_pos_shop_sync_send_confirm:contains('Envoyer')",
            },
            {
                content: "close it",
                trigger:
                    ".modal:has(.o_pos_shop_sync_send) .modal-footer .btn-secondary",
                run: "click",
            },
            ProductScreen.clickControlButtonMore(),
            {
                content: "Receive Order is in French",
                trigger:
                    ".o_pos_shop_sync_receive_button:contains('Recevoir la commande')",
                run: "click",
            },
            {
                content: "the Receive Order dialog is in French",
                trigger:
                    ".modal:has(.o_pos_shop_sync_receive) .modal-title:contains('Recevoir la commande')",
            },
            {
                trigger: ".o_pos_shop_sync_empty:contains('Aucune commande entrante')",
            },
        ].flat(),
});

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {patch} from "@web/core/utils/patch";
import {_t} from "@web/core/l10n/translation";
import {AlertDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {ControlButtons} from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import {SendOrderDialog} from "@pos_shop_sync/app/send_order_dialog/send_order_dialog";
import {ReceiveOrderDialog} from "@pos_shop_sync/app/receive_order_dialog/receive_order_dialog";

patch(ControlButtons.prototype, {
    clickShopSyncSend() {
        const order = this.pos.get_order();
        if (order.is_empty() && !this.pos.shopSyncOutgoingCount) {
            this.dialog.add(AlertDialog, {
                title: _t("Empty cart"),
                body: _t("Add products to the cart before sending it to another shop."),
            });
            return;
        }
        this.dialog.add(SendOrderDialog);
    },
    clickShopSyncReceive() {
        this.dialog.add(ReceiveOrderDialog);
    },
});

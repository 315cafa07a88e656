// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/** The content of a transfer before it is accepted; resolves true on Accept. */
export class SyncPreviewDialog extends Component {
    static template = "pos_shop_sync.SyncPreviewDialog";
    static components = { Dialog };
    static props = { transfer: Object, getPayload: Function, close: Function };

    setup() {
        this.pos = usePos();
    }
    formatCurrency(amount) {
        return this.env.utils.formatCurrency(amount);
    }
    accept() {
        this.props.getPayload(true);
        this.props.close();
    }
}

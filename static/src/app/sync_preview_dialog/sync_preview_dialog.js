// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {Component} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {useService} from "@web/core/utils/hooks";
import {usePos} from "@point_of_sale/app/store/pos_hook";
import {makeAwaitable} from "@point_of_sale/app/store/make_awaitable_dialog";
import {TextInputPopup} from "@point_of_sale/app/utils/input_popups/text_input_popup";
import {
    kindLabel,
    previewLineDetails,
    previewRows,
} from "@pos_shop_sync/app/shop_sync/shop_sync_utils";

/**
 * The content of a transfer before it is accepted, with what this terminal
 * cannot rebuild as sent. Resolves `{ action: "accept" }` or
 * `{ action: "decline", reason }`.
 */
export class SyncPreviewDialog extends Component {
    static template = "pos_shop_sync.SyncPreviewDialog";
    static components = {Dialog};
    static props = {transfer: Object, getPayload: Function, close: Function};

    setup() {
        this.dialog = useService("dialog");
        this.pos = usePos();
    }
    get canAccept() {
        return !this.props.transfer.blocking_reasons?.length;
    }
    /** The lines, each combo item under its parent, with what to show under the name. */
    get rows() {
        // The attribute values in the order they were sent, as the sender's line.
        return previewRows(this.props.transfer).map((row) => ({
            ...row,
            ...previewLineDetails(row.line),
            isComboParent: Boolean(row.line.combo_line_ids?.length),
            kindLabel: kindLabel(row.line.line_kind),
        }));
    }
    /** "SN" or "Lot Number" before a line's lot names, as Odoo's order line says. */
    lotLabel(line) {
        const product = this.pos.models["product.product"].get(line.product_id);
        return product?.tracking === "lot" ? _t("Lot Number") : _t("SN");
    }
    formatCurrency(amount) {
        return this.env.utils.formatCurrency(amount);
    }
    terminalPriceTitle(line) {
        return _t(
            "Price on this terminal: %s",
            this.formatCurrency(line.terminal_price)
        );
    }
    accept() {
        this.props.getPayload({action: "accept"});
        this.props.close();
    }
    async decline() {
        const reason = await makeAwaitable(this.dialog, TextInputPopup, {
            title: _t("Why do you decline %s?", this.props.transfer.name),
            placeholder: _t("e.g. out of stock, customer left"),
        });
        if (reason?.trim()) {
            this.props.getPayload({action: "decline", reason: reason.trim()});
            this.props.close();
        }
    }
}

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// pos_discount's global discount in a transfer (the module is optional: read
// through the terminal's discount_product_id when it has one, never imported).
import {patch} from "@web/core/utils/patch";
import {PosStore} from "@point_of_sale/app/store/pos_store";

patch(PosStore.prototype, {
    /** A global discount line carries the taxes of the tax group it discounts. */
    shopSyncLineModuleValues(line) {
        const values = super.shopSyncLineModuleValues(...arguments);
        const discountProduct = this.config.discount_product_id;
        if (discountProduct && line.product_id?.id === discountProduct.id) {
            return {...values, tax_ids: (line.tax_ids || []).map((tax) => tax.id)};
        }
        return values;
    },
});

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {describe, expect, test} from "@odoo/hoot";
import {
    buildSendPayload,
    missingProductIds,
    transferToLineValues,
} from "@pos_shop_sync/app/shop_sync/shop_sync_utils";

const order = {
    partner_id: {id: 7},
    pricelist_id: {id: 3},
    fiscal_position_id: false,
    general_note: "Deliver at noon",
    lines: [
        {
            product_id: {id: 11},
            qty: 2,
            price_unit: 80,
            discount: 10,
            customer_note: "Gift wrap",
            note: "Scratched",
        },
        {product_id: {id: 12}, qty: 1, price_unit: 2.5, discount: 0},
    ],
};

const transfer = {
    id: 5,
    name: "SYNC/00005",
    lines: [
        {
            product_id: 11,
            qty: 2,
            price_unit: 80,
            discount: 10,
            customer_note: "Gift wrap",
            note: "Scratched",
        },
        {
            product_id: 12,
            qty: 1,
            price_unit: 2.5,
            discount: 0,
            customer_note: "",
            note: "",
        },
        {
            product_id: 11,
            qty: 3,
            price_unit: 75,
            discount: 0,
            customer_note: "",
            note: "",
        },
    ],
};

describe("buildSendPayload", () => {
    test("copies the cart as the server expects it", () => {
        expect(
            buildSendPayload(order, {uuid: "u-1", syncType: "assigned", targetIds: [4]})
        ).toEqual({
            uuid: "u-1",
            sync_type: "assigned",
            target_config_ids: [4],
            partner_id: 7,
            pricelist_id: 3,
            fiscal_position_id: false,
            note: "Deliver at noon",
            lines: [
                {
                    product_id: 11,
                    qty: 2,
                    price_unit: 80,
                    discount: 10,
                    customer_note: "Gift wrap",
                    note: "Scratched",
                },
                {
                    product_id: 12,
                    qty: 1,
                    price_unit: 2.5,
                    discount: 0,
                    customer_note: "",
                    note: "",
                },
            ],
        });
    });

    test("an order without customer or pricelist sends false", () => {
        const payload = buildSendPayload(
            {lines: [], partner_id: undefined, pricelist_id: null},
            {uuid: "u-2", syncType: "broadcast", targetIds: [4, 5]}
        );
        expect(payload.partner_id).toBe(false);
        expect(payload.pricelist_id).toBe(false);
        expect(payload.note).toBe("");
        expect(payload.target_config_ids).toEqual([4, 5]);
    });
});

describe("transferToLineValues", () => {
    test("keeps every sent price as a manual price", () => {
        const values = transferToLineValues(transfer);
        expect(values.length).toBe(3);
        expect(values[0]).toEqual({
            product_id: 11,
            qty: 2,
            price_unit: 80,
            price_type: "manual",
            discount: 10,
            customer_note: "Gift wrap",
            note: "Scratched",
        });
        expect(values.map((v) => v.price_type)).toEqual(["manual", "manual", "manual"]);
    });
});

describe("helpers", () => {
    test("missingProductIds lists each unloaded product once", () => {
        expect(missingProductIds(transfer, (id) => id === 12)).toEqual([11]);
        expect(missingProductIds(transfer, () => true)).toEqual([]);
    });
});

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {describe, expect, test} from "@odoo/hoot";
import {patchTranslations} from "@web/../tests/web_test_helpers";
import {
    buildSendPayload,
    kindLabel,
    missingRecordIds,
    previewLineDetails,
    previewRows,
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
                    attribute_value_ids: [],
                    custom_attribute_value_ids: [],
                    pack_lot_ids: [],
                },
                {
                    product_id: 12,
                    qty: 1,
                    price_unit: 2.5,
                    discount: 0,
                    customer_note: "",
                    note: "",
                    attribute_value_ids: [],
                    custom_attribute_value_ids: [],
                    pack_lot_ids: [],
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

// A cart of every kind of line, as the POS's records hold it.
const extraCheese = {id: 31};
const engraving = {id: 32};
const menu = {
    uuid: "menu-1",
    product_id: {id: 40},
    qty: 2,
    price_unit: 0,
    discount: 5,
    combo_line_ids: [],
};
const fullCart = {
    partner_id: false,
    pricelist_id: {id: 3},
    fiscal_position_id: {id: 9},
    general_note: "",
    customer_count: 3,
    lines: [
        {
            uuid: "pizza-1",
            product_id: {id: 20},
            qty: 1,
            price_unit: 11.5,
            discount: 0,
            attribute_value_ids: [extraCheese, engraving],
            custom_attribute_value_ids: [
                {
                    custom_product_template_attribute_value_id: engraving,
                    custom_value: "Happy birthday Anna",
                },
            ],
            pack_lot_ids: [],
        },
        menu,
        {
            uuid: "burger-1",
            product_id: {id: 41},
            qty: 2,
            price_unit: 9,
            discount: 5,
            combo_parent_id: menu,
            combo_item_id: {id: 51},
        },
        {
            uuid: "phone-1",
            product_id: {id: 60},
            qty: 2,
            price_unit: 199,
            discount: 0,
            pack_lot_ids: [{lot_name: "SN-1"}, {lot_name: "SN-2"}, {lot_name: ""}],
        },
        {uuid: "cheese-1", product_id: {id: 70}, qty: 0.355, price_unit: 21.9},
        {uuid: "return-1", product_id: {id: 12}, qty: -1, price_unit: 2.5},
    ],
};

describe("buildSendPayload: attributes, combos, lots, guests", () => {
    const payload = buildSendPayload(fullCart, {
        uuid: "u-3",
        syncType: "assigned",
        targetIds: [4],
    });

    test("sends the guests, only when there are some", () => {
        expect(payload.customer_count).toBe(3);
        const none = buildSendPayload(
            {...fullCart, customer_count: 0},
            {uuid: "u-4", syncType: "assigned", targetIds: [4]}
        );
        expect("customer_count" in none).toBe(false);
    });

    test("sends each line's uuid, attribute values and custom values", () => {
        expect(payload.lines[0]).toEqual({
            uuid: "pizza-1",
            product_id: 20,
            qty: 1,
            price_unit: 11.5,
            discount: 0,
            customer_note: "",
            note: "",
            attribute_value_ids: [31, 32],
            custom_attribute_value_ids: [
                {
                    custom_product_template_attribute_value_id: 32,
                    custom_value: "Happy birthday Anna",
                },
            ],
            pack_lot_ids: [],
        });
    });

    test("a combo item points at its parent by uuid; the parent has no combo key", () => {
        expect(payload.lines[1].uuid).toBe("menu-1");
        expect("combo_parent_uuid" in payload.lines[1]).toBe(false);
        expect("combo_item_id" in payload.lines[1]).toBe(false);
        expect(payload.lines[2].combo_parent_uuid).toBe("menu-1");
        expect(payload.lines[2].combo_item_id).toBe(51);
    });

    test("sends the lot/serial names typed, not the empty inputs", () => {
        expect(payload.lines[3].pack_lot_ids).toEqual([
            {lot_name: "SN-1"},
            {lot_name: "SN-2"},
        ]);
    });

    test("keeps every quantity and price: decimal, negative, manual", () => {
        expect(payload.lines.map((line) => [line.qty, line.price_unit])).toEqual([
            [1, 11.5],
            [2, 0],
            [2, 9],
            [2, 199],
            [0.355, 21.9],
            [-1, 2.5],
        ]);
    });
});

// The transfer dict the server gives back for fullCart (contract of issue #14).
const fullTransfer = {
    id: 8,
    name: "SYNC/00008",
    lines: [
        {
            id: 101,
            uuid: "burger-1",
            product_id: 41,
            qty: 2,
            price_unit: 9,
            discount: 5,
            customer_note: "",
            note: "No onion",
            attribute_value_ids: [],
            attribute_values: [],
            custom_attribute_value_ids: [],
            pack_lot_ids: [],
            combo_parent_id: 102,
            combo_parent_uuid: "menu-1",
            combo_line_ids: [],
            combo_item_id: 51,
        },
        {
            id: 102,
            uuid: "menu-1",
            product_id: 40,
            qty: 2,
            price_unit: 0,
            discount: 5,
            attribute_value_ids: [],
            custom_attribute_value_ids: [],
            pack_lot_ids: [],
            combo_parent_id: false,
            combo_parent_uuid: false,
            combo_line_ids: [101, 103],
            combo_item_id: false,
        },
        {
            id: 103,
            uuid: "cola-1",
            product_id: 42,
            qty: 2,
            price_unit: 3,
            discount: 5,
            attribute_value_ids: [],
            custom_attribute_value_ids: [],
            pack_lot_ids: [{lot_name: "L-7"}],
            combo_parent_id: 102,
            combo_parent_uuid: "menu-1",
            combo_line_ids: [],
            combo_item_id: 52,
        },
        {
            id: 104,
            uuid: "pizza-1",
            product_id: 20,
            qty: 1,
            price_unit: 11.5,
            discount: 0,
            attribute_value_ids: [31, 32],
            attribute_values: [
                {
                    id: 31,
                    attribute_name: "Toppings",
                    name: "Extra cheese",
                    price_extra: 1.5,
                },
                {id: 32, attribute_name: "Engraving", name: "Custom", price_extra: 0},
            ],
            custom_attribute_value_ids: [
                {
                    custom_product_template_attribute_value_id: 32,
                    custom_value: "Happy birthday Anna",
                },
            ],
            pack_lot_ids: [],
            combo_parent_id: false,
            combo_parent_uuid: false,
            combo_line_ids: [],
            combo_item_id: false,
        },
        {
            id: 105,
            uuid: "phone-1",
            product_id: 60,
            qty: 2,
            price_unit: 199,
            discount: 0,
            pack_lot_ids: [{lot_name: "SN-1"}, {lot_name: "SN-2"}],
            combo_parent_id: false,
            combo_item_id: false,
        },
        // A line of a client that sends the old keys only.
        {id: 106, product_id: 12, qty: -1, price_unit: 2.5, discount: 0},
    ],
};

describe("transferToLineValues", () => {
    test("keeps every sent price as a manual price", () => {
        const values = transferToLineValues(transfer).map((line) => line.values);
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

    const rebuilt = transferToLineValues(fullTransfer, {
        product: (id) => ({id, model: "product"}),
        attributeValue: (id) => ({id, model: "ptav"}),
        comboItem: (id) => ({id, model: "combo item"}),
        taxes: (product) => [["link", {id: `tax of ${product.id}`}]],
    });

    test("a combo is one line with its items created under it, wherever sent", () => {
        expect(rebuilt.map(({values}) => values.product_id)).toEqual([40, 20, 60, 12]);
        const [menuValues] = rebuilt;
        expect(menuValues.values.qty).toBe(2);
        expect(menuValues.values.price_unit).toBe(0);
        expect(menuValues.values.combo_line_ids).toEqual([
            [
                "create",
                {
                    product_id: {id: 41, model: "product"},
                    qty: 2,
                    price_unit: 9,
                    price_type: "manual",
                    discount: 5,
                    customer_note: "",
                    note: "No onion",
                    combo_item_id: {id: 51, model: "combo item"},
                    pack_lot_ids: [],
                    tax_ids: [["link", {id: "tax of 41"}]],
                },
            ],
            [
                "create",
                {
                    product_id: {id: 42, model: "product"},
                    qty: 2,
                    price_unit: 3,
                    price_type: "manual",
                    discount: 5,
                    customer_note: "",
                    note: "",
                    combo_item_id: {id: 52, model: "combo item"},
                    pack_lot_ids: [["create", {lot_name: "L-7"}]],
                    tax_ids: [["link", {id: "tax of 42"}]],
                },
            ],
        ]);
    });

    test("the combo items belong to the order given", () => {
        const order = {id: "pos.order_1"};
        const [menuLine] = transferToLineValues(fullTransfer, {order});
        expect(menuLine.values.combo_line_ids.map(([, item]) => item.order_id)).toEqual(
            [order, order]
        );
        expect("order_id" in menuLine.values).toBe(false);
    });

    test("attribute values are linked and custom values created, as Odoo does", () => {
        const pizza = rebuilt[1].values;
        expect(pizza.attribute_value_ids).toEqual([
            ["link", {id: 31, model: "ptav"}],
            ["link", {id: 32, model: "ptav"}],
        ]);
        expect(pizza.custom_attribute_value_ids).toEqual([
            [
                "create",
                {
                    custom_product_template_attribute_value_id: {id: 32, model: "ptav"},
                    custom_value: "Happy birthday Anna",
                },
            ],
        ]);
        expect(pizza.price_unit).toBe(11.5);
        expect(pizza.price_type).toBe("manual");
    });

    test("a top-level line's lots are given apart, to be set once it is added", () => {
        expect(rebuilt[2].lotNames).toEqual(["SN-1", "SN-2"]);
        expect("pack_lot_ids" in rebuilt[2].values).toBe(false);
        expect(rebuilt[2].values.qty).toBe(2);
    });

    test("old keys only: a plain line, its negative quantity kept", () => {
        expect(rebuilt[3]).toEqual({
            values: {
                product_id: 12,
                qty: -1,
                price_unit: 2.5,
                price_type: "manual",
                discount: 0,
                customer_note: "",
                note: "",
            },
            lotNames: [],
            // The transfer's line it comes from (the rebuild hooks get it).
            line: fullTransfer.lines.at(-1),
        });
    });

    test("what the POS sends, the rebuild gets back line for line", () => {
        const sent = buildSendPayload(fullCart, {
            uuid: "u-5",
            syncType: "assigned",
            targetIds: [4],
        });
        // The server gives the lines back as sent (new keys, same values).
        const back = transferToLineValues({lines: sent.lines});
        const flat = back.flatMap(({values, lotNames}) => [
            {...values, lots: lotNames},
            ...(values.combo_line_ids || []).map(([, child]) => ({
                ...child,
                lots: child.pack_lot_ids.map(([, lot]) => lot.lot_name),
            })),
        ]);
        const key = (line) =>
            JSON.stringify([line.product_id, line.qty, line.price_unit, line.discount]);
        expect(flat.map(key).sort()).toEqual(
            sent.lines
                .map((line) => ({...line, lots: line.pack_lot_ids}))
                .map(key)
                .sort()
        );
        expect(flat.find((line) => line.product_id === 60).lots).toEqual([
            "SN-1",
            "SN-2",
        ]);
        expect(flat.find((line) => line.product_id === 41).combo_item_id).toBe(51);
    });
});

describe("preview", () => {
    test("each combo item right under its parent", () => {
        expect(
            previewRows(fullTransfer).map(({line, isComboItem}) => [
                line.id,
                isComboItem,
            ])
        ).toEqual([
            [102, false],
            [101, true],
            [103, true],
            [104, false],
            [105, false],
            [106, false],
        ]);
    });

    test("combo items named by their parent's id only, in a large cart", () => {
        // 300 menus of 3 items each, every item before its menu, each naming
        // its menu by id (no uuid): one map of the ids for all of them.
        const lines = [];
        for (let menu = 1; menu <= 300; menu++) {
            for (let item = 1; item <= 3; item++) {
                lines.push({id: menu * 10 + item, combo_parent_id: menu * 10});
            }
            lines.push({id: menu * 10, uuid: `menu-${menu}`});
        }
        const rows = previewRows({lines});
        expect(rows.length).toBe(1200);
        expect(
            rows.slice(0, 8).map(({line, isComboItem}) => [line.id, isComboItem])
        ).toEqual([
            [10, false],
            [11, true],
            [12, true],
            [13, true],
            [20, false],
            [21, true],
            [22, true],
            [23, true],
        ]);
        expect(rows.filter((row) => row.isComboItem).length).toBe(900);
    });

    test("an item whose parent is not in the transfer is still shown", () => {
        const rows = previewRows({lines: [{id: 1, combo_parent_id: 99}, {id: 2}]});
        expect(rows.map(({line, isComboItem}) => [line.id, isComboItem])).toEqual([
            [1, true],
            [2, false],
        ]);
    });

    test("each line kind has its badge label; an ordinary product none", () => {
        patchTranslations({Refund: "Remboursement"});
        expect(kindLabel("refund")).toBe("Remboursement");
        expect(kindLabel("reward")).toBe("Reward");
        expect(kindLabel("gift_card")).toBe("Gift Card / eWallet");
        expect(kindLabel("global_discount")).toBe("Global Discount");
        expect(kindLabel("sale_order")).toBe("Sales Order");
        expect(kindLabel("down_payment")).toBe("Down Payment");
        expect(kindLabel("product")).toBe("");
        expect(kindLabel(undefined)).toBe("");
        expect(kindLabel("from_a_newer_version")).toBe("");
    });

    test("attribute choices and custom values under the name, then the lots", () => {
        expect(previewLineDetails(fullTransfer.lines[3])).toEqual({
            attributes: [
                "Toppings: Extra cheese",
                "Engraving: Custom: Happy birthday Anna",
            ],
            lots: [],
        });
        expect(previewLineDetails(fullTransfer.lines[4])).toEqual({
            attributes: [],
            lots: ["SN-1", "SN-2"],
        });
        expect(previewLineDetails(fullTransfer.lines[5])).toEqual({
            attributes: [],
            lots: [],
        });
    });
});

describe("missingRecordIds", () => {
    test("lists each unloaded product, attribute value and combo item once", () => {
        expect(missingRecordIds(transfer, (model, id) => id === 12)).toEqual({
            "product.product": [11],
        });
        expect(missingRecordIds(transfer, () => true)).toEqual({});
        const loaded = new Set([40, 41, 20, 60, 12, 31, 51]);
        expect(missingRecordIds(fullTransfer, (model, id) => loaded.has(id))).toEqual({
            "product.product": [42],
            "product.template.attribute.value": [32],
            "product.combo.item": [52],
        });
    });
});

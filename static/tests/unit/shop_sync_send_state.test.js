// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {describe, expect, test} from "@odoo/hoot";
import {
    buildSendPayload,
    isSameSend,
    sendFingerprint,
} from "@pos_shop_sync/app/shop_sync/shop_sync_utils";

const cart = {
    partner_id: {id: 7},
    pricelist_id: {id: 3},
    fiscal_position_id: false,
    general_note: "",
    lines: [{product_id: {id: 11}, qty: 2, price_unit: 80, discount: 0}],
};
const options = {syncType: "assigned", targetIds: [4]};

describe("sendFingerprint", () => {
    test("ignores the client reference, not the cart", () => {
        const first = sendFingerprint(buildSendPayload(cart, {uuid: "a", ...options}));
        const again = sendFingerprint(buildSendPayload(cart, {uuid: "b", ...options}));
        expect(first).toBe(again);
        const changed = {...cart, lines: [...cart.lines, cart.lines[0]]};
        expect(
            sendFingerprint(buildSendPayload(changed, {uuid: "a", ...options}))
        ).not.toBe(first);
        const elsewhere = {syncType: "assigned", targetIds: [5]};
        expect(
            sendFingerprint(buildSendPayload(cart, {uuid: "a", ...elsewhere}))
        ).not.toBe(first);
    });
});

describe("isSameSend", () => {
    test("only when every lost attempt carried this cart", () => {
        expect(isSameSend([], "x")).toBe(true);
        expect(isSameSend(["x", "x"], "x")).toBe(true);
        expect(isSameSend(["x", "y"], "x")).toBe(false);
        expect(isSameSend(["y"], "x")).toBe(false);
    });
});

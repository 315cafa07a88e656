// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Pure helpers of Shop Sync: no store, no component, so that Hoot tests them alone.

/**
 * The `send_from_ui` payload of a POS order.
 *
 * @param {Object} order a pos.order record of the POS (or an object of its shape)
 * @param {{uuid: string, syncType: "assigned"|"broadcast", targetIds: number[]}} options
 * @returns {Object}
 */
export function buildSendPayload(order, {uuid, syncType, targetIds}) {
    return {
        uuid,
        sync_type: syncType,
        target_config_ids: [...targetIds],
        partner_id: order.partner_id?.id || false,
        pricelist_id: order.pricelist_id?.id || false,
        fiscal_position_id: order.fiscal_position_id?.id || false,
        note: order.general_note || "",
        lines: order.lines.map((line) => ({
            product_id: line.product_id.id,
            qty: line.qty,
            price_unit: line.price_unit,
            discount: line.discount || 0,
            customer_note: line.customer_note || "",
            note: line.note || "",
        })),
    };
}

/**
 * The values of `PosStore.addLineToOrder` that rebuild a transfer's lines exactly:
 * the sent unit price is kept as a manually set price.
 *
 * @param {Object} transfer a transfer dict of the server API
 * @returns {Object[]}
 */
export function transferToLineValues(transfer) {
    return transfer.lines.map((line) => ({
        product_id: line.product_id,
        qty: line.qty,
        price_unit: line.price_unit,
        price_type: "manual",
        discount: line.discount || 0,
        customer_note: line.customer_note || "",
        note: line.note || "",
    }));
}

/** The product ids of a transfer that `isLoaded(id)` says are not loaded. */
export function missingProductIds(transfer, isLoaded) {
    return [...new Set(transfer.lines.map((line) => line.product_id))].filter(
        (id) => !isLoaded(id)
    );
}

/**
 * What a send carries, without its client reference: two sends of one cart
 * with the same fingerprint would make the same transfer.
 *
 * @param {Object} payload a `send_from_ui` payload (see buildSendPayload)
 * @returns {string}
 */
export function sendFingerprint(payload) {
    const rest = {...payload};
    delete rest.uuid;
    return JSON.stringify(rest);
}

/**
 * Whether a send of `fingerprint` may be treated as the one the server
 * already holds: every earlier attempt whose answer was lost carried the same
 * cart (the server holds one of them, which one is not known).
 *
 * @param {string[]} unknown the fingerprints of the attempts whose outcome is unknown
 * @param {string} fingerprint the cart as it is now
 * @returns {boolean}
 */
export function isSameSend(unknown, fingerprint) {
    return unknown.every((earlier) => earlier === fingerprint);
}

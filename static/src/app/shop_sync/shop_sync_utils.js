// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Pure helpers of Shop Sync: no store, no component, so that Hoot tests them alone.
import {_t} from "@web/core/l10n/translation";

/**
 * The `send_from_ui` payload of a POS order: per line what Odoo's own
 * pos.order.line holds (attribute and custom values, lot/serial numbers, the
 * combo structure), and the guests when the order has some.
 *
 * @param {Object} order a pos.order record of the POS (or an object of its shape)
 * @param {{uuid: string, syncType: "assigned"|"broadcast", targetIds: number[]}} options
 * @returns {Object}
 */
export function buildSendPayload(order, {uuid, syncType, targetIds}) {
    const payload = {
        uuid,
        sync_type: syncType,
        target_config_ids: [...targetIds],
        partner_id: order.partner_id?.id || false,
        pricelist_id: order.pricelist_id?.id || false,
        fiscal_position_id: order.fiscal_position_id?.id || false,
        note: order.general_note || "",
        lines: order.lines.map(lineToPayload),
    };
    if (order.customer_count) {
        payload.customer_count = order.customer_count;
    }
    return payload;
}

function lineToPayload(line) {
    const values = {
        product_id: line.product_id.id,
        qty: line.qty,
        price_unit: line.price_unit,
        discount: line.discount || 0,
        customer_note: line.customer_note || "",
        note: line.note || "",
        attribute_value_ids: (line.attribute_value_ids || []).map((value) => value.id),
        custom_attribute_value_ids: (line.custom_attribute_value_ids || []).map(
            (custom) => ({
                custom_product_template_attribute_value_id:
                    custom.custom_product_template_attribute_value_id?.id,
                custom_value: custom.custom_value || "",
            })
        ),
        pack_lot_ids: (line.pack_lot_ids || [])
            .filter((lot) => lot.lot_name)
            .map((lot) => ({lot_name: lot.lot_name})),
    };
    if (line.uuid) {
        values.uuid = line.uuid;
    }
    // The combo keys are for combo items only (the server refuses them elsewhere).
    if (line.combo_parent_id) {
        values.combo_parent_uuid = line.combo_parent_id.uuid;
        values.combo_item_id = line.combo_item_id?.id || false;
    }
    return values;
}

/**
 * The lines of a transfer as `PosStore.addLineToOrder` takes them, in the
 * shapes Odoo's own configurator and combo popup build: attribute values
 * linked, custom values created, a combo parent with its items created under
 * it (`combo_line_ids`). Every sent price is kept as a manually set price.
 *
 * Lot/serial numbers of a top-level line are given apart (`lotNames`):
 * `addLineToOrder` drops the lots of the line it adds (it would ask for them),
 * so they are set on the line once added. A combo item's lots are created
 * with it.
 *
 * @param {Object} transfer a transfer dict of the server API
 * @param {Object} [records] resolvers of ids into the POS's records:
 *      `product(id)`, `attributeValue(id)`, `comboItem(id)`, `taxes(product)`
 *      (the tax commands of a combo item); ids are kept without them; and
 *      `order`, the order the combo items belong to
 * @returns {{values: Object, lotNames: string[], line: Object}[]} one per
 *      top-level line, with the transfer's line it comes from
 */
export function transferToLineValues(transfer, records = {}) {
    const resolve = {
        product: (id) => id,
        attributeValue: (id) => id,
        comboItem: (id) => id,
        taxes: () => undefined,
        ...records,
    };
    const items = comboItemsByParent(transfer.lines);
    return transfer.lines
        .filter((line) => !isComboItem(line))
        .map((line) => {
            const values = lineValues(line, resolve);
            const children = items.get(line.uuid) || [];
            if (children.length) {
                values.combo_line_ids = children.map((item) => {
                    const product = resolve.product(item.product_id);
                    const child = {
                        ...lineValues(item, resolve),
                        product_id: product,
                        combo_item_id: resolve.comboItem(item.combo_item_id),
                        pack_lot_ids: lotNames(item).map((name) => [
                            "create",
                            {lot_name: name},
                        ]),
                    };
                    const taxes = resolve.taxes(product);
                    if (taxes) {
                        child.tax_ids = taxes;
                    }
                    if (resolve.order) {
                        child.order_id = resolve.order;
                    }
                    return ["create", child];
                });
            }
            return {values, lotNames: lotNames(line), line};
        });
}

function isComboItem(line) {
    return Boolean(line.combo_parent_uuid || line.combo_parent_id);
}

/** Each line's uuid by its id (a transfer's combo items name their parent by id). */
function uuidsById(lines) {
    return new Map(lines.map((line) => [line.id, line.uuid]));
}

/** The uuid of the combo line a combo item belongs to. */
function parentUuid(line, uuidById) {
    return line.combo_parent_uuid || uuidById.get(line.combo_parent_id);
}

/** The combo items of `lines` by their parent's uuid, in the sent order. */
function comboItemsByParent(lines, uuidById = uuidsById(lines)) {
    const items = new Map();
    for (const line of lines) {
        if (!isComboItem(line)) {
            continue;
        }
        const parent = parentUuid(line, uuidById);
        if (!items.has(parent)) {
            items.set(parent, []);
        }
        items.get(parent).push(line);
    }
    return items;
}

function lotNames(line) {
    return (line.pack_lot_ids || []).map((lot) => lot.lot_name).filter(Boolean);
}

function lineValues(line, resolve) {
    const values = {
        product_id: line.product_id,
        qty: line.qty,
        price_unit: line.price_unit,
        price_type: "manual",
        discount: line.discount || 0,
        customer_note: line.customer_note || "",
        note: line.note || "",
    };
    if (line.attribute_value_ids?.length) {
        values.attribute_value_ids = line.attribute_value_ids.map((id) => [
            "link",
            resolve.attributeValue(id),
        ]);
    }
    if (line.custom_attribute_value_ids?.length) {
        values.custom_attribute_value_ids = line.custom_attribute_value_ids.map(
            (custom) => [
                "create",
                {
                    custom_product_template_attribute_value_id: resolve.attributeValue(
                        custom.custom_product_template_attribute_value_id
                    ),
                    custom_value: custom.custom_value || "",
                },
            ]
        );
    }
    return values;
}

/**
 * The lines of a transfer as the preview lists them: each combo item right
 * under its parent (`isComboItem`), whatever the order they were sent in.
 *
 * @param {Object} transfer a transfer dict of the server API
 * @returns {{line: Object, isComboItem: boolean}[]}
 */
export function previewRows(transfer) {
    // One map for the items and their parents: linear in the number of lines.
    const uuidById = uuidsById(transfer.lines);
    const items = comboItemsByParent(transfer.lines, uuidById);
    const known = new Set(transfer.lines.map((line) => line.uuid).filter(Boolean));
    const rows = [];
    for (const line of transfer.lines) {
        if (isComboItem(line)) {
            if (!known.has(parentUuid(line, uuidById))) {
                // An item without its parent (never from the server): still shown.
                rows.push({line, isComboItem: true});
            }
            continue;
        }
        rows.push({line, isComboItem: false});
        for (const item of (line.uuid && items.get(line.uuid)) || []) {
            rows.push({line: item, isComboItem: true});
        }
    }
    return rows;
}

/**
 * The label of a line's kind (`line_kind` of a transfer's line) for the
 * preview's badge, translated; empty for an ordinary product line (no badge)
 * and for a kind this version does not know.
 *
 * @param {string} [kind] product, reward, gift_card, global_discount,
 *      sale_order, down_payment or refund
 * @returns {string}
 */
export function kindLabel(kind) {
    switch (kind) {
        case "reward":
            return _t("Reward");
        case "gift_card":
            return _t("Gift Card / eWallet");
        case "global_discount":
            return _t("Global Discount");
        case "sale_order":
            return _t("Sales Order");
        case "down_payment":
            return _t("Down Payment");
        case "refund":
            return _t("Refund");
        default:
            return "";
    }
}

/**
 * What the preview writes under a line's product name, as Odoo's order line
 * does: its attribute choices (custom values with their text), then its
 * lot/serial numbers.
 *
 * @param {Object} line a line of a transfer dict
 * @returns {{attributes: string[], lots: string[]}}
 */
export function previewLineDetails(line) {
    const sent = new Map(
        (line.attribute_values || []).map((value) => [value.id, value])
    );
    const customs = new Map(
        (line.custom_attribute_value_ids || []).map((custom) => [
            custom.custom_product_template_attribute_value_id,
            custom.custom_value,
        ])
    );
    const attributes = (line.attribute_value_ids || [])
        .map((id) => {
            const value = sent.get(id);
            if (!value) {
                return "";
            }
            let text = `${value.attribute_name}: ${value.name}`;
            if (customs.has(id)) {
                text += `: ${customs.get(id)}`;
            }
            return text;
        })
        .filter(Boolean);
    return {attributes, lots: lotNames(line)};
}

/**
 * The ids a transfer needs that `isLoaded(model, id)` says are not loaded:
 * products, attribute values and combo items.
 *
 * @param {Object} transfer a transfer dict of the server API
 * @param {Function} isLoaded (model, id) => Boolean
 * @returns {Object} model name => ids
 */
export function missingRecordIds(transfer, isLoaded) {
    const wanted = {
        "product.product": transfer.lines.map((line) => line.product_id),
        "product.template.attribute.value": transfer.lines.flatMap((line) => [
            ...(line.attribute_value_ids || []),
            ...(line.custom_attribute_value_ids || []).map(
                (custom) => custom.custom_product_template_attribute_value_id
            ),
        ]),
        "product.combo.item": transfer.lines
            .map((line) => line.combo_item_id)
            .filter(Boolean),
    };
    const missing = {};
    for (const [model, ids] of Object.entries(wanted)) {
        const unloaded = [...new Set(ids)].filter((id) => id && !isLoaded(model, id));
        if (unloaded.length) {
            missing[model] = unloaded;
        }
    }
    return missing;
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

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
/* global posmodel */
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ProductConfigurator from "@point_of_sale/../tests/tours/utils/product_configurator_util";
import * as Combo from "@point_of_sale/../tests/tours/utils/combo_popup_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import * as Notification from "@point_of_sale/../tests/tours/utils/generic_components/notification_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as TextInputPopup from "@point_of_sale/../tests/tours/utils/text_input_popup_util";
import {inLeftSide} from "@point_of_sale/../tests/tours/utils/common";
import {computeComboItems} from "@point_of_sale/app/models/utils/compute_combo_items";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

function addInternalNote(note) {
    return inLeftSide(
        [
            {
                content: "click Internal Note",
                trigger: ProductScreen.controlButtonTrigger("Internal Note"),
                run: "click",
            },
            TextInputPopup.inputText(note),
            Dialog.confirm(),
        ].flat()
    );
}

function addGeneralNote(note) {
    return [
        ProductScreen.clickControlButton("General Note"),
        TextInputPopup.inputText(note),
        Dialog.confirm(),
    ].flat();
}

/** The pricelist and the fiscal position of the order, as the Actions dialog shows them. */
function pricelistAndFiscalPositionAre(pricelist, fiscalPosition) {
    return [
        ProductScreen.clickControlButtonMore(),
        {
            content: `the order's pricelist is ${pricelist}`,
            trigger: `.o_pricelist_button:contains("${pricelist}")`,
        },
        {
            content: `the order's fiscal position is ${fiscalPosition}`,
            trigger: `.o_fiscal_position_button:contains("${fiscalPosition}")`,
        },
        Dialog.cancel(),
    ].flat();
}

/**
 * The cart built on Shop 1 through the UI: a pizza configured (an extra priced
 * topping, a typed message), a menu with its burger (extra price) and drink, a
 * serial-numbered phone; a second pricelist, a fiscal position, notes.
 */
function buildCart() {
    return [
        ProductScreen.clickPriceList("Sync Pricelist"),
        ProductScreen.clickFiscalPosition("Sync FP"),
        ProductScreen.clickDisplayedProduct("Sync Pizza"),
        ProductConfigurator.pickRadio("Extra cheese"),
        ProductConfigurator.pickRadio("Custom message"),
        ProductConfigurator.fillCustomAttribute("Happy birthday Anna"),
        Dialog.confirm(),
        addInternalNote("No onions"),
        ProductScreen.clickDisplayedProduct("Sync Menu"),
        Combo.select("Sync Burger B"),
        Combo.select("Sync Cola"),
        Dialog.confirm(),
        ProductScreen.clickDisplayedProduct("Sync Phone"),
        ProductScreen.enterLotNumber("SN-0001"),
        addInternalNote("Screen protector"),
        addGeneralNote("Deliver at noon"),
    ].flat();
}

/** The cart of buildCart, line for line, on the current order. */
function isCart() {
    return [
        inLeftSide(
            [
                Order.hasLine({
                    productName: "Sync Pizza",
                    quantity: "1",
                    price: "11.50",
                    internalNote: "No onions",
                }),
                {
                    // The values in the order the sender's line holds them (the
                    // configurator's): the same text on the receiver.
                    content:
                        "the pizza's name has its message and its topping, in that order",
                    trigger:
                        ".order-container .orderline .product-name:contains(" +
                        "'Sync Pizza (Sync Message: Custom message: Happy birthday Anna, Extra cheese)')",
                },
                Order.hasLine({productName: "Sync Menu", quantity: "1"}),
                Order.hasLine({
                    productName: "Sync Burger B",
                    quantity: "1",
                    price: "14.00",
                    withClass: ".orderline-combo",
                }),
                Order.hasLine({
                    productName: "Sync Cola",
                    quantity: "1",
                    price: "3.00",
                    withClass: ".orderline-combo",
                }),
                Order.hasLine({
                    productName: "Sync Phone",
                    quantity: "1",
                    price: "199.00",
                    internalNote: "Screen protector",
                }),
                {
                    content: "the phone keeps its serial number",
                    trigger:
                        ".order-container .orderline:has(.product-name:contains('Sync Phone'))" +
                        " .info-list li:contains('SN-0001')",
                },
                {
                    content: "the order's general note",
                    trigger:
                        ".order-container:contains('General Note'):contains('Deliver at noon')",
                },
                ProductScreen.checkOrderlinesNumber(5),
            ].flat()
        ),
        ProductScreen.totalAmountIs("227.50"),
        pricelistAndFiscalPositionAre("Sync Pricelist", "Sync FP"),
    ].flat();
}

tours.add("ShopSyncCartSendTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            buildCart(),
            isCart(),
            ShopSync.send("assigned", ["Shop 2"]),
            Notification.has("sent to Shop 2", "success"),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

tours.add("ShopSyncCartReceiveTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            {
                content: "preview: the pizza's attribute choice",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Sync Pizza'))" +
                    " .o_pos_shop_sync_attribute:contains('Sync Topping: Extra cheese')",
            },
            {
                content: "preview: the pizza's custom value",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Sync Pizza'))" +
                    " .o_pos_shop_sync_attribute:contains('Sync Message: Custom message: Happy birthday Anna')",
            },
            ShopSync.previewHasLine("Sync Pizza", "1", "11.50", "0", "11.50"),
            {
                content: "preview: the menu's items are indented right under it",
                trigger:
                    ".o_pos_shop_sync_combo_parent:has(.o_pos_shop_sync_product:contains('Sync Menu'))" +
                    " + .o_pos_shop_sync_combo_item:has(.o_pos_shop_sync_product:contains('Sync Burger B'))" +
                    " + .o_pos_shop_sync_combo_item:has(.o_pos_shop_sync_product:contains('Sync Cola'))",
            },
            ShopSync.previewHasLine("Sync Burger B", "1", "14.00", "0", "14.00"),
            ShopSync.previewHasLine("Sync Cola", "1", "3.00", "0", "3.00"),
            {
                content: "preview: the phone's serial number",
                trigger:
                    ".o_pos_shop_sync_preview_line:has(.o_pos_shop_sync_product:contains('Sync Phone'))" +
                    " .o_pos_shop_sync_lot:contains('SN SN-0001')",
            },
            ShopSync.previewHasLine("Sync Phone", "1", "199.00", "0", "199.00"),
            ShopSync.previewTotalIs("227.50"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            ShopSync.relatedTagIs(),
            {
                content: "no configurator, combo or lot popup opened",
                trigger: "body:not(:has(.modal))",
            },
            isCart(),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            {
                // After the save Odoo reloads the order and names the line from
                // its attribute values before linking its custom values: the
                // custom text is checked on the saved line (Python driver).
                content: "the receipt shows the pizza's attribute value",
                trigger: ".pos-receipt .orderline:contains('Sync Pizza (Extra cheese')",
            },
            {
                content: "the receipt shows the menu's items as combo lines",
                trigger:
                    ".pos-receipt .orderline.orderline-combo:contains('Sync Burger B')" +
                    " ~ .orderline.orderline-combo:contains('Sync Cola')",
            },
            {
                content: "the receipt shows the serial number",
                trigger:
                    ".pos-receipt .orderline:contains('Sync Phone'):contains('SN-0001')",
            },
            {
                content: "the receipt's total",
                trigger: ".pos-receipt:contains('227.50')",
            },
        ].flat(),
});

// ---------------------------------------------------------------------------
// Every kind of line, built through the store API as Odoo's own screens build
// them, sent from Shop 1 and accepted on Shop 2 in the same browser: the two
// carts compared value for value.

const SNAPSHOT_KEY = "pos_shop_sync.cart_snapshot";

const round = (value) => Math.round(value * 1e6) / 1e6;

/** What a cart holds that the customer pays for or reads, line by line. */
/** The pizza of buildEveryLineKind as Odoo names it: its values in the line's order. */
const PIZZA_NAME = "Sync Pizza (Sync Message: Custom message: Ciao, Extra cheese)";

function cartSnapshot(order) {
    const lines = order.lines.map((line) =>
        JSON.stringify({
            product: line.product_id.display_name,
            name: line.get_full_product_name(),
            qty: round(line.qty),
            price_unit: round(line.price_unit),
            discount: line.discount || 0,
            subtotal: round(line.get_price_without_tax()),
            subtotal_incl: round(line.get_price_with_tax()),
            note: line.note || "",
            customer_note: line.customer_note || "",
            attributes: line.attribute_value_ids.map((value) => value.id),
            custom_values: line.custom_attribute_value_ids.map((custom) => [
                custom.custom_product_template_attribute_value_id?.id,
                custom.custom_value,
            ]),
            lots: line.pack_lot_ids.map((lot) => lot.lot_name),
            combo_parent: line.combo_parent_id?.product_id.display_name || false,
            combo_item: line.combo_item_id?.id || false,
            combo_items: line.combo_line_ids.length,
        })
    );
    return {
        lines: lines.sort(),
        total: round(order.get_total_with_tax()),
        tax: round(order.get_total_tax()),
        pricelist: order.pricelist_id?.display_name || false,
        fiscal_position: order.fiscal_position_id?.display_name || false,
        note: order.general_note || "",
    };
}

function productNamed(name) {
    const product = posmodel.models["product.product"].find(
        (p) => p.display_name === name
    );
    if (!product) {
        throw new Error(`No product ${name} in the POS`);
    }
    return product;
}

function attributeValue(product, name) {
    return product.attribute_line_ids
        .flatMap((line) => line.product_template_value_ids)
        .find((value) => value.name === name);
}

/** The lines a cashier can put in a cart, each as Odoo's screens add it. */
async function buildEveryLineKind() {
    const pos = posmodel;
    const order = pos.get_order();
    const models = pos.models;
    order.set_pricelist(
        models["product.pricelist"].find((p) => p.name === "Sync Pricelist")
    );
    order.update({
        fiscal_position_id: models["account.fiscal.position"].find(
            (fp) => fp.name === "Sync FP"
        ),
    });
    order.update({general_note: "Every kind of line"});
    const add = async (vals, opts = {}) =>
        await pos.addLineToOrder(vals, order, opts, false);

    // plain, discounted, with an internal and a customer note
    const plain = await add({product_id: productNamed("Desk Pad"), qty: 3});
    plain.set_discount(12.5);
    plain.setNote("Fragile");
    plain.set_customer_note("Gift wrap");
    // a variant (a product.product of an "always" attribute)
    await add({product_id: productNamed("Sync Shirt (M)")});
    // no-variant attribute with an extra price, and a custom value: the
    // configurator's payload
    const pizza = productNamed("Sync Pizza");
    // in another order than the product's attribute lines (the message
    // first): the receiver keeps the line's own order, and so its name
    const chosen = pizza.attribute_line_ids
        .map((line) =>
            line.product_template_value_ids.find((value) =>
                ["Extra cheese", "Custom message"].includes(value.name)
            )
        )
        .reverse();
    const custom = attributeValue(pizza, "Custom message");
    await add({
        product_id: pizza,
        qty: 2,
        attribute_value_ids: chosen.map((value) => ["link", value]),
        custom_attribute_value_ids: [
            [
                "create",
                {
                    custom_product_template_attribute_value_id: custom,
                    custom_value: "Ciao",
                },
            ],
        ],
        price_extra: chosen.reduce((total, value) => total + value.price_extra, 0),
    });
    // a combo with its items: the combo popup's payload
    const menu = productNamed("Sync Menu");
    const items = menu.combo_ids.map((combo) =>
        combo.combo_item_ids.find((item) =>
            ["Sync Burger B", "Sync Water"].includes(item.product_id.display_name)
        )
    );
    const comboPrices = computeComboItems(
        menu,
        items.map((item) => ({combo_item_id: item})),
        order.pricelist_id,
        models["decimal.precision"].getAll(),
        models["product.template.attribute.value"].getAllBy("id")
    );
    const menuLine = await add({
        product_id: menu,
        combo_line_ids: comboPrices.map((comboItem) => [
            "create",
            {
                product_id: comboItem.combo_item_id.product_id,
                tax_ids: comboItem.combo_item_id.product_id.taxes_id.map((tax) => [
                    "link",
                    tax,
                ]),
                combo_item_id: comboItem.combo_item_id,
                price_unit: comboItem.price_unit,
                price_type: "automatic",
                order_id: order,
                qty: 1,
            },
        ]),
    });
    // the numpad's way: the items follow their parent's quantity
    menuLine.set_quantity(2, true);
    for (const item of menuLine.combo_line_ids) {
        item.set_quantity(2, true);
    }
    // lot-tracked: one lot, three units
    const cable = await add({product_id: productNamed("Sync Cable"), qty: 3});
    cable.setPackLotLines({
        modifiedPackLotLines: {},
        newPackLotLines: [{lot_name: "LOT-A"}],
        setQuantity: false,
    });
    cable.set_quantity(3);
    // serial-tracked: two serial numbers
    const phone = await add({product_id: productNamed("Sync Phone")});
    phone.setPackLotLines({
        modifiedPackLotLines: {},
        newPackLotLines: [{lot_name: "SN-1"}, {lot_name: "SN-2"}],
        setQuantity: true,
    });
    // weighed, a decimal quantity
    await add({product_id: productNamed("Sync Cheese"), qty: 0.35});
    // a return line
    await add({product_id: productNamed("Monitor Stand"), qty: -1});
    // a manual price, on a taxed product (the fiscal position maps its tax)
    await add({product_id: productNamed("Letter Tray"), qty: 2, price_unit: 7.77});
    return order;
}

function snapshotIsSaved() {
    return [
        {
            content: "the cart has every kind of line",
            trigger: "body",
            run: () => {
                const saved = JSON.parse(window.localStorage.getItem(SNAPSHOT_KEY));
                const lines = saved.lines.map((line) => JSON.parse(line));
                const expect = (what, ok) => {
                    if (!ok) {
                        throw new Error(`The sent cart lacks ${what}: ${saved.lines}`);
                    }
                };
                expect("11 lines", lines.length === 11);
                expect(
                    "a combo of two items",
                    lines.some((l) => l.combo_items === 2)
                );
                expect(
                    "a custom value",
                    lines.some((l) => l.custom_values.length)
                );
                expect(
                    "serial numbers",
                    lines.some((l) => l.lots.length === 2)
                );
                expect(
                    "a decimal quantity",
                    lines.some((l) => l.qty === 0.35)
                );
                expect(
                    "a return line",
                    lines.some((l) => l.qty < 0)
                );
                expect(
                    "a discount",
                    lines.some((l) => l.discount === 12.5)
                );
                expect("taxes", saved.tax > 0);
                expect(
                    "the pizza named in its values' own order",
                    lines.some((l) => l.name === PIZZA_NAME)
                );
            },
        },
    ];
}

tours.add("ShopSyncEveryLineKindTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            {
                content: "build a cart of every kind of line",
                trigger: ".product-screen",
                run: async () => {
                    const order = await buildEveryLineKind();
                    window.localStorage.setItem(
                        SNAPSHOT_KEY,
                        JSON.stringify(cartSnapshot(order))
                    );
                },
            },
            snapshotIsSaved(),
            ShopSync.send("assigned", ["Shop 2"]),
            Notification.has("sent to Shop 2", "success"),
            ProductScreen.orderIsEmpty(),
            {
                content: "open Shop 2's POS",
                trigger: "body",
                run: async () => {
                    const [shop2] = await ShopSync.configIds(
                        posmodel.env.services.orm,
                        ["Shop 2"]
                    );
                    window.location.href = `/pos/ui?config_id=${shop2}`;
                },
                expectUnloadPage: true,
            },
            Chrome.startPoS(),
            {
                content: "this is Shop 2",
                trigger: ".pos-content",
                run: () => {
                    if (posmodel.config.name !== "Shop 2") {
                        throw new Error(`Expected Shop 2, got ${posmodel.config.name}`);
                    }
                },
            },
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            {
                content: "no popup opened",
                trigger: "body:not(:has(.modal))",
            },
            {
                content: "every line arrived as it was sent; the totals are equal",
                trigger: ".product-screen",
                run: () => {
                    const sent = window.localStorage.getItem(SNAPSHOT_KEY);
                    const received = JSON.stringify(cartSnapshot(posmodel.get_order()));
                    if (sent !== received) {
                        throw new Error(`Sent ${sent}\nreceived ${received}`);
                    }
                },
            },
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

function lineIsBlocked(product, reason) {
    return [
        {
            content: `preview: ${product} cannot be accepted: ${reason}`,
            trigger:
                `.o_pos_shop_sync_preview_line.table-danger:has(.o_pos_shop_sync_product:contains("${product}"))` +
                ` .o_pos_shop_sync_line_blocking:contains("${reason}")`,
        },
    ];
}

tours.add("ShopSyncCartDriftTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            lineIsBlocked("Sync Pizza", "Extra cheese is no longer available"),
            lineIsBlocked("Sync Cola", "no longer a choice of its combo"),
            {
                content: "the cola is still shown under its menu",
                trigger:
                    ".o_pos_shop_sync_combo_parent:has(.o_pos_shop_sync_product:contains('Sync Menu'))" +
                    " ~ .o_pos_shop_sync_combo_item:has(.o_pos_shop_sync_product:contains('Sync Cola'))",
            },
            {
                content: "the phone with its serial number stays acceptable",
                trigger:
                    ".o_pos_shop_sync_preview_line:not(.table-danger):has(.o_pos_shop_sync_product:contains('Sync Phone'))" +
                    ":has(.o_pos_shop_sync_lot:contains('SN-0002'))",
            },
            {
                content: "the burger stays acceptable",
                trigger:
                    ".o_pos_shop_sync_preview_line:not(.table-danger):has(.o_pos_shop_sync_product:contains('Sync Burger B'))",
            },
            {
                content: "Accept is disabled",
                trigger: ".modal-footer .o_pos_shop_sync_accept[disabled]",
            },
        ].flat(),
});

tours.add("ShopSyncCartNotLoadedTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            {
                content: "this terminal has not loaded the products of the transfer",
                trigger: ".product-screen",
                run: () => {
                    const names = [
                        "Sync Pizza",
                        "Sync Menu",
                        "Sync Burger B",
                        "Sync Phone",
                    ];
                    const loaded = posmodel.models["product.product"].filter((p) =>
                        names.includes(p.name)
                    );
                    if (loaded.length) {
                        throw new Error(`Already loaded: ${loaded.map((p) => p.name)}`);
                    }
                },
            },
            ShopSync.openReceiveOrder(),
            ShopSync.openIncoming("SYNC/", "Shop 1"),
            ShopSync.previewTotalIs("227.50"),
            ShopSync.accept(),
            Notification.has("accepted", "success"),
            {
                content: "no configurator, combo or lot popup opened",
                trigger: "body:not(:has(.modal))",
            },
            inLeftSide(
                [
                    {
                        content: "the pizza has its topping",
                        trigger:
                            ".order-container .orderline .product-name:contains('Sync Pizza (Extra cheese)')",
                    },
                    Order.hasLine({productName: "Sync Menu", quantity: "1"}),
                    Order.hasLine({
                        productName: "Sync Burger B",
                        quantity: "1",
                        price: "14.00",
                        withClass: ".orderline-combo",
                    }),
                    Order.hasLine({
                        productName: "Sync Cola",
                        quantity: "1",
                        price: "3.00",
                        withClass: ".orderline-combo",
                    }),
                    {
                        content: "the phone keeps its serial number",
                        trigger:
                            ".order-container .orderline:has(.product-name:contains('Sync Phone'))" +
                            " .info-list li:contains('SN-0002')",
                    },
                    ProductScreen.checkOrderlinesNumber(5),
                ].flat()
            ),
            ProductScreen.totalAmountIs("227.50"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

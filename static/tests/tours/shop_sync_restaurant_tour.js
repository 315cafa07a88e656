// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// Restaurant terminals (pos_restaurant, optional: its tour helpers are not
// imported, the floor plan is reached through its markup).
/* global posmodel */
import {registry} from "@web/core/registry";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Order from "@point_of_sale/../tests/tours/utils/generic_components/order_widget_util";
import * as Notification from "@point_of_sale/../tests/tours/utils/generic_components/notification_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as NumberPopup from "@point_of_sale/../tests/tours/utils/number_popup_util";
import * as TextInputPopup from "@point_of_sale/../tests/tours/utils/text_input_popup_util";
import {inLeftSide} from "@point_of_sale/../tests/tours/utils/common";
import * as ShopSync from "@pos_shop_sync/../tests/tours/utils/shop_sync_util";

const tours = registry.category("web_tour.tours");

// The cart of every tour here (tests/test_frontend_restaurant.py checks it too).
const LINE_NOTE = "No onions";
const ORDER_NOTE = "Birthday: bring the cake last";

function tableTrigger(number) {
    return `.floor-map .table:has(.label:contains("${number}"))`;
}

/** Open table `number` from the floor plan. */
function openTable(number) {
    return [
        {content: "the floor plan is shown", trigger: ".floor-map"},
        {content: `open table ${number}`, trigger: tableTrigger(number), run: "click"},
        {
            content: `table ${number}'s order is open`,
            trigger: `.pos-leftheader .table-free-order-label:contains("${number}")`,
        },
        {content: "the product screen is shown", trigger: ".product-screen"},
    ];
}

/** The floor plan is back and table `number` holds no order any more. */
function tableIsFree(number) {
    return [
        {content: "back on the floor plan", trigger: ".floor-map"},
        {
            content: `table ${number} is free`,
            trigger: `${tableTrigger(number)}:not(:has(.order-count))`,
            run: () => {
                const table = posmodel.models["restaurant.table"].find(
                    (t) => t.table_number === number
                );
                if (posmodel.tableHasOrders(table) || table.getOrder()) {
                    throw new Error(`Table ${number} still holds an order`);
                }
            },
        },
        // Opening it again gives an empty order.
        openTable(number),
        ProductScreen.orderIsEmpty(),
    ].flat();
}

function setGuests(count) {
    return [
        ProductScreen.clickControlButton("Guests"),
        NumberPopup.enterValue(String(count)),
        NumberPopup.isShown(String(count)),
        Dialog.confirm(),
        guestsAre(count),
    ].flat();
}

function guestsAre(count) {
    return [
        {
            content: `the order has ${count} guest(s)`,
            trigger: ".product-screen",
            run: () => {
                const guests = posmodel.get_order().getCustomerCount();
                if (guests !== count) {
                    throw new Error(`Expected ${count} guests, got ${guests}`);
                }
            },
        },
        ...ProductScreen.clickControlButtonMore(),
        {
            content: `the Guests button shows ${count}`,
            trigger: `.modal ${ProductScreen.controlButtonTrigger("Guests")}:contains("${count}")`,
        },
        Dialog.cancel(),
    ];
}

/** The internal note of the selected line ("Kitchen Note" on a restaurant). */
function addLineNote(label, note) {
    return inLeftSide([
        {
            content: `click ${label}`,
            trigger: ProductScreen.controlButtonTrigger(label),
            run: "click",
        },
        TextInputPopup.inputText(note),
        Dialog.confirm(),
    ]);
}

function addOrderNote(note) {
    return [
        ProductScreen.clickControlButton("General Note"),
        TextInputPopup.inputText(note),
        Dialog.confirm(),
    ].flat();
}

/** Desk Pad x2 with an internal note, Monitor Stand, an order note: 7.15. */
function buildCart(noteLabel) {
    return [
        ProductScreen.addOrderline("Desk Pad", "2", "", "3.96"),
        addLineNote(noteLabel, LINE_NOTE),
        ProductScreen.addOrderline("Monitor Stand", "1", "", "3.19"),
        addOrderNote(ORDER_NOTE),
        isCart(),
    ].flat();
}

/** The cart of buildCart on the current order, notes included. */
function isCart() {
    return [
        inLeftSide(
            [
                Order.hasLine({
                    productName: "Desk Pad",
                    quantity: "2",
                    price: "3.96",
                    internalNote: LINE_NOTE,
                }),
                Order.hasLine({
                    productName: "Monitor Stand",
                    quantity: "1",
                    price: "3.19",
                }),
                Order.doesNotHaveLine({
                    productName: "Monitor Stand",
                    internalNote: LINE_NOTE,
                }),
                {
                    content: "the order note is shown",
                    trigger: `.order-container:contains("General Note"):contains("${ORDER_NOTE}")`,
                },
                ProductScreen.checkOrderlinesNumber(2),
            ].flat()
        ),
        ProductScreen.totalAmountIs("7.15"),
    ].flat();
}

/** Receive the one incoming transfer from `sender`: preview, accept, check. */
function acceptCart(sender) {
    return [
        ShopSync.openReceiveOrder(),
        ShopSync.openIncoming("SYNC/", sender),
        ShopSync.previewHasLine("Desk Pad", "2", "1.98", "0", "3.96"),
        ShopSync.previewHasLine("Monitor Stand", "1", "3.19", "0", "3.19"),
        ShopSync.previewTotalIs("7.15"),
        ShopSync.accept(),
        Notification.has("accepted", "success"),
        ShopSync.relatedTagIs(),
        isCart(),
    ].flat();
}

function pay() {
    return [
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Bank"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
        {
            content: "the receipt shows the transfer",
            trigger: ".pos-receipt .o_pos_shop_sync_receipt_ref:contains('SYNC/')",
        },
    ].flat();
}

function orderIsOnTable(number) {
    return [
        {
            content: `the order is table ${number}'s`,
            trigger: `.pos-leftheader .table-free-order-label:contains("${number}")`,
            run: () => {
                const table = posmodel.get_order().table_id;
                if (table?.table_number !== number) {
                    throw new Error(`The order is on table ${table?.table_number}`);
                }
            },
        },
    ];
}

function sendTable(table, guests, target) {
    return [
        Chrome.startPoS(),
        openTable(table),
        buildCart("Kitchen Note"),
        setGuests(guests),
        ShopSync.send("assigned", [target]),
        Notification.has(`sent to ${target}`, "success"),
        tableIsFree(table),
    ].flat();
}

tours.add("ShopSyncRestaurantSendTableTour", {
    steps: () => sendTable(1, 3, "Resto 2"),
});

/** The table's empty order is on the server already (as once another device saw it). */
function tableOrderIsSaved() {
    return [
        {
            content: "the table's empty order is saved on the server",
            trigger: ".product-screen",
            run: async () => {
                const order = posmodel.get_order();
                await posmodel.syncAllOrders({orders: [order]});
                if (typeof order.id !== "number") {
                    throw new Error("The table's order was not saved");
                }
            },
        },
    ];
}

/** The next sync saves the accepted order on the server with its table and guests. */
function savedOnServer(tableNumber, guests) {
    return [
        {
            content: `the accepted order is saved on table ${tableNumber} with ${guests} guest(s)`,
            trigger: ".product-screen",
            run: async () => {
                const order = posmodel.get_order();
                await posmodel.syncAllOrders();
                const [saved] = await posmodel.env.services.orm.read(
                    "pos.order",
                    [order.id],
                    ["lines", "table_id", "customer_count", "shop_sync_id", "state"]
                );
                if (
                    saved?.state !== "draft" ||
                    saved.lines.length !== 2 ||
                    saved.table_id[0] !== order.table_id.id ||
                    order.table_id.table_number !== tableNumber ||
                    saved.customer_count !== guests ||
                    !saved.shop_sync_id
                ) {
                    throw new Error(`Not saved as accepted: ${JSON.stringify(saved)}`);
                }
            },
        },
    ];
}

tours.add("ShopSyncRestaurantReceiveOnTableTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            openTable(3),
            tableOrderIsSaved(),
            acceptCart("Resto 1"),
            orderIsOnTable(3),
            guestsAre(3),
            savedOnServer(3, 3),
            pay(),
        ].flat(),
});

tours.add("ShopSyncRetailSendToRestaurantTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            buildCart("Internal Note"),
            ShopSync.send("assigned", ["Resto 2"]),
            Notification.has("sent to Resto 2", "success"),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

tours.add("ShopSyncRestaurantReceiveFromRetailTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            openTable(4),
            // Guests seated before the transfer is accepted, which brings none.
            setGuests(2),
            acceptCart("Shop 1"),
            orderIsOnTable(4),
            guestsAre(2),
            pay(),
        ].flat(),
});

tours.add("ShopSyncRestaurantSendToRetailTour", {
    steps: () => sendTable(2, 2, "Shop 2"),
});

tours.add("ShopSyncRetailReceiveFromRestaurantTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            acceptCart("Resto 1"),
            {
                content: "a retail order has no table",
                trigger: ".product-screen",
                run: () => {
                    if (posmodel.get_order().table_id) {
                        throw new Error("The retail order got a table");
                    }
                },
            },
            pay(),
        ].flat(),
});

/** The current order holds only `product`, with the transfer's tag. */
function acceptedAlone(text, product) {
    return [
        ShopSync.openReceiveOrder(),
        ShopSync.openIncoming("SYNC/", text),
        ShopSync.accept(),
        Notification.has("accepted", "success"),
        ShopSync.relatedTagIs(),
        inLeftSide(
            [
                Order.hasLine({productName: product, quantity: "1"}),
                ProductScreen.checkOrderlinesNumber(1),
            ].flat()
        ),
    ].flat();
}

tours.add("ShopSyncRestaurantReceiveFloatingTour", {
    steps: () =>
        [
            Chrome.startPoS(),
            openTable(4),
            ProductScreen.addOrderline("Whiteboard Pen", "1"),
            // The table's order has a line (a table holds one order): the
            // transfer floats.
            acceptedAlone("Partner Test 1", "Desk Pad"),
            Notification.has("Table 4 already has an order", "info"),
            {
                content: "the accepted order floats; table 4 keeps its own order",
                trigger: ".product-screen",
                run: () => {
                    const table = posmodel.models["restaurant.table"].find(
                        (t) => t.table_number === 4
                    );
                    const names = posmodel
                        .getTableOrders(table.id)
                        .map((o) => o.lines.map((l) => l.product_id.name).join());
                    if (
                        posmodel.get_order().table_id ||
                        posmodel.selectedTable ||
                        names.join("|") !== "Whiteboard Pen"
                    ) {
                        throw new Error(`Table 4 holds ${JSON.stringify(names)}`);
                    }
                },
            },
            // No table open: a floating order, as Odoo allows.
            Chrome.createFloatingOrder(),
            ProductScreen.orderIsEmpty(),
            acceptedAlone("Partner Test 2", "Monitor Stand"),
            {
                content: "the accepted order floats: no table",
                trigger: ".product-screen",
                run: async () => {
                    if (posmodel.get_order().table_id || posmodel.selectedTable) {
                        throw new Error("The floating order got a table");
                    }
                    await posmodel.syncAllOrders();
                },
            },
        ].flat(),
});

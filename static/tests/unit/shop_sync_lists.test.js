// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {describe, expect, test} from "@odoo/hoot";
import {ShopSyncLists} from "@pos_shop_sync/app/shop_sync/shop_sync_lists";

/** A fetchState whose answers the test gives, one per call, when it likes. */
function deferredServer() {
    const calls = [];
    const fetchState = () =>
        new Promise((resolve, reject) => calls.push({resolve, reject}));
    return {calls, fetchState};
}

function state(lists) {
    return {incoming: [], outgoing: [], accepted: [], recalled: [], ...lists};
}

function message(id, lists, state = "pending") {
    return {
        event: "new",
        id,
        state,
        incoming: false,
        outgoing: false,
        accepted: false,
        recalled: false,
        ...lists,
    };
}

describe("ShopSyncLists", () => {
    test("a message changes the lists at once, without a call", () => {
        const server = deferredServer();
        const lists = new ShopSyncLists(server.fetchState);
        expect(lists.apply(message(5, {incoming: true}))).toEqual(["incoming"]);
        expect(lists.size("incoming")).toBe(1);
        lists.apply(message(6, {incoming: true}));
        expect(lists.size("incoming")).toBe(2);
        lists.apply(message(5, {accepted: true}, "claimed"));
        expect(lists.size("incoming")).toBe(1);
        expect(lists.has("accepted", 5)).toBe(true);
        expect(lists.states.get(5)).toBe("claimed");
        expect(server.calls.length).toBe(0);
    });

    test("two messages and a reconnect make one call in flight at most", async () => {
        const server = deferredServer();
        const lists = new ShopSyncLists(server.fetchState);
        const first = lists.sync();
        const second = lists.sync();
        const third = lists.sync();
        expect(server.calls.length).toBe(1);
        expect(second).toBe(first);
        expect(third).toBe(first);
        server.calls[0].resolve(state({incoming: [1]}));
        await Promise.resolve();
        await Promise.resolve();
        // The requests made while the first call was out: one more call.
        expect(server.calls.length).toBe(2);
        server.calls[1].resolve(state({incoming: [1, 2]}));
        await first;
        expect(server.calls.length).toBe(2);
        expect([...lists.ids.incoming]).toEqual([1, 2]);
    });

    test("a message heard while a call is out wins over its answer", async () => {
        const server = deferredServer();
        const lists = new ShopSyncLists(server.fetchState);
        lists.apply(message(3, {incoming: true}));
        const done = lists.sync();
        // Transfer 3 is accepted elsewhere and 4 arrives while the call is out;
        // the answer was read before both.
        lists.apply(message(3, {}, "claimed"));
        lists.apply(message(4, {incoming: true}));
        server.calls[0].resolve(state({incoming: [3]}));
        await done;
        expect([...lists.ids.incoming]).toEqual([4]);
    });

    test("the newest answer wins: an older one is dropped", async () => {
        const server = deferredServer();
        const lists = new ShopSyncLists(server.fetchState);
        const done = lists.sync();
        lists.sync();
        server.calls[0].resolve(state({outgoing: [8]}));
        await Promise.resolve();
        await Promise.resolve();
        server.calls[1].resolve(state({outgoing: [9]}));
        await done;
        expect([...lists.ids.outgoing]).toEqual([9]);
        // An answer of the first call arriving again, late, changes nothing.
        lists.applied = 2;
        lists.sent = 1;
        const late = lists._syncLoop();
        server.calls[2].resolve(state({outgoing: [8]}));
        await late;
        expect([...lists.ids.outgoing]).toEqual([9]);
    });

    test("a failed call leaves the lists and lets the next one go", async () => {
        const server = deferredServer();
        const lists = new ShopSyncLists(server.fetchState);
        lists.apply(message(1, {outgoing: true}));
        const failed = lists.sync();
        server.calls[0].reject(new Error("offline"));
        await expect(failed).rejects.toThrow("offline");
        expect(lists.has("outgoing", 1)).toBe(true);
        const next = lists.sync();
        expect(server.calls.length).toBe(2);
        server.calls[1].resolve(state({}));
        await next;
        expect(lists.size("outgoing")).toBe(0);
    });
});

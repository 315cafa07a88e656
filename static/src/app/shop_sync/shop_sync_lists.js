// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// What a terminal knows of its lists, kept current by the bus: pure (no store,
// no component), so that Hoot tests it alone.

/** A terminal's lists of transfers (see pos_shop_sync_bus_mixin.py). */
export const SHOP_SYNC_LISTS = ["incoming", "outgoing", "accepted", "recalled"];

/**
 * The ids of a terminal's lists. A bus message of one transfer is applied at
 * once (`apply`, no call to the server); the whole state is asked for
 * (`sync`) at start-up, on a reconnect and when the server says `resync`.
 *
 * `sync` is single-flight: while a call is out, more requests make one more
 * call once it is back, never two at a time. A message that arrives while a
 * call is out is applied at once and again over that call's answer, which may
 * have been read before it: the newest state wins, and an answer older than
 * the last one applied is dropped.
 */
export class ShopSyncLists {
    /**
     * @param {() => Promise<Object>} fetchState the server's `get_state` of
     *      this terminal: `{incoming, outgoing, accepted, recalled: ids}`
     */
    constructor(fetchState) {
        this.fetchState = fetchState;
        this.ids = Object.fromEntries(SHOP_SYNC_LISTS.map((name) => [name, new Set()]));
        this.states = new Map();
        this.calls = 0;
        this.inFlight = null;
        this.again = false;
        this.sent = 0;
        this.applied = 0;
        this.heard = [];
    }
    /** Whether transfer `id` is in list `name`. */
    has(name, id) {
        return this.ids[name].has(id);
    }
    /** The size of list `name`: what its badge shows. */
    size(name) {
        return this.ids[name].size;
    }
    /**
     * Apply a bus message of one transfer: `{id, state, incoming, outgoing,
     * accepted, recalled}`. Returns the lists it entered, for the caller.
     */
    apply(message) {
        if (this.inFlight) {
            this.heard.push(message);
        }
        return this._apply(message);
    }
    _apply(message) {
        const entered = [];
        for (const name of SHOP_SYNC_LISTS) {
            const ids = this.ids[name];
            if (message[name] && !ids.has(message.id)) {
                ids.add(message.id);
                entered.push(name);
            } else if (!message[name] && ids.has(message.id)) {
                ids.delete(message.id);
            }
        }
        if (message.state) {
            this.states.set(message.id, message.state);
        }
        return entered;
    }
    /** Replace every list with `state` (an answer of `get_state`). */
    replace(state) {
        for (const name of SHOP_SYNC_LISTS) {
            const ids = this.ids[name];
            const fresh = new Set(state[name] || []);
            for (const id of [...ids]) {
                if (!fresh.has(id)) {
                    ids.delete(id);
                }
            }
            for (const id of fresh) {
                ids.add(id);
            }
        }
    }
    /**
     * Ask the server for the whole state; single-flight. Resolves once the
     * lists hold an answer asked for after this call (or the last one failed).
     */
    sync() {
        if (this.inFlight) {
            this.again = true;
            return this.inFlight;
        }
        this.inFlight = this._syncLoop().finally(() => {
            this.inFlight = null;
        });
        return this.inFlight;
    }
    async _syncLoop() {
        do {
            this.again = false;
            this.heard = [];
            const number = ++this.sent;
            this.calls++;
            const state = await this.fetchState();
            if (number > this.applied) {
                this.applied = number;
                this.replace(state);
                for (const message of this.heard) {
                    this._apply(message);
                }
            }
            this.heard = [];
        } while (this.again);
    }
}

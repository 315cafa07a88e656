# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What each terminal is told, and what it asks, to know its lists at once.

A terminal keeps four sets of transfer ids (see ``STATE_LISTS``). A change of
a transfer tells each terminal whose sets change, on its own bus channel, the
transfer's id, state and membership of each set: its POS applies that without
asking anything. The messages of one transaction are sent at its end: a
terminal that several transfers changed for is told to ``resync`` once (it
asks ``get_state``) instead of once per transfer. Inherited by
``pos.shop.sync``."""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import MissingError
from odoo.tools import SQL
from odoo.tools.misc import OrderedSet

from .shop_sync_bus import announce, bus_insert, bus_values

# A terminal's lists, each a set of transfer ids:
# - incoming: pending, sent to it, not declined by it;
# - outgoing: sent by it and not accepted yet (pending or declined);
# - accepted: accepted by it and not paid;
# - recalled: recalled by it, its cart not reopened yet.
STATE_LISTS = ("incoming", "outgoing", "accepted", "recalled")
NOT_LISTED = (False,) * len(STATE_LISTS)
# The most ids a list of get_state gives (the newest); the counts are exact.
STATE_LIMIT = 5000
# The most rows get_rows gives at once.
ROWS_LIMIT = 100
# The partial indexes of the lists: (name, columns, where).
LIST_INDEXES = [
    ("pos_shop_sync_pending_index", ["id"], "state = 'pending'"),
    (
        "pos_shop_sync_outgoing_index",
        ["sender_config_id", "id"],
        "state IN ('pending', 'declined')",
    ),
    ("pos_shop_sync_accepted_index", ["receiver_config_id", "id"], "state = 'claimed'"),
    (
        "pos_shop_sync_recalled_index",
        ["sender_config_id", "id"],
        "state = 'cancelled' AND recalled_at IS NOT NULL AND reopened_at IS NULL",
    ),
]
# The changes of the current transaction: {transfer id: [state and lists
# before its first change, last event]}.
CHANGES_KEY = "pos.shop.sync.changes"
# The bus channels the current transaction wrote rows to, told after its commit.
CHANNELS_KEY = "pos.shop.sync.channels"


class PosShopSyncBusMixin(models.AbstractModel):
    _name = "pos.shop.sync.bus.mixin"
    _description = "POS Shop Sync: what each terminal is told"

    def _shop_sync_lists_of_terminals(self):
        """This transfer's state and, per terminal it concerns, whether it is
        in each of its lists (in the order of ``STATE_LISTS``).

        :return: ``(state, {terminal id: (bool, bool, bool, bool)})``
        """
        self.ensure_one()
        state = self.state
        sender = self.sender_config_id.id
        targets, declined = self._shop_sync_targets_and_declines()
        receiver = self.receiver_config_id.id
        recalled = state == "cancelled" and bool(self.recalled_at)
        recalled = recalled and not self.reopened_at
        lists = {}
        for terminal in targets | {sender} | ({receiver} if receiver else set()):
            lists[terminal] = (
                state == "pending"
                and terminal in targets
                and terminal not in declined
                and terminal != sender,
                terminal == sender and state in ("pending", "declined"),
                state == "claimed" and terminal == receiver,
                terminal == sender and recalled,
            )
        return state, lists

    def _shop_sync_targets_and_declines(self):
        """The ids of this transfer's targets and of the terminals that
        declined it (sets): from the cache, else in one query."""
        self.ensure_one()
        fields = [
            self._fields["target_config_ids"],
            self._fields["declined_config_ids"],
        ]
        if all(self.env.cache.contains(self, field) for field in fields):
            return set(self.target_config_ids.ids), set(self.declined_config_ids.ids)
        self.flush_recordset(["target_config_ids", "declined_config_ids"])
        self.env.cr.execute(
            SQL(
                """SELECT ARRAY(SELECT config_id FROM pos_shop_sync_target_rel
                                 WHERE sync_id = %(sync)s),
                          ARRAY(SELECT config_id FROM pos_shop_sync_declined_rel
                                 WHERE sync_id = %(sync)s)""",
                sync=self.id,
            )
        )
        targets, declined = self.env.cr.fetchone()
        return set(targets), set(declined)

    def _shop_sync_before_change(self, event):
        """Note, before this transfer changes, what its terminals' lists hold:
        the end of the transaction tells each terminal whose lists changed
        (``_shop_sync_send_changes``)."""
        self.ensure_one()
        changes = self._shop_sync_changes()
        if self.id not in changes:
            changes[self.id] = [self._shop_sync_lists_of_terminals(), event]
        changes[self.id][1] = event

    def _shop_sync_created(self, event):
        """The same as ``_shop_sync_before_change`` for a new transfer: it was
        in no list."""
        changes = self._shop_sync_changes()
        for sync in self:
            changes[sync.id] = [(False, {}), event]

    def _shop_sync_changes(self):
        precommit = self.env.cr.precommit
        if CHANGES_KEY not in precommit.data:
            precommit.data[CHANGES_KEY] = {}
            model = self.sudo().with_context(active_test=False)

            @precommit.add
            def send_changes():
                # Read when run, as Odoo's bus does: the data may have been
                # replaced meanwhile (restored after a rolled back savepoint).
                model._shop_sync_send_changes(precommit.data.pop(CHANGES_KEY, {}))

        return precommit.data[CHANGES_KEY]

    @api.model
    def _shop_sync_send_changes(self, changes):
        """Tell each terminal whose lists ``changes`` changed: the transfer's
        ``{"event", "id", "state", "incoming", "outgoing", "accepted",
        "recalled"}`` (ids, states and booleans only), or ``{"event":
        "resync"}`` when several of its transfers changed."""
        messages = defaultdict(list)
        for sync in self.browse(list(changes)):
            (state_before, before), event = changes[sync.id]
            try:
                state, after = sync._shop_sync_lists_of_terminals()
            except MissingError:  # deleted since: in no list any more
                state, after = False, {}
            for terminal in before.keys() | after.keys():
                lists = after.get(terminal, NOT_LISTED)
                old = before.get(terminal, NOT_LISTED)
                if lists != old or (state != state_before and any(lists)):
                    messages[terminal].append(
                        {
                            "event": event,
                            "id": sync.id,
                            "state": state,
                            **dict(zip(STATE_LISTS, lists, strict=True)),
                        }
                    )
        if not messages:
            return
        terminals = self.env["pos.config"].browse(sorted(messages))
        terminals.fetch(["access_token"])
        rows, channels = [], []
        for terminal in terminals:
            terminal._ensure_access_token()
            told = messages[terminal.id]
            values, channel = bus_values(
                self.env.cr.dbname,
                terminal.access_token,
                "SHOP_SYNC",
                told[0] if len(told) == 1 else {"event": "resync"},
            )
            rows.append(values)
            channels.append(channel)
        self._shop_sync_send_bus_rows(rows, channels)

    @api.model
    def _shop_sync_send_bus_rows(self, rows, channels):
        """Write the ``bus.bus`` rows before the commit, and tell the websocket
        process of their ``channels`` after it, on this process's kept
        connection (see ``shop_sync_bus``).

        One INSERT writes the rows Odoo's bus creates through the ORM (no
        module extends ``bus.bus``): a broadcast to 50 terminals writes 51
        rows, 4 ms through the ORM."""
        self.env.cr.execute(bus_insert(rows, self.env.uid, self.env.cr.now()))
        postcommit = self.env.cr.postcommit
        if CHANNELS_KEY not in postcommit.data:
            postcommit.data[CHANNELS_KEY] = OrderedSet()

            @postcommit.add
            def announce_channels():
                announce(postcommit.data.pop(CHANNELS_KEY))

        postcommit.data[CHANNELS_KEY].update(channels)

    @api.model
    def _shop_sync_state_of(self, config):
        """``config``'s lists: ``{list: [ids, newest first]}`` for each of
        ``STATE_LISTS`` (at most STATE_LIMIT ids each) and ``counts``, their
        true sizes. One query, on the partial indexes of each list."""
        self.env.flush_all()
        company = config.company_id.id
        self.env.cr.execute(
            SQL(
                """WITH incoming AS (
                        SELECT sync.id FROM pos_shop_sync sync
                          JOIN pos_shop_sync_target_rel target
                            ON target.sync_id = sync.id
                           AND target.config_id = %(config)s
                         WHERE sync.state = 'pending' AND sync.company_id = %(company)s
                           AND sync.sender_config_id != %(config)s
                           AND NOT EXISTS (
                                SELECT 1 FROM pos_shop_sync_declined_rel declined
                                 WHERE declined.sync_id = sync.id
                                   AND declined.config_id = %(config)s)
                   ), outgoing AS (
                        SELECT id FROM pos_shop_sync
                         WHERE sender_config_id = %(config)s
                           AND state IN ('pending', 'declined')
                   ), accepted AS (
                        SELECT id FROM pos_shop_sync
                         WHERE receiver_config_id = %(config)s AND state = 'claimed'
                           AND company_id = %(company)s
                   ), recalled AS (
                        SELECT id FROM pos_shop_sync
                         WHERE sender_config_id = %(config)s AND state = 'cancelled'
                           AND recalled_at IS NOT NULL AND reopened_at IS NULL
                   )
                   SELECT (SELECT array_agg(id) FROM (SELECT id FROM incoming
                                ORDER BY id DESC LIMIT %(limit)s) ids),
                          (SELECT count(*) FROM incoming),
                          (SELECT array_agg(id) FROM (SELECT id FROM outgoing
                                ORDER BY id DESC LIMIT %(limit)s) ids),
                          (SELECT count(*) FROM outgoing),
                          (SELECT array_agg(id) FROM (SELECT id FROM accepted
                                ORDER BY id DESC LIMIT %(limit)s) ids),
                          (SELECT count(*) FROM accepted),
                          (SELECT array_agg(id) FROM (SELECT id FROM recalled
                                ORDER BY id DESC LIMIT %(limit)s) ids),
                          (SELECT count(*) FROM recalled)""",
                config=config.id,
                company=company,
                limit=STATE_LIMIT,
            )
        )
        row = self.env.cr.fetchone()
        state = {"counts": {}}
        for index, name in enumerate(STATE_LISTS):
            state[name] = row[2 * index] or []
            state["counts"][name] = row[2 * index + 1]
        return state

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ways around the checked API, tried as a cashier with ordinary Point of
Sale rights: through the ORM (``with_user``) and over real JSON-RPC, as a
client would. Each is refused, or dropped where a payment must go through, and
writes nothing: no transfer state, no chatter entry, no bus message."""

from datetime import datetime
from uuid import uuid4

from odoo import Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from . import test_access
from .common import ShopSyncCommon

# What a refusal must leave as it was, on every transfer.
SNAPSHOT_FIELDS = [
    "name",
    "state",
    "company_id",
    "sender_config_id",
    "receiver_config_id",
    "receiver_user_id",
    "claimed_at",
    "pending_since",
    "declined_config_ids",
    "decline_reason",
    "pos_order_id",
    "done_config_id",
    "done_at",
    "released_config_id",
    "write_date",
]
FORGED_DATE = datetime(2001, 1, 1)


class AttackCommon(ShopSyncCommon):
    """The company's terminals of ShopSyncCommon, a manager, and a transfer of
    another company (its own terminals, cashier and product)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._create_user(
            "shop_sync_attack_manager", "point_of_sale.group_pos_manager"
        )
        # The other company of the access matrix: Foreign Shop sends to
        # Foreign Shop 2, as its own cashier.
        test_access.TestAccessMatrix._setup_other_company.__func__(cls)
        result = api.Environment(cls.cr, cls.foreign_cashier.id, {})[
            "pos.shop.sync"
        ].send_from_ui(
            cls.foreign_shop.id,
            {
                "uuid": str(uuid4()),
                "sync_type": "assigned",
                "target_config_ids": cls.foreign_shop2.ids,
                "lines": [{"product_id": cls.foreign_product.id, "qty": 1.0}],
            },
        )
        cls.foreign_sync = cls.env["pos.shop.sync"].browse(result["id"])

    def _footprint(self):
        """The rows a refusal must not add and every transfer's values."""
        self._end_request()
        self.env.invalidate_all()
        self.env.cr.execute(
            "SELECT (SELECT count(*) FROM pos_shop_sync),"
            " (SELECT count(*) FROM pos_shop_sync_line),"
            " (SELECT count(*) FROM mail_message WHERE model = 'pos.shop.sync'),"
            " (SELECT count(*) FROM bus_bus WHERE message LIKE %s)",
            ["%-SHOP_SYNC%"],
        )
        rows = self.env.cr.fetchone() + self._history_footprint()
        transfers = self.env["pos.shop.sync"].search([], order="id")
        return rows, transfers.read(SNAPSHOT_FIELDS)

    def _history_footprint(self):
        """The transfers' history: each entry's author, date, type, body and
        tracking values, their followers (with their subtypes), attachments."""
        self.env.cr.execute(
            """SELECT (SELECT md5(string_agg(concat_ws('|', m.id, m.author_id,
                                m.date, m.message_type, m.body, m.email_from,
                                m.subtype_id, (SELECT string_agg(concat_ws(':',
                                    t.field_id, t.old_value_char,
                                    t.new_value_char), ',' ORDER BY t.id)
                                   FROM mail_tracking_value t
                                  WHERE t.mail_message_id = m.id)), ';'
                                ORDER BY m.id))
                         FROM mail_message m WHERE m.model = 'pos.shop.sync'),
                      (SELECT string_agg(concat_ws(':', f.id, f.partner_id,
                                (SELECT string_agg(r.mail_message_subtype_id::text,
                                        ',' ORDER BY r.mail_message_subtype_id)
                                   FROM mail_followers_mail_message_subtype_rel r
                                  WHERE r.mail_followers_id = f.id)), ';'
                                ORDER BY f.id)
                         FROM mail_followers f WHERE f.res_model = 'pos.shop.sync'),
                      (SELECT count(*) FROM ir_attachment
                        WHERE res_model = 'pos.shop.sync')"""
        )
        return self.env.cr.fetchone()

    def assertNothingWritten(self, before):
        self.assertEqual(self._footprint(), before, "a refused attempt wrote")

    def assertRefusedCleanly(self, exception, call, *args, **kwargs):
        """``call`` raises exactly ``exception`` and writes nothing. Not
        ``assertRaises``: its savepoint would hide what the call wrote."""
        before = self._footprint()
        try:
            call(*args, **kwargs)
        except Exception as error:  # its class is asserted below
            caught = error
        else:
            self.fail(f"{call} did not raise {exception.__name__}")
        self.assertIs(type(caught), exception, caught)
        self.assertNothingWritten(before)
        return caught

    def _order_data(self, config, sync=None, **extra):
        """A paid order of ``config`` as its POS saves it, linked to ``sync``."""
        self.config = config
        self.pos_session = config.current_session_id
        self.currency = self.pos_session.currency_id
        self.pricelist = config.pricelist_id
        data = self.create_ui_order_data([(self.pen, 1)])
        data["user_id"] = self.cashier.id
        data["access_token"] = str(uuid4())
        for payment in data["payment_ids"]:  # as JSON sends it
            payment[2]["name"] = str(payment[2]["name"])
        if sync is not None:
            data["shop_sync_id"] = sync if isinstance(sync, int) else sync.id
        data.update(extra)
        return data

    def _sync_order(self, data, context=None):
        """Save ``data`` through ``sync_from_ui`` as the cashier: the order."""
        env = api.Environment(self.cr, self.cashier.id, context or {})
        result = env["pos.order"].sync_from_ui([data])
        self._end_request()
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])


@tagged("post_install", "-at_install")
class TestAttacks(AttackCommon):
    # ------------------------------------------------------------------
    # Roles and limits are a manager's setting
    # ------------------------------------------------------------------

    def test_cashier_cannot_give_a_terminal_a_role(self):
        configs = self.cashier_env["pos.config"]
        for shop, field in (
            (self.shop1, "shop_sync_can_receive"),
            (self.shop2, "shop_sync_can_send"),
            (self.shop2, "shop_sync_can_receive"),
        ):
            with self.subTest(shop=shop.name, field=field):
                value = not shop[field]
                self.assertRefusedCleanly(
                    AccessError, configs.browse(shop.id).write, {field: value}
                )
                shop.invalidate_recordset()
                self.assertEqual(shop[field], not value)
        # Other values of the terminal stay the cashier's to write, as in Odoo.
        configs.browse(self.shop1.id).write({"iface_print_auto": True})
        # A manager gives the role.
        self.shop3.with_user(self.manager).write({"shop_sync_can_send": True})
        self.assertTrue(self.shop3.shop_sync_can_send)

    def test_cashier_cannot_change_the_settings(self):
        settings = self.cashier_env["res.config.settings"]
        for label, values in (
            ("roles", {"pos_config_id": self.shop1.id, "pos_shop_sync_can_receive": 1}),
            ("switch", {"shop_sync_enabled": False}),
            ("lifetime", {"shop_sync_expiry_hours": 0}),
            ("pending limit", {"shop_sync_max_pending": 10_000}),
        ):
            with self.subTest(label):
                self.assertRefusedCleanly(AccessError, settings.create, values)
        company = self.cashier_env["res.company"].browse(self.company.id)
        for field, value in (
            ("shop_sync_expiry_hours", 0),
            ("shop_sync_max_pending", 10_000),
        ):
            with self.subTest(field):
                self.assertRefusedCleanly(AccessError, company.write, {field: value})
        self.assertRefusedCleanly(
            AccessError,
            self.cashier_env["ir.config_parameter"].set_param,
            "pos_shop_sync.enabled",
            "False",
        )
        self.assertEqual(self.company.shop_sync_expiry_hours, 24)
        self.assertEqual(self.company.shop_sync_max_pending, 200)
        self.assertTrue(self.shop1.shop_sync_enabled)

    def test_pending_limit_setting_is_bounded(self):
        for value in (0, -1, 10_001):
            with self.subTest(value=value):
                with self.assertRaises(ValidationError):
                    self.company.shop_sync_max_pending = value
                self.company.invalidate_recordset()
        self.env["res.config.settings"].create({"shop_sync_max_pending": 3}).execute()
        self.assertEqual(self.company.shop_sync_max_pending, 3)

    # ------------------------------------------------------------------
    # An order's link to a transfer
    # ------------------------------------------------------------------

    def test_order_link_cannot_be_created_or_written(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        orders = self.cashier_env["pos.order"]
        draft = self._sync_order(
            self._order_data(self.shop2, state="draft", payment_ids=[])
        )
        values = {
            "session_id": self.shop2.current_session_id.id,
            "amount_tax": 0,
            "amount_total": 0,
            "amount_paid": 0,
            "amount_return": 0,
            "shop_sync_id": sync.id,
        }
        for target in (sync, self.foreign_sync):
            with self.subTest(target.name):
                count = self.env["pos.order"].search_count([])
                self.assertRefusedCleanly(
                    AccessError, orders.create, [{**values, "shop_sync_id": target.id}]
                )
                self.assertEqual(self.env["pos.order"].search_count([]), count)
                self.assertRefusedCleanly(
                    AccessError,
                    orders.browse(draft.id).write,
                    {"shop_sync_id": target.id},
                )
                draft.invalidate_recordset()
                self.assertFalse(draft.shop_sync_id)
        # Not even a manager: the link comes from the POS's save only.
        self.assertRefusedCleanly(
            AccessError,
            draft.with_user(self.manager).write,
            {"shop_sync_id": sync.id},
        )

    def test_paying_a_transfer_nobody_accepted_does_not_finish_it(self):
        pending = self._send()
        claimed_elsewhere = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self.Sync.claim_from_ui(self.shop3.id, claimed_elsewhere.id)
        for sync in (pending, claimed_elsewhere):
            with self.subTest(sync.state):
                before = self._footprint()
                messages = self._messages(sync)
                # A 0.01 order would do, if the link were trusted.
                order = self._sync_order(self._order_data(self.shop2, sync))
                self.assertEqual(order.state, "paid")
                self.assertFalse(order.shop_sync_id)
                # Only the warning in the transfer's chatter: no state, no bus.
                warning = self._messages(sync) - messages
                self.assertEqual(len(warning), 1)
                self.assertIn("which it had not accepted", warning.body)
                rows, values = self._footprint()
                self.assertEqual(values, before[1])
                # Rows: transfers, lines, messages, bus, the history's digest
                # (which the warning changes), followers, attachments.
                unchanged = (0, 1, 3, 5, 6)
                self.assertEqual(
                    [rows[i] for i in unchanged], [before[0][i] for i in unchanged]
                )
                self.assertEqual(rows[2], before[0][2] + 1)

    def test_draft_linked_then_paid_does_not_finish_it(self):
        sync = self._send()
        before = self._footprint()
        data = self._order_data(self.shop2, sync)
        with mute_logger("odoo.addons.pos_shop_sync.models.pos_order"):
            draft = self._sync_order(dict(data, state="draft", payment_ids=[]))
        self.assertFalse(draft.shop_sync_id)
        self.assertNothingWritten(before)
        paid = self._sync_order(data)
        self.assertEqual(paid, draft)
        self.assertEqual(paid.state, "paid")
        self.assertFalse(paid.shop_sync_id)
        self.assertEqual(sync.state, "pending")

    def test_another_companys_transfer_is_never_reached_through_an_order(self):
        self.assertEqual(self.foreign_sync.state, "pending")
        for label, data in (
            ("paid", self._order_data(self.shop2, self.foreign_sync)),
            (
                "draft",
                self._order_data(
                    self.shop2, self.foreign_sync, state="draft", payment_ids=[]
                ),
            ),
        ):
            with self.subTest(label):
                before = self._footprint()
                with mute_logger("odoo.addons.pos_shop_sync.models.pos_order"):
                    order = self._sync_order(data)
                self.assertFalse(order.shop_sync_id)
                self.assertNothingWritten(before)
        self.assertEqual(self.foreign_sync.state, "pending")

    def test_link_through_a_default_context_key_is_ignored(self):
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self.Sync.claim_from_ui(self.shop3.id, sync.id)
        before = self._footprint()
        for target in (sync, self.foreign_sync):
            with self.subTest(target.name):
                order = self._sync_order(
                    self._order_data(self.shop2),
                    context={"default_shop_sync_id": target.id},
                )
                self.assertEqual(order.state, "paid")
                self.assertFalse(order.shop_sync_id)
        self.assertNothingWritten(before)

    def test_order_paid_offline_finishes_the_transfer_its_terminal_held(self):
        """Shop 2 accepted the transfer and sold it offline; its session was
        closed (which gave the transfer back) before the order could sync."""
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        data = self._order_data(self.shop2, sync)
        session = self.cashier_env["pos.session"].browse(
            self.shop2.current_session_id.id
        )
        session.post_closing_cash_details(0)
        self.assertEqual(session.close_session_from_ui(), {"successful": True})
        self._end_request()
        self.assertEqual(session.state, "closed")
        self.assertRecordValues(
            sync, [{"state": "pending", "released_config_id": self.shop2.id}]
        )
        # The next shift opens a session; the order, still offline, syncs then
        # (Odoo moves an order of a closed session to the open one).
        self._open_session(self.shop2)
        with mute_logger("odoo.addons.point_of_sale.models.pos_order"):
            order = self._sync_order(data)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.shop_sync_id, sync)
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "done",
                    "pos_order_id": order.id,
                    "done_config_id": self.shop2.id,
                }
            ],
        )
        self.assertEqual(self._bus_messages(self.shop1)[-1]["event"], "done")

    def test_order_paid_offline_after_another_terminal_took_it(self):
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        data = self._order_data(self.shop2, sync)
        self.Sync.release_from_ui(self.shop2.id, sync.id)
        self.Sync.claim_from_ui(self.shop3.id, sync.id)
        order = self._sync_order(data)
        self.assertEqual(order.state, "paid")
        self.assertFalse(order.shop_sync_id)
        self.assertRecordValues(
            sync, [{"state": "claimed", "receiver_config_id": self.shop3.id}]
        )

    # ------------------------------------------------------------------
    # The caller's context
    # ------------------------------------------------------------------

    def _forged_defaults(self):
        """A forged ``default_*`` value for each field the server owns."""
        paid = self._sync_order(self._order_data(self.shop3))
        other = self.company_2
        return {
            "pos.shop.sync": {
                "name": "FORGED/1",
                "state": "done",
                "company_id": other.id,
                "currency_id": other.currency_id.id,
                "sender_config_id": self.shop3.id,
                "sender_session_id": self.shop3.current_session_id.id,
                "sender_user_id": self.manager.id,
                "receiver_config_id": self.shop3.id,
                "receiver_session_id": self.shop3.current_session_id.id,
                "receiver_user_id": self.manager.id,
                "claimed_at": FORGED_DATE,
                "pending_since": FORGED_DATE,
                "declined_config_ids": [Command.set(self.shop2.ids)],
                "decline_reason": "Forged",
                "pos_order_id": paid.id,
                "done_config_id": self.shop3.id,
                "done_at": FORGED_DATE,
                "released_config_id": self.shop3.id,
                "recalled_at": FORGED_DATE,
                "reopened_at": FORGED_DATE,
            },
            "pos.shop.sync.line": {
                "sequence": 99,
                "full_product_name": "Forged",
                "tax_ids": [Command.set(self.taxes["tax10"].ids)],
                "customer_note": "Forged",
                "note": "Forged",
            },
        }

    def _values(self, sync):
        """What a send stores, but for its reference, dates and ids."""
        sync.invalidate_recordset()
        fields = [
            f
            for f in SNAPSHOT_FIELDS
            if f not in ("name", "write_date", "pending_since")
        ] + ["sender_session_id", "sender_user_id", "currency_id", "note"]
        lines = sync.line_ids.read(
            ["sequence", "full_product_name", "tax_ids", "customer_note", "note"]
        )
        return [
            {key: value for key, value in values.items() if key != "id"}
            for values in sync.read(fields) + lines
        ]

    def test_no_default_context_key_reaches_a_server_owned_field(self):
        # Odoo's sudo() drops default_* keys already (Environment.__call__);
        # the API's clean context keeps it so on every path, sudo or not.
        forged = self._forged_defaults()
        payload = {
            "lines": [self._line(self.pen, note=False, customer_note=False)],
            "note": False,
        }
        with self.subTest("reference"):
            reference = self._values(self._send(**payload))
        for model, defaults in forged.items():
            for field, value in defaults.items():
                with self.subTest(model=model, field=field):
                    env = api.Environment(
                        self.cr, self.cashier.id, {f"default_{field}": value}
                    )
                    result = env["pos.shop.sync"].send_from_ui(
                        self.shop1.id, self._payload(**payload)
                    )
                    self._end_request()
                    sync = self.env["pos.shop.sync"].browse(result["id"])
                    self.assertNotEqual(sync.name, "FORGED/1")
                    self.assertTrue(sync.name.startswith("SYNC/"))
                    self.assertEqual(self._values(sync), reference)
                    self.assertNotEqual(sync.pending_since, FORGED_DATE)
                    self.assertEqual(len(self._messages(sync)), 1)

    def test_context_switches_do_not_silence_the_audit_trail(self):
        switches = {
            "tracking_disable": True,
            "mail_notrack": True,
            "mail_create_nolog": True,
            "mail_notify_noemail": True,
            "mail_auto_subscribe_no_notify": True,
        }
        Sync = api.Environment(self.cr, self.cashier.id, switches)["pos.shop.sync"]
        result = Sync.send_from_ui(self.shop1.id, self._payload())
        self._end_request()
        sync = self.env["pos.shop.sync"].browse(result["id"])
        self.assertEqual(len(self._messages(sync)), 1)
        Sync.claim_from_ui(self.shop2.id, sync.id)
        self._end_request()
        messages = self._messages(sync)
        self.assertEqual(len(messages), 2)
        self.assertIn("state", messages[0].tracking_value_ids.field_id.mapped("name"))
        self.assertEqual(
            [m["event"] for m in self._bus_messages(self.shop1)], ["new", "claimed"]
        )

    def test_session_close_releases_in_a_clean_context(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        messages = self._messages(sync)
        env = api.Environment(
            self.cr, self.cashier.id, {"tracking_disable": True, "mail_notrack": True}
        )
        session = env["pos.session"].browse(self.shop2.current_session_id.id)
        session.post_closing_cash_details(0)
        self.assertEqual(session.close_session_from_ui(), {"successful": True})
        self._end_request()
        self.assertEqual(sync.state, "pending")
        released = self._messages(sync) - messages
        self.assertEqual(len(released), 1)
        self.assertIn("Released at the closing of session", released.body)
        self.assertEqual(self._bus_messages(self.shop1)[-1]["event"], "released")

    def test_active_test_off_does_not_offer_an_archived_terminal(self):
        archived = self._create_shop("Archived Shop", receive=True)
        archived.active = False
        Sync = api.Environment(self.cr, self.cashier.id, {"active_test": False})[
            "pos.shop.sync"
        ]
        targets = [t["id"] for t in Sync.get_sync_targets(self.shop1.id)]
        self.assertNotIn(archived.id, targets)
        self.assertIn(self.shop2.id, targets)
        self.assertRefusedCleanly(
            UserError,
            Sync.send_from_ui,
            self.shop1.id,
            self._payload(target_config_ids=archived.ids),
        )

    def test_language_tricks_are_ignored(self):
        for context in (
            {"lang": "xx_XX"},
            {"edit_translations": True},
            {"check_translations": True},
        ):
            with self.subTest(context=context):
                Sync = api.Environment(self.cr, self.cashier.id, context)
                result = Sync["pos.shop.sync"].send_from_ui(
                    self.shop1.id, self._payload()
                )
                self._end_request()
                sync = self.env["pos.shop.sync"].browse(result["id"])
                self.assertEqual(
                    sorted(sync.line_ids.mapped("full_product_name")),
                    ["Desk", "Lamp", "Pen"],
                )

    # ------------------------------------------------------------------
    # Volume
    # ------------------------------------------------------------------

    def test_201st_pending_send_from_one_terminal_is_refused(self):
        lines = [self._line()]
        for __ in range(200):
            self.Sync.send_from_ui(self.shop1.id, self._payload(lines=lines))
        self._end_request()
        self.assertEqual(self.Sync.get_outgoing_count(self.shop1.id), 200)
        error = self.assertRefusedCleanly(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=lines),
        )
        self.assertEqual(
            str(error),
            "Terminal Shop 1 already has 200 transfers waiting for acceptance, the "
            "most its company allows. Recall some, or wait until they are "
            "accepted, before sending more.",
        )
        # Another terminal still sends; one accepted makes room again.
        shop4 = self._create_shop("Shop 4", send=True)
        self._open_session(shop4)
        self.Sync.send_from_ui(shop4.id, self._payload(lines=lines))
        newest = self.Sync.get_incoming(self.shop2.id, with_lines=False, limit=2)
        self.Sync.claim_from_ui(self.shop2.id, newest[1]["id"])
        self.Sync.send_from_ui(self.shop1.id, self._payload(lines=lines))

    def test_lists_take_a_limit_and_counts_are_true(self):
        lines = [self._line()]
        sent = [
            self.Sync.send_from_ui(self.shop1.id, self._payload(lines=lines))["id"]
            for __ in range(5)
        ]
        incoming = self.Sync.get_incoming(self.shop2.id, limit=3)
        self.assertEqual([t["id"] for t in incoming], sent[:-4:-1])
        self.assertIn("lines", incoming[0])
        outgoing = self.Sync.get_outgoing(self.shop1.id, limit=2)
        self.assertEqual([t["id"] for t in outgoing], sent[:-3:-1])
        self.assertEqual(len(self.Sync.get_incoming(self.shop2.id)), 5)
        self.assertEqual(len(self.Sync.get_incoming(self.shop2.id, limit=10**9)), 5)
        self.assertEqual(self.Sync.get_incoming_count(self.shop2.id), 5)
        self.assertEqual(self.Sync.get_outgoing_count(self.shop1.id), 5)
        for limit in (0, -1, True, "3", 2.5, 2**40):
            with self.subTest(limit=limit):
                self.assertRefused(
                    ValidationError, self.Sync.get_incoming, self.shop2.id, True, limit
                )
                self.assertRefused(
                    ValidationError, self.Sync.get_outgoing, self.shop1.id, limit
                )
        # The counts check the terminal's role like the lists.
        self.assertRefused(UserError, self.Sync.get_incoming_count, self.shop1.id)
        self.assertRefused(UserError, self.Sync.get_outgoing_count, self.shop2.id)

    # ------------------------------------------------------------------
    # Discounts, chatter, rules
    # ------------------------------------------------------------------

    def test_discount_from_a_terminal_without_manual_discounts_is_refused(self):
        self.shop1.manual_discount = False
        error = self.assertRefusedCleanly(
            UserError, self.Sync.send_from_ui, self.shop1.id, self._payload()
        )
        self.assertEqual(
            str(error),
            "Terminal Shop 1 does not allow line discounts: remove them before "
            "sending.",
        )
        payload = self._payload()
        for line in payload["lines"]:
            line["discount"] = 0.0
        self.assertEqual(
            self.Sync.send_from_ui(self.shop1.id, payload)["state"], "pending"
        )
        self.shop1.manual_discount = True
        self.assertEqual(
            self.Sync.send_from_ui(self.shop1.id, self._payload())["state"], "pending"
        )

    def test_cashier_cannot_post_on_a_transfer(self):
        sync = self._send()
        as_cashier = self.cashier_env["pos.shop.sync"].browse(sync.id)
        before = self._footprint()
        # Odoo checks the access to a new message once it is inserted: the
        # refusal rolls the request back (over JSON-RPC below, nothing stays).
        with self.assertRaises(AccessError):
            as_cashier.message_post(
                body="Call me",
                partner_ids=self.manager.partner_id.ids,
                message_type="comment",
            )
        self.assertNothingWritten(before)
        self.assertRefusedCleanly(
            AccessError, as_cashier.message_subscribe, self.manager.partner_id.ids
        )

    # ------------------------------------------------------------------
    # The history is written by the server only (issue 20, item 1)
    # ------------------------------------------------------------------

    def _accepted_with_history(self):
        """A transfer Shop 2 accepted: its history holds the send's entry and
        the acceptance's (with its tracking value), the cashier their author."""
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        entry = self._messages(sync)[0]
        self.assertEqual(entry.author_id, self.cashier.partner_id)
        self.assertTrue(entry.tracking_value_ids)
        return sync, entry

    def _state_tracking(self):
        field = self.env["ir.model.fields"]._get("pos.shop.sync", "state")
        return [
            Command.create(
                {
                    "field_id": field.id,
                    "old_value_char": "In Progress",
                    "new_value_char": "Done",
                }
            )
        ]

    def _history_attacks(self, sync, entry, user):
        """``(label, call, args, kwargs)``: the ways to write in ``sync``'s
        history as ``user``: follow it, post on it, create, edit or delete its
        messages, attach files, change one's own subscription."""
        env = self.env(user=user, su=False)
        thread = env["pos.shop.sync"].browse(sync.id)
        messages = env["mail.message"]
        partner = user.partner_id
        on_sync = {"model": "pos.shop.sync", "res_id": sync.id}
        forged = {
            "author_id": self.manager.partner_id.id,
            "date": FORGED_DATE,
            "tracking_value_ids": self._state_tracking(),
        }
        attacks = [
            ("follow", thread.message_subscribe, [partner.ids], {}),
            (
                "follow with subtypes",
                thread.message_subscribe,
                [partner.ids],
                {"subtype_ids": self.env.ref("mail.mt_comment").ids},
            ),
            (
                "post",
                thread.message_post,
                [],
                {"body": "Paid in cash", "message_type": "comment"},
            ),
            (
                "post as the manager, backdated",
                thread.message_post,
                [],
                {
                    "body": "Paid in cash",
                    "message_type": "comment",
                    "author_id": self.manager.partner_id.id,
                    "date": FORGED_DATE,
                },
            ),
            (
                "post with an attachment to a partner",
                thread.message_post,
                [],
                {
                    "body": "See attached",
                    "message_type": "comment",
                    "partner_ids": self.customer.ids,
                    "attachments": [("receipt.txt", b"forged")],
                },
            ),
            (
                "notify a partner",
                thread.message_notify,
                [],
                {"body": "Paid", "partner_ids": self.customer.ids},
            ),
            (
                "post from a view",
                thread.message_post_with_source,
                ["mail.message_origin_link"],
                {"render_values": {"self": thread, "origin": thread, "edit": False}},
            ),
            (
                "mail from a view",
                thread.message_mail_with_source,
                ["mail.message_origin_link"],
                {
                    "render_values": {"self": thread, "origin": thread, "edit": False},
                    "partner_ids": self.customer.ids,
                },
            ),
            (
                "mail through the composer",
                env["mail.compose.message"]
                .with_context(
                    default_model="pos.shop.sync",
                    default_res_ids=sync.ids,
                    default_composition_mode="mass_mail",
                )
                .create(
                    {
                        "subject": "Your cart",
                        "body": "Paid",
                        "partner_ids": [Command.set(self.customer.ids)],
                    }
                )
                .action_send_mail,
                [],
                {},
            ),
            (
                "create a message",
                messages.create,
                [{**on_sync, "body": "Paid", "message_type": "comment"}],
                {},
            ),
            (
                "create a forged tracking entry",
                messages.create,
                [{**on_sync, "body": "", "message_type": "notification", **forged}],
                {},
            ),
            (
                "create through default keys",
                messages.with_context(
                    default_model="pos.shop.sync", default_res_id=sync.id
                ).create,
                [{"body": "Paid", "message_type": "comment"}],
                {},
            ),
            (
                "reply to an entry",
                messages.create,
                [{**on_sync, "parent_id": entry.id, "body": "Paid"}],
                {},
            ),
            ("edit an entry", entry.with_env(env).write, [{"body": "Nothing"}], {}),
            (
                "backdate an entry",
                entry.with_env(env).write,
                [{"date": FORGED_DATE}],
                {},
            ),
            (
                "give an entry another author",
                entry.with_env(env).write,
                [{"author_id": self.manager.partner_id.id}],
                {},
            ),
            (
                "add tracking to an entry",
                entry.with_env(env).write,
                [{"tracking_value_ids": self._state_tracking()}],
                {},
            ),
            ("delete an entry", entry.with_env(env).unlink, [], {}),
            (
                "attach a file",
                env["ir.attachment"].create,
                [
                    {
                        "name": "receipt.txt",
                        "raw": b"forged",
                        "res_model": "pos.shop.sync",
                        "res_id": sync.id,
                    }
                ],
                {},
            ),
            (
                "become a follower directly",
                env["mail.followers"].create,
                [
                    {
                        "res_model": "pos.shop.sync",
                        "res_id": sync.id,
                        "partner_id": partner.id,
                    }
                ],
                {},
            ),
        ]
        follower = (
            self.env["mail.followers"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "pos.shop.sync"),
                    ("res_id", "=", sync.id),
                    ("partner_id", "=", partner.id),
                ]
            )
        )
        if follower:
            attacks += [
                (
                    "change one's subtypes",
                    follower.with_env(env).write,
                    [{"subtype_ids": [Command.set(self.env.ref("mail.mt_note").ids)]}],
                    {},
                ),
                (
                    "edit one's follower row",
                    follower.with_env(env).write,
                    [{"res_id": self.foreign_sync.id}],
                    {},
                ),
            ]
        return attacks

    def _assert_history_refused(self, sync, entry, user):
        for label, call, args, kwargs in self._history_attacks(sync, entry, user):
            with self.subTest(user=user.login, attack=label):
                self.assertRefusedCleanly(AccessError, call, *args, **kwargs)

    def test_cashier_cannot_write_the_history(self):
        sync, entry = self._accepted_with_history()
        self._assert_history_refused(sync, entry, self.cashier)

    def test_cashier_follower_cannot_write_the_history(self):
        """A cashier who follows the transfer (a manager added them, or they
        followed it before this was closed) and was notified of a manager's
        comment: each way Odoo opens to followers, recipients and authors."""
        sync, entry = self._accepted_with_history()
        sync._message_subscribe(partner_ids=self.cashier.partner_id.ids)
        comment = sync.with_user(self.manager).message_post(
            body="Please check the lamp",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.cashier.partner_id.ids,
        )
        self._end_request()
        self._assert_history_refused(sync, entry, self.cashier)
        self._assert_history_refused(sync, comment, self.cashier)
        # The server's own entries are unaffected: the follower pays it.
        data = self._order_data(self.shop2, sync)
        order = self._sync_order(data)
        self.assertEqual(sync.state, "done")
        done = self._messages(sync)[0]
        self.assertIn(f"Paid as {order.name}", done.body)
        self.assertIn("Done", done.tracking_value_ids.mapped("new_value_char"))

    def test_manager_posts_but_never_forges_the_history(self):
        sync, entry = self._accepted_with_history()
        as_manager = sync.with_user(self.manager)
        as_manager.message_subscribe(self.manager.partner_id.ids)
        comment = as_manager.message_post(
            body="Lamp checked", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(comment.author_id, self.manager.partner_id)
        comment.with_user(self.manager).write({"body": "Lamp checked twice"})
        self.assertIn("twice", str(comment.body))
        managers_env = self.env(user=self.manager, su=False)
        messages = managers_env["mail.message"]
        attacks = [
            (
                "post as the cashier",
                as_manager.message_post,
                {
                    "body": "I paid",
                    "message_type": "comment",
                    "author_id": self.cashier.partner_id.id,
                },
            ),
            (
                "post backdated",
                as_manager.message_post,
                {"body": "Paid", "message_type": "comment", "date": FORGED_DATE},
            ),
            (
                "create a tracking entry",
                messages.create,
                {
                    "model": "pos.shop.sync",
                    "res_id": sync.id,
                    "body": "",
                    "tracking_value_ids": self._state_tracking(),
                },
            ),
            (
                "backdate a comment",
                comment.with_user(self.manager).write,
                {"date": FORGED_DATE},
            ),
            (
                "edit the server's entry",
                entry.with_user(self.manager).write,
                {"body": "x"},
            ),
        ]
        for label, call, values in attacks:
            with self.subTest(label):
                if label.startswith("post"):
                    self.assertRefusedCleanly(AccessError, call, **values)
                else:
                    self.assertRefusedCleanly(AccessError, call, values)
        with self.subTest("delete the server's entry"):
            self.assertRefusedCleanly(AccessError, entry.with_user(self.manager).unlink)

    def test_administrator_cannot_forge_tracking_values(self):
        """Administrators may write tracking values (Odoo's access rights), not
        those of a transfer's history."""
        sync, entry = self._accepted_with_history()
        admin_env = self.env(user=self.env.ref("base.user_admin"), su=False)
        self.assertTrue(admin_env.user.has_group("base.group_system"))
        trackings = admin_env["mail.tracking.value"]
        tracking = entry.tracking_value_ids[:1].with_env(admin_env)
        values = self._state_tracking()[0][2]
        for label, call, args in (
            ("add one", trackings.create, [{**values, "mail_message_id": entry.id}]),
            ("change one", tracking.write, [{"new_value_char": "Done"}]),
            ("delete one", tracking.unlink, []),
        ):
            with self.subTest(label):
                self.assertRefusedCleanly(AccessError, call, *args)

    # ------------------------------------------------------------------
    # Server facts come from the server (issue 20, item 4)
    # ------------------------------------------------------------------

    def test_paying_a_released_transfer_records_the_caller_not_the_order(self):
        """The order's user_id is the client's: the manager's here, sent by the
        cashier's POS. The transfer names the user who saved the payment."""
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.Sync.release_from_ui(self.shop2.id, sync.id)
        self._end_request()
        self.assertFalse(sync.receiver_user_id)
        data = self._order_data(self.shop2, sync, user_id=self.manager.id)
        order = self._sync_order(data)
        self.assertEqual(order.user_id, self.manager)
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "done",
                    "pos_order_id": order.id,
                    "receiver_user_id": self.cashier.id,
                    "done_config_id": self.shop2.id,
                    "receiver_session_id": self.shop2.current_session_id.id,
                }
            ],
        )
        self.assertNotEqual(sync.done_at, FORGED_DATE)

    # ------------------------------------------------------------------
    # Controls only managers change (issue 20, item 6)
    # ------------------------------------------------------------------

    def test_cashier_cannot_switch_off_what_the_checks_rely_on(self):
        other_pricelist = self.env["product.pricelist"].create(
            {"name": "Cashier's own", "currency_id": self.company.currency_id.id}
        )
        fiscal_position = self.env["account.fiscal.position"].create(
            {"name": "Tax free"}
        )
        configs = self.cashier_env["pos.config"]
        for field, value in (
            ("manual_discount", False),
            ("pricelist_id", other_pricelist.id),
            ("available_pricelist_ids", [Command.link(other_pricelist.id)]),
            ("fiscal_position_ids", [Command.link(fiscal_position.id)]),
            ("default_fiscal_position_id", fiscal_position.id),
            ("journal_id", self.shop2.journal_id.id),
            ("company_id", self.foreign_shop.company_id.id),
        ):
            with self.subTest(field):
                before = self.shop1.read([field])
                self.assertRefusedCleanly(
                    AccessError, configs.browse(self.shop1.id).write, {field: value}
                )
                self.shop1.invalidate_recordset()
                self.assertEqual(self.shop1.read([field]), before)
        # A manager still may.
        self.shop1.with_user(self.manager).write({"manual_discount": False})
        self.assertFalse(self.shop1.manual_discount)

    def test_cashier_cannot_skip_the_closing_of_a_session(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self._end_request()
        session = self.cashier_env["pos.session"].browse(
            self.shop2.current_session_id.id
        )
        for label, values in (
            ("closed directly", {"state": "closed"}),
            ("closed with its stop", {"state": "closed", "stop_at": FORGED_DATE}),
            ("back to opening", {"state": "opening_control"}),
            ("a recovery session", {"rescue": True}),
        ):
            with self.subTest(label):
                self.assertRefusedCleanly(AccessError, session.write, values)
                session.invalidate_recordset()
                self.assertRecordValues(session, [{"state": "opened", "rescue": False}])
        with self.subTest("a new recovery session"):
            self.assertRefusedCleanly(
                AccessError,
                self.cashier_env["pos.session"].create,
                {"config_id": self.shop2.id, "rescue": True},
            )
        self.assertEqual(sync.state, "claimed")
        # Odoo's own flow, as the cashier: closing gives the transfer back.
        session.update_closing_control_state_session("End of shift")
        self.assertEqual(session.state, "closing_control")
        session.post_closing_cash_details(0)
        self.assertEqual(session.close_session_from_ui(), {"successful": True})
        self._end_request()
        self.assertEqual(session.state, "closed")
        self.assertRecordValues(
            sync, [{"state": "pending", "released_config_id": self.shop2.id}]
        )
        with self.subTest("re-opened once closed"):
            self.assertRefusedCleanly(AccessError, session.write, {"state": "opened"})
        # And the next shift opens as the cashier.
        self.cashier_env["pos.config"].browse(self.shop2.id).open_ui()
        new_session = self.cashier_env["pos.session"].browse(
            self.shop2.current_session_id.id
        )
        new_session.set_opening_control(0, "")
        self.assertEqual(new_session.state, "opened")

    def test_record_rules_are_updated_by_an_upgrade(self):
        rules = self.env["ir.model.data"].search(
            [("module", "=", "pos_shop_sync"), ("model", "=", "ir.rule")]
        )
        self.assertEqual(len(rules), 2)
        self.assertFalse(any(rules.mapped("noupdate")))


@tagged("post_install", "-at_install")
class TestAttacksOverJsonRpc(AttackCommon, HttpCase):
    """The same ways around, as a client sends them: JSON-RPC to call_kw,
    logged in as the cashier, with the context of its choosing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier.password = "shop_sync_cashier"

    def setUp(self):
        super().setUp()
        self.authenticate("shop_sync_cashier", "shop_sync_cashier")

    def _rpc(self, model, method, *args, context=None, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": {**kwargs, "context": context or {}},
            },
        )

    def assertRpcRefused(self, exception, model, method, *args, **kwargs):
        """The call is answered with ``exception`` and writes nothing."""
        before = self._footprint()
        with mute_logger("odoo.http"):
            with self.assertRaises(JsonRpcException) as caught:
                self._rpc(model, method, *args, **kwargs)
        self.assertEqual(str(caught.exception), f"odoo.exceptions.{exception.__name__}")
        self.assertNothingWritten(before)

    def test_roles_over_json_rpc(self):
        self.assertRpcRefused(
            AccessError,
            "pos.config",
            "write",
            self.shop1.ids,
            {"shop_sync_can_receive": True},
        )
        # The terminal's form saves with web_save.
        self.assertRpcRefused(
            AccessError,
            "pos.config",
            "web_save",
            self.shop2.ids,
            {"shop_sync_can_send": True},
            specification={},
        )
        self.assertRpcRefused(
            AccessError,
            "res.config.settings",
            "web_save",
            [],
            {
                "pos_config_id": self.shop1.id,
                "pos_shop_sync_can_receive": True,
                "shop_sync_max_pending": 10_000,
            },
            specification={},
        )
        self.assertRpcRefused(
            AccessError,
            "res.company",
            "write",
            self.company.ids,
            {"shop_sync_expiry_hours": 0},
        )
        self.shop1.invalidate_recordset()
        self.assertFalse(self.shop1.shop_sync_can_receive)
        self.assertFalse(self.shop2.shop_sync_can_send)

    def test_order_link_over_json_rpc(self):
        sync = self._send()
        self.assertRpcRefused(
            AccessError,
            "pos.order",
            "create",
            [
                {
                    "session_id": self.shop2.current_session_id.id,
                    "amount_tax": 0,
                    "amount_total": 0,
                    "amount_paid": 0,
                    "amount_return": 0,
                    "shop_sync_id": sync.id,
                }
            ],
        )
        for label, target, context in (
            ("same company", sync, {}),
            ("other company", self.foreign_sync, {}),
            ("default key", sync, {"default_shop_sync_id": sync.id}),
        ):
            with self.subTest(label):
                link = None if context else target
                data = self._order_data(self.shop2, link)
                with mute_logger("odoo.addons.pos_shop_sync.models.pos_order"):
                    result = self._rpc(
                        "pos.order", "sync_from_ui", [data], context=context
                    )
                self.env.invalidate_all()
                order = self.env["pos.order"].browse(result["pos.order"][0]["id"])
                self.assertEqual(order.state, "paid")
                self.assertFalse(order.shop_sync_id)
                self.assertEqual(target.state, "pending")
                self.assertRpcRefused(
                    AccessError,
                    "pos.order",
                    "write",
                    order.ids,
                    {"shop_sync_id": target.id},
                )
        self.assertFalse(self._bus_messages(self.shop2)[1:])

    def test_default_keys_over_json_rpc(self):
        paid = self._sync_order(self._order_data(self.shop3))
        context = {
            "default_state": "done",
            "default_name": "FORGED/1",
            "default_pos_order_id": paid.id,
            "default_receiver_config_id": self.shop3.id,
            "default_pending_since": "2001-01-01 00:00:00",
            "default_tax_ids": [[6, 0, self.taxes["tax10"].ids]],
            "tracking_disable": True,
            "mail_create_nolog": True,
            "active_test": False,
        }
        result = self._rpc(
            "pos.shop.sync",
            "send_from_ui",
            self.shop1.id,
            self._payload(lines=[self._line(self.pen)]),
            context=context,
        )
        self.env.invalidate_all()
        sync = self.env["pos.shop.sync"].browse(result["id"])
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "pending",
                    "pos_order_id": False,
                    "receiver_config_id": False,
                }
            ],
        )
        self.assertTrue(sync.name.startswith("SYNC/"))
        self.assertNotEqual(sync.pending_since, FORGED_DATE)
        self.assertFalse(sync.line_ids.tax_ids)
        self.assertEqual(len(self._messages(sync)), 1)

    def test_volume_and_discount_over_json_rpc(self):
        self.company.shop_sync_max_pending = 2
        for __ in range(2):
            self._rpc("pos.shop.sync", "send_from_ui", self.shop1.id, self._payload())
        self.assertRpcRefused(
            UserError, "pos.shop.sync", "send_from_ui", self.shop1.id, self._payload()
        )
        self.assertEqual(
            len(self._rpc("pos.shop.sync", "get_incoming", self.shop2.id, limit=1)), 1
        )
        self.assertEqual(
            self._rpc("pos.shop.sync", "get_incoming_count", self.shop2.id), 2
        )
        self.company.shop_sync_max_pending = 200
        self.shop1.manual_discount = False
        self.assertRpcRefused(
            UserError, "pos.shop.sync", "send_from_ui", self.shop1.id, self._payload()
        )

    def test_post_on_a_transfer_over_json_rpc(self):
        sync = self._send()
        self.assertRpcRefused(
            AccessError,
            "pos.shop.sync",
            "message_post",
            sync.ids,
            body="Call me",
            message_type="comment",
        )
        # The chatter's own route.
        before = self._footprint()
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "pos.shop.sync",
                    "thread_id": sync.id,
                    "post_data": {"body": "Call me", "message_type": "comment"},
                },
            )
        self.assertNothingWritten(before)

    def _history_rpc_attacks(self, sync, entry):
        """``(label, model, method, args, kwargs)``: the history attacks of
        TestAttacks, as call_kw requests of the cashier."""
        partner = self.cashier.partner_id
        on_sync = {"model": "pos.shop.sync", "res_id": sync.id}
        forged = {
            "author_id": self.manager.partner_id.id,
            "date": "2001-01-01 00:00:00",
            "tracking_value_ids": [
                [
                    0,
                    0,
                    {
                        "field_id": self.env["ir.model.fields"]
                        ._get("pos.shop.sync", "state")
                        .id,
                        "old_value_char": "In Progress",
                        "new_value_char": "Done",
                    },
                ]
            ],
        }
        return [
            (
                "follow",
                "pos.shop.sync",
                "message_subscribe",
                [sync.ids, partner.ids],
                {},
            ),
            (
                "post as the manager",
                "pos.shop.sync",
                "message_post",
                [sync.ids],
                {
                    "body": "Paid in cash",
                    "message_type": "comment",
                    "author_id": self.manager.partner_id.id,
                },
            ),
            (
                "create a forged entry",
                "mail.message",
                "create",
                [{**on_sync, "body": "", "message_type": "notification", **forged}],
                {},
            ),
            (
                "create through default keys",
                "mail.message",
                "create",
                [{"body": "Paid", "message_type": "comment"}],
                {
                    "context": {
                        "default_model": "pos.shop.sync",
                        "default_res_id": sync.id,
                    }
                },
            ),
            (
                "reply to an entry",
                "mail.message",
                "create",
                [{**on_sync, "parent_id": entry.id, "body": "Paid"}],
                {},
            ),
            (
                "mail from a view",
                "pos.shop.sync",
                "message_mail_with_source",
                [sync.ids, "mail.message_origin_link"],
                {"partner_ids": self.customer.ids},
            ),
            (
                "notify a partner",
                "pos.shop.sync",
                "message_notify",
                [sync.ids],
                {"body": "Paid", "partner_ids": self.customer.ids},
            ),
            ("edit an entry", "mail.message", "write", [entry.ids, {"body": "x"}], {}),
            (
                "backdate an entry",
                "mail.message",
                "write",
                [entry.ids, {"date": "2001-01-01 00:00:00"}],
                {},
            ),
            ("delete an entry", "mail.message", "unlink", [entry.ids], {}),
            (
                "attach a file",
                "ir.attachment",
                "create",
                [
                    {
                        "name": "receipt.txt",
                        "datas": "Zm9yZ2Vk",
                        "res_model": "pos.shop.sync",
                        "res_id": sync.id,
                    }
                ],
                {},
            ),
        ]

    def test_history_over_json_rpc_as_a_cashier_and_a_follower(self):
        sync = self._send()
        self._rpc("pos.shop.sync", "claim_from_ui", self.shop2.id, sync.id)
        entry = self._messages(sync)[0]
        self.assertEqual(entry.author_id, self.cashier.partner_id)
        for follower in (False, True):
            if follower:
                sync._message_subscribe(partner_ids=self.cashier.partner_id.ids)
                follower_row = self.env["mail.followers"].search(
                    [
                        ("res_model", "=", "pos.shop.sync"),
                        ("res_id", "=", sync.id),
                        ("partner_id", "=", self.cashier.partner_id.id),
                    ]
                )
                self.assertTrue(follower_row)
            attacks = self._history_rpc_attacks(sync, entry)
            if follower:
                attacks.append(
                    (
                        "change one's subtypes",
                        "mail.followers",
                        "write",
                        [follower_row.ids, {"subtype_ids": [[6, 0, []]]}],
                        {},
                    )
                )
            for label, model, method, args, kwargs in attacks:
                with self.subTest(follower=follower, attack=label):
                    self.assertRpcRefused(AccessError, model, method, *args, **kwargs)
            # The chatter's own routes.
            for label, route, params in (
                (
                    "post",
                    "/mail/message/post",
                    {
                        "thread_model": "pos.shop.sync",
                        "thread_id": sync.id,
                        "post_data": {"body": "Call me", "message_type": "comment"},
                    },
                ),
                (
                    "edit an entry",
                    "/mail/message/update_content",
                    {"message_id": entry.id, "body": "x", "attachment_ids": []},
                ),
            ):
                with self.subTest(follower=follower, route=label):
                    before = self._footprint()
                    with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
                        self.make_jsonrpc_request(route, params)
                    self.assertNothingWritten(before)

    def test_server_facts_over_json_rpc(self):
        """The order's user_id, sent by the POS, is not who paid the transfer."""
        sync = self._send()
        self._rpc("pos.shop.sync", "claim_from_ui", self.shop2.id, sync.id)
        self._rpc("pos.shop.sync", "release_from_ui", self.shop2.id, sync.id)
        data = self._order_data(self.shop2, sync, user_id=self.manager.id)
        result = self._rpc("pos.order", "sync_from_ui", [data])
        self.env.invalidate_all()
        order = self.env["pos.order"].browse(result["pos.order"][0]["id"])
        self.assertEqual(order.user_id, self.manager)
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "done",
                    "pos_order_id": order.id,
                    "receiver_user_id": self.cashier.id,
                    "done_config_id": self.shop2.id,
                }
            ],
        )

    def test_controls_over_json_rpc(self):
        for field, value in (
            ("manual_discount", False),
            ("pricelist_id", False),
            ("available_pricelist_ids", [[5, 0, 0]]),
            ("default_fiscal_position_id", False),
        ):
            with self.subTest(field):
                before = self.shop1.read([field])
                self.assertRpcRefused(
                    AccessError, "pos.config", "write", self.shop1.ids, {field: value}
                )
                self.assertRpcRefused(
                    AccessError,
                    "pos.config",
                    "web_save",
                    self.shop1.ids,
                    {field: value},
                    specification={},
                )
                self.shop1.invalidate_recordset()
                self.assertEqual(self.shop1.read([field]), before)
        session = self.shop2.current_session_id
        for values in (
            {"state": "closed"},
            {"state": "opening_control"},
            {"rescue": True},
        ):
            with self.subTest(session=values):
                self.assertRpcRefused(
                    AccessError, "pos.session", "write", session.ids, values
                )
                session.invalidate_recordset()
                self.assertRecordValues(session, [{"state": "opened", "rescue": False}])
        self.assertRpcRefused(
            AccessError,
            "pos.session",
            "create",
            [{"config_id": self.shop2.id, "rescue": True}],
        )
        # Odoo's closing, as the cashier's POS runs it, still works.
        self._rpc("pos.session", "post_closing_cash_details", session.ids, 0)
        self.assertEqual(
            self._rpc("pos.session", "close_session_from_ui", session.ids),
            {"successful": True},
        )
        session.invalidate_recordset()
        self.assertEqual(session.state, "closed")

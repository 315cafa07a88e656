# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may do what on which terminal: every cell of roles x operations x
terminals, asserted one by one against a single table of expected outcomes."""

import logging
from collections import deque
from contextlib import contextmanager
from copy import deepcopy
from uuid import uuid4

from odoo import Command, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ShopSyncCommon

_logger = logging.getLogger(__name__)

OK = "allowed"
AE, UE = AccessError, UserError

ROLES = ("employee", "cashier", "manager", "foreign_cashier", "foreign_manager")
TERMINALS = ("own", "targeted", "not_targeted", "other_company")

# The roles (all but the foreign ones belong to the transfer's company):
#   employee         internal user without any Point of Sale group
#   cashier          Point of Sale user
#   manager          Point of Sale manager
#   foreign_cashier  Point of Sale user of another company only
#   foreign_manager  Point of Sale manager of another company only
# The fixture is a broadcast from Shop 1 to Shop 2 and Shop 3 (accepted by
# Shop 2 for the releases, expired for the reopen). The terminal passed:
#   own            the transfer's own side: Shop 1, its sender, for send and
#                  recall; Shop 2, its target (that accepted it, for release),
#                  for the receiving operations
#   targeted       sending side: Shop 2 (a target; it does not send);
#                  receiving side: Shop 3, the broadcast's other target
#   not_targeted   Shop 4, which sends and receives, but not this transfer
#   other_company  a terminal of the other company, sending and receiving
# Backend buttons and ORM calls take no terminal: the column picks the record,
# the company's transfer for the first three (the result cannot depend on the
# terminal), a transfer of the other company for other_company. ORM create
# names the column's terminal as the sender. role_write writes the column's
# terminal (the receiving side's); order_link creates an order of its session
# linked to the column's transfer; post_message posts on it.
#
#                   own   targeted  not_targeted  other_company
EXPECTED = {
    "send": {
        "employee": (AE, AE, AE, AE),
        "cashier": (OK, UE, OK, UE),
        "manager": (OK, UE, OK, UE),
        "foreign_cashier": (UE, UE, UE, UE),
        "foreign_manager": (UE, UE, UE, UE),
    },
    "incoming": {
        "employee": (AE, AE, AE, AE),
        "cashier": (OK, OK, OK, UE),
        "manager": (OK, OK, OK, UE),
        "foreign_cashier": (UE, UE, UE, OK),
        "foreign_manager": (UE, UE, UE, OK),
    },
    "claim": {
        "employee": (AE, AE, AE, AE),
        "cashier": (OK, OK, UE, UE),
        "manager": (OK, OK, UE, UE),
        "foreign_cashier": (UE, UE, UE, UE),
        "foreign_manager": (UE, UE, UE, UE),
    },
    "recall": {
        "employee": (AE, AE, AE, AE),
        "cashier": (OK, UE, UE, UE),
        "manager": (OK, UE, UE, UE),
        "foreign_cashier": (UE, UE, UE, UE),
        "foreign_manager": (UE, UE, UE, UE),
    },
    "decline": {
        "employee": (AE, AE, AE, AE),
        "cashier": (OK, OK, UE, UE),
        "manager": (OK, OK, UE, UE),
        "foreign_cashier": (UE, UE, UE, UE),
        "foreign_manager": (UE, UE, UE, UE),
    },
    "release": {
        "employee": (AE, AE, AE, AE),
        "cashier": (OK, UE, UE, UE),
        "manager": (OK, UE, UE, UE),
        "foreign_cashier": (UE, UE, UE, UE),
        "foreign_manager": (UE, UE, UE, UE),
    },
    "backend_cancel": {
        "employee": (AE, AE, AE, AE),
        "cashier": (AE, AE, AE, AE),
        "manager": (OK, OK, OK, AE),
        "foreign_cashier": (AE, AE, AE, AE),
        "foreign_manager": (AE, AE, AE, OK),
    },
    "backend_release": {
        "employee": (AE, AE, AE, AE),
        "cashier": (AE, AE, AE, AE),
        "manager": (OK, OK, OK, AE),
        "foreign_cashier": (AE, AE, AE, AE),
        "foreign_manager": (AE, AE, AE, OK),
    },
    "backend_reopen": {
        "employee": (AE, AE, AE, AE),
        "cashier": (AE, AE, AE, AE),
        "manager": (OK, OK, OK, AE),
        "foreign_cashier": (AE, AE, AE, AE),
        "foreign_manager": (AE, AE, AE, OK),
    },
    "orm_write": {role: (AE, AE, AE, AE) for role in ROLES},
    "orm_unlink": {role: (AE, AE, AE, AE) for role in ROLES},
    "orm_create": {role: (AE, AE, AE, AE) for role in ROLES},
    # A terminal's roles are a manager's setting (pos.config.write).
    "role_write": {
        "employee": (AE, AE, AE, AE),
        "cashier": (AE, AE, AE, AE),
        "manager": (OK, OK, OK, AE),
        "foreign_cashier": (AE, AE, AE, AE),
        "foreign_manager": (AE, AE, AE, OK),
    },
    # An order's transfer comes from the POS's save only (pos.order.create).
    "order_link": {role: (AE, AE, AE, AE) for role in ROLES},
    # Posting on a transfer needs write access: a manager's act.
    "post_message": {
        "employee": (AE, AE, AE, AE),
        "cashier": (AE, AE, AE, AE),
        "manager": (OK, OK, OK, AE),
        "foreign_cashier": (AE, AE, AE, AE),
        "foreign_manager": (AE, AE, AE, OK),
    },
}

# The transfer each operation acts on, by its state (None: no transfer).
FIXTURE_STATE = {
    "send": None,
    "incoming": "pending",
    "claim": "pending",
    "recall": "pending",
    "decline": "pending",
    "release": "claimed",
    "backend_cancel": "pending",
    "backend_release": "claimed",
    "backend_reopen": "expired",
    "orm_write": "pending",
    "orm_unlink": "pending",
    "orm_create": None,
    "role_write": None,
    "order_link": "pending",
    "post_message": "pending",
}
SENDING_SIDE = ("send", "recall")
BACKEND_AND_ORM = (
    "backend_cancel",
    "backend_release",
    "backend_reopen",
    "orm_write",
    "orm_unlink",
    "orm_create",
    "order_link",
    "post_message",
)


@contextmanager
def rolled_back(env):
    """Run the block in a savepoint that is always rolled back, with the
    caches and the commit hooks (tracking, bus) as they were before it."""
    env.flush_all()
    cr = env.cr
    hooks = [cr.precommit, cr.postcommit]
    saved = [(deque(hook._funcs), deepcopy(hook.data)) for hook in hooks]
    savepoint = cr.savepoint(flush=False)
    try:
        yield
    finally:
        savepoint.close(rollback=True)
        env.transaction.clear()
        for hook, (funcs, data) in zip(hooks, saved, strict=True):
            hook._funcs, hook.data = funcs, data


def _name(outcome):
    return outcome if outcome == OK else outcome.__name__


def written_rows(env):
    """Rows a refused call must not add or remove: transfers, lines, their
    chatter, bus notifications (once the end of the request ran)."""
    env.flush_all()
    env.cr.execute(
        "SELECT (SELECT count(*) FROM pos_shop_sync),"
        " (SELECT count(*) FROM pos_shop_sync_line),"
        " (SELECT count(*) FROM mail_message WHERE model = 'pos.shop.sync'),"
        " (SELECT count(*) FROM bus_bus)"
    )
    return list(env.cr.fetchone())


@tagged("post_install", "-at_install")
class TestAccessMatrix(ShopSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop4 = cls._create_shop("Shop 4", send=True, receive=True)
        cls._open_session(cls.shop4)
        company = cls.company
        cls.employee = cls._create_user(
            "shop_sync_access_employee", "", company=company
        )
        cls.manager = cls._create_user(
            "shop_sync_access_manager",
            "point_of_sale.group_pos_manager",
            company=company,
        )
        cls._setup_other_company()

    @classmethod
    def _setup_other_company(cls):
        """Two terminals of another company with open sessions, its cashier
        and manager, a product only it sells."""
        data = cls.setup_other_company(name="Shop Sync Access Other Co")
        cls.company_2 = company_2 = data["company"]
        env2 = cls.env(context=dict(cls.env.context, allowed_company_ids=company_2.ids))
        pricelist = env2["product.pricelist"].create(
            {
                "name": "Other Co Pricelist",
                "company_id": company_2.id,
                "currency_id": company_2.currency_id.id,
            }
        )
        shops = env2["pos.config"]
        for name, journal in (
            ("Foreign Shop", data["default_journal_cash"]),
            ("Foreign Shop 2", None),
        ):
            if journal is None:
                journal = env2["account.journal"].create(
                    {
                        "name": f"Cash {name}",
                        "type": "cash",
                        "code": "CFS2",
                        "company_id": company_2.id,
                    }
                )
            cash = env2["pos.payment.method"].create(
                {
                    "name": f"Cash {name}",
                    "journal_id": journal.id,
                    "company_id": company_2.id,
                }
            )
            shop = env2["pos.config"].create(
                {
                    "name": name,
                    "company_id": company_2.id,
                    "invoice_journal_id": data["default_journal_sale"].id,
                    "available_pricelist_ids": pricelist.ids,
                    "pricelist_id": pricelist.id,
                    "payment_method_ids": [Command.set(cash.ids)],
                    "shop_sync_can_send": True,
                    "shop_sync_can_receive": True,
                }
            )
            shop.open_ui()
            shop.current_session_id.set_opening_control(0, None)
            shops |= shop
        cls.foreign_shop, cls.foreign_shop2 = shops
        cls.foreign_product = env2["product.product"].create(
            {
                "name": "Foreign Chair",
                "available_in_pos": True,
                "lst_price": 30.0,
                "company_id": company_2.id,
                "taxes_id": [Command.clear()],
            }
        )
        users = {}
        for role, group in (
            ("foreign_cashier", "point_of_sale.group_pos_user"),
            ("foreign_manager", "point_of_sale.group_pos_manager"),
        ):
            users[role] = cls._create_user(
                f"shop_sync_access_{role}", group, company=company_2
            )
        cls.foreign_cashier = users["foreign_cashier"]
        cls.foreign_manager = users["foreign_manager"]

    # ------------------------------------------------------------------
    # Fixtures and operations
    # ------------------------------------------------------------------

    def _as(self, user):
        """The model as ``user`` would call it from a request: no test context."""
        return api.Environment(self.env.cr, user.id, {})["pos.shop.sync"]

    def _terminal(self, op, column):
        if column == "other_company":
            return self.foreign_shop
        if column == "not_targeted":
            return self.shop4
        if op in SENDING_SIDE:
            return {"own": self.shop1, "targeted": self.shop2}[column]
        return {"own": self.shop2, "targeted": self.shop3}[column]

    def _fixture(self, op, column):
        """A fresh transfer in the state ``op`` needs, of the company the
        cell is about."""
        state = FIXTURE_STATE[op]
        if not state:
            return self.env["pos.shop.sync"]
        if op in BACKEND_AND_ORM and column == "other_company":
            sender = self._as(self.foreign_cashier)
            result = sender.send_from_ui(
                self.foreign_shop.id,
                {
                    "uuid": str(uuid4()),
                    "sync_type": "assigned",
                    "target_config_ids": self.foreign_shop2.ids,
                    "lines": [{"product_id": self.foreign_product.id, "qty": 1.0}],
                },
            )
            sync = self.env["pos.shop.sync"].browse(result["id"])
            receiver = self.foreign_shop2
        else:
            sender = self.Sync
            sync = self._send(
                sync_type="broadcast",
                target_config_ids=[self.shop2.id, self.shop3.id],
            )
            receiver = self.shop2
        if state == "claimed":
            sender.claim_from_ui(receiver.id, sync.id)
        elif state == "expired":
            sync.sudo().write({"state": "expired"})
        return sync

    def _run(self, op, Sync, terminal, sync):
        """Do ``op`` as ``Sync``'s user from ``terminal`` on ``sync``."""
        if op == "send":
            return Sync.send_from_ui(terminal.id, self._payload())
        if op == "incoming":
            return Sync.get_incoming(terminal.id)
        if op == "claim":
            return Sync.claim_from_ui(terminal.id, sync.id)
        if op == "recall":
            return Sync.cancel_from_ui(terminal.id, sync.id)
        if op == "decline":
            return Sync.decline_from_ui(terminal.id, sync.id, "Out of stock")
        if op == "release":
            return Sync.release_from_ui(terminal.id, sync.id)
        record = Sync.browse(sync.id)
        if op == "backend_cancel":
            return record.action_shop_sync_cancel()
        if op == "backend_release":
            return record.action_shop_sync_release()
        if op == "backend_reopen":
            return record.action_shop_sync_reopen()
        if op == "orm_write":
            return record.write({"note": "Forged"})
        if op == "orm_unlink":
            return record.unlink()
        if op == "role_write":
            return (
                Sync.env["pos.config"]
                .browse(terminal.id)
                .write({"shop_sync_can_receive": False})
            )
        if op == "order_link":
            return Sync.env["pos.order"].create(
                {
                    "session_id": terminal.current_session_id.id,
                    "amount_tax": 0,
                    "amount_total": 0,
                    "amount_paid": 0,
                    "amount_return": 0,
                    "shop_sync_id": sync.id,
                }
            )
        if op == "post_message":
            return record.message_post(body="Forged note", message_type="comment")
        if op == "orm_create":
            return Sync.create(
                {
                    "uuid": str(uuid4()),
                    "sync_type": "assigned",
                    "company_id": terminal.company_id.id,
                    "currency_id": terminal.currency_id.id,
                    "sender_config_id": terminal.id,
                    "target_config_ids": [Command.set(self.shop2.ids)],
                }
            )
        raise AssertionError(f"unknown operation {op}")

    def _snapshot(self, sync):
        if not sync:
            return None
        sync.invalidate_recordset()
        return sync.sudo().read(
            [
                "state",
                "receiver_config_id",
                "declined_config_ids",
                "note",
                "pending_since",
                "write_date",
            ]
        )

    def _check_allowed(self, op, terminal, sync, result):
        """What an allowed ``op`` must have done."""
        self._end_request()
        sync.invalidate_recordset()
        if op == "send":
            sent = self.env["pos.shop.sync"].browse(result["id"])
            self.assertEqual(result["state"], "pending")
            self.assertEqual(sent.sender_config_id, terminal)
        elif op == "incoming":
            ids = [transfer["id"] for transfer in result]
            self.assertEqual(sync.id in ids, terminal in sync.target_config_ids)
        elif op == "claim":
            self.assertEqual(sync.state, "claimed")
            self.assertEqual(sync.receiver_config_id, terminal)
        elif op == "decline":
            self.assertIn(terminal, sync.declined_config_ids)
            self.assertEqual(sync.state, "pending")  # the other target may accept
        elif op in ("recall", "backend_cancel"):
            self.assertEqual(sync.state, "cancelled")
        elif op in ("release", "backend_release", "backend_reopen"):
            self.assertEqual(sync.state, "pending")
            self.assertFalse(sync.receiver_config_id)
        elif op == "role_write":
            terminal.invalidate_recordset()
            self.assertFalse(terminal.shop_sync_can_receive)
        elif op == "post_message":
            self.assertIn("Forged note", sync.message_ids[0].body)
        else:
            raise AssertionError(f"{op} has no check for an allowed call")

    # ------------------------------------------------------------------
    # The matrix
    # ------------------------------------------------------------------

    def _assert_cell(self, op, role, column, expected):
        """Do ``op`` as ``role`` from the ``column`` terminal, in a fresh
        fixture: the outcome is ``expected``; a refusal changes nothing."""
        terminal = self._terminal(op, column)
        sync = self._fixture(op, column)
        self._end_request()
        rows, record = written_rows(self.env), self._snapshot(sync)
        roles = self._roles(terminal)
        try:
            result = self._run(op, self._as(getattr(self, role)), terminal, sync)
        except Exception as error:  # any exception is an outcome
            outcome, result = type(error), error
        else:
            outcome = OK
        self.assertEqual(_name(outcome), _name(expected), f"got {result!r}")
        if outcome == OK:
            self._check_allowed(op, terminal, sync, result)
            return
        self._end_request()
        rows_after = written_rows(self.env)
        if op in ("orm_unlink", "post_message"):
            # mail.thread.unlink() deletes the chatter before the access
            # check, mail.message.create() checks it once the message is
            # inserted (core): the failed request's rollback undoes it.
            rows[2] = rows_after[2]
        self.assertEqual(rows_after, rows, "a refused call wrote rows")
        self.assertEqual(self._snapshot(sync), record, "a refused call changed it")
        self.assertEqual(self._roles(terminal), roles, "a refused call changed roles")

    def _roles(self, terminal):
        terminal.invalidate_recordset()
        return terminal.read(["shop_sync_can_send", "shop_sync_can_receive"])

    def test_access_matrix(self):
        cells = 0
        for op, rows in EXPECTED.items():
            self.assertEqual(set(rows), set(ROLES), op)
            for role in ROLES:
                self.assertEqual(len(rows[role]), len(TERMINALS), (op, role))
                for column, expected in zip(TERMINALS, rows[role], strict=True):
                    with self.subTest(op=op, role=role, terminal=column):
                        with rolled_back(self.env):
                            self._assert_cell(op, role, column, expected)
                    cells += 1
        _logger.info(
            "access matrix: %s cells asserted (%s operations x %s roles x %s "
            "terminals)",
            cells,
            len(EXPECTED),
            len(ROLES),
            len(TERMINALS),
        )
        self.assertEqual(cells, len(EXPECTED) * len(ROLES) * len(TERMINALS))

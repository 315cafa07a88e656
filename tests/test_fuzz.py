# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property-based fuzzing of ``send_from_ui``: every malformed call is refused
with a UserError, ValidationError or AccessError, and writes nothing.

Each example starts from a valid payload and applies one to three corrupting
mutations drawn by hypothesis (a test dependency, see requirements-test.txt).
Every mutation leaves the call invalid whatever the others do: a mutation sets
an invalid value, deletes a required key, or replaces a whole part (the
payload, the lines, the targets, the calling terminal or user) with an invalid
one; the values that are valid on their own (a target list that is wrong only
for an assigned transfer) are always set together with what makes them wrong.
Harmless noise (unknown keys) may be added first.
"""

import json
import logging
import math
from collections import Counter
from typing import NamedTuple

from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.pos_shop_sync.models.pos_shop_sync import (
    MAX_LINE_TEXT_LENGTH,
    MAX_LINES,
    MAX_NOTE_LENGTH,
    MAX_PRICE,
    MAX_QTY,
)

from .common import ShopSyncCommon
from .test_access import rolled_back, written_rows

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # scripts/test.sh installs it (requirements-test.txt)
    st = None

_logger = logging.getLogger(__name__)

EXAMPLES = 500
REFUSALS = (UserError, ValidationError, AccessError)


class Ref(NamedTuple):
    """A field of a fixture record (an attribute of the test class), looked up
    when the example runs: strategies are built before the fixtures exist."""

    name: str
    field: str = "id"


def malformed_calls():
    """A strategy of ``{"uuid", "noise", "corruptions"}``: mutations, each a
    tuple ``(kind, ...)`` applied by ``TestSendFuzz._apply``."""
    max_id = 2**31 - 1
    valid_ids = st.integers(1, max_id)
    nan_inf = st.sampled_from([math.nan, math.inf, -math.inf])
    unknown_ids = st.integers(2_000_000_000, max_id)
    small = st.one_of(st.integers(-3, 3), st.text(max_size=3))
    containers = st.one_of(
        st.lists(small, max_size=3),
        st.dictionaries(st.text(max_size=3), small, max_size=2),
        st.tuples(small),
    )
    # An id is an int, not a bool, from 1 to 2**31 - 1; None and False mean
    # "none" where the id is optional.
    malformed_ids = st.one_of(
        st.integers(max_value=0),
        st.integers(min_value=max_id + 1),
        valid_ids.map(float),
        valid_ids.map(str),
        st.just(True),
        nan_inf,
        st.text(max_size=4),
        containers,
    )
    required_ids = st.one_of(malformed_ids, st.sampled_from([None, False]))
    not_texts = st.one_of(st.integers(), st.floats(), st.just(True), containers)

    def long_texts(limit):
        """Texts longer than ``limit``, of any characters (spaces too)."""
        return st.builds(
            lambda chunk, size: (chunk * size)[:size],
            st.text(min_size=1, max_size=8),
            st.integers(limit + 1, limit * 20),
        )

    def refs(*names):
        return st.sampled_from([Ref(name) for name in names])

    def put(path, values):
        return st.tuples(st.just("set"), st.just(path), values)

    def put_line(key, values):
        paths = st.integers(0, 2).map(lambda index: ("lines", index, key))
        return st.tuples(st.just("set"), paths, values)

    def drop(path):
        return st.just(("delete", path))

    def insert(path, values, max_index):
        return st.tuples(
            st.just("insert"), st.just(path), st.integers(0, max_index), values
        )

    # Numbers outside the accepted ranges; qty is rounded to the quantity
    # precision first, so tiny ones count as zero.
    bad_qty = st.one_of(
        nan_inf,
        st.floats(min_value=MAX_QTY + 1, allow_infinity=False),
        st.floats(max_value=-MAX_QTY - 1, allow_infinity=False),
        st.integers(min_value=MAX_QTY + 1, max_value=10**300),
        st.integers(min_value=-(10**300), max_value=-MAX_QTY - 1),
        st.floats(min_value=-4e-7, max_value=4e-7),
        st.sampled_from([0, 0.0, True, False, None]),
        st.text(max_size=5),
        containers,
    )
    bad_price = st.one_of(
        nan_inf,
        st.floats(max_value=-1e-9, allow_infinity=False),
        st.floats(min_value=MAX_PRICE, exclude_min=True, allow_infinity=False),
        st.integers(max_value=-1),
        st.integers(min_value=MAX_PRICE + 1),
        st.booleans(),
        st.text(max_size=5),
        containers,
    )
    bad_discount = st.one_of(
        nan_inf,
        st.floats(max_value=-1e-9, allow_infinity=False),
        st.floats(min_value=100, exclude_min=True, allow_infinity=False),
        st.integers(max_value=-1),
        st.integers(min_value=101),
        st.booleans(),
        st.text(max_size=5),
        containers,
    )
    bad_uuids = st.one_of(
        st.just(""),
        st.from_regex(r"[A-Za-z0-9_-]{65,90}", fullmatch=True),
        st.builds(
            lambda before, char, after: before + char + after,
            st.from_regex(r"[A-Za-z0-9_-]{0,12}", fullmatch=True),
            st.characters(
                exclude_characters="_-",
                exclude_categories=("Lu", "Ll", "Nd"),
            )
            | st.sampled_from(["\n", " ", "é", "٣", "/", "."]),
            st.from_regex(r"[A-Za-z0-9_-]{0,12}", fullmatch=True),
        ),
        st.none(),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.uuids(),
        containers,
    )
    bad_sync_types = st.one_of(
        st.sampled_from(
            ["", "Assigned", "BROADCAST", "all", " assigned", "broadcast "]
            + [None, False, True, 0, 1, ["assigned"], {"broadcast": 1}]
        ),
        st.text(max_size=12).filter(lambda t: t not in ("assigned", "broadcast")),
    )
    # Never the shop itself, nor Shop 2 (it is the valid target already):
    # each is wrong whatever the transfer type.
    bad_target_refs = refs(
        "shop1",
        "sender_only",
        "other_currency_config",
        "foreign_shop",
        "archived_receiver",
    )
    bad_target_ids = st.one_of(required_ids, unknown_ids, bad_target_refs)
    targets = ("target_config_ids",)
    not_lists = st.one_of(
        valid_ids,
        st.text(max_size=5),
        st.none(),
        st.booleans(),
        st.floats(),
        st.dictionaries(st.text(max_size=3), valid_ids, max_size=2),
        st.tuples(valid_ids),
        refs("shop2"),
    )
    not_dicts = st.one_of(small, st.none(), st.booleans(), st.lists(small))
    lines = ("lines",)

    # Hypothesis draws the first branches more often: the line checks first,
    # the calling user (an AccessError hides every other mistake) last.
    corruptions = st.one_of(
        # One line.
        st.tuples(
            st.just("set"), st.integers(0, 2).map(lambda i: ("lines", i)), not_dicts
        ),
        put_line(
            "product_id",
            st.one_of(
                required_ids,
                unknown_ids,
                refs("archived_product", "not_in_pos_product", "foreign_product"),
            ),
        ),
        put_line("qty", bad_qty),
        put_line("price_unit", bad_price),
        put_line("discount", bad_discount),
        put_line("customer_note", long_texts(MAX_LINE_TEXT_LENGTH) | not_texts),
        put_line("note", long_texts(MAX_LINE_TEXT_LENGTH) | not_texts),
        st.tuples(
            st.just("delete"),
            st.tuples(
                st.just("lines"),
                st.integers(0, 2),
                st.sampled_from(["product_id", "qty"]),
            ),
        ),
        # The lines as a whole.
        put(lines, not_dicts),
        put(lines, st.lists(st.lists(small, max_size=2), min_size=1, max_size=3)),
        put(lines, st.dictionaries(st.text(max_size=3), small, max_size=2)),
        st.tuples(st.just("lines"), st.integers(MAX_LINES + 1, 3 * MAX_LINES)),
        insert(lines, not_dicts, 3),
        drop(lines),
        # The header.
        put(("uuid",), bad_uuids),
        put(("uuid",), st.just(Ref("taken", "uuid"))),
        drop(("uuid",)),
        put(("sync_type",), bad_sync_types),
        drop(("sync_type",)),
        put(targets, not_lists),
        put(targets, st.just([])),
        put(targets, bad_target_ids.map(lambda target: [target])),
        put(targets, st.lists(bad_target_ids, min_size=2, max_size=4)),
        insert(targets, bad_target_ids, 1),
        drop(targets),
        st.just(
            (
                "many",
                (
                    ("set", ("sync_type",), "assigned"),
                    ("set", targets, [Ref("shop2"), Ref("shop3")]),
                ),
            )
        ),
        st.just(
            (
                "many",
                (
                    ("set", ("sync_type",), "broadcast"),
                    ("set", targets, [Ref("shop2"), Ref("shop1")]),
                ),
            )
        ),
        put(
            ("partner_id",),
            st.one_of(
                malformed_ids,
                unknown_ids,
                refs("foreign_partner", "archived_partner"),
            ),
        ),
        put(
            ("pricelist_id",),
            st.one_of(
                malformed_ids,
                unknown_ids,
                refs("foreign_pricelist", "archived_pricelist", "unused_pricelist"),
            ),
        ),
        put(
            ("fiscal_position_id",),
            st.one_of(
                malformed_ids,
                unknown_ids,
                refs(
                    "foreign_fiscal_position",
                    "archived_fiscal_position",
                    "unused_fiscal_position",
                ),
            ),
        ),
        put(("note",), st.one_of(long_texts(MAX_NOTE_LENGTH), not_texts)),
        # The call: a user without Point of Sale rights, a terminal that may
        # not send from here, a payload that is no dict.
        st.just(("user", "employee")),
        st.tuples(
            st.just("config"),
            st.one_of(
                required_ids,
                unknown_ids,
                refs("shop2", "closed_sender", "archived_sender", "foreign_shop"),
            ),
        ),
        st.tuples(st.just("wrap"), st.sampled_from(["json", "items", "list"])),
        st.tuples(
            st.just("payload"),
            st.one_of(not_dicts, st.floats(), st.text(max_size=20)),
        ),
    )
    # Harmless on their own: keys the server ignores.
    unknown_keys = st.text(max_size=8).map(lambda key: f"x_{key}")
    anything = st.one_of(small, st.none(), containers)
    noise = st.one_of(
        st.builds(lambda key, value: ("set", (key,), value), unknown_keys, anything),
        st.builds(
            lambda index, key, value: ("set", ("lines", index, key), value),
            st.integers(0, 2),
            unknown_keys,
            anything,
        ),
    )
    return st.fixed_dictionaries(
        {
            "uuid": st.uuids().map(str),
            "noise": st.lists(noise, max_size=2),
            "corruptions": st.lists(corruptions, min_size=1, max_size=3),
        }
    )


_MISSING = object()


def _walk(value, path):
    """``value[path[0]][path[1]]...``, or _MISSING where it does not lead."""
    for step in path:
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int) and step < len(value):
            value = value[step]
        else:
            return _MISSING
    return value


@tagged("post_install", "-at_install")
class TestSendFuzz(ShopSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company
        cls.employee = cls._create_user("shop_sync_fuzz_employee", "", company=company)
        # Terminals that cannot send from here, or receive from Shop 1.
        cls.closed_sender = cls._create_shop("Shop Closed", send=True)
        cls.archived_sender = cls._create_shop("Shop Archived", send=True)
        cls.archived_receiver = cls._create_shop("Shop Gone", receive=True)
        (cls.archived_sender | cls.archived_receiver).active = False
        cls.sender_only = cls._create_shop("Shop Sender Only", send=True)
        cls._open_session(cls.sender_only)
        cls.other_currency_config.shop_sync_can_receive = True
        # A client reference already used by another terminal.
        result = cls.Sync.send_from_ui(
            cls.sender_only.id,
            {
                "uuid": "fuzz-taken-by-another-terminal",
                "sync_type": "assigned",
                "target_config_ids": cls.shop2.ids,
                "lines": [{"product_id": cls.pen.id, "qty": 1.0}],
            },
        )
        cls.taken = cls.env["pos.shop.sync"].browse(result["id"])
        # Records Shop 1 may not use.
        cls.archived_partner = cls.env["res.partner"].create(
            {"name": "Gone Customer", "active": False}
        )
        cls.archived_product = cls.create_product("Old Chair", cls.categ_basic, 5.0)
        cls.archived_product.active = False
        cls.not_in_pos_product = cls.create_product("Shelf", cls.categ_basic, 5.0)
        cls.not_in_pos_product.available_in_pos = False
        Pricelist = cls.env["product.pricelist"]
        cls.archived_pricelist = Pricelist.create({"name": "Old", "active": False})
        cls.unused_pricelist = Pricelist.create({"name": "Not on Shop 1"})
        FiscalPosition = cls.env["account.fiscal.position"]
        cls.unused_fiscal_position = FiscalPosition.create(
            {"name": "Not on Shop 1", "company_id": company.id}
        )
        cls.archived_fiscal_position = FiscalPosition.create(
            {"name": "Old", "company_id": company.id, "active": False}
        )
        # The same, of another company.
        company_2 = cls.setup_other_company(name="Shop Sync Fuzz Other Co")["company"]
        cls.foreign_shop = (
            cls.env["pos.config"]
            .with_company(company_2)
            .create(
                {
                    "name": "Foreign Shop",
                    "shop_sync_can_send": True,
                    "shop_sync_can_receive": True,
                }
            )
        )
        cls.foreign_partner = cls.env["res.partner"].create(
            {"name": "Foreign Customer", "company_id": company_2.id}
        )
        cls.foreign_product = cls.env["product.product"].create(
            {
                "name": "Foreign Chair",
                "available_in_pos": True,
                "company_id": company_2.id,
            }
        )
        cls.foreign_pricelist = Pricelist.create(
            {"name": "Foreign", "company_id": company_2.id}
        )
        cls.foreign_fiscal_position = FiscalPosition.create(
            {"name": "Foreign", "company_id": company_2.id}
        )

    def _resolve(self, value):
        if isinstance(value, Ref):
            return getattr(self, value.name)[value.field]
        if isinstance(value, list):
            return [self._resolve(item) for item in value]
        if isinstance(value, tuple):
            return tuple(self._resolve(item) for item in value)
        if isinstance(value, dict):
            return {key: self._resolve(item) for key, item in value.items()}
        return value

    def _apply(self, call, mutation):
        """Apply ``mutation`` to ``call``; False when its target is gone (an
        earlier mutation replaced what it would change)."""
        kind, *args = mutation
        if kind == "many":
            return all([self._apply(call, part) for part in args[0]])
        if kind == "user":
            call["user"] = getattr(self, args[0])
            return True
        if kind == "config":
            call["config_id"] = self._resolve(args[0])
            return True
        payload = call["payload"]
        if kind == "payload":
            call["payload"] = self._resolve(args[0])
            return True
        if kind == "wrap":
            if not isinstance(payload, dict):
                return False
            call["payload"] = {
                "json": lambda: json.dumps(payload, default=str),
                "items": lambda: list(payload.items()),
                "list": lambda: [payload],
            }[args[0]]()
            return True
        if kind == "lines":
            if not isinstance(payload, dict):
                return False
            payload["lines"] = [self._line(qty=2.0) for __ in range(args[0])]
            return True
        path = args[0]
        parent = _walk(payload, path[:-1])
        key = path[-1]
        if kind == "insert":
            target = _walk(payload, path)
            if not isinstance(target, list):
                return False
            target.insert(args[1], self._resolve(args[2]))
            return True
        if isinstance(parent, list) and isinstance(key, int) and key < len(parent):
            if kind != "set":
                return False
        elif not isinstance(parent, dict) or (kind == "delete" and key not in parent):
            return False
        if kind == "delete":
            del parent[key]
        else:
            parent[key] = self._resolve(args[1])
        return True

    def _check_refused(self, example):
        """One example: the corrupted call is refused as it must be."""
        call = {
            "user": self.cashier,
            "config_id": self.shop1.id,
            "payload": self._payload(uuid=example["uuid"]),
        }
        for mutation in example["noise"]:
            self.assertTrue(self._apply(call, mutation), mutation)
        applied = [m for m in example["corruptions"] if self._apply(call, m)]
        self.assertTrue(applied, "no corruption applied: the call may be valid")
        Sync = api.Environment(self.env.cr, call["user"].id, {})["pos.shop.sync"]
        with rolled_back(self.env):
            self._end_request()
            before = written_rows(self.env)
            try:
                result = Sync.send_from_ui(call["config_id"], call["payload"])
            except Exception as error:  # any exception is an outcome
                refusal = error
            else:
                self.fail(f"a malformed call was accepted: {result}")
            self.assertIn(type(refusal), REFUSALS, repr(refusal))
            self.assertTrue(str(refusal).strip(), "a refusal without a message")
            self._end_request()
            self.assertEqual(written_rows(self.env), before, "a refusal wrote rows")
        self.examples += 1
        self.outcomes[type(refusal).__name__] += 1

    def test_malformed_sends_are_refused_and_write_nothing(self):
        if st is None:
            self.skipTest("hypothesis is missing: install requirements-test.txt")
        self.examples = 0
        self.outcomes = Counter()
        run = settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )(given(example=malformed_calls())(type(self)._check_refused))
        run(self)
        _logger.info(
            "send_from_ui fuzzing: %s malformed calls refused (%s)",
            self.examples,
            ", ".join(f"{name} {count}" for name, count in self.outcomes.items()),
        )
        self.assertGreaterEqual(self.examples, EXAMPLES)

    def test_the_payload_before_corruption_is_valid(self):
        """The base the fuzzing corrupts, with its noise, is accepted: the
        refusals come from the corruptions."""
        if st is None:
            self.skipTest("hypothesis is missing: install requirements-test.txt")
        calls = 0

        def check(example):
            nonlocal calls
            call = {
                "user": self.cashier,
                "config_id": self.shop1.id,
                "payload": self._payload(uuid=example["uuid"]),
            }
            for mutation in example["noise"]:
                self._apply(call, mutation)
            with rolled_back(self.env):
                result = self.Sync.send_from_ui(call["config_id"], call["payload"])
                self.assertEqual(result["state"], "pending")
            calls += 1

        settings(max_examples=25, deadline=None, database=None, derandomize=True)(
            given(example=malformed_calls())(check)
        )()
        self.assertEqual(calls, 25)

    # ------------------------------------------------------------------
    # Known bugs, left out of the fuzzing. Each test asserts today's wrong
    # outcome and fails once the module gives the right one: then replace it
    # by an assertRefused.
    # ------------------------------------------------------------------

    # Found by fuzzing and the access review, fixed since.

    def test_client_reference_with_a_final_newline(self):
        """A ``$`` anchor also matches before a final newline."""
        self.assertRefused(
            ValidationError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(uuid="fuzz-final-newline\n"),
            message="client reference",
        )

    def test_huge_quantity_is_refused_not_overflowed(self):
        """Rounding 1e307 to 2 digits overflows: the range is checked first."""
        for qty in (1e307, -1e307):
            with self.subTest(qty=qty):
                self.assertRefused(
                    ValidationError,
                    self.Sync.send_from_ui,
                    self.shop1.id,
                    self._payload(lines=[self._line(qty=qty)]),
                    message="non-zero number",
                )

    def test_product_of_another_company_is_not_named(self):
        """Its id must not be enough to learn another company's product name."""
        self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop1.id,
            self._payload(lines=[self._line(self.foreign_product)]),
            message="does not exist",
        )

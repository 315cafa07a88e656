# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import BaseCase, new_test_user
from odoo.tests.common import get_db_name

from odoo.addons.pos_shop_sync.models.res_company import MAX_ACTIONS_PER_HOUR

_logger = logging.getLogger(__name__)


def all_overlapped(intervals):
    """Whether the calls of one round all ran at the same time: their
    ``(start, end)`` intervals (``time.monotonic()``, taken in each call's
    thread) share one instant, i.e. the latest start precedes the earliest
    end. A round where one call ended before another began was a sequence,
    not a race."""
    intervals = list(intervals)
    return max(start for start, __ in intervals) < min(end for __, end in intervals)


def most_in_flight(intervals):
    """The most calls that were running at the same instant, from their
    ``(start, end)`` intervals."""
    events = sorted(
        [(start, 1) for start, __ in intervals] + [(end, -1) for __, end in intervals]
    )
    running = most = 0
    for __, step in events:
        running += step
        most = max(most, running)
    return most


class CommittedTerminalsCase(BaseCase):
    """Base for real races: each call runs in its own thread and its own
    committed transaction, as separate HTTP workers (or the cron worker) would.
    The terminals, their open sessions and a cashier are committed too (the
    other transactions must see them) and removed afterwards.

    Subclasses name their terminals in ``TERMINALS``: ``(name, role)`` pairs,
    role ``"send"`` or ``"receive"``; ``_create_extra`` and ``_remove_extra``
    add their own committed data.
    """

    TERMINALS = ()
    LOGIN = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cls.fixture = cls._create_terminals(env)
            cls.fixture.update(cls._create_extra(env))
        cls.addClassCleanup(cls._remove_fixture)

    @classmethod
    def _create_terminals(cls, env):
        params = env["ir.config_parameter"]
        previous = params.get_param("pos_shop_sync.enabled", False)
        params.set_param("pos_shop_sync.enabled", "True")
        company = env.ref("base.main_company")
        # Each race repeats recalls, declines and releases: not rate-limited.
        previous_rate = company.shop_sync_max_actions_per_hour
        company.shop_sync_max_actions_per_hour = MAX_ACTIONS_PER_HOUR
        bank_journal = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        method = env["pos.payment.method"].create(
            {
                "name": f"{cls.__name__} Card",
                "journal_id": bank_journal.id,
                "company_id": company.id,
            }
        )
        configs = env["pos.config"].create(
            [
                {
                    "name": name,
                    "company_id": company.id,
                    "payment_method_ids": [Command.set(method.ids)],
                    "shop_sync_can_send": role == "send",
                    "shop_sync_can_receive": role == "receive",
                }
                for name, role in cls.TERMINALS
            ]
        )
        for config in configs:
            config.open_ui()
        user = new_test_user(
            env,
            login=cls.LOGIN,
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        return {
            "previous_param": previous,
            "previous_rate": previous_rate,
            "company_id": company.id,
            "method_id": method.id,
            "config_ids": configs.ids,
            "names": {config.id: config.name for config in configs},
            "user_id": user.id,
        }

    @classmethod
    def _create_extra(cls, env):
        """More committed data; return it to be merged into ``cls.fixture``."""
        return {}

    @classmethod
    def _remove_extra(cls, env):
        """Remove what ``_create_extra`` made, before the terminals go."""

    @classmethod
    def _remove_fixture(cls):
        fixture = cls.fixture
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            configs = env["pos.config"].browse(fixture["config_ids"])
            env["pos.shop.sync"].search(
                [("sender_config_id", "in", configs.ids)]
            ).unlink()
            cls._remove_extra(env)
            configs.session_ids.unlink()
            configs.unlink()
            env["pos.payment.method"].browse(fixture["method_id"]).unlink()
            env["res.users"].browse(fixture["user_id"]).unlink()
            env["ir.config_parameter"].set_param(
                "pos_shop_sync.enabled", fixture["previous_param"]
            )
            env["res.company"].browse(
                fixture["company_id"]
            ).shop_sync_max_actions_per_hour = fixture["previous_rate"]

    def setUp(self):
        super().setUp()
        # The test runner holds the registries' global lock while tests run,
        # and every new Environment asks for it: release the threads from it,
        # as Odoo's own test mode does for its HTTP threads.
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))

    def assertOverlappedMostly(self, overlapping, rounds):
        """The race really raced: its calls overlapped in most rounds."""
        _logger.info(
            "%s: the calls overlapped in %s of %s rounds",
            self._testMethodName,
            overlapping,
            rounds,
        )
        self.assertGreater(
            overlapping,
            rounds // 2,
            f"the calls overlapped in {overlapping} of {rounds} rounds only",
        )

    def _env(self, cr, superuser=False):
        return api.Environment(
            cr, SUPERUSER_ID if superuser else self.fixture["user_id"], {}
        )

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import errors

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestShopSyncConstraints(ShopSyncCommon):
    """PostgreSQL itself refuses the states that would lose a cart: each
    constraint is shown refusing a raw SQL write, which no Python check sees."""

    def assertRawRefused(self, violation, constraint, statement, params=()):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(violation) as caught,
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(statement, params)
        self.assertEqual(caught.exception.diag.constraint_name, constraint)

    def _claimed(self):
        sync = self._send()
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.env.flush_all()
        return sync

    def test_constraints_exist_in_the_database(self):
        self.env.cr.execute(
            "SELECT conname FROM pg_constraint"
            " WHERE conrelid = 'pos_shop_sync'::regclass ORDER BY conname"
        )
        names = {name for (name,) in self.env.cr.fetchall()}
        for name in (
            "pos_shop_sync_accepted_has_receiver",
            "pos_shop_sync_done_has_order",
            "pos_shop_sync_pending_has_no_receiver",
            "pos_shop_sync_uuid_unique",
        ):
            self.assertIn(name, names)

    def test_claimed_without_receiver_is_refused(self):
        sync = self._claimed()
        for column in ("receiver_config_id", "claimed_at"):
            self.assertRawRefused(
                errors.CheckViolation,
                "pos_shop_sync_accepted_has_receiver",
                f"UPDATE pos_shop_sync SET {column} = NULL WHERE id = %s",
                [sync.id],
            )
        sync.invalidate_recordset()
        self.assertEqual(sync.state, "claimed")
        self.assertEqual(sync.receiver_config_id, self.shop2)

    def test_pending_made_claimed_without_receiver_is_refused(self):
        sync = self._send()
        self.assertRawRefused(
            errors.CheckViolation,
            "pos_shop_sync_accepted_has_receiver",
            "UPDATE pos_shop_sync SET state = 'claimed' WHERE id = %s",
            [sync.id],
        )

    def test_done_without_order_is_refused(self):
        sync = self._claimed()
        self.assertRawRefused(
            errors.CheckViolation,
            "pos_shop_sync_done_has_order",
            "UPDATE pos_shop_sync SET state = 'done', done_at = now() WHERE id = %s",
            [sync.id],
        )

    def test_done_without_receiver_or_order_is_refused(self):
        sync = self._claimed()
        self._pay_rebuilt(self.shop2, sync)
        self.env.flush_all()
        sync.invalidate_recordset()
        self.assertEqual(sync.state, "done")
        for column, constraint in (
            ("receiver_config_id", "pos_shop_sync_accepted_has_receiver"),
            ("claimed_at", "pos_shop_sync_accepted_has_receiver"),
            ("pos_order_id", "pos_shop_sync_done_has_order"),
            ("done_at", "pos_shop_sync_done_has_order"),
        ):
            self.assertRawRefused(
                errors.CheckViolation,
                constraint,
                f"UPDATE pos_shop_sync SET {column} = NULL WHERE id = %s",
                [sync.id],
            )

    def test_pending_with_receiver_is_refused(self):
        sync = self._send()
        self.assertRawRefused(
            errors.CheckViolation,
            "pos_shop_sync_pending_has_no_receiver",
            "UPDATE pos_shop_sync SET receiver_config_id = %s WHERE id = %s",
            [self.shop2.id, sync.id],
        )
        claimed = self._claimed()
        # Released half-way: pending again, the receiver kept.
        self.assertRawRefused(
            errors.CheckViolation,
            "pos_shop_sync_pending_has_no_receiver",
            "UPDATE pos_shop_sync SET state = 'pending' WHERE id = %s",
            [claimed.id],
        )

    def test_second_transfer_of_one_client_reference_is_refused(self):
        sync = self._send()
        self.env.flush_all()
        columns = (
            "name, uuid, state, sync_type, company_id, currency_id,"
            " sender_config_id, pending_since"
        )
        statement = (
            f"INSERT INTO pos_shop_sync ({columns})"
            f" SELECT 'SYNC/COPY', uuid, 'pending', sync_type, company_id,"
            f" currency_id, %s, pending_since FROM pos_shop_sync WHERE id = %s"
        )
        # From the same terminal, and from another one.
        for sender in (self.shop1, self.shop2):
            self.assertRawRefused(
                errors.UniqueViolation,
                "pos_shop_sync_uuid_unique",
                statement,
                [sender.id, sync.id],
            )

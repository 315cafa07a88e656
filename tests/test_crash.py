# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
from uuid import uuid4

from psycopg2 import InterfaceError, OperationalError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .race_common import CommittedTerminalsCase

ROUNDS = 50


@tagged("post_install", "-at_install")
class TestCrashBeforeCommit(CommittedTerminalsCase):
    """A send or a claim whose worker dies before it commits leaves no trace.

    Each round runs the call on its own cursor, as a request of its own, writes
    everything a commit would write (the ORM's flush, the chatter's tracking,
    the bus rows: the transaction's pre-commit hooks), then closes the database
    connection instead of committing, as a killed worker process does.
    PostgreSQL then rolls the whole transaction back.
    """

    TERMINALS = [("Crash Sender", "send"), ("Crash Receiver", "receive")]
    LOGIN = "shop_sync_crash_cashier"

    @classmethod
    def _create_extra(cls, env):
        product = env["product.product"].create(
            {"name": "Crash Widget", "available_in_pos": True, "list_price": 3}
        )
        sender, receiver = cls.fixture["config_ids"]
        return {"sender": sender, "receiver": receiver, "product_id": product.id}

    @classmethod
    def _remove_extra(cls, env):
        product = env["product.product"].browse(cls.fixture["product_id"])
        product.available_in_pos = False  # else refused while sessions are open
        product.unlink()

    def _payload(self, uuid):
        return {
            "uuid": uuid,
            "sync_type": "assigned",
            "target_config_ids": [self.fixture["receiver"]],
            "note": "Crash test",
            "lines": [
                {"product_id": self.fixture["product_id"], "qty": 2},
                {"product_id": self.fixture["product_id"], "qty": 1, "discount": 5},
            ],
        }

    def _killed(self, call):
        """Run ``call(Sync)`` on a cursor of its own and kill the connection
        right before the commit; return what the call returned."""
        cr = self.registry.cursor()
        try:
            result = call(self._env(cr)["pos.shop.sync"])
            cr.flush()
            cr.precommit.run()
            # Something was written in the transaction, to be lost.
            cr.execute("SELECT txid_current_if_assigned()")
            self.assertIsNotNone(cr.fetchone()[0], "the call wrote nothing")
            cr._cnx.close()  # the worker dies: no COMMIT ever reaches PostgreSQL
        finally:
            # The connection is gone: closing the cursor cannot roll back.
            with (
                mute_logger("odoo.sql_db"),
                contextlib.suppress(InterfaceError, OperationalError),
            ):
                cr.close()
        return result

    def _trace(self):
        """What a transfer leaves in the database, counted from a fresh cursor."""
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT (SELECT count(*) FROM pos_shop_sync),
                          (SELECT count(*) FROM pos_shop_sync_line),
                          (SELECT count(*) FROM pos_shop_sync_target_rel),
                          (SELECT count(*) FROM mail_message
                            WHERE model = 'pos.shop.sync'),
                          (SELECT count(*) FROM mail_tracking_value),
                          (SELECT count(*) FROM bus_bus)"""
            )
            return cr.fetchone()

    def _committed_send(self):
        with self.registry.cursor() as cr:
            return (
                self._env(cr)["pos.shop.sync"]
                .send_from_ui(self.fixture["sender"], self._payload(str(uuid4())))
                .get("id")
            )

    def _row(self, sync_id):
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT state, receiver_config_id, receiver_session_id,
                          receiver_user_id, claimed_at,
                          (SELECT count(*) FROM mail_message
                            WHERE model = 'pos.shop.sync' AND res_id = sync.id)
                     FROM pos_shop_sync sync WHERE id = %s""",
                [sync_id],
            )
            return cr.fetchone()

    def test_killed_send_leaves_no_trace(self):
        """The client retries its killed send with the same client reference,
        again and again: nothing of the killed calls remains, and the one
        that commits creates exactly one transfer, which a further retry
        (its answer lost) returns without creating another."""
        sender = self.fixture["sender"]
        uuid = str(uuid4())
        before = self._trace()
        for __ in range(ROUNDS):
            result = self._killed(
                lambda Sync: Sync.send_from_ui(sender, self._payload(uuid))
            )
            self.assertEqual((result["uuid"], result["state"]), (uuid, "pending"))
            self.assertEqual(self._trace(), before, "a killed send left rows")
            self.assertEqual(self._sent_with(uuid), [])
        # The retry of the killed call: its own client reference.
        with self.registry.cursor() as cr:
            retried = self._env(cr)["pos.shop.sync"].send_from_ui(
                sender, self._payload(uuid)
            )
        self.assertEqual((retried["uuid"], retried["state"]), (uuid, "pending"))
        self.assertEqual(self._sent_with(uuid), [retried["id"]])
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM pos_shop_sync_line WHERE sync_id = %s",
                [retried["id"]],
            )
            self.assertEqual(cr.fetchone()[0], 2)
        after = self._trace()
        self.assertEqual(after[0], before[0] + 1)
        self.assertEqual(after[1], before[1] + 2)
        # Retried once more: the same transfer, nothing new.
        with self.registry.cursor() as cr:
            again = self._env(cr)["pos.shop.sync"].send_from_ui(
                sender, self._payload(uuid)
            )
        self.assertEqual(again, retried)
        self.assertEqual(self._sent_with(uuid), [retried["id"]])
        self.assertEqual(self._trace(), after, "a retried send wrote again")

    def _sent_with(self, uuid):
        """The committed transfers of client reference ``uuid``."""
        with self.registry.cursor() as cr:
            cr.execute("SELECT id FROM pos_shop_sync WHERE uuid = %s", [uuid])
            return [row[0] for row in cr.fetchall()]

    def test_killed_claim_changes_nothing(self):
        """The terminal retries its killed claim of the same transfer, again
        and again: nothing of the killed calls remains, and the one that
        commits claims that transfer, once."""
        receiver = self.fixture["receiver"]
        sync_id = self._committed_send()
        row = self._row(sync_id)
        self.assertEqual(row[:5], ("pending", None, None, None, None))
        before = self._trace()
        for __ in range(ROUNDS):
            result = self._killed(lambda Sync: Sync.claim_from_ui(receiver, sync_id))
            self.assertEqual((result["id"], result["state"]), (sync_id, "claimed"))
            self.assertEqual(self._row(sync_id), row, "a killed claim left a change")
            self.assertEqual(self._trace(), before, "a killed claim left rows")
        # The retry of the killed call, committed this time, claims the same
        # transfer, whole.
        with self.registry.cursor() as cr:
            claimed = self._env(cr)["pos.shop.sync"].claim_from_ui(receiver, sync_id)
        self.assertEqual((claimed["id"], claimed["state"]), (sync_id, "claimed"))
        state, receiver_id, session_id, user_id, claimed_at, messages = self._row(
            sync_id
        )
        self.assertEqual((state, receiver_id), ("claimed", receiver))
        self.assertTrue(session_id and user_id and claimed_at)
        self.assertEqual(messages, row[5] + 1)
        after = self._trace()
        self.assertEqual(after[:3], before[:3], "the claim created a transfer")
        # Retried once more (its answer lost): the same transfer, unchanged.
        with self.registry.cursor() as cr:
            again = self._env(cr)["pos.shop.sync"].claim_from_ui(receiver, sync_id)
        self.assertEqual((again["id"], again["state"]), (sync_id, "claimed"))
        self.assertEqual(
            self._row(sync_id)[1:],
            (receiver, session_id, user_id, claimed_at, messages),
        )
        self.assertEqual(self._trace()[:4], after[:4], "a retried claim wrote again")

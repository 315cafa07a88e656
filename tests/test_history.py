# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ShopSyncCommon

# Columns that differ between two entries written one after the other.
OWN_COLUMNS = {"id", "message_id", "date", "create_date", "write_date"}


@tagged("post_install", "-at_install")
class TestHistory(ShopSyncCommon):
    def _rows(self, messages):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT * FROM mail_message WHERE id = ANY(%s) ORDER BY id",
            [messages.ids],
        )
        names = [column.name for column in self.env.cr.description]
        return [dict(zip(names, row, strict=True)) for row in self.env.cr.fetchall()]

    def test_creation_entry_is_what_mail_thread_logs(self):
        """The send writes its creation entry by one INSERT
        (models/shop_sync_history.py): the row, column by column, is what
        mail.thread's ``_message_log_batch`` writes for the same body."""
        sync = self._send()
        created = sync.message_ids
        self.assertEqual(len(created), 1)
        as_the_cashier = sync.with_env(self.cashier_env)
        logged = as_the_cashier._message_log_batch(
            bodies={sync.id: as_the_cashier._creation_message()}
        )
        created_row, logged_row = self._rows(created + logged)
        self.assertTrue(created_row["message_id"])
        self.assertNotEqual(created_row["message_id"], logged_row["message_id"])
        for column in OWN_COLUMNS:
            del created_row[column], logged_row[column]
        self.assertEqual(created_row, logged_row)
        self.assertEqual(
            created.body,
            "<p>Assigned transfer sent by Shop 1 (Cashier Claire) to Shop 2.</p>",
        )
        self.assertEqual(created.author_id, self.cashier.partner_id)
        self.assertEqual(created.create_uid, self.cashier)
        self.assertEqual(created.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(sync.message_ids, created + logged)

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The creation entry of a transfer's history, written by one INSERT.

``mail.thread`` logs the creation of a record through ``_message_log_batch``:
a ``mail.message`` created by the ORM, about 2 ms of a send that takes 25 (the
defaults of its fields, its body sanitized twice, the dependencies of a new
message marked). A send writes the same row with one INSERT instead: the values
are those ``_message_log_batch`` gives (``tests/test_history.py`` holds the two
rows equal, column by column). What the INSERT skips are the create hooks of
``mail.message``, which a note without recipients, attachments, images or
tracking values does not use.
"""

from markupsafe import escape

from odoo import fields
from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id

# The columns the INSERT writes; the others stay empty, as for a logged note.
COLUMNS = (
    "model",
    "res_id",
    "body",
    "author_id",
    "email_from",
    "reply_to",
    "message_id",
    "message_type",
    "subtype_id",
    "is_internal",
    "email_add_signature",
    "date",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)


def log_creation(records, bodies):
    """Log ``bodies`` (``{record id: text}``) on ``records`` as
    ``records._message_log_batch(bodies)`` does: internal notes by the
    current user, written by one INSERT."""
    if not records:
        return
    env = records.env
    author_id, email_from = records._message_compute_author(raise_on_email=False)
    message = env["mail.message"]
    now = env.cr.now()
    common = {
        "model": records._name,
        "author_id": author_id,
        "email_from": email_from,
        "reply_to": env["mail.thread"]._notify_get_reply_to(default=email_from)[False],
        "message_type": "notification",
        "subtype_id": env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
        "is_internal": True,
        "email_add_signature": False,
        "date": fields.Datetime.now(),
        "create_uid": env.uid,
        "create_date": now,
        "write_uid": env.uid,
        "write_date": now,
    }
    body_field = message._fields["body"]
    rows = []
    for record in records:
        values = dict(
            common,
            res_id=record.id,
            body=body_field.convert_to_column(escape(bodies[record.id]), message),
            message_id=generate_tracking_message_id("message-notify"),
        )
        rows.append(
            SQL("(%s)", SQL(", ").join(SQL("%s", values[name]) for name in COLUMNS))
        )
    env.cr.execute(
        SQL(
            "INSERT INTO mail_message (%s) VALUES %s",
            SQL(", ").join(SQL.identifier(name) for name in COLUMNS),
            SQL(", ").join(rows),
        )
    )
    records.invalidate_recordset(["message_ids"])

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Telling the websocket process about the module's bus rows, on a connection
each server process keeps.

``bus.bus._sendone`` writes a row per message before the commit and, after it,
tells Odoo's websocket process which channels have new rows: ``NOTIFY imbus`` on
the ``postgres`` database, through a new connection each time (Odoo's pool keeps
no connection to ``postgres``). Opening that connection is about 3.5 ms, an
eighth of a send. The module writes the same rows (``bus_values``, in one
INSERT: ``bus_insert``) and sends the same NOTIFY (``announce``) on one
connection per process, opened when first needed and opened again when it
broke.
"""

import contextlib
import logging
import os
import threading

import psycopg2

from odoo import sql_db
from odoo.tools import SQL

from odoo.addons.bus.models.bus import (
    ODOO_NOTIFY_FUNCTION,
    channel_with_db,
    get_notify_payloads,
    json_dump,
)

_logger = logging.getLogger(__name__)

# The process's connection to ``postgres``: (process id, connection). A forked
# process opens its own and leaves its parent's alone (closing it would end
# the parent's session).
_connection = None
_lock = threading.Lock()


def bus_values(dbname, token, name, payload):
    """The ``bus.bus`` values of the message ``pos.config._notify(name,
    payload)`` sends to the terminal of access token ``token``, and its
    channel: ``(values, channel)``."""
    channel = channel_with_db(dbname, token)
    message = {"type": f"{token}-{name}", "payload": payload}
    values = {
        "channel": json_dump(channel),
        "message": json_dump(message),
    }
    return values, channel


def bus_insert(rows, uid, now):
    """The INSERT of ``rows`` (``bus_values``) into ``bus_bus``, with the
    author and dates the ORM's create gives them."""
    return SQL(
        "INSERT INTO bus_bus (channel, message, create_uid, create_date,"
        " write_uid, write_date) VALUES %s",
        SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s, %s)",
                row["channel"],
                row["message"],
                uid,
                now,
                uid,
                now,
            )
            for row in rows
        ),
    )


def _open():
    __, info = sql_db.connection_info_for("postgres")
    connection = psycopg2.connect(**info)
    connection.autocommit = True
    return connection


def announce(channels):
    """``NOTIFY imbus`` of ``channels``, as Odoo's bus sends it after a commit
    (the same payloads, split as it splits them), on this process's
    connection to ``postgres``. A connection that broke is opened again once."""
    global _connection  # noqa: PLW0603 - one connection per process
    payloads = get_notify_payloads(list(channels))
    if not payloads:
        return
    with _lock:
        for attempt in range(2):
            if (
                _connection is None
                or _connection[0] != os.getpid()
                or _connection[1].closed
            ):
                _connection = (os.getpid(), _open())
            connection = _connection[1]
            try:
                with connection.cursor() as cr:
                    for payload in payloads:
                        query = SQL(
                            "SELECT %s('imbus', %s)",
                            SQL.identifier(ODOO_NOTIFY_FUNCTION),
                            payload,
                        )
                        cr.execute(query.code, query.params)
                return
            except psycopg2.Error as error:
                _connection = None
                with contextlib.suppress(psycopg2.Error):
                    connection.close()
                if attempt:
                    raise
                _logger.info("The bus connection broke (%s): opening another.", error)

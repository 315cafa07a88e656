# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# The window of the rate limit (res.company.shop_sync_max_actions_per_hour).
RATE_WINDOW = timedelta(hours=1)


class PosShopSyncAction(models.Model):
    """One recall, decline or release by a terminal: what the company's rate
    limit counts. Each of them writes the chatter and tells terminals over
    the bus; a loop of them (send, recall, send again; accept, release,
    accept again) is bounded per terminal and per hour. Written by the server
    only; kept an hour (the scheduled action of the transfers removes older
    ones)."""

    _name = "pos.shop.sync.action"
    _description = "POS Shop Sync: a recall, decline or release (rate limit)"
    _order = "id desc"
    _log_access = False

    config_id = fields.Many2one(
        "pos.config", string="Terminal", required=True, ondelete="cascade", index=True
    )
    sync_id = fields.Many2one("pos.shop.sync", string="Transfer", ondelete="cascade")
    action = fields.Selection(
        [("recall", "Recall"), ("decline", "Decline"), ("release", "Release")],
        required=True,
    )
    done_at = fields.Datetime(
        string="Done On", required=True, default=fields.Datetime.now, index=True
    )

    @api.model
    def _shop_sync_throttle(self, config, sync, action):
        """Record that ``config`` does ``action`` on ``sync``; refuse it when
        the terminal already did as many recalls, declines and releases in
        the last hour as its company allows.

        Concurrent actions of one terminal are serialized on a
        transaction-level advisory lock; one that had to wait counts through a
        new cursor, its own snapshot predating the other's commit."""
        limit = config.company_id.sudo().shop_sync_max_actions_per_hour
        since = fields.Datetime.now() - RATE_WINDOW
        count_query = SQL(
            "SELECT count(*) FROM pos_shop_sync_action"
            " WHERE config_id = %s AND done_at > %s",
            config.id,
            since,
        )
        lock_key = SQL("hashtextextended(%s, 0)", f"pos.shop.sync.action:{config.id}")
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", lock_key))
        if cr.fetchone()[0]:
            cr.execute(count_query)
            count = cr.fetchone()[0]
        else:
            cr.execute(SQL("SELECT pg_advisory_xact_lock(%s)", lock_key))
            with self.env.registry.cursor() as fresh:
                fresh.execute(count_query)
                count = fresh.fetchone()[0]
        if limit and count >= limit:
            raise UserError(
                _(
                    "Terminal %(terminal)s already recalled, declined or released "
                    "%(count)s transfers in the last hour, the most its company "
                    "allows (setting: Recalls, Declines and Releases per Hour). "
                    "Try again later, or ask a manager.",
                    terminal=config.name,
                    count=count,
                )
            )
        self.sudo().create(
            {"config_id": config.id, "sync_id": sync.id, "action": action}
        )

    @api.model
    def _shop_sync_gc(self):
        """Remove the actions older than the rate limit's window."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "DELETE FROM pos_shop_sync_action WHERE done_at <= %s",
                fields.Datetime.now() - RATE_WINDOW,
            )
        )

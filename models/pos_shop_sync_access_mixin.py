# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The guards of the API: the switch, the calling terminal and its session,
the clean context, the transfers a terminal may see, the managers' rights.
Inherited by ``pos.shop.sync``."""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .pos_config import SHOP_SYNC_PARAM
from .shop_sync_cart import is_id as _is_id

OPEN_SESSION_STATES = ("opening_control", "opened")
# The most transfers a list of the API returns (newest first) without a limit,
# and with one: it bounds the answer, not what is stored.
LIST_LIMIT = 1000
# The same with the transfers' lines: each transfer holds at most
# shop_sync_cart.MAX_TRANSFER_BYTES, so an answer at most this many times that.
LINES_LIST_LIMIT = 20


class PosShopSyncAccessMixin(models.AbstractModel):
    _name = "pos.shop.sync.access.mixin"
    _description = "POS Shop Sync: who may call what"

    @api.model
    def _shop_sync_is_enabled(self):
        param = self.env["ir.config_parameter"].sudo().get_param(SHOP_SYNC_PARAM)
        return bool(param) and param.lower() not in ("0", "false")

    @api.model
    def _shop_sync_check_configure_rights(self):
        """Only Point of Sale managers and administrators may change the Shop
        Sync settings: the switch, the terminals' roles, the company's limits."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("point_of_sale.group_pos_manager")
            or user.has_group("base.group_system")
        ):
            return
        raise AccessError(
            _("Only Point of Sale managers may change the Shop Sync settings.")
        )

    def _shop_sync_clean_env(self):
        """``self`` in a clean context: the user's own language and time zone
        (cached), and the caller's companies (which Odoo checks against the
        user's). Every other key of the caller's (``default_*``, ``mail_*``,
        tracking switches, ``active_test``, translation modes, another
        language) is dropped."""
        user_context = self.env["res.users"].context_get()
        context = {
            key: user_context[key] for key in ("lang", "tz") if key in user_context
        }
        if "allowed_company_ids" in self.env.context:
            context["allowed_company_ids"] = self.env.context["allowed_company_ids"]
        # Replaced, not updated: that is the point.
        return self.with_context(context)  # pylint: disable=context-overridden

    @api.model
    def _shop_sync_terminal_fields(self):
        """The fields of the calling terminal the API reads, fetched with it:
        one of them read later would fetch the whole row (pos.config has about
        two hundred columns). Other modules' files add theirs."""
        return [
            "name",
            "company_id",
            "journal_id",
            "shop_sync_can_send",
            "shop_sync_can_receive",
            "access_token",
            "manual_discount",
        ]

    @api.model
    def _shop_sync_terminal(self, config_id, role):
        """Return the calling terminal and its open session, after checking that
        the user may use it as ``role``.

        :param role: ``"send"`` or ``"receive"``
        :return: ``(pos.config, pos.session)``
        """
        if not self._shop_sync_is_enabled():
            raise UserError(_("Shop Sync is turned off in the Point of Sale settings."))
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise AccessError(_("Only Point of Sale users may transfer orders."))
        if not _is_id(config_id):
            raise ValidationError(_("The terminal is missing or malformed."))
        # Searched as the user: the record rules say which terminals they may use.
        config = self.env["pos.config"].search_fetch(
            [("id", "=", config_id)], self._shop_sync_terminal_fields()
        )
        if not config:
            raise UserError(_("This terminal does not exist or you may not use it."))
        if role == "send" and not config.shop_sync_can_send:
            raise UserError(
                _("Terminal %s is not allowed to send orders.", config.name)
            )
        if role == "receive" and not config.shop_sync_can_receive:
            raise UserError(
                _("Terminal %s is not allowed to receive orders.", config.name)
            )
        # One query, where pos.config.current_session_id computes three; in SQL
        # (a sixth of the ORM search's time, on every call of the API): the
        # record rules already let the user use this terminal.
        sessions = self.env["pos.session"]
        sessions.flush_model(["config_id", "state", "rescue"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM pos_session"
                " WHERE config_id = %s AND state IN %s AND rescue IS NOT TRUE"
                " ORDER BY id DESC LIMIT 1",
                config.id,
                OPEN_SESSION_STATES,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            raise UserError(_("Terminal %s has no open session.", config.name))
        return config, sessions.browse(row[0])

    @api.model
    def _shop_sync_incoming_domain(self, config):
        """The transfers waiting for ``config``: pending, sent to it, not
        declined by it, of its company."""
        return [
            ("state", "=", "pending"),
            ("target_config_ids", "in", config.ids),
            ("declined_config_ids", "not in", config.ids),
            ("company_id", "=", config.company_id.id),
        ]

    @api.model
    def _shop_sync_check_limit(self, limit, maximum=LIST_LIMIT):
        """The number of transfers a list may return: ``limit`` (a positive
        integer) capped at ``maximum``, ``maximum`` without one."""
        if limit is None or limit is False:
            return maximum
        if not _is_id(limit):
            raise ValidationError(_("The limit must be a positive whole number."))
        return min(limit, maximum)

    @api.model
    def _shop_sync_get_target_of(self, sync_id, config):
        """Return transfer ``sync_id`` if it was sent to ``config``."""
        if not _is_id(sync_id):
            raise ValidationError(_("The transfer is missing or malformed."))
        self.flush_model(["company_id", "target_config_ids"])
        # One query: the ORM would read the transfer, its targets and each
        # target's whole row.
        self.env.cr.execute(
            SQL(
                """SELECT 1
                     FROM pos_shop_sync sync
                     JOIN pos_shop_sync_target_rel target ON target.sync_id = sync.id
                    WHERE sync.id = %s AND sync.company_id = %s
                      AND target.config_id = %s""",
                sync_id,
                config.company_id.id,
                config.id,
            )
        )
        if not self.env.cr.rowcount:
            raise UserError(_("This transfer does not exist or was not sent to you."))
        return self.sudo().browse(sync_id)

    def _shop_sync_declined_by(self, config):
        """Whether ``config`` declined this transfer."""
        self.ensure_one()
        self.flush_model(["declined_config_ids"])
        self.env.cr.execute(
            SQL(
                """SELECT 1 FROM pos_shop_sync_declined_rel
                    WHERE sync_id = %s AND config_id = %s""",
                self.id,
                config.id,
            )
        )
        return bool(self.env.cr.rowcount)

    @api.model
    def _shop_sync_get_sent_by(self, sync_id, config):
        """Return transfer ``sync_id`` if ``config`` sent it."""
        if not _is_id(sync_id):
            raise ValidationError(_("The transfer is missing or malformed."))
        sync = self.sudo().browse(sync_id).exists()
        if not sync or sync.sender_config_id != config:
            raise UserError(_("This transfer does not exist or was not sent by you."))
        return sync

    def _shop_sync_check_manager(self):
        """Managers only, and only on transfers their companies let them read."""
        if not self.env.user.has_group("point_of_sale.group_pos_manager"):
            raise AccessError(
                _("Only Point of Sale managers may change transfers from the backend.")
            )
        self.check_access("read")

    def _shop_sync_check_history_rights(self):
        """Only Point of Sale managers follow transfers and post on them: the
        history of a transfer is the server's (as a follower, a cashier could
        otherwise post on it whatever ``_mail_post_access`` says)."""
        if not self.env.user.has_group("point_of_sale.group_pos_manager"):
            raise AccessError(
                _(
                    "Only Point of Sale managers may follow transfers or post "
                    "on them: their history is written by the Point of Sale."
                )
            )

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a transfer changes state: atomic transitions among concurrent
requests (row locks, the refusal that names who was first), the chatter entry
and the bus event of each, the payment that finishes it, the expiry.
Inherited by ``pos.shop.sync``."""

import logging
from datetime import timedelta

from markupsafe import Markup
from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_datetime

_logger = logging.getLogger(__name__)

# Nobody accepted them: they expire after the company's lifetime. A declined
# transfer expires too, or the sender's list would only grow.
EXPIRING_STATES = ("pending", "declined")


class PosShopSyncLifecycleMixin(models.AbstractModel):
    _name = "pos.shop.sync.lifecycle.mixin"
    _description = "POS Shop Sync: state changes"

    def _shop_sync_transition(self, action, from_states, vals, message, event):
        """Apply ``vals`` if this transfer is in one of ``from_states``; atomic
        among concurrent transactions.

        :param action: ``accept``, ``recall``, ``decline``, ``release``,
            ``cancel`` or ``reopen``: names the refusal
        :param message: the chatter entry
        :param event: the bus event for the terminals involved
        """
        self.ensure_one()
        conflict = self._shop_sync_lock()
        if conflict:
            state, receiver, claimed_at = self._shop_sync_committed_row()
            if state in from_states:
                # Changed meanwhile but still allowed (e.g. another target
                # declined a broadcast): let Odoo retry the whole request.
                raise conflict
            raise UserError(
                self._shop_sync_refusal(action, state, receiver, claimed_at)
            )
        if self.state not in from_states:
            raise UserError(self._shop_sync_refusal(action))
        self._shop_sync_apply(vals, message, event)

    def _shop_sync_apply(self, vals, message, event):
        """Write ``vals`` with ``message`` in the chatter; tell the terminals."""
        if "state" in vals:
            # Attached to the state's tracking entry: one chatter line.
            self._track_set_log_message(message)
        else:
            self._message_log(body=Markup("<p>%s</p>") % message)
        self._shop_sync_before_change(event)
        self.write(vals)

    def _shop_sync_release(self, message):
        """Make this accepted transfer pending again, its acceptance forgotten."""
        self._shop_sync_transition(
            "release",
            ("claimed",),
            {
                "state": "pending",
                "pending_since": fields.Datetime.now(),
                "receiver_config_id": False,
                "receiver_session_id": False,
                "receiver_user_id": False,
                "claimed_at": False,
                "released_config_id": self.receiver_config_id.id,
                **self._shop_sync_holder_vals(False),
            },
            message,
            "released",
        )

    def _shop_sync_lock(self):
        """Lock this transfer's row for a state change.

        Returns the serialization error, without waiting for a retry, when a
        concurrent transaction changed the transfer after ours started: under
        REPEATABLE READ the lock then fails, which is caught here instead of
        letting the whole request be retried after a random sleep. Returns None
        once the row is locked.
        """
        self.ensure_one()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM pos_shop_sync WHERE id = %s FOR NO KEY UPDATE",
                        self.id,
                    ),
                    log_exceptions=False,
                )
        except errors.SerializationFailure as error:
            return error
        return None

    def _shop_sync_committed_row(self):
        """``(state, receiver name, claimed_at)`` as last committed, from a
        fresh transaction (None for a deleted transfer)."""
        self.ensure_one()
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    """SELECT sync.state, config.name, sync.claimed_at
                         FROM pos_shop_sync sync
                    LEFT JOIN pos_config config ON config.id = sync.receiver_config_id
                        WHERE sync.id = %s""",
                    self.id,
                )
            )
            return cr.fetchone() or (None, None, None)

    def _shop_sync_refusal(self, action, state=None, receiver=None, claimed_at=None):
        """Why ``action`` cannot be done on this transfer any more, for the
        cashier. Describes the cached state unless another one is given.
        """
        self.ensure_one()
        if state is None:
            state = self.state
            receiver = self.receiver_config_id.name
            claimed_at = self.claimed_at
        if not state:
            return _("This transfer does not exist any more.")
        if state in ("claimed", "done") and action not in ("release", "reopen"):
            return _(
                "%(name)s was already accepted by %(terminal)s at %(time)s.",
                name=self.name,
                terminal=receiver,
                time=format_datetime(self.env, claimed_at, dt_format="HH:mm"),
            )
        # Whole sentences, for the translators.
        messages = {
            "accept": _("%(name)s can no longer be accepted (status: %(state)s)."),
            "recall": _("%(name)s can no longer be recalled (status: %(state)s)."),
            "decline": _("%(name)s can no longer be declined (status: %(state)s)."),
            "release": _("%(name)s is not accepted (status: %(state)s)."),
            "cancel": _("%(name)s can no longer be cancelled (status: %(state)s)."),
            "reopen": _("%(name)s is not expired (status: %(state)s)."),
        }
        return messages[action] % {
            "name": self.name,
            "state": self._shop_sync_state_label(state),
        }

    def _shop_sync_state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _shop_sync_mark_done(self, order):
        """Record that ``order`` paid this transfer; never raises for a bad link.

        Only the terminal that holds it may finish it, or the one that held it
        last and released it (see ``_shop_sync_payable_by``).
        """
        self.ensure_one()
        if self.state == "done" and self.pos_order_id == order:
            return
        conflict = self._shop_sync_lock()
        if conflict:
            # Accepted or released meanwhile: retry the payment's request.
            raise conflict
        # Server facts only: the terminal of the session the order was saved in
        # (checked open by Odoo), the calling user, the server's clock; never
        # the order's values sent by the POS (its user_id, its dates).
        session = order.session_id
        terminal = session.config_id
        if not self._shop_sync_payable_by(terminal):
            self._shop_sync_log_refused_payment(order)
            return
        if self.holder_order_uuid and self.holder_order_uuid != order.uuid:
            self._shop_sync_log_refused_payment(order, held=True)
            return
        paid = self._shop_sync_paid_vals(order)
        now = fields.Datetime.now()
        self._shop_sync_apply(
            {
                "state": "done",
                "pos_order_id": order.id,
                "done_config_id": terminal.id,
                "done_at": now,
                "receiver_config_id": terminal.id,
                "receiver_session_id": session.id,
                "receiver_user_id": self.receiver_user_id.id or self.env.uid,
                "claimed_at": self.claimed_at or now,
                **paid,
            },
            self._shop_sync_paid_message(order, paid),
            "done",
        )

    def _shop_sync_payable_by(self, terminal):
        """Whether a paid order of ``terminal`` finishes this transfer: the
        terminal holds it, or held it last and released it (its session closed
        while the order was offline) and nobody took it since."""
        self.ensure_one()
        if self.state == "claimed":
            return self.receiver_config_id == terminal
        return self.state == "pending" and self.released_config_id == terminal

    def _shop_sync_log_refused_payment(self, order, held=False):
        """Say in the chatter that ``order`` was paid with a link to this
        transfer that its terminal may not finish (the order stays paid).

        Once per transfer: later stale links go to the server's log only, so
        that paid orders cannot fill a transfer's chatter."""
        self.ensure_one()
        if self.refused_payment_logged:
            _logger.warning(
                "POS order %s of %s: paid with a link to transfer %s, which it "
                "had not accepted (state: %s); the transfer was left unchanged.",
                order.name,
                order.config_id.name,
                self.name,
                self.state,
            )
            return
        # Written on the transfer's row: concurrent stale payments conflict
        # there, and the one retried sees the entry logged.
        self.sudo().write({"refused_payment_logged": True})
        if held:
            self._message_log(
                body=Markup("<p>%s</p>")
                % _(
                    "Order %(order)s of %(terminal)s was paid with a link to this "
                    "transfer, whose cart is open on order %(holder)s. The transfer "
                    "was left unchanged.",
                    order=order.name,
                    terminal=order.config_id.name,
                    holder=self.holder_order_name or self.holder_order_uuid,
                )
            )
            return
        self._message_log(
            body=Markup("<p>%s</p>")
            % _(
                "Order %(order)s of %(terminal)s was paid with a link to this "
                "transfer, which it had not accepted (state: %(state)s). "
                "The transfer was left unchanged.",
                order=order.name,
                terminal=order.config_id.name,
                state=self._shop_sync_state_label(self.state),
            )
        )

    def _shop_sync_notify(self, event):
        """Tell the terminals of these new transfers about ``event`` at the
        end of the transaction (see ``pos.shop.sync.bus.mixin``). A change of
        an existing transfer goes through ``_shop_sync_apply``."""
        self._shop_sync_created(event)

    @api.model
    def _cron_expire_transfers(self):
        """Expire the transfers left pending longer than their company allows;
        forget the recalls, declines and releases the rate limit no longer
        counts."""
        self.env["pos.shop.sync.action"]._shop_sync_gc()
        now = fields.Datetime.now()
        companies = (
            self.env["res.company"].sudo().search([("shop_sync_expiry_hours", ">", 0)])
        )
        for company in companies:
            hours = company.shop_sync_expiry_hours
            deadline = now - timedelta(hours=hours)
            overdue = self.sudo().search(
                [
                    ("state", "in", EXPIRING_STATES),
                    ("company_id", "=", company.id),
                    ("pending_since", "<=", deadline),
                ]
            )
            for sync in overdue:
                # Accepted, released or expired meanwhile: left to the next run.
                if (
                    sync._shop_sync_lock()
                    or sync.state not in EXPIRING_STATES
                    or sync.pending_since > deadline
                ):
                    continue
                sync._shop_sync_apply(
                    {"state": "expired"},
                    _("Expired: not accepted within %s hour(s).", hours),
                    "expired",
                )

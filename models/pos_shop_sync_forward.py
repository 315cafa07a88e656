# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Forwarding: a terminal that accepted a transfer and did not pay it sends its
cart on to other terminals. The send (``send_from_ui`` with ``forward_of``)
creates a new transfer and closes the accepted one as ``forwarded`` to it, in
the same request: the cart is in exactly one place."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .shop_sync_cart import is_id as _is_id


class PosShopSync(models.Model):
    _inherit = "pos.shop.sync"  # pylint: disable=consider-merging-classes-inherited

    forwarded_to_id = fields.Many2one(
        "pos.shop.sync",
        string="Forwarded To",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The transfer the terminal that accepted this one sent its cart on "
        "with, unpaid.",
    )
    forwarded_from_id = fields.Many2one(
        "pos.shop.sync",
        string="Forwarded From",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The transfer this one sends on: its receiving terminal forwarded "
        "the cart without paying it.",
    )

    _sql_constraints = [
        (
            "forwarded_has_next",
            "CHECK(state != 'forwarded' OR forwarded_to_id IS NOT NULL)",
            "A forwarded transfer must name the transfer it was forwarded to.",
        ),
        (
            "forwarded_from_unique",
            "UNIQUE(forwarded_from_id)",
            "A transfer is forwarded once only.",
        ),
    ]

    # ------------------------------------------------------------------
    # The send: ``forward_of`` checked (and its row locked) before anything is
    # written, the accepted transfer closed once the new one exists.
    # ------------------------------------------------------------------

    @api.model
    def _shop_sync_prepare_send_vals(self, config, session, data):
        source = self._shop_sync_forward_source(config, data.get("forward_of"))
        vals = super()._shop_sync_prepare_send_vals(config, session, data)
        if source:
            vals["forwarded_from_id"] = source.id
        return vals

    @api.model
    def _shop_sync_create_transfer(self, vals):
        sync = super()._shop_sync_create_transfer(vals)
        if sync.forwarded_from_id:
            # Not through ``sync``: its creation context turns tracking off.
            self.sudo().browse(sync.forwarded_from_id.id)._shop_sync_forward_to(sync)
        return sync

    @api.model
    def _shop_sync_forward_source(self, config, forward_of):
        """The transfer ``config`` forwards, locked: accepted by it and not
        paid. Empty when ``forward_of`` is not given; refused otherwise.

        Never trusts the client: the transfer is searched in the terminal's
        company, and another terminal's transfer is "not held", its name untold.
        """
        Sync = self.sudo()
        if forward_of is None or forward_of is False:
            return Sync.browse()
        if not _is_id(forward_of):
            raise ValidationError(_("The transfer to forward is malformed."))
        sync = Sync.search(
            [("id", "=", forward_of), ("company_id", "=", config.company_id.id)]
        )
        if not sync or sync.receiver_config_id != config:
            raise UserError(
                _(
                    "The transfer to forward does not exist or was not accepted "
                    "by terminal %s.",
                    config.name,
                )
            )
        conflict = sync._shop_sync_lock()
        if conflict:
            state = sync._shop_sync_committed_row()[0]
            if state == "claimed":
                # Changed meanwhile and still held: let Odoo retry the request.
                raise conflict
            raise UserError(sync._shop_sync_forward_refusal(state))
        if sync.state != "claimed":
            raise UserError(sync._shop_sync_forward_refusal(sync.state))
        return sync

    def _shop_sync_forward_refusal(self, state):
        self.ensure_one()
        if not state:
            return _("This transfer does not exist any more.")
        return _(
            "%(name)s can no longer be forwarded (status: %(state)s).",
            name=self.name,
            state=self._shop_sync_state_label(state),
        )

    def _shop_sync_forward_to(self, sync):
        """Close this accepted transfer (locked by ``_shop_sync_forward_source``)
        as forwarded to ``sync``, the new transfer of its cart."""
        self.ensure_one()
        self._shop_sync_apply(
            {"state": "forwarded", "forwarded_to_id": sync.id},
            _(
                "Forwarded by %(terminal)s (%(user)s) to %(targets)s as %(name)s.",
                terminal=sync.sender_config_id.name,
                user=self.env.user.name,
                targets=", ".join(sync.target_config_ids.mapped("name")),
                name=sync.name,
            ),
            "forwarded",
        )

    def _creation_message(self):
        message = super()._creation_message()
        if not self.forwarded_from_id:
            return message
        forwards = _(
            "It forwards %(name)s, accepted by %(terminal)s.",
            name=self.forwarded_from_id.name,
            terminal=self.forwarded_from_id.receiver_config_id.name,
        )
        return f"{message} {forwards}"

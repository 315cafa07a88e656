# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One open order holds an accepted cart: the order a device rebuilt it on
(``hold_from_ui``); another order saved with the link loses it and is told where
the cart is; the holder or a manager hands it over."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from .pos_shop_sync import _clean_context
from .shop_sync_cart import UUID_PATTERN


class PosShopSync(models.Model):
    _inherit = "pos.shop.sync"  # pylint: disable=consider-merging-classes-inherited

    # The one open order that holds the accepted cart (see hold_from_ui):
    # its client reference, its name as its device gave it (a label only),
    # and who opened it when, from the server's session.
    holder_order_uuid = fields.Char(
        string="Open On Order (reference)",
        readonly=True,
        copy=False,
        help="The client reference of the one order the accepted cart is open "
        "on: another order saved with it loses the link; a manager hands it over.",
    )
    holder_order_name = fields.Char(
        string="Open On Order",
        readonly=True,
        copy=False,
        help="The name of that order, as its device gave it.",
    )
    holder_user_id = fields.Many2one(
        "res.users", string="Opened By", readonly=True, copy=False
    )
    held_at = fields.Datetime(string="Opened On", readonly=True, copy=False)

    def _shop_sync_holder_vals(self, order_uuid, order_name=False):
        """The values naming the order ``order_uuid`` (False: none) as the one
        open order that holds this transfer's cart."""
        return {
            "holder_order_uuid": order_uuid or False,
            "holder_order_name": order_uuid and order_name or False,
            "holder_user_id": order_uuid and self.env.uid,
            "held_at": order_uuid and fields.Datetime.now(),
        }

    def _shop_sync_held_message(self):
        """Where this transfer's cart is open, for the cashier of another device."""
        self.ensure_one()
        return _(
            "%(name)s is already open on order %(order)s of %(terminal)s "
            "(%(user)s, since %(time)s): only that order holds it. Go on there, "
            "or ask a manager to hand it over.",
            name=self.name,
            order=self.holder_order_name or self.holder_order_uuid,
            terminal=self.receiver_config_id.name,
            user=self.holder_user_id.name,
            time=format_datetime(self.env, self.held_at, dt_format="HH:mm"),
        )

    def _shop_sync_take_hold(self, order_uuid, order_name=False):
        """Make the order ``order_uuid`` the one open order that holds this
        accepted cart; False (nothing written) when another order holds it."""
        self.ensure_one()
        if self.holder_order_uuid == order_uuid:
            return True
        if self.holder_order_uuid:
            return False
        conflict = self._shop_sync_lock()
        if conflict:
            # Opened meanwhile on another order: retry the request.
            raise conflict
        self.sudo().write(self._shop_sync_holder_vals(order_uuid, order_name))
        return True

    def _shop_sync_hand_over(self, message):
        """Take this transfer's cart from the order it is open on: an unpaid
        saved order loses its link, with a notice for its device."""
        self.ensure_one()
        conflict = self._shop_sync_lock()
        if conflict:
            raise conflict
        orders = (
            self.env["pos.order"]
            .sudo()
            .search(
                [
                    ("uuid", "=", self.holder_order_uuid),
                    ("shop_sync_id", "=", self.id),
                    ("state", "=", "draft"),
                ]
            )
        )
        orders.write(
            {
                "shop_sync_id": False,
                "shop_sync_notice": _(
                    "%s was handed over to another device: this order no longer "
                    "holds it.",
                    self.name,
                ),
            }
        )
        self._shop_sync_apply(self._shop_sync_holder_vals(False), message, "claimed")

    @api.model
    @_clean_context
    def hold_from_ui(self, config_id, sync_id, order_uuid, order_name=False):
        """Make the order ``order_uuid`` of the calling device the one open
        order that holds a cart this terminal accepted. Idempotent for that
        order; refused, naming where it is open, for any other while it holds
        it (``hand_over_from_ui`` or a manager lets go of it).

        :param int config_id: the calling terminal (the one that accepted it)
        :param int sync_id: the transfer
        :param str order_uuid: the client reference of the order rebuilt from it
        :param str order_name: the order's name on the device (a label, 64
            characters at most)
        :return: ``{"id", "name", "uuid", "state"}``
        """
        config, __ = self._shop_sync_terminal(config_id, "receive")
        order_uuid = self._shop_sync_check_order_uuid(order_uuid)
        order_name = self._shop_sync_check_text(order_name, _("The order name"), 64)
        sync = self._shop_sync_get_target_of(sync_id, config)
        if sync.state != "claimed" or sync.receiver_config_id != config:
            raise UserError(
                _(
                    "%s is not accepted by this terminal: it cannot be opened here.",
                    sync.name,
                )
            )
        if not sync._shop_sync_take_hold(order_uuid, order_name):
            raise UserError(sync._shop_sync_held_message())
        return sync._shop_sync_send_result()

    @api.model
    @_clean_context
    def hand_over_from_ui(self, config_id, sync_id, order_uuid):
        """Let go of an accepted cart open on an order of the calling device:
        the next device of the terminal that opens it holds it. Only the device
        that holds it knows its order's client reference.

        :param int config_id: the calling terminal (the one that accepted it)
        :param int sync_id: the transfer
        :param str order_uuid: the client reference of the order that holds it
        :return: ``{"id", "name", "uuid", "state"}``
        """
        config, __ = self._shop_sync_terminal(config_id, "receive")
        order_uuid = self._shop_sync_check_order_uuid(order_uuid)
        sync = self._shop_sync_get_target_of(sync_id, config)
        if (
            sync.state != "claimed"
            or sync.receiver_config_id != config
            or sync.holder_order_uuid != order_uuid
        ):
            raise UserError(
                _(
                    "%s is not open on this order: there is nothing to hand over.",
                    sync.name,
                )
            )
        self._shop_sync_throttle(config, sync, "release")
        sync._shop_sync_hand_over(
            _(
                "Handed over from order %(order)s by %(user)s: the next device of "
                "%(terminal)s that opens it holds it.",
                order=sync.holder_order_name or sync.holder_order_uuid,
                user=self.env.user.name,
                terminal=config.name,
            )
        )
        return sync._shop_sync_send_result()

    @api.model
    def _shop_sync_check_order_uuid(self, order_uuid):
        if not isinstance(order_uuid, str) or not UUID_PATTERN.fullmatch(order_uuid):
            raise ValidationError(_("The order reference is malformed."))
        return order_uuid

    @_clean_context
    def action_shop_sync_hand_over(self):
        """Take an accepted cart from the order it is open on (managers): the
        next device of the accepting terminal that opens it holds it."""
        self._shop_sync_check_manager()
        for sync in self.sudo():
            if sync.state != "claimed" or not sync.holder_order_uuid:
                raise UserError(
                    _(
                        "%s is not open on an order: there is nothing to hand over.",
                        sync.name,
                    )
                )
            sync._shop_sync_hand_over(
                _(
                    "Handed over from order %(order)s by %(user)s from the backend: "
                    "the next device of %(terminal)s that opens it holds it.",
                    order=sync.holder_order_name or sync.holder_order_uuid,
                    user=self.env.user.name,
                    terminal=sync.receiver_config_id.name,
                )
            )
        return True

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .shop_sync_cart import is_id as _is_id

_logger = logging.getLogger(__name__)

PAID_STATES = ("paid", "done", "invoiced")
# Written by the server only, once the order's link is checked.
SERVER_FIELDS = frozenset({"shop_sync_id", "shop_sync_notice"})


class PosOrder(models.Model):
    _inherit = "pos.order"

    shop_sync_id = fields.Many2one(
        "pos.shop.sync",
        string="Shop Sync Transfer",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The transfer this order was rebuilt from on the receiving terminal.",
    )

    shop_sync_notice = fields.Char(
        readonly=True,
        copy=False,
        help="Why the server dropped this order's link to a transfer when the "
        "POS saved it: the cart is open on another order. The POS tells the "
        "cashier.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # The link comes only from the order the POS saves, once checked
        # (_process_order), and is then written as superuser.
        if not self.env.su:
            if any(SERVER_FIELDS & set(vals) for vals in vals_list):
                raise AccessError(self._shop_sync_link_refusal())
            if "default_shop_sync_id" in self.env.context:
                context = dict(self.env.context)
                del context["default_shop_sync_id"]
                # Replaced, not updated: the key must be gone, not False.
                orders = self.with_context(context)  # pylint: disable=context-overridden
                return super(PosOrder, orders).create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if SERVER_FIELDS & set(vals) and not self.env.su:
            raise AccessError(self._shop_sync_link_refusal())
        return super().write(vals)

    @api.model
    def _shop_sync_link_refusal(self):
        return _(
            "The transfer of an order is set by the Point of Sale only, when it "
            "saves the order."
        )

    @api.model
    def _process_order(self, order, existing_order):
        # The notice is the server's answer, sent back as the POS had it.
        order.pop("shop_sync_notice", None)
        if "shop_sync_id" not in order:
            return super()._process_order(order, existing_order)
        # Out of the values the ORM writes: checked, then written as superuser.
        sync_id = order.pop("shop_sync_id")
        draft = order.get("state") == "draft"
        if existing_order:
            # Before the save: paying it finishes the transfer it keeps.
            existing_order._shop_sync_link(sync_id, draft)
            return super()._process_order(order, existing_order)
        order_id = super()._process_order(order, existing_order)
        pos_order = self.browse(order_id)
        pos_order._shop_sync_link(sync_id, draft)
        if not draft:
            pos_order._shop_sync_finish()
        return order_id

    def _process_saved_order(self, draft):
        order_id = super()._process_saved_order(draft)
        if not draft:
            self._shop_sync_finish()
        return order_id

    def _shop_sync_link(self, sync_id, draft):
        """Link this order to transfer ``sync_id`` as the POS saves it, if the
        link is valid (see ``_shop_sync_checked_transfer``); else unlink it."""
        self.ensure_one()
        sync = self._shop_sync_checked_transfer(sync_id, draft)
        notice = False
        if (
            sync
            and sync.state == "claimed"
            and not sync._shop_sync_take_hold(self.uuid, self.pos_reference)
        ):
            # Its cart is open on another order: this one does not hold it.
            notice = sync._shop_sync_held_message()
            _logger.warning(
                "POS order %s: dropped its link to transfer %s, whose cart is open "
                "on order %s.",
                self.name,
                sync.name,
                sync.holder_order_name or sync.holder_order_uuid,
            )
            if not draft:
                sync._shop_sync_clean_env()._shop_sync_log_refused_payment(
                    self, held=True
                )
            sync = sync.browse()
        vals = {}
        if self.shop_sync_id != sync:
            vals["shop_sync_id"] = sync.id
        if (self.shop_sync_notice or False) != notice:
            vals["shop_sync_notice"] = notice
        if vals:
            self.sudo().write(vals)

    def _shop_sync_checked_transfer(self, sync_id, draft):
        """The transfer ``sync_id`` if this order may keep it: one of the
        order's company that its terminal holds, held last and released, or
        that this order already paid. An invalid link is dropped, never
        refused: a link to a transfer of the company is told in its chatter
        when the order is paid; another company's transfer is never read.

        :return: the transfer (sudo), or an empty recordset
        """
        self.ensure_one()
        Sync = self.env["pos.shop.sync"].sudo()
        if not sync_id:
            return Sync
        sync = Sync
        if _is_id(sync_id):
            sync = Sync.search(
                [("id", "=", sync_id), ("company_id", "=", self.company_id.id)]
            )
        if not sync:
            _logger.warning(
                "POS order %s: dropped its link to transfer %r, which does not exist "
                "in the order's company.",
                self.name,
                sync_id,
            )
            return Sync
        if (sync.state == "done" and sync.pos_order_id == self) or (
            sync._shop_sync_payable_by(self.config_id)
        ):
            return sync
        if draft:
            _logger.warning(
                "POS order %s: dropped its link to transfer %s, which its terminal "
                "does not hold (state: %s).",
                self.name,
                sync.name,
                sync.state,
            )
        else:
            sync._shop_sync_clean_env()._shop_sync_log_refused_payment(self)
        return Sync

    def _shop_sync_finish(self):
        """Finish the transfer of this order once it is paid."""
        self.ensure_one()
        if not self.shop_sync_id or self.state not in PAID_STATES:
            return
        # Read through the company: never another company's transfer.
        sync = (
            self.env["pos.shop.sync"]
            .sudo()
            .search(
                [
                    ("id", "=", self.shop_sync_id.id),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )
        if sync:
            sync._shop_sync_clean_env()._shop_sync_mark_done(self)

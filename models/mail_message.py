# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

SHOP_SYNC_MODEL = "pos.shop.sync"
# Who wrote an entry, when, and what it changed: set by the server, never by
# the caller (the server's own entries are written as superuser).
SERVER_OWNED_FIELDS = (
    "author_guest_id",
    "date",
    "tracking_value_ids",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)
# And what an entry is about: changed by nobody once written.
FIXED_FIELDS = ("author_id", "email_from", "model", "res_id", "message_type")


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            default_model = self.env.context.get("default_model")
            partner_id = self.env.user.partner_id.id
            for vals in vals_list:
                if vals.get("model", default_model) != SHOP_SYNC_MODEL:
                    continue
                # Refused before the insert (``_check_access`` refuses after it,
                # whatever the way the message names its transfer).
                if not self.env.user.has_group("point_of_sale.group_pos_manager"):
                    raise AccessError(self._shop_sync_history_error())
                forged = [field for field in SERVER_OWNED_FIELDS if vals.get(field)]
                if vals.get("author_id", partner_id) != partner_id:
                    forged.append("author_id")
                if forged:
                    raise AccessError(self._shop_sync_forged_error())
        return super().create(vals_list)

    def write(self, vals):
        if (
            not self.env.su
            and any(field in vals for field in SERVER_OWNED_FIELDS + FIXED_FIELDS)
            and self._shop_sync_messages()
        ):
            raise AccessError(self._shop_sync_forged_error())
        return super().write(vals)

    def _check_access(self, operation):
        """A transfer's history is written by the server: on ``pos.shop.sync``,
        only Point of Sale managers may add an entry (being a follower, a
        recipient of the parent or the author is not enough), and may change
        or delete only the comments they wrote themselves."""
        result = super()._check_access(operation)
        if operation == "read" or not self:
            return result
        remaining = self - result[0] if result else self
        forbidden = remaining._shop_sync_forbidden(operation)
        if not forbidden:
            return result
        if result:
            return (result[0] + forbidden, result[1])
        return (forbidden, lambda: AccessError(self._shop_sync_history_error()))

    def _shop_sync_messages(self):
        """The messages of ``self`` posted on a transfer."""
        return self.sudo().filtered(lambda message: message.model == SHOP_SYNC_MODEL)

    def _shop_sync_forbidden(self, operation):
        """The messages of ``self`` on a transfer the user may not ``operation``
        (``create``, ``write`` or ``unlink``)."""
        messages = self._shop_sync_messages()
        if not messages:
            return self.browse()
        if not self.env.user.has_group("point_of_sale.group_pos_manager"):
            return self.browse(messages.ids)
        if operation == "create":
            return self.browse()
        partner = self.env.user.partner_id
        return self.browse(
            messages.filtered(
                lambda message: message.message_type != "comment"
                or message.author_id != partner
            ).ids
        )

    def _shop_sync_check_tracking(self):
        """Refuse a change of the tracking values of these messages if one is
        on a transfer: nobody but the server writes what a transfer changed."""
        if self._shop_sync_messages():
            raise AccessError(self._shop_sync_forged_error())

    @api.model
    def _shop_sync_history_error(self):
        return _(
            "Only Point of Sale managers may write in a transfer's history, and "
            "only their own comments."
        )

    @api.model
    def _shop_sync_forged_error(self):
        return _(
            "The author, date and changes of a transfer's history entry are set "
            "by the server only."
        )

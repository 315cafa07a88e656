# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo writes tracking values as superuser; only administrators may
        # otherwise: not on a transfer's history, whose changes are the server's.
        if not self.env.su:
            message_ids = [
                vals["mail_message_id"]
                for vals in vals_list
                if vals.get("mail_message_id")
            ]
            self.env["mail.message"].browse(message_ids)._shop_sync_check_tracking()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            messages = self.sudo().mail_message_id
            if vals.get("mail_message_id"):
                messages |= messages.browse(vals["mail_message_id"])
            messages._shop_sync_check_tracking()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.sudo().mail_message_id._shop_sync_check_tracking()
        return super().unlink()

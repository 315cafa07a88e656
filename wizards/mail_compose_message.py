# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        # In mass mail mode Odoo sends as superuser to whoever may read the
        # records: from a transfer, only Point of Sale managers send.
        if not self.env.su and any(
            composer.model == "pos.shop.sync" for composer in self
        ):
            self.env["pos.shop.sync"]._shop_sync_check_history_rights()
        return super()._action_send_mail(auto_commit=auto_commit)

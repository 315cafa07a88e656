# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class PosSession(models.Model):
    _inherit = "pos.session"

    def _load_pos_data_models(self, config_id):
        return super()._load_pos_data_models(config_id) + ["pos.shop.sync"]

    def get_closing_control_data(self):
        data = super().get_closing_control_data()
        data["shop_sync_transfers"] = [
            {
                "id": sync.id,
                "name": sync.name,
                "state": sync.state,
                "direction": "accepted" if sync.state == "claimed" else "outgoing",
                "partner_name": sync.partner_id.name or "",
                "amount_total": sync.amount_total,
            }
            for sync in self._shop_sync_open_transfers()
        ]
        return data

    def _shop_sync_open_transfers(self):
        """The transfers this session leaves open: sent by its terminal and not
        accepted yet, or accepted by it and not paid."""
        self.ensure_one()
        return (
            self.env["pos.shop.sync"]
            .sudo()
            .search(
                [
                    "|",
                    "&",
                    ("sender_config_id", "=", self.config_id.id),
                    ("state", "in", ("pending", "declined")),
                    "&",
                    ("receiver_session_id", "=", self.id),
                    ("state", "=", "claimed"),
                ]
            )
        )

    def _validate_session(
        self,
        balancing_account=False,
        amount_to_balance=0,
        bank_payment_method_diffs=None,
    ):
        result = super()._validate_session(
            balancing_account, amount_to_balance, bank_payment_method_diffs
        )
        if self.state == "closed":
            # Nothing is lost at the end of a shift: what this session accepted
            # and did not sell goes back to its targets.
            accepted = self._shop_sync_open_transfers().filtered(
                lambda sync: sync.state == "claimed"
            )
            for sync in accepted:
                # In a clean context: no switch of the caller's silences it.
                sync._shop_sync_clean_env()._shop_sync_release(
                    _("Released at the closing of session %s.", self.name)
                )
        return result

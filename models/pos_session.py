# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

# The key of the cursor's cache naming the sessions whose closing runs
# (``_validate_session``): a session becomes closed there, and nowhere else.
CLOSING_KEY = "pos_shop_sync.closing_session_ids"
# The states a session takes through the Point of Sale's own flows before it
# is closed: opening control -> opened -> closing control.
FORWARD_STATES = {
    "opening_control": ("opened", "closing_control"),
    "opened": ("closing_control",),
    "closing_control": (),
    "closed": (),
}


class PosSession(models.Model):
    _inherit = "pos.session"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("rescue") for vals in vals_list):
            self._shop_sync_check_session_rights()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and ("rescue" in vals or "state" in vals):
            if "rescue" in vals:
                self._shop_sync_check_session_rights()
            if "state" in vals:
                self._shop_sync_check_state_change(vals["state"])
        return super().write(vals)

    def _shop_sync_check_state_change(self, state):
        """A session's state moves forward through Odoo's flows only; it
        becomes closed only in its closing (``_validate_session``), which gives
        back the transfers it holds: written directly, it would keep them."""
        closing = self.env.cr.cache.get(CLOSING_KEY, set())
        for session in self:
            if session.state == state:
                continue
            if state == "closed" and session.id in closing:
                continue
            if state in FORWARD_STATES.get(session.state, ()) and state != "closed":
                continue
            raise AccessError(
                _(
                    "Session %(session)s cannot be set to %(state)s directly: "
                    "open and close it through the Point of Sale.",
                    session=session.name,
                    state=dict(
                        self._fields["state"]._description_selection(self.env)
                    ).get(state, state),
                )
            )

    @api.model
    def _shop_sync_check_session_rights(self):
        """Recovery sessions are Odoo's and the managers' (a session marked as
        one is no longer the terminal's open session)."""
        if not self.env.user.has_group("point_of_sale.group_pos_manager"):
            raise AccessError(
                _("Only Point of Sale managers may mark a session as a recovery one.")
            )

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
        closing = self.env.cr.cache.setdefault(CLOSING_KEY, set())
        closing.update(self.ids)
        try:
            result = super()._validate_session(
                balancing_account, amount_to_balance, bank_payment_method_diffs
            )
        finally:
            closing.difference_update(self.ids)
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

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Transfers paid before 18.0.1.3.0 record what was paid, as new ones do: else
every one of them would show as "Paid Differently"."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    paid = env["pos.shop.sync"].search(
        [("state", "=", "done"), ("pos_order_id", "!=", False)]
    )
    for sync in paid:
        # As superuser, without the checked API: an upgrade, not a payment.
        sync.with_context(tracking_disable=True).write(
            sync._shop_sync_paid_vals(sync.pos_order_id)
        )

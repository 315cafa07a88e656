# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The multi-company rules were loaded as ``noupdate``: an upgrade left them as
first installed. From now on the module's data updates them."""

RULES = ("pos_shop_sync_rule_multi_company", "pos_shop_sync_line_rule_multi_company")


def migrate(cr, version):
    cr.execute(
        "UPDATE ir_model_data SET noupdate = FALSE"
        " WHERE module = 'pos_shop_sync' AND name IN %s",
        (RULES,),
    )

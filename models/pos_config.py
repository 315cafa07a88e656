# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError

SHOP_SYNC_PARAM = "pos_shop_sync.enabled"
# The terminal's roles: a manager's setting, never a cashier's.
SHOP_SYNC_ROLE_FIELDS = ("shop_sync_can_send", "shop_sync_can_receive")
# The terminal's options that the checks of a send or a claim rely on (line
# discounts, pricelists, fiscal positions, the currency through the journal,
# the company): Odoo lets cashiers write pos.config, not these.
SHOP_SYNC_CHECKED_FIELDS = (
    "manual_discount",
    "pricelist_id",
    "available_pricelist_ids",
    "fiscal_position_ids",
    "default_fiscal_position_id",
    "journal_id",
    "company_id",
)


class PosConfig(models.Model):
    _inherit = "pos.config"

    shop_sync_can_send = fields.Boolean(
        string="Allow Sending Orders",
        help="Cashiers of this terminal may send their cart to another terminal.",
    )
    shop_sync_can_receive = fields.Boolean(
        string="Allow Receiving Orders",
        help="This terminal is told about transfers sent to it and may accept them.",
    )
    shop_sync_enabled = fields.Boolean(
        compute="_compute_shop_sync_enabled",
        help="The global Shop Sync switch of the Point of Sale settings.",
    )

    @api.depends_context("uid")
    def _compute_shop_sync_enabled(self):
        enabled = self.env["pos.shop.sync"]._shop_sync_is_enabled()
        for config in self:
            config.shop_sync_enabled = enabled

    @api.model_create_multi
    def create(self, vals_list):
        if any(field in vals for vals in vals_list for field in SHOP_SYNC_ROLE_FIELDS):
            self.env["pos.shop.sync"]._shop_sync_check_configure_rights()
        return super().create(vals_list)

    def write(self, vals):
        if any(field in vals for field in SHOP_SYNC_ROLE_FIELDS):
            self.env["pos.shop.sync"]._shop_sync_check_configure_rights()
        checked = [field for field in SHOP_SYNC_CHECKED_FIELDS if field in vals]
        if checked:
            self._shop_sync_check_option_rights(checked)
        return super().write(vals)

    def _shop_sync_check_option_rights(self, field_names):
        """Only Point of Sale managers change the options Shop Sync checks."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("point_of_sale.group_pos_manager")
            or user.has_group("base.group_system")
        ):
            return
        raise AccessError(
            _(
                "Only Point of Sale managers may change these options of a "
                "terminal: %s.",
                ", ".join(
                    self._fields[name]._description_string(self.env)
                    for name in field_names
                ),
            )
        )

    @api.model
    def _shop_sync_load_restaurant_demo(self):
        """Demo data: a restaurant terminal that sends and receives, with a floor
        of four tables, when pos_restaurant is installed (this module does not
        depend on it: without it, nothing is created).

        :return: the restaurant terminal, or an empty recordset
        """
        config = self.env.ref(
            "pos_shop_sync.pos_config_restaurant", raise_if_not_found=False
        )
        if config or "floor_ids" not in self._fields:
            return config or self.browse()
        company = self.env.ref("base.main_company")
        journal = self.env["account.journal"].create(
            {
                "name": "Cash Restaurant",
                "type": "cash",
                "code": "SSCR",
                "company_id": company.id,
                "show_on_dashboard": False,
            }
        )
        cash = self.env["pos.payment.method"].create(
            {"name": "Cash Restaurant", "journal_id": journal.id}
        )
        floor = self.env["restaurant.floor"].create({"name": "Dining Room"})
        self.env["restaurant.table"].create(
            [
                {
                    "floor_id": floor.id,
                    "table_number": number,
                    "seats": 4,
                    "position_h": 100 + 200 * (number - 1),
                    "position_v": 100,
                    "width": 130,
                    "height": 130,
                }
                for number in (1, 2, 3, 4)
            ]
        )
        config = self.create(
            {
                "name": "Shop Restaurant",
                "company_id": company.id,
                "module_pos_restaurant": True,
                "floor_ids": [Command.set(floor.ids)],
                "payment_method_ids": [Command.set(cash.ids)],
                "shop_sync_can_send": True,
                "shop_sync_can_receive": True,
            }
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                {"xml_id": f"pos_shop_sync.{name}", "record": record, "noupdate": True}
                for name, record in (
                    ("account_journal_cash_restaurant", journal),
                    ("pos_payment_method_cash_restaurant", cash),
                    ("restaurant_floor_dining_room", floor),
                    ("pos_config_restaurant", config),
                )
            ]
        )
        return config

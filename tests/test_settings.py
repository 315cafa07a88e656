# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestSettings(ShopSyncCommon):
    def test_settings_switch_and_terminal_roles(self):
        self.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", False)
        self.shop3.write({"shop_sync_can_send": False, "shop_sync_can_receive": False})
        self.env["res.config.settings"].create(
            {
                "pos_config_id": self.shop3.id,
                "shop_sync_enabled": True,
                "pos_shop_sync_can_send": True,
                "pos_shop_sync_can_receive": True,
            }
        ).execute()
        self.assertTrue(self.shop3.shop_sync_can_send)
        self.assertTrue(self.shop3.shop_sync_can_receive)
        self.assertTrue(self.shop3.shop_sync_enabled)
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("pos_shop_sync.enabled"),
            "True",
        )

    def test_every_call_refused_when_the_feature_is_off(self):
        sync = self._send()
        self.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", False)
        self.shop1.invalidate_recordset(["shop_sync_enabled"])
        self.assertFalse(self.shop1.shop_sync_enabled)
        calls = [
            (self.Sync.get_sync_targets, self.shop1.id),
            (self.Sync.send_from_ui, self.shop1.id, self._payload()),
            (self.Sync.get_incoming, self.shop2.id),
            (self.Sync.claim_from_ui, self.shop2.id, sync.id),
        ]
        for call, *args in calls:
            with self.subTest(call.__name__):
                self.assertRefused(
                    UserError, call, *args, message="Shop Sync is turned off"
                )
        self.assertEqual(sync.state, "pending")

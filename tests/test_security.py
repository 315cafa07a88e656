# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestSecurity(ShopSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls._create_user("shop_sync_employee", "")
        cls.other_company = cls.env["res.company"].create(
            {"name": "Shop Sync Elsewhere"}
        )
        cls.foreign_cashier = cls._create_user(
            "shop_sync_foreign_cashier",
            "point_of_sale.group_pos_user",
            company=cls.other_company,
        )

    def test_user_without_pos_rights_is_refused(self):
        sync = self._send()
        Sync = self.env["pos.shop.sync"].with_user(self.employee)
        calls = [
            (Sync.get_sync_targets, self.shop1.id),
            (Sync.send_from_ui, self.shop1.id, self._payload()),
            (Sync.get_incoming, self.shop2.id),
            (Sync.claim_from_ui, self.shop2.id, sync.id),
        ]
        for call, *args in calls:
            with self.subTest(call.__name__):
                self.assertRefused(AccessError, call, *args)
        with self.assertRaises(AccessError):
            Sync.search([])
        with self.assertRaises(AccessError):
            sync.with_user(self.employee).read(["name"])
        self.assertEqual(sync.state, "pending")

    def test_pos_user_of_another_company_sees_nothing_and_cannot_claim(self):
        sync = self._send()
        Sync = self.env["pos.shop.sync"].with_user(self.foreign_cashier)
        self.assertFalse(Sync.search([]))
        self.assertFalse(
            self.env["pos.shop.sync.line"].with_user(self.foreign_cashier).search([])
        )
        self.assertRefused(UserError, Sync.get_incoming, self.shop2.id)
        self.assertRefused(UserError, Sync.claim_from_ui, self.shop2.id, sync.id)
        self.assertEqual(sync.state, "pending")

    def test_pos_user_reads_but_cannot_change_transfers_through_the_orm(self):
        sync = self._send()
        as_cashier = sync.with_user(self.cashier)
        self.assertEqual(as_cashier.read(["state"])[0]["state"], "pending")
        self.assertEqual(len(as_cashier.line_ids), 3)
        with self.assertRaises(AccessError):
            as_cashier.write({"state": "done"})
        with self.assertRaises(AccessError):
            as_cashier.line_ids.write({"price_unit": 0.0})
        with self.assertRaises(AccessError):
            self.Sync.create({"uuid": "forged", "sync_type": "assigned"})
        with self.assertRaises(AccessError):
            as_cashier.unlink()
        self.assertEqual(sync.state, "pending")

    def test_only_a_manager_may_post_on_a_transfer(self):
        sync = self._send()
        messages = self._messages(sync)
        with self.assertRaises(AccessError):
            sync.with_user(self.cashier).message_post(body="Customer will come at 5")
        self.assertEqual(self._messages(sync), messages)
        manager = self._create_user(
            "shop_sync_security_manager", "point_of_sale.group_pos_manager"
        )
        sync.with_user(manager).message_post(body="Customer will come at 5")
        self.assertIn("Customer will come at 5", self._messages(sync)[0].body)
        # Managers may post, not change a transfer through the ORM.
        with self.assertRaises(AccessError):
            sync.with_user(manager).write({"note": "Forged"})

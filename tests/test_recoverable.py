# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestRecoverable(ShopSyncCommon):
    """The carts that belong to a terminal stay reachable: what it accepted and
    did not pay, what it recalled and did not reopen; never another
    terminal's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop4 = cls._create_shop("Shop 4", send=True)
        cls._open_session(cls.shop4)
        cls.manager = cls._create_user(
            "shop_sync_recoverable_manager", "point_of_sale.group_pos_manager"
        )

    def _recoverable(self, config):
        result = self.Sync.get_recoverable(config.id)
        self._end_request()
        return {
            key: [transfer["id"] for transfer in transfers]
            for key, transfers in result.items()
        }

    def _pay_on(self, config, sync):
        self._pay_rebuilt(config, sync)

    def test_accepted_here_until_paid_or_released(self):
        broadcast = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        released = self._send()
        self.Sync.claim_from_ui(self.shop2.id, broadcast.id)
        self.Sync.claim_from_ui(self.shop2.id, released.id)
        result = self.Sync.get_recoverable(self.shop2.id)
        self.assertEqual(
            [(t["id"], t["state"]) for t in result["accepted"]],
            [(released.id, "claimed"), (broadcast.id, "claimed")],
        )
        self.assertEqual(result["recalled"], [])
        self.assertNotIn("lines", result["accepted"][0])
        self.assertEqual(
            result["accepted"][0]["receiver_config"],
            {"id": self.shop2.id, "name": "Shop 2"},
        )
        # Never another terminal's: the other target, the sender, another sender.
        self.assertEqual(
            self._recoverable(self.shop3), {"accepted": [], "recalled": []}
        )
        self.assertEqual(
            self._recoverable(self.shop1), {"accepted": [], "recalled": []}
        )
        self.assertEqual(
            self._recoverable(self.shop4), {"accepted": [], "recalled": []}
        )
        # Opening it again: the claim gives this terminal's own claim, with lines.
        again = self.Sync.claim_from_ui(self.shop2.id, released.id)
        self.assertEqual(len(again["lines"]), 3)

        self.Sync.release_from_ui(self.shop2.id, released.id)
        self._pay_on(self.shop2, broadcast)
        self.assertEqual(broadcast.state, "done")
        self.assertEqual(self._recoverable(self.shop2)["accepted"], [])

    def test_recalled_here_until_reopened(self):
        sync = self._send()
        self.Sync.cancel_from_ui(self.shop1.id, sync.id)
        self.assertTrue(sync.recalled_at)
        self.assertFalse(sync.reopened_at)
        result = self.Sync.get_recoverable(self.shop1.id)
        self.assertEqual(
            [(t["id"], t["state"]) for t in result["recalled"]],
            [(sync.id, "cancelled")],
        )
        self.assertEqual(result["accepted"], [])
        # Never another terminal's: another sender, the target.
        self.assertEqual(self._recoverable(self.shop4)["recalled"], [])
        self.assertEqual(self._recoverable(self.shop2)["recalled"], [])
        # Opening it again: the recall gives the cart again, with its lines.
        again = self.Sync.cancel_from_ui(self.shop1.id, sync.id)
        self.assertEqual(len(again["lines"]), 3)

        messages = len(self._messages(sync))
        for __ in range(2):  # idempotent: a lost answer is confirmed again
            result = self.Sync.mark_reopened_from_ui(self.shop1.id, sync.id)
            self.assertEqual(
                result,
                {
                    "id": sync.id,
                    "name": sync.name,
                    "uuid": sync.uuid,
                    "state": "cancelled",
                },
            )
        self.assertTrue(sync.reopened_at)
        self.assertEqual(len(self._messages(sync)), messages + 1)
        self.assertIn("Cart reopened on Shop 1", self._messages(sync)[0].body)
        self.assertEqual(self._recoverable(self.shop1)["recalled"], [])

    def test_reopening_what_was_not_recalled_is_refused(self):
        pending = self._send()
        cancelled = self._send()
        self.env(user=self.manager)["pos.shop.sync"].browse(
            cancelled.id
        ).action_shop_sync_cancel()
        recalled = self._send()
        self.Sync.cancel_from_ui(self.shop1.id, recalled.id)
        # A manager's cancel leaves the cart nowhere on the terminal: not listed.
        self.assertEqual(self._recoverable(self.shop1)["recalled"], [recalled.id])
        for sync in (pending, cancelled):
            self.assertRefused(
                UserError,
                self.Sync.mark_reopened_from_ui,
                self.shop1.id,
                sync.id,
                message="there is no cart to reopen",
            )
        # Another sender, a receiver, a malformed id.
        self.assertRefused(
            UserError,
            self.Sync.mark_reopened_from_ui,
            self.shop4.id,
            recalled.id,
            message="was not sent by you",
        )
        self.assertRefused(
            UserError,
            self.Sync.mark_reopened_from_ui,
            self.shop2.id,
            recalled.id,
            message="not allowed to send",
        )
        self.assertRefused(
            ValidationError, self.Sync.mark_reopened_from_ui, self.shop1.id, "1"
        )
        self.assertFalse(recalled.reopened_at)

    def test_recoverable_checks_the_caller(self):
        self.assertRefused(
            ValidationError, self.Sync.get_recoverable, str(self.shop1.id)
        )
        idle = self._create_shop("Shop Idle")
        self._open_session(idle)
        self.assertRefused(
            UserError,
            self.Sync.get_recoverable,
            idle.id,
            message="may neither send nor receive",
        )
        outsider = new_test_user(
            self.env, login="shop_sync_recoverable_outsider", groups="base.group_user"
        )
        Sync = api.Environment(self.cr, outsider.id, {})["pos.shop.sync"]
        self.assertRefused(AccessError, Sync.get_recoverable, self.shop2.id)
        self.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", "")
        self.assertRefused(
            UserError, self.Sync.get_recoverable, self.shop2.id, message="turned off"
        )

    def test_sent_with_tells_whether_a_lost_send_arrived(self):
        payload = self._payload()
        self.assertFalse(self.Sync.get_sent_with(self.shop1.id, payload["uuid"]))
        result = self.Sync.send_from_ui(self.shop1.id, payload)
        sent = self.Sync.get_sent_with(self.shop1.id, payload["uuid"])
        self.assertEqual(
            (sent["id"], sent["name"], sent["state"]),
            (result["id"], result["name"], "pending"),
        )
        self.assertNotIn("lines", sent)
        # Another terminal's client reference is not told.
        self.assertFalse(self.Sync.get_sent_with(self.shop4.id, payload["uuid"]))
        self.assertRefused(
            ValidationError, self.Sync.get_sent_with, self.shop1.id, "not a uuid!"
        )
        self.assertRefused(
            UserError,
            self.Sync.get_sent_with,
            self.shop2.id,
            payload["uuid"],
            message="not allowed to send",
        )

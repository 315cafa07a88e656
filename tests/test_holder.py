# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exactly one open order holds an accepted cart: two devices of the
receiving terminal, each a cashier's JSON-RPC client, open and pay the same
accepted cart; the cart is paid once and the second device is told where it
is. Refusals are checked on what stays written after them."""

import json
from uuid import uuid4

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ShopSyncCommon

PAID = ("paid", "done", "invoiced")


@tagged("post_install", "-at_install")
class TestHolder(ShopSyncCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier.password = "shop_sync_cashier"
        cls.cashier2 = cls._create_user(
            "shop_sync_cashier_2", "point_of_sale.group_pos_user", name="Cashier Bob"
        )
        cls.cashier2.password = "shop_sync_cashier_2"

    # ------------------------------------------------------------------
    # Two devices, each a JSON-RPC client logged in as its cashier
    # ------------------------------------------------------------------

    def _call(self, device, model, method, *args, **kwargs):
        """Call ``model.method`` from ``device`` ("A": Claire, "B": Bob);
        return ``(result, error message)``."""
        login = {"A": "shop_sync_cashier", "B": "shop_sync_cashier_2"}[device]
        self.authenticate(login, login)
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 0,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": {**kwargs, "context": {}},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        answer = response.json()
        self.env.invalidate_all()
        if "error" in answer:
            return None, answer["error"]["data"]["message"]
        return answer["result"], None

    def _ok(self, device, model, method, *args, **kwargs):
        result, error = self._call(device, model, method, *args, **kwargs)
        self.assertIsNone(error, f"{method} from {device} refused")
        return result

    def _order(self, sync, device, uuid, draft):
        """The order ``device`` saves of the rebuilt cart of ``sync``, as its
        POS does: a draft when opened, paid at the end (then without its lines,
        already saved)."""
        data = self._paid_order_data(self.shop2, self._rebuilt_lines(sync), sync)
        data.update(
            {
                "uuid": uuid,
                "name": f"Order {uuid[:8]}",
                "access_token": str(uuid4()),
                "user_id": (self.cashier if device == "A" else self.cashier2).id,
            }
        )
        for payment in data["payment_ids"]:  # as JSON sends it
            payment[2]["name"] = str(payment[2]["name"])
        if draft:
            data.update({"state": "draft", "payment_ids": [], "amount_paid": 0})
        else:
            data["lines"] = []
        return data

    def _save(self, device, data):
        with mute_logger("odoo.addons.pos_shop_sync.models.pos_order"):
            result = self._ok(device, "pos.order", "sync_from_ui", [data])
        return result["pos.order"][0]

    def _paid_orders_holding(self, sync):
        """The paid orders whose lines are the cart of ``sync``, wherever
        they are linked (not the module's link: the lines themselves)."""
        orders = self.env["pos.order"].search(
            [("state", "in", PAID), ("config_id", "=", self.shop2.id)]
        )
        return orders.filtered(
            lambda order: sync._shop_sync_paid_vals(order)["paid_matches"]
        )

    def _footprint(self, sync):
        self._end_request()
        self.env.invalidate_all()
        return (
            sync.read(["state", "holder_order_uuid", "holder_user_id", "pos_order_id"]),
            len(sync.message_ids),
            self.env["pos.order"].search_count([("shop_sync_id", "=", sync.id)]),
        )

    def test_two_devices_open_and_pay_one_accepted_cart_once(self):
        sync = self._send()
        uuid_a, uuid_b = str(uuid4()), str(uuid4())
        # Device A accepts and opens the cart on its order.
        transfer = self._ok(
            "A", "pos.shop.sync", "claim_from_ui", self.shop2.id, sync.id
        )
        self.assertEqual(len(transfer["lines"]), 3)
        self._ok(
            "A", "pos.shop.sync", "hold_from_ui", self.shop2.id, sync.id, uuid_a, "A-1"
        )
        self.assertEqual(sync.holder_order_uuid, uuid_a)
        self.assertEqual(sync.holder_user_id, self.cashier)
        # Idempotent for that order.
        self._ok(
            "A", "pos.shop.sync", "hold_from_ui", self.shop2.id, sync.id, uuid_a, "A-1"
        )

        # Device B of the same terminal opens it too: told where it is.
        before = self._footprint(sync)
        for method, args in (
            ("claim_from_ui", ()),
            ("hold_from_ui", (uuid_b, "B-1")),
        ):
            with self.subTest(method):
                result, error = self._call(
                    "B", "pos.shop.sync", method, self.shop2.id, sync.id, *args
                )
                self.assertIsNone(result)
                self.assertIn(
                    f"{sync.name} is already open on order A-1 of Shop 2 "
                    "(Cashier Claire, since",
                    error,
                )
                self.assertEqual(self._footprint(sync), before)

        # A stale client of B saves the cart anyway: the link is dropped and
        # the answer says where the cart is.
        saved_a = self._save("A", self._order(sync, "A", uuid_a, draft=True))
        self.assertEqual(saved_a["shop_sync_id"], sync.id)
        saved_b = self._save("B", self._order(sync, "B", uuid_b, draft=True))
        self.assertFalse(saved_b["shop_sync_id"])
        self.assertIn("is already open on order A-1", saved_b["shop_sync_notice"])
        self.assertEqual(sync.holder_order_uuid, uuid_a)
        # The POS of B removes its order (Odoo cancels it on the server).
        self._ok("B", "pos.order", "action_pos_order_cancel", [saved_b["id"]])

        # A pays: the transfer is done once, by A's order.
        paid = self._save("A", self._order(sync, "A", uuid_a, draft=False))
        self.assertEqual(paid["state"], "paid")
        self.assertEqual(sync.state, "done")
        self.assertEqual(sync.pos_order_id.uuid, uuid_a)
        self.assertTrue(sync.paid_matches)
        self.assertEqual(len(self._paid_orders_holding(sync)), 1)

    def test_a_second_paid_order_never_finishes_it_twice(self):
        sync = self._send()
        uuid_a, uuid_b = str(uuid4()), str(uuid4())
        self._ok("A", "pos.shop.sync", "claim_from_ui", self.shop2.id, sync.id)
        self._ok("A", "pos.shop.sync", "hold_from_ui", self.shop2.id, sync.id, uuid_a)
        # B, a hostile or stale client, pays the cart with the link first:
        # paid (payment is never refused), but it finishes nothing.
        data = self._order(sync, "B", uuid_b, draft=False)
        data["lines"] = self._paid_order_data(
            self.shop2, self._rebuilt_lines(sync), sync
        )["lines"]
        paid_b = self._save("B", data)
        self.assertEqual(paid_b["state"], "paid")
        self.assertFalse(paid_b["shop_sync_id"])
        self.assertEqual(sync.state, "claimed")
        self.assertIn("whose cart is open on order", sync.message_ids[0].body)
        # A pays: done, by A's order; B's second try changes nothing.
        data_a = self._order(sync, "A", uuid_a, draft=False)
        data_a["lines"] = data["lines"]
        self._save("A", data_a)
        self.assertEqual(sync.state, "done")
        self.assertEqual(sync.pos_order_id.uuid, uuid_a)
        done_at, messages = sync.done_at, len(sync.message_ids)
        data["uuid"] = str(uuid4())
        data["access_token"] = str(uuid4())
        self._save("B", data)
        self.assertEqual(sync.pos_order_id.uuid, uuid_a)
        self.assertEqual(sync.done_at, done_at)
        # Stale links write the chatter once.
        self.assertEqual(len(sync.message_ids), messages)

    def test_the_holder_or_a_manager_hands_it_over(self):
        sync = self._send()
        uuid_a, uuid_b = str(uuid4()), str(uuid4())
        self._ok("A", "pos.shop.sync", "claim_from_ui", self.shop2.id, sync.id)
        self._ok(
            "A", "pos.shop.sync", "hold_from_ui", self.shop2.id, sync.id, uuid_a, "A-1"
        )
        saved_a = self._save("A", self._order(sync, "A", uuid_a, draft=True))
        # Only the order that holds it lets go of it.
        before = self._footprint(sync)
        __, error = self._call(
            "B", "pos.shop.sync", "hand_over_from_ui", self.shop2.id, sync.id, uuid_b
        )
        self.assertIn("is not open on this order", error)
        self.assertEqual(self._footprint(sync), before)
        # A manager hands it over: A's saved order loses it, B opens it.
        self.env["pos.shop.sync"].browse(sync.id).action_shop_sync_hand_over()
        self._end_request()
        self.assertFalse(sync.holder_order_uuid)
        order_a = self.env["pos.order"].browse(saved_a["id"])
        self.assertFalse(order_a.shop_sync_id)
        self.assertIn("handed over to another device", order_a.shop_sync_notice)
        self.assertIn("Handed over from order A-1", sync.message_ids[0].body)
        transfer = self._ok(
            "B", "pos.shop.sync", "claim_from_ui", self.shop2.id, sync.id
        )
        self.assertEqual(transfer["id"], sync.id)
        self._ok(
            "B", "pos.shop.sync", "hold_from_ui", self.shop2.id, sync.id, uuid_b, "B-1"
        )
        self.assertEqual(sync.holder_user_id, self.cashier2)
        # B lets go of it itself; A opens it again.
        self._ok(
            "B", "pos.shop.sync", "hand_over_from_ui", self.shop2.id, sync.id, uuid_b
        )
        self.assertFalse(sync.holder_order_uuid)
        self._ok("A", "pos.shop.sync", "hold_from_ui", self.shop2.id, sync.id, uuid_a)
        self.assertEqual(sync.holder_order_uuid, uuid_a)

    def test_a_released_transfer_is_not_finished_by_its_releaser_once_held(self):
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.Sync.hold_from_ui(self.shop2.id, sync.id, str(uuid4()))
        self.Sync.release_from_ui(self.shop2.id, sync.id)
        self.assertFalse(sync.holder_order_uuid)
        self.Sync.claim_from_ui(self.shop3.id, sync.id)
        uuid3 = str(uuid4())
        self.Sync.hold_from_ui(self.shop3.id, sync.id, uuid3)
        # Shop 2's offline order, paid after it released the cart.
        order = self._pay_rebuilt(self.shop2, sync)
        self.assertEqual(order.state, "paid")
        self.assertFalse(order.shop_sync_id)
        self.assertEqual(sync.state, "claimed")
        self.assertEqual(sync.receiver_config_id, self.shop3)
        done = self._pay_rebuilt(self.shop3, sync, uuid=uuid3)
        self.assertEqual(sync.state, "done")
        self.assertEqual(sync.pos_order_id, done)

    def test_a_recalled_cart_is_handed_back_once(self):
        sync = self._send()
        transfer = self.Sync.cancel_from_ui(self.shop1.id, sync.id)
        self.assertEqual(len(transfer["lines"]), 3)
        # Lost answer: given again until the cart is confirmed reopened.
        self.assertEqual(
            len(self.Sync.cancel_from_ui(self.shop1.id, sync.id)["lines"]), 3
        )
        self.Sync.mark_reopened_from_ui(self.shop1.id, sync.id)
        self._end_request()
        messages = len(self._messages(sync))
        self.assertRefused(
            UserError,
            self.Sync.cancel_from_ui,
            self.shop1.id,
            sync.id,
            message="already reopened: there is nothing more to give back",
        )
        self.assertEqual(len(self._messages(sync)), messages)
        self.assertEqual(sync.state, "cancelled")

    def test_holding_is_checked(self):
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        uuid = str(uuid4())
        # Not accepted yet, or by another terminal: nothing to hold.
        self.assertRefused(
            UserError,
            self.Sync.hold_from_ui,
            self.shop2.id,
            sync.id,
            uuid,
            message="is not accepted by this terminal",
        )
        self.Sync.claim_from_ui(self.shop2.id, sync.id)
        self.assertRefused(
            UserError,
            self.Sync.hold_from_ui,
            self.shop3.id,
            sync.id,
            uuid,
            message="is not accepted by this terminal",
        )
        for bad in (None, 12, "", "x" * 65, "a b", ["x"]):
            with self.subTest(uuid=bad):
                self.assertRefused(
                    ValidationError,
                    self.Sync.hold_from_ui,
                    self.shop2.id,
                    sync.id,
                    bad,
                    message="The order reference is malformed.",
                )
        self.assertRefused(
            UserError,
            self.Sync.hold_from_ui,
            self.shop2.id,
            sync.id,
            uuid,
            "x" * 65,
            message="longer than 64",
        )
        self._end_request()
        self.env.invalidate_all()
        self.assertFalse(sync.holder_order_uuid)
        # The notice of an order is the server's: a cashier cannot write it.
        order = self._pay_rebuilt(self.shop2, sync)
        self.assertEqual(sync.state, "done")
        self.assertRefused(
            AccessError,
            order.with_user(self.cashier).write,
            {"shop_sync_notice": "Forged"},
        )
        self.env.invalidate_all()
        self.assertFalse(order.shop_sync_notice)

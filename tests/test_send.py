# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ShopSyncCommon


@tagged("post_install", "-at_install")
class TestSend(ShopSyncCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.closed_sender = cls._create_shop("Shop Closed", send=True)
        cls.shop_sender_only = cls._create_shop("Shop Sender Only", send=True)
        cls._open_session(cls.shop_sender_only)
        cls.other_currency_config.shop_sync_can_receive = True
        cls.company_2 = cls.setup_other_company(name="Shop Sync Other Co")["company"]
        cls.foreign_shop = (
            cls.env["pos.config"]
            .with_company(cls.company_2)
            .create({"name": "Foreign Shop", "shop_sync_can_receive": True})
        )
        cls.foreign_partner = cls.env["res.partner"].create(
            {"name": "Foreign Customer", "company_id": cls.company_2.id}
        )

    def test_send_assigned_stores_exact_snapshot(self):
        payload = self._payload()
        result = self.Sync.send_from_ui(self.shop1.id, payload)
        sync = self.env["pos.shop.sync"].browse(result["id"])
        self.assertEqual(
            result,
            {
                "id": sync.id,
                "name": sync.name,
                "uuid": payload["uuid"],
                "state": "pending",
            },
        )
        self.assertRegex(sync.name, r"^SYNC/\d{5}$")
        self.assertRecordValues(
            sync,
            [
                {
                    "state": "pending",
                    "sync_type": "assigned",
                    "sender_config_id": self.shop1.id,
                    "sender_session_id": self.shop1.current_session_id.id,
                    "sender_user_id": self.cashier.id,
                    "target_config_ids": self.shop2.ids,
                    "receiver_config_id": False,
                    "partner_id": self.customer.id,
                    "pricelist_id": self.currency_pricelist.id,
                    "fiscal_position_id": False,
                    "note": "Deliver after noon",
                    "currency_id": self.shop1.currency_id.id,
                    "company_id": self.company.id,
                }
            ],
        )
        self.assertRecordValues(
            sync.line_ids,
            [
                {
                    "product_id": self.desk.id,
                    "full_product_name": "Desk",
                    "qty": 2.0,
                    "price_unit": 80.0,
                    "discount": 10.0,
                    "customer_note": "Gift wrap",
                    "note": "Scratch on the left leg",
                    "tax_ids": self.taxes["tax7"].ids,
                    # 2 x 80 - 10 % = 144, + 7 % tax
                    "price_subtotal": 144.0,
                    "price_subtotal_incl": 154.08,
                },
                {
                    "product_id": self.pen.id,
                    "full_product_name": "Pen",
                    "qty": 3.0,
                    "price_unit": 2.5,
                    "discount": 0.0,
                    "customer_note": False,
                    "note": False,
                    "tax_ids": [],
                    "price_subtotal": 7.5,
                    "price_subtotal_incl": 7.5,
                },
                {
                    "product_id": self.lamp.id,
                    "full_product_name": "Lamp",
                    "qty": 1.0,
                    "price_unit": 40.0,
                    "discount": 0.0,
                    "customer_note": False,
                    "note": False,
                    "tax_ids": self.taxes["tax10"].ids,
                    # tax10 is included in the price
                    "price_subtotal": 36.36,
                    "price_subtotal_incl": 40.0,
                },
            ],
        )
        self.assertAlmostEqual(sync.amount_untaxed, 144.0 + 7.5 + 36.36)
        self.assertAlmostEqual(sync.amount_total, 154.08 + 7.5 + 40.0)
        self.assertAlmostEqual(sync.amount_tax, 10.08 + 3.64)
        self.assertIn(
            "sent by Shop 1 (Cashier Claire) to Shop 2", self._messages(sync)[-1].body
        )

    def test_send_broadcast_targets_every_shop(self):
        sync = self._send(
            sync_type="broadcast", target_config_ids=[self.shop2.id, self.shop3.id]
        )
        self.assertEqual(sync.sync_type, "broadcast")
        self.assertEqual(sync.target_config_ids, self.shop2 | self.shop3)

    def test_send_maps_taxes_through_the_fiscal_position(self):
        fiscal_position = self.env["account.fiscal.position"].create(
            {
                "name": "Export",
                "company_id": self.company.id,
                "tax_ids": [
                    Command.create(
                        {
                            "tax_src_id": self.taxes["tax7"].id,
                            "tax_dest_id": self.taxes["tax10"].id,
                        }
                    )
                ],
            }
        )
        sync = self._send(fiscal_position_id=fiscal_position.id)
        self.assertEqual(sync.fiscal_position_id, fiscal_position)
        self.assertEqual(sync.line_ids[0].tax_ids, self.taxes["tax10"])
        # tax10 is price-included: 144 incl. -> 130.91 excl.
        self.assertAlmostEqual(sync.line_ids[0].price_subtotal_incl, 144.0)
        self.assertAlmostEqual(sync.line_ids[0].price_subtotal, 130.91)

    def test_send_without_price_takes_the_pricelist_price(self):
        sync = self._send(lines=[self._line(self.lamp, qty=2.0)])
        self.assertEqual(sync.line_ids.price_unit, 40.0)
        self.assertEqual(sync.line_ids.discount, 0.0)

    def test_send_without_optional_keys(self):
        payload = self._payload(lines=[{"product_id": self.pen.id, "qty": 1}])
        for key in ("partner_id", "pricelist_id", "fiscal_position_id", "note"):
            del payload[key]
        result = self.Sync.send_from_ui(self.shop1.id, payload)
        sync = self.env["pos.shop.sync"].browse(result["id"])
        self.assertFalse(sync.partner_id or sync.pricelist_id or sync.note)
        self.assertEqual(sync.amount_total, 2.5)

    def test_same_uuid_three_times_makes_one_transfer(self):
        payload = self._payload()
        results = [self.Sync.send_from_ui(self.shop1.id, payload) for __ in range(3)]
        self.assertEqual(results[0], results[1])
        self.assertEqual(results[0], results[2])
        transfers = self.env["pos.shop.sync"].search([("uuid", "=", payload["uuid"])])
        self.assertEqual(len(transfers), 1)
        self.assertEqual(len(transfers.line_ids), 3)
        self.assertEqual(len(self._bus_messages(self.shop2)), 1)

    def test_same_uuid_from_another_terminal_is_refused(self):
        payload = self._payload()
        self.Sync.send_from_ui(self.shop1.id, payload)
        self.assertRefused(
            UserError,
            self.Sync.send_from_ui,
            self.shop_sender_only.id,
            payload,
            message="already used by another terminal",
        )

    def test_refusals_of_the_calling_terminal(self):
        send = self.Sync.send_from_ui
        cases = [
            ("unknown config", ValidationError, "abc"),
            ("missing config", UserError, 99999999),
            ("foreign config", UserError, self.foreign_shop.id),
            ("not a sender", UserError, self.shop2.id),
            ("no open session", UserError, self.closed_sender.id),
        ]
        for label, exception, config_id in cases:
            with self.subTest(label):
                self.assertRefused(exception, send, config_id, self._payload())

    def test_refusals_of_targets(self):
        cases = [
            ("empty", UserError, {"target_config_ids": []}),
            ("not a list", ValidationError, {"target_config_ids": self.shop2.id}),
            ("string id", ValidationError, {"target_config_ids": [str(self.shop2.id)]}),
            ("unknown", UserError, {"target_config_ids": [99999999]}),
            (
                "not a receiver",
                UserError,
                {"target_config_ids": [self.shop_sender_only.id]},
            ),
            ("other company", UserError, {"target_config_ids": [self.foreign_shop.id]}),
            (
                "other currency",
                UserError,
                {"target_config_ids": [self.other_currency_config.id]},
            ),
            ("itself", UserError, {"target_config_ids": [self.shop1.id]}),
            (
                "assigned to two",
                UserError,
                {"target_config_ids": [self.shop2.id, self.shop3.id]},
            ),
            (
                "broadcast including itself",
                UserError,
                {
                    "sync_type": "broadcast",
                    "target_config_ids": [self.shop2.id, self.shop1.id],
                },
            ),
            ("bad type", ValidationError, {"sync_type": "everyone"}),
        ]
        for label, exception, overrides in cases:
            with self.subTest(label):
                self.assertRefused(
                    exception,
                    self.Sync.send_from_ui,
                    self.shop1.id,
                    self._payload(**overrides),
                )

    def test_refusals_of_lines(self):
        archived = self.create_product("Old Chair", self.categ_basic, 5.0)
        archived.active = False
        not_in_pos = self.create_product("Warehouse Shelf", self.categ_basic, 5.0)
        not_in_pos.available_in_pos = False
        cases = [
            ("no lines", UserError, []),
            ("lines not a list", ValidationError, {"product_id": self.pen.id}),
            ("line not a dict", ValidationError, [self.pen.id]),
            ("501 lines", UserError, [self._line()] * 501),
            ("unknown product", UserError, [self._line(product_id=99999999)]),
            (
                "product as text",
                ValidationError,
                [self._line(product_id=str(self.pen.id))],
            ),
            ("archived product", UserError, [self._line(archived)]),
            ("not available in POS", UserError, [self._line(not_in_pos)]),
            ("zero quantity", ValidationError, [self._line(qty=0)]),
            ("NaN quantity", ValidationError, [self._line(qty=math.nan)]),
            ("infinite quantity", ValidationError, [self._line(qty=math.inf)]),
            ("huge quantity", ValidationError, [self._line(qty=1e12)]),
            ("quantity as text", ValidationError, [self._line(qty="1")]),
            ("quantity as bool", ValidationError, [self._line(qty=True)]),
            ("missing quantity", ValidationError, [{"product_id": self.pen.id}]),
            ("negative price", ValidationError, [self._line(price_unit=-1.0)]),
            ("NaN price", ValidationError, [self._line(price_unit=math.nan)]),
            ("negative discount", ValidationError, [self._line(discount=-5)]),
            ("discount over 100", ValidationError, [self._line(discount=100.5)]),
            ("long customer note", UserError, [self._line(customer_note="x" * 501)]),
            ("note not a text", ValidationError, [self._line(note=["x"])]),
        ]
        for label, exception, lines in cases:
            with self.subTest(label):
                self.assertRefused(
                    exception,
                    self.Sync.send_from_ui,
                    self.shop1.id,
                    self._payload(lines=lines),
                )

    def test_refusals_of_header_values(self):
        archived_pricelist = self.env["product.pricelist"].create(
            {"name": "Old", "active": False}
        )
        cases = [
            ("not a dict", ValidationError, None),
            ("no uuid", ValidationError, {"uuid": None}),
            ("uuid not a text", ValidationError, {"uuid": 12}),
            ("uuid too long", ValidationError, {"uuid": "a" * 65}),
            ("unknown partner", UserError, {"partner_id": 99999999}),
            (
                "other company partner",
                UserError,
                {"partner_id": self.foreign_partner.id},
            ),
            ("partner as text", ValidationError, {"partner_id": "1"}),
            ("unknown pricelist", UserError, {"pricelist_id": 99999999}),
            ("archived pricelist", UserError, {"pricelist_id": archived_pricelist.id}),
            ("unknown fiscal position", UserError, {"fiscal_position_id": 99999999}),
            ("long note", UserError, {"note": "n" * 2001}),
            ("note not a text", ValidationError, {"note": 42}),
        ]
        for label, exception, overrides in cases:
            with self.subTest(label):
                payload = (
                    "not a dict" if overrides is None else self._payload(**overrides)
                )
                self.assertRefused(
                    exception, self.Sync.send_from_ui, self.shop1.id, payload
                )

    def test_get_sync_targets(self):
        targets = self.Sync.get_sync_targets(self.shop1.id)
        self.assertEqual(
            targets,
            [
                {"id": self.shop2.id, "name": "Shop 2", "has_active_session": True},
                {"id": self.shop3.id, "name": "Shop 3", "has_active_session": True},
            ],
        )
        self.assertRefused(UserError, self.Sync.get_sync_targets, self.shop2.id)

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
        cls.shop_both = cls._create_shop("Shop Both", send=True, receive=True)
        cls._open_session(cls.shop_both)
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

    def test_send_keeps_a_discount_as_sent(self):
        # The POS does not round discounts: neither may the transfer, or the
        # rebuilt cart's total would differ from the sent one.
        sync = self._send(
            lines=[self._line(self.desk, price_unit=80.0, discount=12.345)]
        )
        self.assertEqual(sync.line_ids.discount, 12.345)
        # 80 - 12.345 % = 70.124, + 7 % tax
        self.assertAlmostEqual(sync.line_ids.price_subtotal, 70.12)
        self.assertAlmostEqual(sync.amount_total, 75.03)

    def test_send_gives_the_amounts_their_computes_give(self):
        # The send gives the amounts (precomputed fields) instead of letting
        # the ORM compute them: from the values as stored (a price and a
        # quantity rounded to their digits, the discount as sent), taxed or
        # not, price-included or not, with a customer.
        sync = self._send(
            lines=[
                self._line(self.desk, price_unit=1.005, qty=3.0, discount=12.345),
                self._line(self.lamp, price_unit=2.675, qty=0.3333, discount=0.0),
                self._line(self.pen, price_unit=-0.555, qty=7.0, discount=3.0),
            ]
        )
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT price_subtotal, price_subtotal_incl FROM pos_shop_sync_line"
            " WHERE sync_id = %s ORDER BY sequence",
            [sync.id],
        )
        stored_lines = [tuple(map(float, row)) for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            "SELECT amount_untaxed, amount_tax, amount_total FROM pos_shop_sync"
            " WHERE id = %s",
            [sync.id],
        )
        stored_totals = tuple(map(float, self.env.cr.fetchone()))
        self.env.invalidate_all()
        lines = sync.line_ids.sorted("sequence")
        # Computed in the cache only, as the ORM computes (no write).
        with self.env.protecting(
            [lines._fields[name] for name in ("price_subtotal", "price_subtotal_incl")],
            lines,
        ):
            lines._compute_amounts()
        self.assertEqual(
            [(line.price_subtotal, line.price_subtotal_incl) for line in lines],
            stored_lines,
        )
        with self.env.protecting(
            [
                sync._fields[name]
                for name in ("amount_untaxed", "amount_tax", "amount_total")
            ],
            sync,
        ):
            sync._compute_amounts()
        self.assertEqual(
            (sync.amount_untaxed, sync.amount_tax, sync.amount_total), stored_totals
        )
        self.assertEqual(lines.company_id, self.company)
        self.assertEqual(lines.mapped("attribute_description"), [False] * 3)

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
        self.shop1.write(
            {"tax_regime_selection": True, "fiscal_position_ids": fiscal_position.ids}
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

    def test_lines_are_named_after_their_product_variant(self):
        size = self.env["product.attribute"].create(
            {
                "name": "Size",
                "value_ids": [
                    Command.create({"name": "S"}),
                    Command.create({"name": "XL"}),
                ],
            }
        )
        shirt = self.env["product.template"].create(
            {
                "name": "Shirt",
                "available_in_pos": True,
                "attribute_line_ids": [
                    Command.create(
                        {"attribute_id": size.id, "value_ids": size.value_ids.ids}
                    )
                ],
            }
        )
        variant = shirt.product_variant_ids.filtered(
            lambda product: product.product_template_attribute_value_ids.name == "XL"
        )
        sync = self._send(lines=[self._line(variant, qty=1.0)])

        def sent_name():
            transfer = self.Sync.get_transfer(self.shop2.id, sync.id)
            return transfer["lines"][0]["full_product_name"]

        self.assertEqual(sync.line_ids.full_product_name, "Shirt (XL)")
        self.assertEqual(sent_name(), "Shirt (XL)")
        # A snapshot: renaming the product afterwards leaves the sent name.
        shirt.name = "Polo"
        self.assertEqual(sent_name(), "Shirt (XL)")

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

    def assertSendRefused(self, cases, config=None):
        """Each ``(label, exception, message, payload)`` is refused as said."""
        for label, exception, message, payload in cases:
            with self.subTest(label):
                self.assertRefused(
                    exception,
                    self.Sync.send_from_ui,
                    (config or self.shop1).id,
                    payload,
                    message=message,
                )

    def test_refusals_of_the_calling_terminal(self):
        cases = [
            ("malformed", ValidationError, "terminal is missing or malformed", "abc"),
            ("float id", ValidationError, "terminal is missing or malformed", 1.0),
            ("missing", UserError, "does not exist or you may not use it", 99999999),
            (
                "foreign",
                UserError,
                "does not exist or you may not use it",
                self.foreign_shop.id,
            ),
            ("not a sender", UserError, "is not allowed to send orders", self.shop2.id),
            (
                "no open session",
                UserError,
                "has no open session",
                self.closed_sender.id,
            ),
        ]
        for label, exception, message, config_id in cases:
            with self.subTest(label):
                self.assertRefused(
                    exception,
                    self.Sync.send_from_ui,
                    config_id,
                    self._payload(),
                    message=message,
                )

    def test_only_an_open_session_lets_a_terminal_send(self):
        session = self.env["pos.session"].create(
            {"config_id": self.closed_sender.id, "user_id": self.env.uid}
        )
        for label, values in (
            ("closing", {"state": "closing_control"}),
            ("closed", {"state": "closed"}),
            ("rescue", {"state": "opened", "rescue": True}),
        ):
            with self.subTest(label):
                session.write(values)
                self.assertRefused(
                    UserError,
                    self.Sync.send_from_ui,
                    self.closed_sender.id,
                    self._payload(),
                    message="has no open session",
                )
        session.write({"state": "opening_control", "rescue": False})
        result = self.Sync.send_from_ui(self.closed_sender.id, self._payload())
        sync = self.env["pos.shop.sync"].browse(result["id"])
        self.assertEqual(sync.sender_session_id, session)

    def test_refusals_of_targets(self):
        def targets(ids, sync_type="assigned"):
            return self._payload(target_config_ids=ids, sync_type=sync_type)

        malformed = "receiving terminals are malformed"
        unknown = "A receiving terminal does not exist"
        shops = [self.shop2.id, self.shop3.id]
        self.assertSendRefused(
            [
                ("empty", UserError, "at least one receiving terminal", targets([])),
                ("not a list", ValidationError, malformed, targets(self.shop2.id)),
                ("text id", ValidationError, malformed, targets([str(self.shop2.id)])),
                (
                    "float id",
                    ValidationError,
                    malformed,
                    targets([float(self.shop2.id)]),
                ),
                ("nested", ValidationError, malformed, targets([[self.shop2.id]])),
                ("huge id", ValidationError, malformed, targets([10**30])),
                ("unknown", UserError, unknown, targets([99999999])),
                ("other company", UserError, unknown, targets([self.foreign_shop.id])),
                (
                    "not a receiver",
                    UserError,
                    "does not accept incoming orders",
                    targets([self.shop_sender_only.id]),
                ),
                (
                    "other currency",
                    UserError,
                    "uses another currency",
                    targets([self.other_currency_config.id]),
                ),
                ("assigned to two", UserError, "exactly one terminal", targets(shops)),
                (
                    "bad type",
                    ValidationError,
                    "Assigned or Broadcast",
                    targets(shops, "all"),
                ),
            ]
        )
        itself = "cannot send an order to itself"
        self.assertSendRefused(
            [
                ("itself", UserError, itself, targets([self.shop_both.id])),
                (
                    "broadcast including itself",
                    UserError,
                    itself,
                    targets([self.shop2.id, self.shop_both.id], "broadcast"),
                ),
            ],
            config=self.shop_both,
        )

    def test_refusals_of_lines(self):
        archived = self.create_product("Old Chair", self.categ_basic, 5.0)
        archived.active = False
        not_in_pos = self.create_product("Warehouse Shelf", self.categ_basic, 5.0)
        not_in_pos.available_in_pos = False

        def lines(*values):
            return self._payload(lines=list(values))

        malformed = "order lines are malformed"
        no_product = "has no valid product"
        not_sold = "cannot be sold in the Point of Sale"
        qty = "non-zero number"
        price = "unit price must be a number"
        discount = "discount must be a number from 0 to 100"
        self.assertSendRefused(
            [
                ("no lines", UserError, "The cart is empty", lines()),
                ("not a list", ValidationError, malformed, self._payload(lines={})),
                ("line not a dict", ValidationError, malformed, lines(self.pen.id)),
                ("nested list", ValidationError, malformed, lines([self._line()])),
                (
                    "501 lines",
                    UserError,
                    "at most 500 lines",
                    lines(*[self._line()] * 501),
                ),
                ("no product", ValidationError, no_product, lines({"qty": 1})),
                (
                    "text product",
                    ValidationError,
                    no_product,
                    lines(self._line(product_id="1")),
                ),
                (
                    "float product",
                    ValidationError,
                    no_product,
                    lines(self._line(product_id=1.0)),
                ),
                (
                    "unknown product",
                    UserError,
                    "product of the cart does not exist",
                    lines(self._line(product_id=99999999)),
                ),
                ("archived product", UserError, not_sold, lines(self._line(archived))),
                ("not in the POS", UserError, not_sold, lines(self._line(not_in_pos))),
                ("zero quantity", ValidationError, qty, lines(self._line(qty=0))),
                ("rounds to zero", ValidationError, qty, lines(self._line(qty=0.001))),
                ("NaN quantity", ValidationError, qty, lines(self._line(qty=math.nan))),
                (
                    "infinite quantity",
                    ValidationError,
                    qty,
                    lines(self._line(qty=math.inf)),
                ),
                ("huge quantity", ValidationError, qty, lines(self._line(qty=1e12))),
                (
                    "huge int quantity",
                    ValidationError,
                    qty,
                    lines(self._line(qty=10**400)),
                ),
                ("text quantity", ValidationError, qty, lines(self._line(qty="1"))),
                ("bool quantity", ValidationError, qty, lines(self._line(qty=True))),
                (
                    "no quantity",
                    ValidationError,
                    qty,
                    lines({"product_id": self.pen.id}),
                ),
                (
                    "price below the bound",
                    ValidationError,
                    price,
                    lines(self._line(price_unit=-1_000_000_000.01)),
                ),
                (
                    "NaN price",
                    ValidationError,
                    price,
                    lines(self._line(price_unit=math.nan)),
                ),
                (
                    "huge int price",
                    ValidationError,
                    price,
                    lines(self._line(price_unit=10**400)),
                ),
                (
                    "text price",
                    ValidationError,
                    price,
                    lines(self._line(price_unit="5")),
                ),
                (
                    "negative discount",
                    ValidationError,
                    discount,
                    lines(self._line(discount=-5)),
                ),
                (
                    "discount over 100",
                    ValidationError,
                    discount,
                    lines(self._line(discount=100.5)),
                ),
                (
                    "text discount",
                    ValidationError,
                    discount,
                    lines(self._line(discount="5")),
                ),
                (
                    "long customer note",
                    UserError,
                    "is longer than 500 characters",
                    lines(self._line(customer_note="x" * 501)),
                ),
                (
                    "list note",
                    ValidationError,
                    "must be a text",
                    lines(self._line(note=["x"])),
                ),
            ]
        )

    def test_refusals_of_header_values(self):
        archived_pricelist = self.env["product.pricelist"].create(
            {"name": "Old", "active": False}
        )
        unused_pricelist = self.env["product.pricelist"].create({"name": "Not here"})
        unused_fiscal_position = self.env["account.fiscal.position"].create(
            {"name": "Not here", "company_id": self.company.id}
        )
        payload = self._payload
        self.assertSendRefused(
            [
                ("not a dict", ValidationError, "order to send is malformed", "x"),
                ("no uuid", ValidationError, "client reference", payload(uuid=None)),
                ("number uuid", ValidationError, "client reference", payload(uuid=12)),
                (
                    "long uuid",
                    ValidationError,
                    "client reference",
                    payload(uuid="a" * 65),
                ),
                (
                    "unknown partner",
                    UserError,
                    "customer does not exist",
                    payload(partner_id=99999999),
                ),
                (
                    "other company partner",
                    UserError,
                    "customer does not exist",
                    payload(partner_id=self.foreign_partner.id),
                ),
                (
                    "text partner",
                    ValidationError,
                    "customer is malformed",
                    payload(partner_id="1"),
                ),
                (
                    "unknown pricelist",
                    UserError,
                    "pricelist does not exist",
                    payload(pricelist_id=99999999),
                ),
                (
                    "archived pricelist",
                    UserError,
                    "pricelist does not exist",
                    payload(pricelist_id=archived_pricelist.id),
                ),
                (
                    "pricelist of no use here",
                    UserError,
                    "may not use this pricelist",
                    payload(pricelist_id=unused_pricelist.id),
                ),
                (
                    "text pricelist",
                    ValidationError,
                    "pricelist is malformed",
                    payload(pricelist_id=str(self.currency_pricelist.id)),
                ),
                (
                    "unknown fiscal position",
                    UserError,
                    "fiscal position does not exist",
                    payload(fiscal_position_id=99999999),
                ),
                (
                    "fiscal position of no use here",
                    UserError,
                    "may not use this fiscal position",
                    payload(fiscal_position_id=unused_fiscal_position.id),
                ),
                (
                    "list fiscal position",
                    ValidationError,
                    "fiscal position is malformed",
                    payload(fiscal_position_id=[1]),
                ),
                (
                    "long note",
                    UserError,
                    "is longer than 2000",
                    payload(note="n" * 2001),
                ),
                ("number note", ValidationError, "must be a text", payload(note=42)),
            ]
        )

    def test_get_sync_targets(self):
        def target(shop):
            return {"id": shop.id, "name": shop.name, "has_active_session": True}

        # Not listed: senders only, the other currency's and the other company's
        # receivers, and (for a terminal that also receives) the terminal itself.
        self.assertEqual(
            self.Sync.get_sync_targets(self.shop1.id),
            [target(self.shop2), target(self.shop3), target(self.shop_both)],
        )
        self.assertEqual(
            self.Sync.get_sync_targets(self.shop_both.id),
            [target(self.shop2), target(self.shop3)],
        )
        self.assertRefused(
            UserError,
            self.Sync.get_sync_targets,
            self.shop2.id,
            message="is not allowed to send orders",
        )

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from uuid import uuid4

from odoo import Command, api
from odoo.tests import new_test_user

from odoo.addons.bus.models.bus import channel_with_db, json_dump
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


class ShopSyncCommon(TestPoSCommon):
    """Three terminals of one company: Shop 1 sends, Shop 2 and Shop 3 receive.

    Each has its own cash journal (a cash journal cannot be shared) and an open
    session; ``cashier`` is a plain Point of Sale user of that company.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("pos_shop_sync.enabled", "True")
        cls.shop1 = cls.basic_config
        cls.shop1.write({"name": "Shop 1", "shop_sync_can_send": True})
        cls.shop2 = cls._create_shop("Shop 2", receive=True)
        cls.shop3 = cls._create_shop("Shop 3", receive=True)
        for shop in cls.shop1 | cls.shop2 | cls.shop3:
            cls._open_session(shop)
        cls.cashier = cls._create_user(
            "shop_sync_cashier", "point_of_sale.group_pos_user", name="Cashier Claire"
        )
        cls.desk = cls.create_product(
            "Desk", cls.categ_basic, 100.0, tax_ids=cls.taxes["tax7"].ids
        )
        cls.pen = cls.create_product("Pen", cls.categ_basic, 2.5)
        cls.lamp = cls.create_product(
            "Lamp", cls.categ_basic, 40.0, tax_ids=cls.taxes["tax10"].ids
        )
        # The cashier's calls run without the test classes' mail-disabling
        # context, as they do from the POS: the chatter entries are part of the API.
        cls.cashier_env = api.Environment(cls.cr, cls.cashier.id, {})
        cls.Sync = cls.cashier_env["pos.shop.sync"]

    @classmethod
    def _create_user(cls, login, groups, company=None, **values):
        """An internal user of ``company`` (this test's by default) only, with
        ``groups`` (comma-separated xmlids, or "" for none) besides."""
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=login,
            groups=",".join(filter(None, ["base.group_user", groups])),
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            **values,
        )

    @classmethod
    def _create_shop(cls, name, send=False, receive=False, **values):
        journal = cls.env["account.journal"].create(
            {
                "name": f"Cash {name}",
                "type": "cash",
                "code": f"C{cls.env['account.journal'].search_count([]):04d}",
                "company_id": cls.company.id,
            }
        )
        cash = cls.env["pos.payment.method"].create(
            {
                "name": f"Cash {name}",
                "journal_id": journal.id,
                "receivable_account_id": cls.pos_receivable_cash.id,
                "company_id": cls.company.id,
            }
        )
        return cls.env["pos.config"].create(
            {
                "name": name,
                "invoice_journal_id": cls.invoice_journal.id,
                "available_pricelist_ids": cls.currency_pricelist.ids,
                "pricelist_id": cls.currency_pricelist.id,
                "payment_method_ids": [Command.set((cash | cls.bank_pm1).ids)],
                "shop_sync_can_send": send,
                "shop_sync_can_receive": receive,
                **values,
            }
        )

    @classmethod
    def _open_session(cls, config):
        config.open_ui()
        config.current_session_id.set_opening_control(0, None)
        return config.current_session_id

    def _payload(self, **overrides):
        """A valid Assigned send payload from Shop 1 to Shop 2 (3 lines)."""
        payload = {
            "uuid": str(uuid4()),
            "sync_type": "assigned",
            "target_config_ids": [self.shop2.id],
            "partner_id": self.customer.id,
            "pricelist_id": self.currency_pricelist.id,
            "fiscal_position_id": False,
            "note": "Deliver after noon",
            "lines": [
                {
                    "product_id": self.desk.id,
                    "qty": 2.0,
                    "price_unit": 80.0,
                    "discount": 10.0,
                    "customer_note": "Gift wrap",
                    "note": "Scratch on the left leg",
                },
                {
                    "product_id": self.pen.id,
                    "qty": 3.0,
                    "price_unit": 2.5,
                    "discount": 0.0,
                    "customer_note": "",
                    "note": "",
                },
                {
                    "product_id": self.lamp.id,
                    "qty": 1.0,
                    "price_unit": 40.0,
                    "discount": 0.0,
                    "customer_note": "",
                    "note": "",
                },
            ],
        }
        payload.update(overrides)
        return payload

    def _rebuilt_lines(self, sync):
        """The lines of ``sync`` as its rebuild puts them on an order: same
        products, quantities, unit prices, discounts, taxes, attribute values."""
        return [
            {
                "product": line.product_id,
                "qty": line.qty,
                "price_unit": line.price_unit,
                "discount": line.discount,
                "taxes": line.tax_ids,
                "attribute_value_ids": line.attribute_value_ids.ids,
                "full_product_name": line.full_product_name,
            }
            for line in sync.sudo().line_ids.sorted(
                lambda line: (line.sequence, line.id)
            )
        ]

    def _paid_order_data(self, config, lines, sync=None, **extra):
        """A paid order of ``config`` as its POS saves it, holding ``lines``
        (dicts: ``product``, ``qty``, optional ``price_unit`` (the product's
        price), ``discount``, ``taxes`` (the product's), ``attribute_value_ids``,
        ``full_product_name``), linked to ``sync`` when given, paid in cash."""
        self.config = config
        self.pos_session = config.current_session_id
        self.currency = self.pos_session.currency_id
        self.pricelist = config.pricelist_id
        data = self.create_ui_order_data(
            [(line["product"], line["qty"]) for line in lines]
        )
        for (__, __, values), line in zip(data["lines"], lines, strict=True):
            product = line["product"]
            price = line.get("price_unit", product.lst_price)
            discount = line.get("discount", 0.0)
            taxes = line.get("taxes", product.taxes_id)
            amounts = taxes.compute_all(
                price * (1 - discount / 100.0), self.currency, line["qty"], product
            )
            values.update(
                {
                    "price_unit": price,
                    "discount": discount,
                    "tax_ids": [Command.set(taxes.ids)],
                    "attribute_value_ids": [
                        Command.set(line.get("attribute_value_ids", []))
                    ],
                    "full_product_name": line.get("full_product_name")
                    or product.display_name,
                    "price_subtotal": amounts["total_excluded"],
                    "price_subtotal_incl": amounts["total_included"],
                }
            )
        total = self.currency.round(
            sum(values["price_subtotal_incl"] for __, __, values in data["lines"])
        )
        untaxed = self.currency.round(
            sum(values["price_subtotal"] for __, __, values in data["lines"])
        )
        data.update(
            {
                "amount_total": total,
                "amount_tax": total - untaxed,
                "amount_paid": total,
                "user_id": self.cashier.id,
            }
        )
        for __, __, payment in data["payment_ids"][:1]:
            payment["amount"] = total
        if sync is not None:
            data["shop_sync_id"] = sync if isinstance(sync, int) else sync.id
        data.update(extra)
        return data

    def _pay_rebuilt(self, config, sync, lines=None, **extra):
        """The POS of ``config`` saves a paid order holding the rebuilt cart of
        ``sync`` (or ``lines``), linked to it, as the cashier: the order."""
        lines = self._rebuilt_lines(sync) if lines is None else lines
        data = self._paid_order_data(config, lines, sync, **extra)
        result = self.cashier_env["pos.order"].sync_from_ui([data])
        self._end_request()
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _line(self, product=None, **overrides):
        return {"product_id": (product or self.pen).id, "qty": 1.0, **overrides}

    def _send(self, config=None, **overrides):
        """Send a payload from ``config`` (Shop 1) as the cashier; return the record."""
        result = self.Sync.send_from_ui(
            (config or self.shop1).id, self._payload(**overrides)
        )
        self._end_request()
        return self.env["pos.shop.sync"].browse(result["id"])

    def _end_request(self):
        """Run what the end of a request runs: tracking messages, bus rows."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _messages(self, sync):
        """The chatter of ``sync``, newest first, once tracking is written."""
        self._end_request()
        sync.invalidate_recordset(["message_ids"])
        return sync.message_ids

    def _row_counts(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT (SELECT count(*) FROM pos_shop_sync),"
            " (SELECT count(*) FROM pos_shop_sync_line)"
        )
        return self.env.cr.fetchone()

    def assertRefused(self, exception, call, *args, message=None):
        """``call(*args)`` raises ``exception`` and writes no transfer or line."""
        before = self._row_counts()
        # Not assertRaises: it rolls back a savepoint, hiding what was written.
        try:
            call(*args)
        except Exception as error:  # its class is asserted below
            caught = error
        else:
            self.fail(f"{call.__name__} did not raise {exception.__name__}")
        self.env.flush_all()
        self.assertEqual(self._row_counts(), before, "a refused call wrote rows")
        # UserError is the base of Odoo's other errors: insist on the exact one.
        self.assertIs(type(caught), exception, caught)
        if message:
            self.assertIn(message, str(caught))
        return caught

    def _bus_messages(self, config):
        """The SHOP_SYNC payloads queued for ``config``'s POS channel."""
        self._end_request()
        channel = json_dump(channel_with_db(self.env.cr.dbname, config.access_token))
        notifications = (
            self.env["bus.bus"].sudo().search([("channel", "=", channel)], order="id")
        )
        messages = [json.loads(n.message) for n in notifications]
        return [
            m["payload"]
            for m in messages
            if m["type"] == f"{config.access_token}-SHOP_SYNC"
        ]

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What ``send_from_ui`` runs on the server's side of a send: the payload's
header and targets checked against the database, the cart's lines checked (their
values by ``shop_sync_cart.CartChecker``, the facts it needs read here in a fixed
number of queries), the transfer created. Inherited by ``pos.shop.sync``."""

from odoo import Command, _, api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_round

from .shop_sync_cart import (
    MAX_NOTE_LENGTH,
    CartChecker,
    ComboItemFacts,
    ProductFacts,
    ValueFacts,
)
from .shop_sync_cart import is_id as _is_id
from .shop_sync_product_names import combination_names, display_name

# The company fields a send reads: the taxes' company filter, the tax engine
# and the chatter entry's reply-to.
SEND_COMPANY_FIELDS = [
    "name",
    "parent_id",
    "currency_id",
    "tax_calculation_rounding_method",
    "account_price_include",
    "alias_domain_id",
]
# pos.config.currency_id is computed (its journal's currency, else the journal
# company's) and not stored; reading it reads the journal's and the company's
# whole rows. The same, as a query on ``config``:
TERMINAL_CURRENCY = SQL(
    """SELECT config.id,
              COALESCE(journal.currency_id, company.currency_id) AS currency_id
         FROM pos_config config
    LEFT JOIN account_journal journal ON journal.id = config.journal_id
    LEFT JOIN res_company company ON company.id = journal.company_id"""
)


class PosShopSyncSendMixin(models.AbstractModel):
    _name = "pos.shop.sync.send.mixin"
    _description = "POS Shop Sync: checking and storing a sent cart"

    @api.model
    def _shop_sync_sent_with(self, uuid):
        """The transfer already sent with ``uuid``, or None.

        Concurrent sends of one uuid (a double click, a retry while the first
        request still runs) are serialized on a transaction-level advisory lock.
        A request that had to wait for it reads the other's result through a new
        cursor: its own snapshot predates that commit.

        :return: ``{"sender_config_id", "result"}`` or None
        """
        lock_key = SQL("hashtextextended(%s, 0)", f"pos.shop.sync:{uuid}")
        cr = self.env.cr
        # Locked and looked up in one query: the lookup reads the transaction's
        # snapshot, taken before the lock anyway.
        self.env["pos.shop.sync"].flush_model(["uuid"])
        cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(%s),"
                " (SELECT id FROM pos_shop_sync WHERE uuid = %s"
                "   ORDER BY id DESC LIMIT 1)",
                lock_key,
                uuid,
            )
        )
        locked, sync_id = cr.fetchone()
        if locked:
            if not sync_id:
                return None
            sync = self.sudo().browse(sync_id)
            return {
                "sender_config_id": sync.sender_config_id.id,
                "result": sync._shop_sync_send_result(),
            }
        cr.execute(SQL("SELECT pg_advisory_xact_lock(%s)", lock_key))
        with self.env.registry.cursor() as fresh:
            fresh.execute(
                SQL(
                    "SELECT id, name, state, sender_config_id"
                    " FROM pos_shop_sync WHERE uuid = %s",
                    uuid,
                )
            )
            row = fresh.fetchone()
        if not row:
            return None
        sync_id, name, state, sender_config_id = row
        return {
            "sender_config_id": sender_config_id,
            "result": {"id": sync_id, "name": name, "uuid": uuid, "state": state},
        }

    @api.model
    def _shop_sync_prefetch_send(self, company):
        """Fetch the few columns of the company and of the user's partner that a
        send reads. Read field by field, each row would be fetched whole
        (res.company and res.partner have over a hundred columns): about 3 ms of
        a 10-line send. A field missing here is still read, by a wider query."""
        company.sudo().fetch(SEND_COMPANY_FIELDS)
        self.env.user.fetch(["partner_id", "company_id"])
        self.env.user.partner_id.fetch(["name", "email"])

    def _shop_sync_send_result(self):
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "uuid": self.uuid,
            "state": self.state,
        }

    @api.model
    def _shop_sync_allowed_targets(self, config):
        receivers = (
            self.env["pos.config"]
            .sudo()
            .search(
                [
                    ("id", "!=", config.id),
                    ("shop_sync_can_receive", "=", True),
                    ("company_id", "=", config.company_id.id),
                ],
                order="name, id",
            )
        )
        currencies = self._shop_sync_currency_ids(receivers | config)
        return receivers.filtered(lambda c: currencies[c.id] == currencies[config.id])

    @api.model
    def _shop_sync_prepare_send_vals(self, config, session, data):
        """Check a send payload against the server's data; return create values."""
        sync_type = data.get("sync_type")
        if sync_type not in ("assigned", "broadcast"):
            raise ValidationError(_("The transfer type must be Assigned or Broadcast."))
        targets, currency_id = self._shop_sync_check_targets(
            config, sync_type, data.get("target_config_ids")
        )
        company = config.company_id
        partner = self._shop_sync_check_record(
            "res.partner",
            data.get("partner_id"),
            company,
            _("The customer is malformed."),
            _("The customer does not exist."),
        )
        pricelist = self._shop_sync_check_record(
            "product.pricelist",
            data.get("pricelist_id"),
            company,
            _("The pricelist is malformed."),
            _("The pricelist does not exist."),
        )
        if pricelist and pricelist not in (
            config.available_pricelist_ids | config.pricelist_id
        ):
            raise UserError(_("Terminal %s may not use this pricelist.", config.name))
        fiscal_position = self._shop_sync_check_record(
            "account.fiscal.position",
            data.get("fiscal_position_id"),
            company,
            _("The fiscal position is malformed."),
            _("The fiscal position does not exist."),
        )
        if fiscal_position and fiscal_position not in (
            config.fiscal_position_ids | config.default_fiscal_position_id
        ):
            raise UserError(
                _("Terminal %s may not use this fiscal position.", config.name)
            )
        note = self._shop_sync_check_text(
            data.get("note"), _("The note"), MAX_NOTE_LENGTH
        )
        lines = self._shop_sync_check_lines(
            config, data.get("lines"), fiscal_position, pricelist
        )
        self._shop_sync_check_discounts(config, lines)
        customer_count = self._shop_sync_cart_checker(0).check_customer_count(
            data.get("customer_count")
        )
        return {
            "uuid": data["uuid"],
            "sync_type": sync_type,
            "state": "pending",
            "company_id": company.id,
            "currency_id": currency_id,
            "sender_config_id": config.id,
            "sender_session_id": session.id,
            "sender_user_id": self.env.uid,
            "target_config_ids": [Command.set(targets.ids)],
            "partner_id": partner.id,
            "pricelist_id": pricelist.id,
            "fiscal_position_id": fiscal_position.id,
            "note": note,
            "customer_count": customer_count,
            "line_ids": [Command.create(line) for line in lines],
            **self._shop_sync_cart_module_vals(config, data, lines),
        }

    @api.model
    def _shop_sync_add_precomputed(self, vals):
        """Give the transfer of ``vals`` and its lines their precomputed fields
        as their computes would: the ORM then computes none of them on a draft
        record before the insert (a new record per line) and the flush writes
        no UPDATE of the new rows. The amounts are left to the computes when a
        line's taxes are not one ``Command.set``; the attributes' description
        when a line has attribute values (their names are read then)."""
        env = self.sudo().env
        company = env["res.company"].browse(vals["company_id"])
        lines = [command[2] for command in vals["line_ids"]]
        for line in lines:
            line["company_id"] = company.id
            line["lot_names_display"] = ", ".join(line.get("lot_names") or []) or False
            if not line.get("attribute_values_sent") and not line.get(
                "custom_attribute_value_ids"
            ):
                line["attribute_description"] = False
        taxes = []
        for line in lines:
            commands = line.get("tax_ids") or [Command.set([])]
            if len(commands) != 1 or commands[0][0] != Command.SET:
                return
            taxes.append(commands[0][2])
        currency = env["res.currency"].browse(vals["currency_id"])
        partner = env["res.partner"].browse(vals["partner_id"])
        line_model = env["pos.shop.sync.line"]
        # As the compute reads the values: rounded to their fields' digits, as
        # Float.convert_to_cache does (the digits looked up once, not per line).
        digits = {
            fname: line_model._fields[fname].get_digits(env)
            for fname in ("price_unit", "qty", "discount")
        }

        def stored(line, fname):
            value = float(line.get(fname) or 0.0)
            if not digits[fname]:
                return value
            return float_round(value, precision_digits=digits[fname][1])

        for line, tax_ids in zip(lines, taxes, strict=True):
            line["price_subtotal"], line["price_subtotal_incl"] = (
                line_model._shop_sync_amounts(
                    company,
                    currency,
                    partner,
                    env["product.product"].browse(line["product_id"]),
                    env["account.tax"].browse(tax_ids),
                    stored(line, "price_unit"),
                    stored(line, "qty"),
                    stored(line, "discount"),
                )
            )
        untaxed = sum(line["price_subtotal"] for line in lines)
        total = sum(line["price_subtotal_incl"] for line in lines)
        vals.update(
            amount_untaxed=untaxed, amount_total=total, amount_tax=total - untaxed
        )

    @api.model
    def _shop_sync_create_transfer(self, vals):
        """Create the transfer of ``vals`` (see ``_shop_sync_prepare_send_vals``)
        and link its combo items to their combos' lines."""
        parent_sequences = {}
        for command in vals["line_ids"]:
            line_vals = command[2]
            parent = line_vals.pop("combo_parent_sequence", None)
            if parent:
                parent_sequences.setdefault(parent, []).append(line_vals["sequence"])
        self._shop_sync_add_precomputed(vals)
        sync = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True, mail_notrack=True)
            .create(vals)
        )
        if parent_sequences:
            by_sequence = {line.sequence: line for line in sync.line_ids}
            for parent, children in parent_sequences.items():
                items = sync.line_ids.browse(by_sequence[seq].id for seq in children)
                items.write({"combo_parent_id": by_sequence[parent].id})
        return sync

    @api.model
    def _shop_sync_check_targets(self, config, sync_type, target_ids):
        """Return the receiving terminals and the currency they share with
        ``config``: ``(pos.config, currency id)``."""
        if not isinstance(target_ids, list) or not all(map(_is_id, target_ids)):
            raise ValidationError(_("The receiving terminals are malformed."))
        target_ids = list(dict.fromkeys(target_ids))
        if not target_ids:
            raise UserError(_("Choose at least one receiving terminal."))
        if sync_type == "assigned" and len(target_ids) != 1:
            raise UserError(_("An assigned transfer goes to exactly one terminal."))
        if config.id in target_ids:
            raise UserError(_("A terminal cannot send an order to itself."))
        targets = (
            self.env["pos.config"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("id", "in", target_ids)],
                [
                    "name",
                    "active",
                    "company_id",
                    "shop_sync_can_receive",
                    "journal_id",
                    "access_token",
                ],
            )
            .filtered(lambda t: t.active and t.company_id == config.company_id)
        )
        if len(targets) != len(target_ids):
            raise UserError(_("A receiving terminal does not exist."))
        currencies = self._shop_sync_currency_ids(targets | config)
        for target in targets:
            if not target.shop_sync_can_receive:
                raise UserError(
                    _("Terminal %s does not accept incoming orders.", target.name)
                )
            if currencies[target.id] != currencies[config.id]:
                raise UserError(_("Terminal %s uses another currency.", target.name))
        return targets, currencies[config.id]

    @api.model
    def _shop_sync_currency_ids(self, configs):
        """``{terminal id: currency id}`` in one query (see TERMINAL_CURRENCY)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL("%s WHERE config.id = ANY(%s)", TERMINAL_CURRENCY, configs.ids)
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _shop_sync_check_record(self, model, record_id, company, malformed, unknown):
        """Return the record ``record_id`` of ``model`` (empty for none).

        :param malformed: the error for an id that is not one
        :param unknown: the error for a missing, archived or foreign record
        """
        if record_id is None or record_id is False:
            return self.env[model]
        if not _is_id(record_id):
            raise ValidationError(malformed)
        record = (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "=", record_id)], ["active", "company_id"])
        )
        if (
            not record
            or not record.active
            or record.company_id not in (company, company.browse())
        ):
            raise UserError(unknown)
        return record

    @api.model
    def _shop_sync_check_lines(self, config, lines, fiscal_position, pricelist):
        """Check the payload's lines; return their create values, in the sent
        order. A combo item's values carry ``combo_parent_sequence``, the
        ``sequence`` of its combo's line (see ``_shop_sync_create_transfer``)."""
        checker = self._shop_sync_cart_checker()
        checker.check_line_list(lines)
        sent_lines = lines
        sent_product_ids = [
            checker.check_product_id(line, number)
            for number, line in enumerate(sent_lines, 1)
        ]
        product_ids = set(sent_product_ids)
        # Only the columns the checks and the products' names read: the
        # template's related fields would fetch all of its columns.
        products = (
            self.env["product.product"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("id", "in", list(product_ids))],
                ["active", "product_tmpl_id", "default_code", "combination_indices"],
                order="id",
            )
        )
        products.product_tmpl_id.fetch(
            ["name", "available_in_pos", "company_id", "taxes_id", "type", "tracking"]
        )
        company = config.company_id
        # The template's fields are read on the template: through the variant,
        # each is a related field computed for every product.
        # Another company's product is "not existing": its name is not told.
        products = products.filtered(
            lambda product: product.product_tmpl_id.company_id
            in (company, company.browse())
        )
        # Products other modules put on carts without selling them (a
        # reward's discount product): see _shop_sync_unlisted_product_ids.
        unlisted = self._shop_sync_unlisted_product_ids(config, sent_lines)
        for product in products:
            template = product.product_tmpl_id
            if not product.active or (
                not template.available_in_pos and product.id not in unlisted
            ):
                raise UserError(
                    _("Product %s cannot be sold in the Point of Sale.", template.name)
                )
        if len(products) != len(product_ids):
            raise UserError(_("A product of the cart does not exist."))
        # Records from iterating keep the recordset's prefetching: one query per
        # field for all lines, not one per line.
        products_by_id = {product.id: product for product in products}
        # A variant without attribute values has no combination to name.
        combinations = combination_names(
            self.env.cr,
            products.filtered("combination_indices").ids,
            self.env.lang,
        )
        product_names = {
            product.id: display_name(
                product.product_tmpl_id.name,
                product.default_code,
                combinations.get(product.id, ""),
            )
            for product in products
        }
        names = [product_names[pid] for pid in sent_product_ids]
        lines = [
            checker.check_line(line, number, name)
            for number, (line, name) in enumerate(
                zip(sent_lines, names, strict=True), 1
            )
        ]
        snapshots = checker.check_snapshot(sent_lines, names)
        *facts, values = self._shop_sync_cart_facts(
            company, products, product_names, snapshots
        )
        parents = checker.check_facts(lines, snapshots, *facts)
        # Products mostly share their taxes: filtered once per set of taxes.
        company_taxes = {}
        result = []
        for sequence, (line, snapshot, name, parent) in enumerate(
            zip(lines, snapshots, names, parents, strict=True), start=1
        ):
            product = products_by_id[line["product_id"]]
            product_taxes = product.product_tmpl_id.taxes_id
            if product_taxes._ids not in company_taxes:
                company_taxes[product_taxes._ids] = (
                    product_taxes._filter_taxes_by_company(company)
                )
            taxes = company_taxes[product_taxes._ids]
            if fiscal_position:
                taxes = fiscal_position.map_tax(taxes)
            price_unit = line["price_unit"]
            if price_unit is None:
                price_unit = (
                    pricelist._get_product_price(product, line["qty"])
                    if pricelist
                    else product.lst_price
                )
            vals = {
                "sequence": sequence,
                "product_id": product.id,
                "full_product_name": name,
                "qty": line["qty"],
                "price_unit": price_unit,
                "discount": line["discount"],
                "customer_note": line["customer_note"],
                "note": line["note"],
            }
            # Left out when empty: the ORM then keeps "no taxes" in its cache,
            # where an empty command makes the amounts' compute read it again.
            if taxes:
                vals["tax_ids"] = [Command.set(taxes.ids)]
            vals.update(self._shop_sync_snapshot_vals(snapshot, values))
            if parent is not None:
                vals["combo_parent_sequence"] = parent + 1
            result.append(vals)
        extras = self._shop_sync_line_module_vals(
            config, sent_lines, result, names, checker
        )
        for vals, extra in zip(result, extras, strict=True):
            vals.update(extra)
            vals.setdefault("line_kind", "product")
        return result

    @api.model
    def _shop_sync_line_module_vals(self, config, sent_lines, lines, names, checker):
        """What other modules' line kinds add to each line's create values:
        the hook of the files named after them (``pos_shop_sync_loyalty.py``,
        ``pos_shop_sync_sale.py``, ...). An override checks its own keys of the
        sent lines, refuses with ``checker.refusal`` (naming the line), and
        adds its values to the dicts ``super()`` returns: ``line_kind``, fields
        of ``pos.shop.sync.line``, and its own keys of ``module_values`` (one
        dict shared by all overrides, kept as sent to rebuild the line).

        :param list sent_lines: the lines as the client sent them (dicts)
        :param list lines: the create values checked so far, in the sent order
        :param list names: each line's product name
        :param checker: the ``shop_sync_cart.CartChecker`` of this send
        :return: one dict per line
        """
        return [{} for _line in lines]

    @api.model
    def _shop_sync_unlisted_product_ids(self, config, sent_lines):
        """The ids of products other modules put on a cart of ``config``
        though they are not available in the Point of Sale (a reward's
        discount product, the terminal's global discount and down payment
        products): the hook of the files named after them. Their own checks
        (``_shop_sync_line_module_vals``) say which line may hold them.

        :return: a set of ids (none here)
        """
        return set()

    @api.model
    def _shop_sync_cart_module_vals(self, config, data, lines):
        """What other modules add to the transfer's create values (the hook of
        the files named after them): fields of ``pos.shop.sync`` and their own
        keys of ``module_values``, checked from the sent payload ``data``.

        :param list lines: the checked create values of the lines
        :return: a dict
        """
        return {}

    @api.model
    def _shop_sync_snapshot_vals(self, snapshot, values):
        """The create values of a line's snapshot (see ``check_snapshot``);
        none for a line without one, as before the snapshot existed.

        :param dict values: ``{ptav id: {"attribute_name", "name",
            "price_extra"}}`` as read at the send
        """
        vals = {}
        if snapshot["uuid"]:
            vals["uuid"] = snapshot["uuid"]
        if snapshot["attribute_value_ids"]:
            vals["attribute_value_ids"] = [Command.set(snapshot["attribute_value_ids"])]
            vals["attribute_values_sent"] = [
                {"id": value_id, **values[value_id]}
                for value_id in snapshot["attribute_value_ids"]
            ]
        if snapshot["custom_attribute_value_ids"]:
            vals["custom_attribute_value_ids"] = snapshot["custom_attribute_value_ids"]
        if snapshot["lot_names"]:
            vals["lot_names"] = snapshot["lot_names"]
        if snapshot["combo_item_id"]:
            vals["combo_item_id"] = snapshot["combo_item_id"]
        return vals

    @api.model
    def _shop_sync_cart_facts(self, company, products, names, snapshots):
        """What the snapshot checks need of the database, as plain values:
        ``(products, values, combo items)`` for ``CartChecker.check_facts``,
        then ``{ptav id: {"attribute_name", "name", "price_extra"}}``.

        :param dict names: ``{product id: the name the send gives it}``

        Reads nothing more for a cart without attributes or combos: a query
        for the attribute values and one for the variants' own, when sent; a
        query for the combo choices and one for the combos, when sent.
        """
        value_ids = {
            value_id
            for snapshot in snapshots
            for value_id in snapshot["attribute_value_ids"]
        } | {
            custom["custom_product_template_attribute_value_id"]
            for snapshot in snapshots
            for custom in snapshot["custom_attribute_value_ids"]
        }
        item_ids = {s["combo_item_id"] for s in snapshots if s["combo_item_id"]}
        templates = products.product_tmpl_id
        if value_ids:
            products.fetch(["product_template_attribute_value_ids"])
        if item_ids or "combo" in templates.mapped("type"):
            templates.filtered(lambda t: t.type == "combo").fetch(["combo_ids"])
        product_facts = {
            product.id: ProductFacts(
                name=names[product.id],
                template_id=product.product_tmpl_id.id,
                type=product.product_tmpl_id.type,
                tracking=product.product_tmpl_id.tracking,
                variant_value_ids=frozenset(
                    product.product_template_attribute_value_ids.ids
                )
                if value_ids
                else frozenset(),
                combo_ids=frozenset(product.combo_ids.ids)
                if product.type == "combo"
                else frozenset(),
            )
            for product in products
        }
        value_facts, values = {}, {}
        if value_ids:
            ptavs = self.env["product.template.attribute.value"].sudo().search_fetch(
                [("id", "in", list(value_ids))],
                ["product_tmpl_id", "attribute_id", "ptav_active", "price_extra",
                 "product_attribute_value_id"],
            )  # fmt: skip
            ptavs.attribute_id.fetch(["name", "display_type", "create_variant"])
            ptavs.product_attribute_value_id.fetch(["name", "is_custom"])
            for ptav in ptavs:
                attribute = ptav.attribute_id
                value_facts[ptav.id] = ValueFacts(
                    template_id=ptav.product_tmpl_id.id,
                    attribute_id=attribute.id,
                    active=ptav.ptav_active,
                    is_custom=ptav.product_attribute_value_id.is_custom,
                    multi=attribute.display_type == "multi",
                    variant=attribute.create_variant != "no_variant",
                )
                values[ptav.id] = {
                    "attribute_name": attribute.name,
                    "name": ptav.product_attribute_value_id.name,
                    "price_extra": ptav.price_extra,
                }
        item_facts = {}
        if item_ids:
            items = (
                self.env["product.combo.item"]
                .sudo()
                .search_fetch(
                    [("id", "in", list(item_ids))],
                    ["combo_id", "product_id", "company_id"],
                )
            )
            item_facts = {
                item.id: ComboItemFacts(item.combo_id.id, item.product_id.id)
                for item in items
                if item.company_id in (company, company.browse())
            }
        return product_facts, value_facts, item_facts, values

    @api.model
    def _shop_sync_cart_checker(self, qty_digits=None):
        """The checks of a sent cart's values (see ``shop_sync_cart``), in the
        user's language."""
        if qty_digits is None:
            qty_digits = self.env["decimal.precision"].precision_get(
                "Product Unit of Measure"
            )
        return CartChecker(self.env._, qty_digits)

    @api.model
    def _shop_sync_check_text(self, value, label, max_length):
        """Return a stripped text or False; refuse other types and long texts."""
        return self._shop_sync_cart_checker(0).check_text(value, label, max_length)

    @api.model
    def _shop_sync_check_line(self, line, qty_digits):
        """Check one payload line's own values; return them normalized.

        The product's existence is checked later, for all lines at once.
        """
        return self._shop_sync_cart_checker(qty_digits).check_line(line)

    @api.model
    def _shop_sync_check_pending_limit(self, config):
        """Refuse a send when ``config`` has as many pending transfers as its
        company allows (``res.company.shop_sync_max_pending``).

        Sends of one terminal are serialized from here to their commit on a
        transaction-level advisory lock: a count alone lets racing sends
        overshoot the limit. This transaction's snapshot predates the commits
        of the sends it waited for, so the pending transfers are also counted
        through a new cursor, whose snapshot follows the lock; the larger count
        holds (this transaction's own also sees what it wrote itself). Two
        queries: the lock with the limit and this transaction's count, the
        count of the new cursor.
        """
        self.flush_model(["state", "sender_config_id"])
        self.env["res.company"].flush_model(["shop_sync_max_pending"])
        count = SQL(
            "SELECT count(*) FROM pos_shop_sync"
            " WHERE sender_config_id = %s AND state = 'pending'",
            config.id,
        )
        self.env.cr.execute(
            SQL(
                """SELECT pg_advisory_xact_lock(hashtextextended(%s, 0)),
                          company.shop_sync_max_pending, (%s)
                     FROM res_company company
                    WHERE company.id = %s""",
                f"pos.shop.sync.send:{config.id}",
                count,
                config.company_id.id,
            )
        )
        __, limit, pending = self.env.cr.fetchone()
        if not limit:
            return
        with self.env.registry.cursor() as fresh:
            fresh.execute(count)
            pending = max(pending, fresh.fetchone()[0])
        if limit and pending >= limit:
            raise UserError(
                _(
                    "Terminal %(terminal)s already has %(count)s transfers waiting "
                    "for acceptance, the most its company allows. Recall some, or "
                    "wait until they are accepted, before sending more.",
                    terminal=config.name,
                    count=pending,
                )
            )

    @api.model
    def _shop_sync_check_discounts(self, config, lines):
        """Refuse line discounts from a terminal without manual discounts
        (``pos.config.manual_discount``), as its POS would."""
        if config.manual_discount:
            return
        if any(line["discount"] for line in lines):
            raise UserError(
                _(
                    "Terminal %s does not allow line discounts: remove them "
                    "before sending.",
                    config.name,
                )
            )

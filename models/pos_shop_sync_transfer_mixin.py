# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a terminal reads of transfers: their dicts for the POS
(``_shop_sync_to_dicts``, a fixed number of queries) and what a receiving
terminal could not rebuild as sent (``_shop_sync_drift``, ``_shop_sync_blocking``).
Inherited by ``pos.shop.sync``."""

from datetime import timezone

from odoo import _, models
from odoo.tools import SQL, float_compare

from .pos_shop_sync_send_mixin import TERMINAL_CURRENCY


class PosShopSyncTransferMixin(models.AbstractModel):
    _name = "pos.shop.sync.transfer.mixin"
    _description = "POS Shop Sync: transfer dicts and drift"

    def _shop_sync_drift(self, config):
        """What ``config`` cannot rebuild exactly as sent, line by line.

        :return: ``{"blocking_reasons": [text], "warnings": [text], "lines":
            [{"blocking_reason", "terminal_price", "negotiated"}]}``, the lines
            in the order of ``_shop_sync_to_dicts``
        """
        self.ensure_one()
        blocking, line_reasons = self._shop_sync_blocking(config)
        warnings = []
        pricelist = self.pricelist_id
        if pricelist and pricelist not in (
            config.available_pricelist_ids | config.pricelist_id
        ):
            warnings.append(
                _(
                    "Pricelist %s is not available on this terminal: the sent "
                    "prices are kept, the terminal's pricelist applies.",
                    pricelist.name,
                )
            )
            pricelist = config.pricelist_id
        pricelist = pricelist or config.pricelist_id
        digits = self.env["decimal.precision"].precision_get("Product Price")
        lines = []
        for line, reason in zip(
            self._shop_sync_sorted_lines(), line_reasons, strict=True
        ):
            product = line.product_id
            terminal_price = (
                pricelist._get_product_price(product, line.qty)
                if pricelist
                else product.lst_price
            )
            lines.append(
                {
                    "blocking_reason": reason,
                    "terminal_price": terminal_price,
                    "negotiated": float_compare(
                        line.price_unit, terminal_price, precision_digits=digits
                    )
                    != 0,
                }
            )
        return {"blocking_reasons": blocking, "warnings": warnings, "lines": lines}

    def _shop_sync_sorted_lines(self):
        return self.line_ids.sorted(lambda line: (line.sequence, line.id))

    def _shop_sync_blocking(self, config):
        """Why ``config`` cannot accept this transfer: another currency,
        products it may not sell (archived, not for the Point of Sale, another
        company's), attribute values no longer on their product (removed or
        archived), combo choices that no longer exist or are no longer one of
        their combo's. One query, run on every claim.

        :return: ``(reasons, line_reasons)``: the texts, and per line (in the
            order of ``_shop_sync_sorted_lines``) its reason or False
        """
        self.ensure_one()
        self.env.flush_all()
        combos = self.env["product.template"]._fields["combo_ids"]
        self.env.cr.execute(
            SQL(
                """WITH terminal AS (%(terminal)s WHERE config.id = %(config)s)
                   SELECT sync.currency_id,
                          (SELECT terminal.currency_id FROM terminal),
                          sync.module_values, line.line_kind,
                          line.id, line.full_product_name, product.active,
                          template.available_in_pos, template.company_id,
                          gone.names,
                          line.combo_parent_id IS NOT NULL,
                          item.id IS NOT NULL,
                          item.product_id = line.product_id AND EXISTS (
                              SELECT 1 FROM %(combo_rel)s combo_rel
                               WHERE combo_rel.%(combo_template)s
                                     = parent_product.product_tmpl_id
                                 AND combo_rel.%(combo)s = item.combo_id
                          )
                     FROM pos_shop_sync sync
                LEFT JOIN pos_shop_sync_line line ON line.sync_id = sync.id
                LEFT JOIN product_product product ON product.id = line.product_id
                LEFT JOIN product_template template
                       ON template.id = product.product_tmpl_id
                LEFT JOIN LATERAL (
                          SELECT array_agg(
                                     concat(sent.value->>'attribute_name', ': ',
                                            sent.value->>'name')
                                     ORDER BY sent.position) AS names
                            FROM jsonb_array_elements(
                                     coalesce(line.attribute_values_sent, '[]')
                                 ) WITH ORDINALITY AS sent(value, position)
                       LEFT JOIN product_template_attribute_value ptav
                              ON ptav.id = (sent.value->>'id')::integer
                           WHERE ptav.id IS NULL OR ptav.ptav_active IS NOT TRUE
                                 OR ptav.product_tmpl_id != template.id
                          ) gone ON TRUE
                LEFT JOIN pos_shop_sync_line parent
                       ON parent.id = line.combo_parent_id
                LEFT JOIN product_product parent_product
                       ON parent_product.id = parent.product_id
                LEFT JOIN product_combo_item item ON item.id = line.combo_item_id
                    WHERE sync.id = %(sync)s
                 ORDER BY line.sequence, line.id""",
                terminal=TERMINAL_CURRENCY,
                config=config.id,
                sync=self.id,
                combo_rel=SQL.identifier(combos.relation),
                combo_template=SQL.identifier(combos.column1),
                combo=SQL.identifier(combos.column2),
            )
        )
        rows = self.env.cr.fetchall()
        reasons, line_reasons = [], []
        sent_currency, terminal_currency, cart_values = rows[0][:3]
        if sent_currency != terminal_currency:
            currencies = self.env["res.currency"]
            reasons.append(
                _(
                    "It is in %(sent)s, this terminal sells in %(here)s.",
                    sent=currencies.browse(sent_currency).name,
                    here=currencies.browse(terminal_currency).name,
                )
            )
        company_id = config.company_id.id
        unlisted_kinds = self._shop_sync_unlisted_kinds()
        kinds = []
        for row in rows:
            line_id = row[4]
            if line_id is None:
                continue
            kinds.append((line_id, row[3]))
            name = (
                row[5]
                or self.env["pos.shop.sync.line"]
                .browse(line_id)
                .product_id.display_name
            )
            # A line kind of another module may hold a product not sold in
            # the Point of Sale (a reward's): that module checks it.
            available = row[7] or row[3] in unlisted_kinds
            reason = self._shop_sync_line_blocking(
                company_id, name, row[6], available, *row[8:]
            )
            if reason:
                reasons.append(reason)
            line_reasons.append(reason)
        module_reasons, module_line_reasons = self._shop_sync_module_blocking(
            config, kinds, cart_values or {}
        )
        reasons.extend(module_reasons)
        for index, reason in enumerate(module_line_reasons):
            if reason and not line_reasons[index]:
                line_reasons[index] = reason
                reasons.append(reason)
        return reasons, line_reasons

    def _shop_sync_module_blocking(self, config, lines, cart_values):
        """Why ``config`` cannot honour what other modules' lines need (a
        reward it does not offer, a sales order already settled, ...): the hook
        of the files named after them. An override adds to what ``super()``
        returns, and reads nothing for a transfer without its line kinds or
        its keys of ``cart_values`` (this runs on every claim).

        :param list lines: ``(line id, line_kind)`` of every line, in the order
            of ``_shop_sync_sorted_lines``
        :param dict cart_values: the transfer's ``module_values``
        :return: ``(reasons, line_reasons)``: texts about the whole cart, and
            per line (in the order of ``lines``) a text or False
        """
        self.ensure_one()
        return [], [False] * len(lines)

    def _shop_sync_unlisted_kinds(self):
        """The line kinds whose product need not be available in the Point
        of Sale (the module of that kind checks it): the hook of the files
        named after other modules. None here."""
        return frozenset()

    def _shop_sync_line_blocking(
        self, company_id, name, active, available, product_company, gone_values,
        is_item, item_exists, item_in_combo,
    ):  # fmt: skip
        """The reason a line cannot be accepted by a terminal of ``company_id``,
        or False (see ``_shop_sync_blocking``)."""
        if not active:
            return _("%s is archived.", name)
        if not available:
            return _("%s is not available in the Point of Sale.", name)
        if product_company not in (None, company_id):
            return _("%s belongs to another company.", name)
        if gone_values:
            return _(
                "%(product)s: %(values)s is no longer available.",
                product=name,
                values=", ".join(gone_values),
            )
        if is_item and not item_exists:
            return _("%s: its combo choice no longer exists.", name)
        if is_item and not item_in_combo:
            return _("%s is no longer a choice of its combo.", name)
        return False

    def _shop_sync_to_dicts(self, with_lines=True):
        """Serialize transfers for the POS, in the order of ``self``.

        A fixed number of queries however many transfers: one for the
        transfers with their names and line totals, one for the lines. Raw SQL
        because building hundreds of records field by field through the ORM
        costs more than the queries themselves.

        :param with_lines: False leaves out ``lines`` (the bulk of the payload)
        :return: per transfer ``{"id", "name", "uuid", "state", "sync_type",
            "sender_config", "receiver_config", "partner", "pricelist_id",
            "fiscal_position_id", "note", "create_date", "currency_id",
            "amount_untaxed", "amount_tax", "amount_total", "line_count",
            "item_count", "target_names", "declined_by", "decline_reason",
            "customer_count", "module_values", "lines"}``, each line ``{"id", "uuid",
            "product_id", "full_product_name", "qty", "price_unit", "discount",
            "customer_note", "note", "price_subtotal", "price_subtotal_incl",
            "attribute_value_ids", "attribute_values",
            "custom_attribute_value_ids", "pack_lot_ids", "combo_parent_id",
            "combo_parent_uuid", "combo_line_ids", "combo_item_id",
            "line_kind", "module_values"}`` in the sent order
        """
        if not self:
            return []
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT sync.id, sync.name, sync.uuid, sync.state, sync.sync_type,
                          sender.id, sender.name, receiver.id, receiver.name,
                          partner.id, partner.name, sync.pricelist_id,
                          sync.fiscal_position_id, sync.note, sync.create_date,
                          sync.currency_id, sync.amount_untaxed, sync.amount_tax,
                          sync.amount_total, totals.line_count, totals.item_count,
                          sync.decline_reason, declined.names, targets.names,
                          sync.customer_count, sync.module_values
                     FROM pos_shop_sync sync
                     JOIN pos_config sender ON sender.id = sync.sender_config_id
                LEFT JOIN pos_config receiver
                       ON receiver.id = sync.receiver_config_id
                LEFT JOIN res_partner partner ON partner.id = sync.partner_id
                LEFT JOIN LATERAL (
                          SELECT count(*) AS line_count,
                                 coalesce(sum(line.qty), 0) AS item_count
                            FROM pos_shop_sync_line line
                           WHERE line.sync_id = sync.id
                          ) totals ON TRUE
                LEFT JOIN LATERAL (
                          SELECT array_agg(config.name ORDER BY config.name) AS names
                            FROM pos_shop_sync_declined_rel declined_rel
                            JOIN pos_config config
                              ON config.id = declined_rel.config_id
                           WHERE declined_rel.sync_id = sync.id
                          ) declined ON TRUE
                LEFT JOIN LATERAL (
                          SELECT array_agg(config.name ORDER BY config.name) AS names
                            FROM pos_shop_sync_target_rel target_rel
                            JOIN pos_config config ON config.id = target_rel.config_id
                           WHERE target_rel.sync_id = sync.id
                          ) targets ON TRUE
                    WHERE sync.id = ANY(%s)""",
                self.ids,
            )
        )
        transfers = {}
        for (
            sync_id, name, uuid, state, sync_type,
            sender_id, sender_name, receiver_id, receiver_name,
            partner_id, partner_name, pricelist_id,
            fiscal_position_id, note, create_date,
            currency_id, amount_untaxed, amount_tax,
            amount_total, line_count, item_count,
            decline_reason, declined_by, target_names,
            customer_count, module_values,
        ) in self.env.cr.fetchall():  # fmt: skip
            transfers[sync_id] = {
                "id": sync_id,
                "name": name,
                "uuid": uuid,
                "state": state,
                "sync_type": sync_type,
                "sender_config": {"id": sender_id, "name": sender_name},
                "receiver_config": {"id": receiver_id, "name": receiver_name}
                if receiver_id
                else False,
                "partner": {"id": partner_id, "name": partner_name}
                if partner_id
                else False,
                "pricelist_id": pricelist_id or False,
                "fiscal_position_id": fiscal_position_id or False,
                "note": note or "",
                "create_date": create_date.replace(tzinfo=timezone.utc).isoformat(),
                "currency_id": currency_id,
                "amount_untaxed": amount_untaxed or 0.0,
                "amount_tax": amount_tax or 0.0,
                "amount_total": amount_total or 0.0,
                "line_count": line_count,
                "item_count": item_count,
                "target_names": target_names or [],
                "declined_by": declined_by or [],
                "decline_reason": decline_reason or "",
                "customer_count": customer_count or 0,
                "module_values": module_values or {},
            }
        if with_lines:
            for transfer in transfers.values():
                transfer["lines"] = []
            self.env.cr.execute(
                SQL(
                    """SELECT line.sync_id, line.id, line.uuid, line.product_id,
                              line.full_product_name, line.qty, line.price_unit,
                              line.discount, line.customer_note, line.note,
                              line.price_subtotal, line.price_subtotal_incl,
                              line.attribute_values_sent,
                              line.custom_attribute_value_ids, line.lot_names,
                              line.combo_parent_id, parent.uuid,
                              line.combo_item_id, items.ids,
                              line.line_kind, line.module_values
                         FROM pos_shop_sync_line line
                    LEFT JOIN pos_shop_sync_line parent
                           ON parent.id = line.combo_parent_id
                    LEFT JOIN LATERAL (
                              SELECT array_agg(item.id ORDER BY item.sequence, item.id)
                                     AS ids
                                FROM pos_shop_sync_line item
                               WHERE item.combo_parent_id = line.id
                              ) items ON TRUE
                        WHERE line.sync_id = ANY(%s)
                     ORDER BY line.sync_id, line.sequence, line.id""",
                    self.ids,
                )
            )
            for (
                sync_id, line_id, uuid, product_id,
                full_product_name, qty, price_unit,
                discount, customer_note, note,
                price_subtotal, price_subtotal_incl,
                attribute_values,
                custom_values, lot_names,
                combo_parent_id, combo_parent_uuid,
                combo_item_id, combo_line_ids,
                line_kind, module_values,
            ) in self.env.cr.fetchall():  # fmt: skip
                attribute_values = attribute_values or []
                transfers[sync_id]["lines"].append(
                    {
                        "id": line_id,
                        "uuid": uuid or False,
                        "product_id": product_id,
                        "full_product_name": full_product_name,
                        "qty": qty,
                        "price_unit": price_unit,
                        "discount": discount or 0.0,
                        "customer_note": customer_note or "",
                        "note": note or "",
                        "price_subtotal": price_subtotal or 0.0,
                        "price_subtotal_incl": price_subtotal_incl or 0.0,
                        "attribute_value_ids": [v["id"] for v in attribute_values],
                        "attribute_values": attribute_values,
                        "custom_attribute_value_ids": custom_values or [],
                        "pack_lot_ids": [
                            {"lot_name": lot_name} for lot_name in lot_names or []
                        ],
                        "combo_parent_id": combo_parent_id or False,
                        "combo_parent_uuid": combo_parent_uuid or False,
                        "combo_line_ids": combo_line_ids or [],
                        "combo_item_id": combo_item_id or False,
                        "line_kind": line_kind or "product",
                        "module_values": module_values or {},
                    }
                )
        return [transfers[sync_id] for sync_id in self.ids if sync_id in transfers]

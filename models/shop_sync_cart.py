# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The checks of a sent cart's values, apart from the ORM.

Pure Python: no model, no environment, no database. ``send_from_ui`` hands
:class:`CartChecker` the payload as the client sent it and, for the semantic
checks, the facts it read from the database as plain values
(:class:`ProductFacts`, :class:`ValueFacts`, :class:`ComboItemFacts`). Every
refusal is a ``ValidationError`` (a malformed value or structure: what only a
broken or hostile client sends) or a ``UserError`` (what a cashier can cause:
an unknown or foreign record, a too long text), translated through the
function the checker is given (``env._`` on the server).

Refusals about a line name it: "Line 3 (Burger Menu): ...".
"""

import json
import math
import re
from collections import Counter
from typing import NamedTuple

from odoo.exceptions import UserError, ValidationError
from odoo.tools.float_utils import float_round

MAX_LINES = 500
MAX_NOTE_LENGTH = 2000
MAX_LINE_TEXT_LENGTH = 500
MAX_QTY = 1_000_000
MAX_PRICE = 1_000_000_000
MAX_REASON_LENGTH = 200
MAX_CUSTOMER_COUNT = 1000
# Per line: attribute values, custom values; lot/serial names and their length.
MAX_ATTRIBUTE_VALUES = 100
MAX_CUSTOM_VALUE_LENGTH = 500
MAX_LOTS = 1000
MAX_LOT_NAME_LENGTH = 128
# One transfer's stored size: the JSON of its checked values (the lines with
# their texts, lots, attribute values and other modules' values), in bytes.
MAX_TRANSFER_BYTES = 1024 * 1024
UUID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
# The keys of a custom attribute value, as Odoo's product.attribute.custom.value.
CUSTOM_VALUE_KEYS = frozenset(
    {"custom_product_template_attribute_value_id", "custom_value"}
)


def is_id(value):
    """Whether ``value`` is a database id: an int (not a bool) from 1 to 2**31 - 1."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


def is_number(value):
    """Whether ``value`` is a finite int or float (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def english(source, *args, **kwargs):
    """Format ``source`` as Odoo's ``_`` does in English: the translation
    function of a checker used without a server."""
    params = args or kwargs
    return source % params if params else source


class ProductFacts(NamedTuple):
    """What the checks need of a line's ``product.product``."""

    name: str
    template_id: int
    type: str  # product.template.type: consu, service, combo
    tracking: str  # product.template.tracking: none, lot, serial
    # product_template_attribute_value_ids: the variant's own values
    variant_value_ids: frozenset = frozenset()
    # product.template.combo_ids (product.combo ids), for a combo product
    combo_ids: frozenset = frozenset()


class ValueFacts(NamedTuple):
    """What the checks need of a ``product.template.attribute.value``."""

    template_id: int
    attribute_id: int
    active: bool  # ptav_active
    is_custom: bool
    multi: bool  # the attribute's display type is "multi"
    variant: bool  # the attribute creates variants ("always" or "dynamic")


class ComboItemFacts(NamedTuple):
    """What the checks need of a ``product.combo.item``."""

    combo_id: int
    product_id: int


class CartChecker:
    """Checks a send payload's values and returns them normalized.

    :param translate: the translation function, called as Odoo's ``_``
        (``env._`` on the server); English formatting by default
    :param int qty_digits: the precision the quantities are rounded to
    """

    def __init__(self, translate=english, qty_digits=2):
        self._ = translate
        self.qty_digits = qty_digits

    # ------------------------------------------------------------------
    # Texts and the transfer's own values
    # ------------------------------------------------------------------

    def check_text(self, value, label, max_length):
        """Return a stripped text or False; refuse other types and long texts."""
        if value is None or value is False:
            return False
        if not isinstance(value, str):
            raise ValidationError(self._("%s must be a text.", label))
        if len(value) > max_length:
            raise UserError(
                self._(
                    "%(label)s is longer than %(max)s characters.",
                    label=label,
                    max=max_length,
                )
            )
        return value.strip() or False

    def check_size(self, values):
        """Refuse a transfer whose checked ``values`` (a dict of JSON-able
        values; others are counted by their text) take more than
        MAX_TRANSFER_BYTES as UTF-8 JSON; return their size."""
        size = len(json.dumps(values, default=str, ensure_ascii=False).encode("utf-8"))
        if size > MAX_TRANSFER_BYTES:
            raise UserError(
                self._(
                    "This cart is too large to send: %(size)s KB, where a transfer "
                    "holds at most %(max)s KB. Split it into several carts.",
                    size=-(-size // 1024),
                    max=MAX_TRANSFER_BYTES // 1024,
                )
            )
        return size

    def check_customer_count(self, value):
        """The number of guests: a whole number from 0 to MAX_CUSTOMER_COUNT;
        0 for none (missing, None or False)."""
        if value is None or value is False:
            return 0
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not 0 <= value <= MAX_CUSTOMER_COUNT
        ):
            raise ValidationError(
                self._(
                    "The number of guests must be a whole number from 0 to %s.",
                    MAX_CUSTOMER_COUNT,
                )
            )
        return value

    # ------------------------------------------------------------------
    # Lines: the values every line has
    # ------------------------------------------------------------------

    def check_line_list(self, lines):
        """Refuse anything but a non-empty list of at most MAX_LINES dicts."""
        if not isinstance(lines, list) or not all(isinstance(x, dict) for x in lines):
            raise ValidationError(self._("The order lines are malformed."))
        if not lines:
            raise UserError(self._("The cart is empty: there is nothing to send."))
        if len(lines) > MAX_LINES:
            raise UserError(self._("A transfer holds at most %s lines.", MAX_LINES))

    def check_product_id(self, line, number):
        """The product id of line ``number`` (1-based); refuse anything but an id.

        The product's existence is checked by the server, for all lines at once.
        """
        if not is_id(line.get("product_id")):
            raise ValidationError(self._("Line %s: it has no valid product.", number))
        return line["product_id"]

    def check_line(self, line, number=None, name=None):
        """Check one payload line's own values; return them normalized:
        ``{"product_id", "qty", "price_unit", "discount", "customer_note",
        "note"}`` (``price_unit`` None when not sent).

        A unit price may be negative (a reward, a global discount, a refund's
        credit) within the bounds of a positive one. Refusals name the line
        when ``number`` (1-based) and ``name`` (its product's) are given.
        The product's existence is checked by the server, for all lines at once.
        """

        def refuse(reason):
            if number is None:
                return ValidationError(reason)
            return self.refusal(ValidationError, number, name, reason)

        if not is_id(line.get("product_id")):
            raise refuse(self._("it has no valid product."))
        qty = line.get("qty")
        # Range first: rounding a huge number overflows.
        if is_number(qty) and abs(qty) <= MAX_QTY:
            qty = float_round(qty, precision_digits=self.qty_digits)
        if not is_number(qty) or qty == 0 or abs(qty) > MAX_QTY:
            raise refuse(
                self._("the quantity must be a non-zero number up to %s.", MAX_QTY)
            )
        price = line.get("price_unit")
        if price is not None and (not is_number(price) or abs(price) > MAX_PRICE):
            raise refuse(
                self._(
                    "the unit price must be a number from %(min)s to %(max)s.",
                    min=-MAX_PRICE,
                    max=MAX_PRICE,
                )
            )
        discount = line.get("discount")
        if discount is None:
            discount = 0.0
        elif not is_number(discount) or not 0 <= discount <= 100:
            raise refuse(self._("the discount must be a number from 0 to 100."))
        note_label = self._("A line note")
        try:
            customer_note = self.check_text(
                line.get("customer_note"), note_label, MAX_LINE_TEXT_LENGTH
            )
            note = self.check_text(line.get("note"), note_label, MAX_LINE_TEXT_LENGTH)
        except (UserError, ValidationError) as error:
            if number is None:
                raise
            raise self.refusal(type(error), number, name, error.args[0]) from None
        return {
            "product_id": line["product_id"],
            "qty": qty,
            "price_unit": price,
            "discount": discount,
            "customer_note": customer_note,
            "note": note,
        }

    # ------------------------------------------------------------------
    # Lines: the snapshot of attributes, lots and combos (all optional)
    # ------------------------------------------------------------------

    def refusal(self, error, number, name, reason):
        """``error`` saying that line ``number`` (1-based, product ``name``)
        is refused for ``reason`` (a translated text)."""
        return error(
            self._(
                "Line %(number)s (%(product)s): %(reason)s",
                number=number,
                product=name,
                reason=reason,
            )
        )

    def check_snapshot(self, lines, names):
        """Check the shapes of the optional snapshot keys of every line.

        :param list lines: the lines as sent (dicts)
        :param list names: each line's product name, for the refusals
        :return: per line ``{"uuid", "attribute_value_ids",
            "custom_attribute_value_ids", "lot_names", "combo_parent_uuid",
            "combo_item_id"}``, normalized (False / [] when not sent)
        """
        result = [
            self._check_line_snapshot(line, number, name)
            for number, (line, name) in enumerate(zip(lines, names, strict=True), 1)
        ]
        seen = {}
        for number, (snapshot, name) in enumerate(zip(result, names, strict=True), 1):
            uuid = snapshot["uuid"]
            if uuid and uuid in seen:
                raise self.refusal(
                    ValidationError,
                    number,
                    name,
                    self._(
                        "its reference is the one of line %s: each line needs its own.",
                        seen[uuid],
                    ),
                )
            seen.setdefault(uuid, number)
        return result

    def _check_line_snapshot(self, line, number, name):
        def refuse(reason, error=ValidationError):
            return self.refusal(error, number, name, reason)

        uuid = line.get("uuid")
        if uuid is None or uuid is False:
            uuid = False
        elif not isinstance(uuid, str) or not UUID_PATTERN.fullmatch(uuid):
            raise refuse(self._("its reference is malformed."))
        values = line.get("attribute_value_ids")
        if values is None or values is False:
            values = []
        if not isinstance(values, list) or not all(map(is_id, values)):
            raise refuse(self._("its attribute values are malformed."))
        if len(values) > MAX_ATTRIBUTE_VALUES:
            raise refuse(
                self._("it has more than %s attribute values.", MAX_ATTRIBUTE_VALUES)
            )
        if len(set(values)) != len(values):
            raise refuse(self._("an attribute value is chosen twice."))
        return {
            "uuid": uuid,
            "attribute_value_ids": values,
            "custom_attribute_value_ids": self._check_custom_values(
                line.get("custom_attribute_value_ids"), refuse
            ),
            "lot_names": self._check_lot_names(line.get("pack_lot_ids"), refuse),
            **self._check_combo_keys(line, refuse),
        }

    def _check_custom_values(self, customs, refuse):
        if customs is None or customs is False:
            return []
        if not isinstance(customs, list) or len(customs) > MAX_ATTRIBUTE_VALUES:
            raise refuse(self._("its custom values are malformed."))
        result = []
        for custom in customs:
            # An empty text may come as None or False, as Odoo's Char fields.
            text = custom.get("custom_value") if isinstance(custom, dict) else None
            text = "" if text is None or text is False else text
            if (
                not isinstance(custom, dict)
                or not set(custom) <= CUSTOM_VALUE_KEYS
                or not is_id(custom.get("custom_product_template_attribute_value_id"))
                or not isinstance(text, str)
                or "\x00" in text
            ):
                raise refuse(self._("its custom values are malformed."))
            if len(text) > MAX_CUSTOM_VALUE_LENGTH:
                raise refuse(
                    self._(
                        "a custom value is longer than %s characters.",
                        MAX_CUSTOM_VALUE_LENGTH,
                    ),
                    UserError,
                )
            result.append(
                {
                    "custom_product_template_attribute_value_id": custom[
                        "custom_product_template_attribute_value_id"
                    ],
                    "custom_value": text,
                }
            )
        value_ids = [c["custom_product_template_attribute_value_id"] for c in result]
        if len(set(value_ids)) != len(value_ids):
            raise refuse(self._("an attribute value has two custom values."))
        return result

    def _check_lot_names(self, lots, refuse):
        if lots is None or lots is False:
            return []
        if not isinstance(lots, list) or not all(
            isinstance(lot, dict)
            and set(lot) == {"lot_name"}
            and isinstance(lot["lot_name"], str)
            and "\x00" not in lot["lot_name"]
            for lot in lots
        ):
            raise refuse(self._("its lot or serial numbers are malformed."))
        if len(lots) > MAX_LOTS:
            raise refuse(
                self._("it has more than %s lot or serial numbers.", MAX_LOTS),
                UserError,
            )
        names = [lot["lot_name"].strip() for lot in lots]
        if not all(names):
            raise refuse(self._("a lot or serial number is empty."), UserError)
        for lot_name in names:
            if len(lot_name) > MAX_LOT_NAME_LENGTH:
                raise refuse(
                    self._(
                        "lot or serial number %(lot)s is longer than %(max)s "
                        "characters.",
                        lot=lot_name[:20] + "…",
                        max=MAX_LOT_NAME_LENGTH,
                    ),
                    UserError,
                )
        return names

    def _check_combo_keys(self, line, refuse):
        parent_uuid = line.get("combo_parent_uuid")
        if parent_uuid is None or parent_uuid is False:
            parent_uuid = False
        elif not isinstance(parent_uuid, str) or not UUID_PATTERN.fullmatch(
            parent_uuid
        ):
            raise refuse(self._("the reference of its combo is malformed."))
        item_id = line.get("combo_item_id")
        if item_id is None or item_id is False:
            item_id = False
        elif not is_id(item_id):
            raise refuse(self._("its combo choice is malformed."))
        if parent_uuid and not item_id:
            raise refuse(self._("it is in a combo but names no combo choice."))
        if item_id and not parent_uuid:
            raise refuse(self._("it names a combo choice but is in no combo."))
        return {"combo_parent_uuid": parent_uuid, "combo_item_id": item_id}

    # ------------------------------------------------------------------
    # Lines: the snapshot against the database's facts
    # ------------------------------------------------------------------

    def check_facts(self, lines, snapshots, products, values, combo_items):
        """Check the snapshot of every line against the database.

        :param list lines: the lines from ``check_line``
        :param list snapshots: the lines from ``check_snapshot``
        :param dict products: ``{product id: ProductFacts}``, every line's
        :param dict values: ``{ptav id: ValueFacts}``, the sent ones that exist
            and are the line's company's
        :param dict combo_items: ``{product.combo.item id: ComboItemFacts}``,
            the sent ones that exist and are the line's company's
        :return: per line, the index (0-based) of its combo parent, or None
        """
        for number, (line, snapshot) in enumerate(
            zip(lines, snapshots, strict=True), 1
        ):
            product = products[line["product_id"]]
            self._check_attributes(number, product, snapshot, values)
            self._check_lots(number, product, line["qty"], snapshot["lot_names"])
        return self._check_combos(lines, snapshots, products, combo_items)

    def _check_attributes(self, number, product, snapshot, values):
        def refuse(reason, error=UserError):
            return self.refusal(error, number, product.name, reason)

        per_attribute = Counter()
        for value_id in snapshot["attribute_value_ids"]:
            value = values.get(value_id)
            if value is None or value.template_id != product.template_id:
                raise refuse(self._("an attribute value is not one of this product."))
            if not value.active:
                raise refuse(self._("an attribute value is no longer available."))
            if value.variant and value_id not in product.variant_value_ids:
                raise refuse(
                    self._("an attribute value is not one of this product variant.")
                )
            per_attribute[value.attribute_id] += 1
            if per_attribute[value.attribute_id] > 1 and not value.multi:
                raise refuse(
                    self._("it has two values of an attribute that takes one."),
                    ValidationError,
                )
        chosen = set(snapshot["attribute_value_ids"]) | product.variant_value_ids
        for custom in snapshot["custom_attribute_value_ids"]:
            value_id = custom["custom_product_template_attribute_value_id"]
            value = values.get(value_id)
            if value is None or value_id not in chosen:
                raise refuse(
                    self._("a custom value is not for a value chosen on this line.")
                )
            if not value.is_custom:
                raise refuse(
                    self._("a custom value is for an attribute value that takes none.")
                )

    def _check_lots(self, number, product, qty, lot_names):
        if not lot_names:
            return
        if product.tracking not in ("lot", "serial"):
            raise self.refusal(
                UserError,
                number,
                product.name,
                self._("the product is not tracked by lot or serial number."),
            )
        if product.tracking == "lot":
            # Odoo 18's POS gives a lot-tracked line one lot (its quantity all
            # comes from it); more is what only a hostile client sends.
            if len(lot_names) > 1:
                raise self.refusal(
                    UserError,
                    number,
                    product.name,
                    self._(
                        "it has %s lot numbers: a line of a lot-tracked product "
                        "takes one.",
                        len(lot_names),
                    ),
                )
            return
        if len(lot_names) > abs(qty):
            raise self.refusal(
                UserError,
                number,
                product.name,
                self._(
                    "it has %(count)s serial numbers for a quantity of %(qty)s.",
                    count=len(lot_names),
                    qty=qty,
                ),
            )
        if len(set(lot_names)) != len(lot_names):
            raise self.refusal(
                UserError,
                number,
                product.name,
                self._("a serial number is given twice."),
            )

    def _check_combos(self, lines, snapshots, products, combo_items):
        index_by_uuid = {
            snapshot["uuid"]: index
            for index, snapshot in enumerate(snapshots)
            if snapshot["uuid"]
        }
        parents = [None] * len(lines)
        items_of = {}
        for index, (line, snapshot) in enumerate(zip(lines, snapshots, strict=True)):
            product = products[line["product_id"]]
            number = index + 1

            def refuse(reason, error=ValidationError, product=product, number=number):
                return self.refusal(error, number, product.name, reason)

            if product.type == "combo" and not snapshot["uuid"]:
                raise refuse(self._("a combo needs a reference for its items."))
            if not snapshot["combo_parent_uuid"]:
                continue
            if product.type == "combo":
                raise refuse(self._("a combo cannot be an item of another combo."))
            parent_index = index_by_uuid.get(snapshot["combo_parent_uuid"])
            if parent_index is None:
                raise refuse(self._("its combo is not in the cart."))
            parent_line = lines[parent_index]
            parent = products[parent_line["product_id"]]
            if parent.type != "combo":
                raise refuse(self._("the line it belongs to is not a combo."))
            if snapshots[parent_index]["combo_parent_uuid"]:
                raise refuse(self._("a combo cannot be an item of another combo."))
            item = combo_items.get(snapshot["combo_item_id"])
            if item is None or item.combo_id not in parent.combo_ids:
                raise refuse(
                    self._("its combo choice is not one of %s.", parent.name), UserError
                )
            if item.product_id != line["product_id"]:
                raise refuse(
                    self._("its combo choice is for another product."), UserError
                )
            if line["qty"] != parent_line["qty"]:
                raise refuse(
                    self._(
                        "its quantity is not the one of its combo (%s).",
                        parent_line["qty"],
                    )
                )
            if line["discount"] != parent_line["discount"]:
                raise refuse(self._("its discount is not the one of its combo."))
            combos = items_of.setdefault(parent_index, Counter())
            combos[item.combo_id] += 1
            if combos[item.combo_id] > 1:
                raise refuse(
                    self._("its combo already has a choice of this kind."), UserError
                )
            parents[index] = parent_index
        for index, line in enumerate(lines):
            product = products[line["product_id"]]
            if product.type == "combo" and index not in items_of:
                raise self.refusal(
                    UserError,
                    index + 1,
                    product.name,
                    self._("the combo has no items."),
                )
        return parents

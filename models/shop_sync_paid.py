# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether a paid order holds the cart a transfer carried, apart from the ORM.

Pure Python: the transfer's lines and the paid order's lines are handed over
as :class:`PaidLine` values. "The same" means: per product, with the same
attribute values and the same place in a combo (the combo's product and the
combo choice, as Odoo stores a combo's items: one line per item, under the
combo's line), the same quantity at each unit price and discount, the
quantities rounded to the unit of measure's precision, the unit prices to the
"Product Price" precision and the discounts to the "Discount" precision. How
the quantity is split among lines does not matter (two lines of one pen are
one line of two pens at the same price); the order of the lines neither.
"""

from typing import NamedTuple

from odoo.tools.float_utils import float_is_zero, float_round


class PaidLine(NamedTuple):
    """One line of a transfer or of a paid order."""

    # (product id, sorted attribute value ids, (combo product id, combo
    # choice id) for a combo's item or False)
    key: tuple
    name: str
    qty: float
    price_unit: float
    discount: float


class Digits(NamedTuple):
    qty: int
    price: int
    discount: int


def _tiers(lines, digits):
    """``{key: {(price, discount): qty}}`` and ``{key: name}``, keys in order."""
    tiers, names = {}, {}
    for line in lines:
        price = float_round(line.price_unit or 0.0, precision_digits=digits.price)
        discount = float_round(line.discount or 0.0, precision_digits=digits.discount)
        bucket = tiers.setdefault(line.key, {})
        bucket[(price, discount)] = bucket.get((price, discount), 0.0) + line.qty
        names.setdefault(line.key, line.name)
    for key, bucket in tiers.items():
        tiers[key] = {
            tier: float_round(qty, precision_digits=digits.qty)
            for tier, qty in bucket.items()
            if not float_is_zero(qty, precision_digits=digits.qty)
        }
    return tiers, names


def compare_paid(sent, paid, digits):
    """The differences between the lines ``sent`` and the lines ``paid``.

    :param list sent: the transfer's lines (:class:`PaidLine`)
    :param list paid: the paid order's lines (:class:`PaidLine`)
    :param Digits digits: the precisions of quantities, prices and discounts
    :return: one dict per product whose lines differ, sent products first (in
        their order), then the products only paid: ``{"name", "sent":
        [[qty, price_unit, discount]], "paid": [[qty, price_unit, discount]]}``,
        the tiers sorted by price and discount; an empty list when the paid
        order holds the cart as sent
    """
    sent_tiers, sent_names = _tiers(sent, digits)
    paid_tiers, paid_names = _tiers(paid, digits)
    keys = list(sent_tiers) + [key for key in paid_tiers if key not in sent_tiers]
    differences = []
    for key in keys:
        sent_bucket = sent_tiers.get(key, {})
        paid_bucket = paid_tiers.get(key, {})
        if sent_bucket == paid_bucket:
            continue
        differences.append(
            {
                "name": sent_names.get(key) or paid_names.get(key),
                "sent": [
                    [qty, price, discount]
                    for (price, discount), qty in sorted(sent_bucket.items())
                ],
                "paid": [
                    [qty, price, discount]
                    for (price, discount), qty in sorted(paid_bucket.items())
                ],
            }
        )
    return differences

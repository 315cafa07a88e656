# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Property test of the snapshot: over generated carts of every kind
(plain, variant, no-variant attributes with a custom value, combos, lot- and
serial-tracked products, guests), a send either stores the cart exactly (the
transfer dict gives back what was sent) or, when the cart was broken on
purpose, is refused and writes nothing.

Each example is a list of valid parts (hypothesis draws them), then at most
one breakage (a foreign attribute value, a foreign combo choice, an orphan
item, a nested combo, an over-long lot name, lots on an untracked product,
more serials than the quantity); the test knows whether it broke the cart.
"""

import logging

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .snapshot_common import SnapshotCommon
from .test_access import rolled_back, written_rows

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # scripts/test.sh installs it (requirements-test.txt)
    st = None

_logger = logging.getLogger(__name__)

EXAMPLES = 200
BREAKAGES = (
    "foreign_value",
    "foreign_item",
    "orphan",
    "nested",
    "long_lot",
    "untracked_lots",
    "too_many_serials",
)


def carts():
    """A strategy of ``{"parts", "customer_count", "breakage"}``: each part a
    tuple naming a kind of line and its drawn values."""
    qty = st.integers(1, 4).map(float)
    cents = st.integers(0, 100_000).map(lambda c: c / 100)
    discount = st.sampled_from([0.0, 5.0, 12.5])
    lot_name = st.from_regex(
        r"[A-Za-z0-9][A-Za-z0-9 ./-]{0,40}[A-Za-z0-9]", fullmatch=True
    )
    text = st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
        max_size=60,
    )
    part = st.one_of(
        st.tuples(st.just("plain"), qty, cents, discount),
        st.tuples(st.just("variant"), st.sampled_from(["S", "L"]), qty, cents),
        st.tuples(
            st.just("pizza"),
            qty,
            cents,
            st.lists(st.sampled_from(["Extra cheese", "Olives"]), unique=True),
            st.sampled_from([None, "Thin", "Thick"]),
            st.one_of(st.none(), text),
        ),
        st.tuples(
            st.just("menu"),
            qty,
            discount,
            st.sampled_from(["burger", "veggie"]),
            st.sampled_from(["fries", "salad"]),
            st.sampled_from(["cola", "water"]),
            st.lists(cents, min_size=4, max_size=4),
        ),
        st.tuples(st.just("wine"), qty, st.lists(lot_name, max_size=1)),
        st.tuples(
            st.just("phone"),
            st.integers(1, 3),
            st.lists(lot_name, max_size=3, unique=True),
        ),
    )
    return st.fixed_dictionaries(
        {
            "parts": st.lists(part, min_size=1, max_size=6),
            "customer_count": st.one_of(st.just(0), st.integers(1, 1000)),
            "breakage": st.one_of(st.none(), st.sampled_from(BREAKAGES)),
            "shuffle": st.randoms(use_true_random=False),
        }
    )


@tagged("post_install", "-at_install")
class TestSnapshotProperty(SnapshotCommon):
    def _lines(self, parts):
        """The payload lines of ``parts``; combos get uuids of their own."""
        lines = []
        for number, (kind, *values) in enumerate(parts):
            uuid = f"part-{number}"
            if kind == "plain":
                qty, price, discount = values
                lines.append(
                    self._line(
                        self.desk,
                        uuid=uuid,
                        qty=qty,
                        price_unit=price,
                        discount=discount,
                    )
                )
            elif kind == "variant":
                size, qty, price = values
                product = self.shirt_l if size == "L" else self.shirt_s
                lines.append(
                    self._line(
                        product,
                        qty=qty,
                        price_unit=price,
                        attribute_value_ids=product.product_template_attribute_value_ids.ids,
                    )
                )
            elif kind == "pizza":
                qty, price, toppings, crust, engraving = values
                names = [*toppings, *([crust] if crust else [])]
                values_ids = [self._ptav(self.pizza, name).id for name in names]
                customs = []
                if engraving is not None:
                    custom = self._ptav(self.pizza, "Custom")
                    values_ids.append(custom.id)
                    customs.append(
                        {
                            "custom_product_template_attribute_value_id": custom.id,
                            "custom_value": engraving,
                        }
                    )
                lines.append(
                    self._line(
                        self.pizza_product,
                        uuid=uuid,
                        qty=qty,
                        price_unit=price,
                        attribute_value_ids=values_ids,
                        custom_attribute_value_ids=customs,
                    )
                )
            elif kind == "menu":
                qty, discount, burger, side, drink, prices = values
                lines.append(
                    self._line(
                        self.menu, uuid=uuid, qty=qty, price_unit=prices[0],
                        discount=discount,
                    )
                )  # fmt: skip
                for combo, product, price in (
                    (self.burger_combo, getattr(self, burger), prices[1]),
                    (self.side_combo, getattr(self, side), prices[2]),
                    (self.drink_combo, getattr(self, drink), prices[3]),
                ):
                    lines.append(
                        self._line(
                            product,
                            qty=qty,
                            price_unit=price,
                            discount=discount,
                            combo_parent_uuid=uuid,
                            combo_item_id=self._item(combo, product).id,
                        )
                    )
            elif kind == "wine":
                qty, lots = values
                lines.append(
                    self._line(
                        self.wine,
                        qty=qty,
                        price_unit=20.0,
                        pack_lot_ids=[{"lot_name": lot} for lot in lots],
                    )
                )
            else:
                qty, serials = values
                lines.append(
                    self._line(
                        self.phone,
                        qty=float(max(qty, len(serials))),
                        price_unit=199.0,
                        pack_lot_ids=[{"lot_name": lot} for lot in serials],
                    )
                )
        return lines

    def _break(self, lines, breakage):
        """Make ``lines`` invalid as ``breakage`` says (adding a line when
        none fits)."""
        if breakage == "foreign_value":
            olives = self._ptav(self.pizza, "Olives").id
            lines.append(
                self._line(
                    self.calzone.product_variant_id, attribute_value_ids=[olives]
                )
            )
        elif breakage == "foreign_item":
            lines.append(self._line(self.menu, uuid="broken-menu"))
            lines.append(
                self._line(
                    self.cake,
                    combo_parent_uuid="broken-menu",
                    combo_item_id=self._item(self.dessert_combo, self.cake).id,
                )
            )
        elif breakage == "orphan":
            lines.append(
                self._line(
                    self.cola,
                    combo_parent_uuid="nobody",
                    combo_item_id=self._item(self.drink_combo, self.cola).id,
                )
            )
        elif breakage == "nested":
            lines.extend(self._menu_lines(parent_uuid="outer"))
            inner = self._menu_lines(parent_uuid="inner")
            inner[0].update(
                combo_parent_uuid="outer",
                combo_item_id=self._item(self.burger_combo, self.burger).id,
            )
            lines.extend(inner)
        elif breakage == "long_lot":
            lines.append(self._line(self.wine, pack_lot_ids=[{"lot_name": "L" * 129}]))
        elif breakage == "untracked_lots":
            lines.append(self._line(self.pen, pack_lot_ids=[{"lot_name": "LOT"}]))
        else:
            lots = [{"lot_name": "SN-A"}, {"lot_name": "SN-B"}]
            lines.append(self._line(self.phone, qty=1.0, pack_lot_ids=lots))

    def _check_cart(self, example):
        lines = self._lines(example["parts"])
        if example["breakage"]:
            self._break(lines, example["breakage"])
        example["shuffle"].shuffle(lines)
        payload = self._payload(lines=lines, customer_count=example["customer_count"])
        with rolled_back(self.env):
            self._end_request()
            before = written_rows(self.env)
            try:
                result = self.Sync.send_from_ui(self.shop1.id, payload)
            except (UserError, ValidationError) as error:
                self.assertTrue(
                    example["breakage"], f"a valid cart was refused: {error}"
                )
                self.assertRegex(str(error), r"^Line \d+ \(")
                self._end_request()
                self.assertEqual(written_rows(self.env), before, "a refusal wrote rows")
                self.outcomes["refused"] += 1
                return
            self.assertFalse(
                example["breakage"], f"a broken cart was accepted: {example}"
            )
            transfer = self.Sync.get_transfer(self.shop2.id, result["id"])
            self.assertEqual(transfer["customer_count"], example["customer_count"])
            self.assertEqual(
                [self._as_sent(line) for line in transfer["lines"]],
                [self._as_sent(line) for line in lines],
            )
            self.assertEqual(transfer["blocking_reasons"], [])
            self.outcomes["stored"] += 1

    def test_generated_carts_are_stored_exactly_or_refused(self):
        if st is None:
            self.skipTest("hypothesis is missing: install requirements-test.txt")
        self.outcomes = {"stored": 0, "refused": 0}
        settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )(given(example=carts())(type(self)._check_cart))(self)
        _logger.info("snapshot property: %s carts", self.outcomes)
        self.assertGreater(self.outcomes["stored"], EXAMPLES // 4)
        self.assertGreater(self.outcomes["refused"], EXAMPLES // 4)

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The names a send gives its products, in one query.

``product.product.display_name`` names a variant by its template's name and its
combination ("Desk (Steel, White)"). Read through the ORM, the combination costs
five queries per send (the variants' values, their lines, attributes and values'
names, each a query), about a sixth of a 10-line send. This reads the same facts
in one query and applies Odoo's own rules to them
(``product.template.attribute.value._get_combination_name``): values of
``no_variant`` attributes are left out, and so are values of lines holding one
value (counting archived values too when the variant has one). The order is
the one the ORM reads a variant's values in (``_order`` of the values, their
lines and attributes; a value, its line and its value of the attribute share
one attribute). ``tests/test_product_names.py`` holds these names
equal to ``display_name``.
"""

from odoo.tools import SQL

# One row per value of each variant, in the order the ORM reads them.
COMBINATION_QUERY = """
    SELECT combination.product_product_id,
           value.ptav_active,
           attribute.create_variant = 'no_variant',
           COALESCE(attribute_value.name->>%(lang)s, attribute_value.name->>'en_US'),
           (SELECT count(*) FROM product_template_attribute_value line_value
             WHERE line_value.attribute_line_id = value.attribute_line_id),
           (SELECT count(*) FROM product_template_attribute_value line_value
             WHERE line_value.attribute_line_id = value.attribute_line_id
               AND line_value.ptav_active)
      FROM product_variant_combination combination
      JOIN product_template_attribute_value value
        ON value.id = combination.product_template_attribute_value_id
      JOIN product_template_attribute_line line ON line.id = value.attribute_line_id
      JOIN product_attribute_value attribute_value
        ON attribute_value.id = value.product_attribute_value_id
      JOIN product_attribute attribute ON attribute.id = value.attribute_id
     WHERE combination.product_product_id = ANY(%(ids)s)
  ORDER BY line.sequence, attribute.sequence, attribute.id, line.id,
           attribute_value.sequence, attribute_value.id, value.id
"""


def combination_names(cr, product_ids, lang):
    """``{product id: its combination's name}`` ("Steel, White"; "" when the
    variant's values name nothing), as ``_get_combination_name`` gives it."""
    if not product_ids:
        return {}
    cr.execute(SQL(COMBINATION_QUERY, lang=lang or "en_US", ids=list(product_ids)))
    values = {product_id: [] for product_id in product_ids}
    for product_id, *value in cr.fetchall():
        values[product_id].append(value)
    return {product_id: _combination_name(rows) for product_id, rows in values.items()}


def _combination_name(values):
    values = [value for value in values if not value[1]]
    only_active = all(value[0] for value in values)
    return ", ".join(
        name
        for __active, __no_variant, name, line_count, active_count in values
        if (active_count if only_active else line_count) != 1
    )


def display_name(name, default_code, combination):
    """A variant's ``display_name`` from its name, internal reference and
    combination name (``product.product._compute_display_name`` without a
    partner or seller in the context)."""
    if combination:
        name = f"{name} ({combination})"
    return f"[{default_code}] {name}" if default_code else name

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import Command
from odoo.tests import tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import PoFileReader

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .browser import BrowserStartRetry

PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]")


def _terms(language_file):
    with open(file_path(f"pos_shop_sync/i18n/{language_file}"), "rb") as po:
        return {entry["src"]: entry["value"] for entry in PoFileReader(po)}


@tagged("post_install", "-at_install")
class TestFrenchTranslation(BrowserStartRetry, TestPointOfSaleHttpCommon):
    def test_every_term_of_the_template_is_translated_in_french(self):
        template = _terms("pos_shop_sync.pot")
        french = _terms("fr.po")
        self.assertGreater(len(template), 100)
        self.assertEqual(
            sorted(term for term in template if not french.get(term)),
            [],
            "terms of i18n/pos_shop_sync.pot without a French translation",
        )
        for term in template:
            self.assertEqual(
                sorted(PLACEHOLDER.findall(french[term])),
                sorted(PLACEHOLDER.findall(term)),
                f"placeholders differ in the French of {term!r}",
            )

    def test_french_pos_shows_shop_sync_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["pos_shop_sync"], ["fr_FR"])
        self.env["ir.config_parameter"].sudo().set_param(
            "pos_shop_sync.enabled", "True"
        )
        self.main_pos_config.write(
            {"shop_sync_can_send": True, "shop_sync_can_receive": True}
        )
        journal = self.env["account.journal"].create(
            {"name": "Cash FR", "type": "cash", "code": "CFRSS"}
        )
        self.env["pos.config"].create(
            {
                "name": "Boutique 2",
                "shop_sync_can_receive": True,
                "payment_method_ids": [
                    Command.create({"name": "Cash FR", "journal_id": journal.id}),
                ],
            }
        )
        self.pos_user.lang = "fr_FR"
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.main_pos_config.current_session_id.set_opening_control(0, None)
        self.start_pos_tour("ShopSyncFrenchTour", login="pos_user")

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .browser import BrowserStartRetry


@tagged("post_install", "-at_install")
class TestShopSyncHoot(BrowserStartRetry, HttpCase):
    """The Hoot unit tests of the pure JavaScript helpers."""

    def test_hoot_unit_tests(self):
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            "&filter=%40pos_shop_sync",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] Test suite succeeded",
        )

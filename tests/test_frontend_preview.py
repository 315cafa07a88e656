# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .test_frontend import ShopSyncUiCase


@tagged("post_install", "-at_install")
class TestShopSyncPreviewUi(ShopSyncUiCase):
    """What the preview shows of each line, in a real browser."""

    def test_01_preview_shows_each_line_kind(self):
        self._open(self.shop1, self.shop2)
        sync = self._send_from(
            self.shop1,
            self.shop2,
            self.partner_test_1,
            [(self.desk_pad, 2, 1.98), (self.monitor_stand, -1, 3.19)],
        )
        # What the refunds' support (its own file) sets on a return line at the
        # send: set here directly, the preview's badge being what is tested.
        sync.line_ids.filtered(lambda line: line.qty < 0).sudo().line_kind = "refund"
        self.start_pos_tour("ShopSyncPreviewLineKindTour", pos_config=self.shop2)
        self.assertEqual(sync.state, "pending", "the preview changed nothing")

# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import unittest

_logger = logging.getLogger(__name__)

BROWSER_STARTS = 3


class BrowserStartRetry:
    """Mixin of browser test cases: start the test browser again when it was slow
    to start.

    Odoo's test browser skips the test when Chromium has not opened its devtools
    port within 10 s, which a loaded machine sometimes needs: a tour would then
    count as skipped without having run. Nothing of the test has run at that point
    (the browser is the first thing ``browser_js`` starts), so starting it again
    is safe.
    """

    def browser_js(self, *args, **kwargs):
        for start in range(1, BROWSER_STARTS + 1):
            try:
                return super().browser_js(*args, **kwargs)
            except unittest.SkipTest as skip:
                if "devtools port" not in str(skip) or start == BROWSER_STARTS:
                    raise
                _logger.info("the test browser was slow to start (%s): again", skip)

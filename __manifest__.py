# Copyright 2026 pos_shop_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "POS Shop Sync",
    "summary": "Send a live cart from one Point of Sale terminal to another, "
    "with an atomic claim and a full audit trail",
    "version": "18.0.1.4.1",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/pos-shop-sync/pos_shop_sync",
    "author": "pos_shop_sync contributors",
    "maintainers": [],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["point_of_sale", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/pos_shop_sync_security.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/pos_shop_sync_views.xml",
        "views/pos_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/pos_shop_sync_menus.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "pos_shop_sync/static/src/**/*",
        ],
        "web.assets_tests": [
            "pos_shop_sync/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "pos_shop_sync/static/src/app/shop_sync/shop_sync_utils.js",
            "pos_shop_sync/static/src/app/shop_sync/shop_sync_lists.js",
            "pos_shop_sync/static/tests/unit/**/*",
        ],
    },
    "demo": [
        "demo/pos_shop_sync_demo.xml",
    ],
    "images": [
        "static/description/send_order.png",
        "static/description/receive_list.png",
        "static/description/preview.png",
        "static/description/related_tag.png",
        "static/description/settings.png",
        "static/description/backend_list.png",
        "static/description/backend_form.png",
    ],
    "installable": True,
}

// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
const js = require("@eslint/js");
const jsdoc = require("eslint-plugin-jsdoc");
const globals = require("globals");

module.exports = [
    js.configs.recommended,
    jsdoc.configs["flat/recommended"],
    {
        files: ["static/**/*.js"],
        languageOptions: {
            ecmaVersion: 2022,
            // Odoo 18 assets are ES modules; no .esm.js suffix needed.
            sourceType: "module",
            globals: {
                ...globals.browser,
                odoo: "readonly",
                owl: "readonly",
                luxon: "readonly",
            },
        },
        rules: {
            "no-unused-vars": ["error", {args: "none"}],
            "jsdoc/require-jsdoc": "off",
            "jsdoc/require-param-description": "off",
            "jsdoc/require-returns": "off",
            "jsdoc/require-returns-description": "off",
            "jsdoc/require-param-type": "off",
            "jsdoc/require-param": "off",
            "jsdoc/tag-lines": "off",
            "jsdoc/check-types": "off",
        },
    },
];

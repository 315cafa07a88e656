// Copyright 2026 pos_shop_sync contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
// As OCA's 18.0 template; indentation comes from .editorconfig.
/** @type {import("prettier").Config} */
module.exports = {
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
    plugins: [require.resolve("@prettier/plugin-xml")],
};

#!/usr/bin/env bash
# Refreshes the translation files from a live database: installs the module
# with French loaded into a scratch database, then exports the template
# i18n/pos_shop_sync.pot and i18n/fr.po (French translations kept, new terms
# with an empty msgstr, terms gone removed).
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ODOO=$(require_odoo)
new_scratch i18n
# A copy of the checkout's files, not a link: the export scans every file of
# the module folder, and .dev/ or node_modules/ would be scanned too.
mkdir -p "$SCRATCH/addons/$ADDON_NAME"
git -C "$REPO_DIR" ls-files -z --cached --others --exclude-standard |
    (cd "$REPO_DIR" && xargs -0 cp --parents -t "$SCRATCH/addons/$ADDON_NAME")
DB=${ADDON_NAME}_i18n
read -r -a ARGS <<<"$(odoo_args "$ODOO" "$SCRATCH")"
ARGS+=(-d "$DB" --stop-after-init --log-level=warn)
mkdir -p "$REPO_DIR/i18n"
echo "== installing $ADDON_NAME with French into a scratch database"
"$ODOO" "${ARGS[@]}" -i "$ADDON_NAME" --without-demo=all --load-language=fr_FR \
    >"$SCRATCH/install.log" 2>&1 || {
    tail -n 50 "$SCRATCH/install.log"
    exit 1
}
echo "== exporting i18n/$ADDON_NAME.pot and i18n/fr.po"
"$ODOO" "${ARGS[@]}" --modules="$ADDON_NAME" \
    --i18n-export="$REPO_DIR/i18n/$ADDON_NAME.pot"
"$ODOO" "${ARGS[@]}" --modules="$ADDON_NAME" --language=fr_FR \
    --i18n-export="$REPO_DIR/i18n/fr.po"
if command -v msgfmt >/dev/null; then
    msgfmt --statistics -o /dev/null "$REPO_DIR/i18n/fr.po"
fi

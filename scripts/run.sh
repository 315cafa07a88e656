#!/usr/bin/env bash
# Starts Odoo with pos_shop_sync and its demo shops on http://localhost:8069
# (login admin / admin). The database and PostgreSQL cluster live in .dev/ and
# are kept between runs; delete .dev/ to start afresh. Extra arguments go to Odoo.
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ODOO=$(require_odoo)
SCRATCH=$REPO_DIR/.dev
DB=${ADDON_NAME}_demo
mkdir -p "$SCRATCH"
chmod 755 "$SCRATCH"
trap 'stop_pg "$SCRATCH"' EXIT
start_pg "$SCRATCH"
link_addon "$SCRATCH"
init=()
if ! psql -d postgres -U odoo -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    init=(-i "$ADDON_NAME")
fi
# shellcheck disable=SC2046
"$ODOO" $(odoo_args "$ODOO" "$SCRATCH") -d "$DB" --db-filter="^$DB\$" \
    --http-port="${HTTP_PORT:-8069}" "${init[@]}" "$@"

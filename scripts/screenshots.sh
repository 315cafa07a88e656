#!/usr/bin/env bash
# Makes the screenshots of static/description/ (overwritten): installs the module
# with its demo shops into a fresh database, starts Odoo, and drives headless
# Chromium through a send, a receive and the backend views (scripts/screenshots.py).
# Needs `chromium` (or $CHROME_BIN) and websocket-client in Odoo's Python.
# Extra arguments go to screenshots.py (e.g. --out-dir /tmp/shots).
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ODOO=$(require_odoo)
ODOO_PID=
# shellcheck disable=SC2317  # run at exit (new_scratch)
before_exit() {
    if [ -n "$ODOO_PID" ]; then
        kill "$ODOO_PID" 2>/dev/null || true
        wait "$ODOO_PID" 2>/dev/null || true
    fi
}
new_scratch screenshots
link_addon "$SCRATCH"
DB=${ADDON_NAME}_screenshots
HTTP_PORT=$(free_port)
read -r -a ARGS <<<"$(odoo_args "$ODOO" "$SCRATCH")"
ARGS+=(-d "$DB" --db-filter="^$DB\$")
install_demo "${ARGS[@]}"
echo "== starting Odoo on port $HTTP_PORT"
"$ODOO" "${ARGS[@]}" --workers=0 --max-cron-threads=0 --http-port="$HTTP_PORT" \
    --log-level=warn --logfile="$SCRATCH/odoo.log" &
ODOO_PID=$!
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" && break
    kill -0 "$ODOO_PID" 2>/dev/null || break
    sleep 1
done
curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" || {
    tail -n 50 "$SCRATCH/odoo.log" >&2
    echo "error: Odoo did not start" >&2
    exit 1
}
"$(odoo_python "$ODOO")" "$REPO_DIR/scripts/screenshots.py" \
    --url "http://127.0.0.1:$HTTP_PORT" --db "$DB" \
    --out-dir "$REPO_DIR/static/description" "$@" || {
    echo "== last lines of the Odoo log" >&2
    tail -n 30 "$SCRATCH/odoo.log" >&2
    exit 1
}

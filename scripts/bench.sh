#!/usr/bin/env bash
# Benchmarks Shop Sync as a shop runs Odoo in production: a fresh database with
# the module and its demo shops, Odoo with HTTP workers and the gevent websocket
# process, cron off, driven over loopback by real JSON-RPC and websocket clients
# (scripts/bench.py). Prints a markdown table; writes .dev/bench.json.
# Extra arguments go to bench.py (e.g. --samples 50 --rounds 50 for a quick run).
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ODOO=$(require_odoo)
ODOO_PID=
# shellcheck disable=SC2317  # run at exit (new_scratch)
before_exit() {
    [ -n "$ODOO_PID" ] && kill "$ODOO_PID" 2>/dev/null && wait "$ODOO_PID" 2>/dev/null
}
new_scratch bench
link_addon "$SCRATCH"
DB=${ADDON_NAME}_bench
LOG=$SCRATCH/odoo.log
HTTP_PORT=$(free_port)
GEVENT_PORT=$(free_port)
read -r -a ARGS <<<"$(odoo_args "$ODOO" "$SCRATCH")"
ARGS+=(-d "$DB" --db-filter="^$DB\$")
install_demo "${ARGS[@]}"
echo "== starting Odoo: ${BENCH_WORKERS:-4} HTTP workers, gevent websocket, no cron"
"$ODOO" "${ARGS[@]}" --workers="${BENCH_WORKERS:-4}" --max-cron-threads=0 \
    --http-port="$HTTP_PORT" --gevent-port="$GEVENT_PORT" --limit-time-real=600 \
    --log-level=info --logfile="$LOG" &
ODOO_PID=$!
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" && break
    sleep 1
done
PG_VERSION=$(psql -d postgres -U odoo -tAc "SHOW server_version")
mkdir -p "$REPO_DIR/.dev"
"$(odoo_python "$ODOO")" "$REPO_DIR/scripts/bench.py" \
    --http-port "$HTTP_PORT" --gevent-port "$GEVENT_PORT" --db "$DB" --log "$LOG" \
    --json "$REPO_DIR/.dev/bench.json" --odoo-version "$("$ODOO" --version 2>/dev/null)" \
    --pg-version "$PG_VERSION" "$@"

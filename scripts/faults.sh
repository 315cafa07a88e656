#!/usr/bin/env bash
# Live fault test (scripts/faults.py): installs the module with its demo shops into
# a fresh database, then runs two Odoo servers on it (HTTP workers and websocket
# process each, as behind a load balancer) while cashiers (Point of Sale users)
# send, accept, pay and recall carts through both, some accepted and paid by two
# devices of a terminal at once; kills the worker serving a send, a claim and a
# payment, then a whole server, and restarts PostgreSQL; checks that answers of
# each kind were lost, that every cart is in exactly one place (paid orders found
# by its lines) and every notification arrived. Loopback only; bounded in count
# and time.
# Extra arguments go to faults.py (e.g. --carts 40).
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ODOO=$(require_odoo)
new_scratch faults
link_addon "$SCRATCH"
DB=${ADDON_NAME}_faults
read -r -a ARGS <<<"$(odoo_args "$ODOO" "$SCRATCH")"
ARGS+=(-d "$DB" --db-filter="^$DB\$")
install_demo "${ARGS[@]}"
PY=$(odoo_python "$ODOO")
# pg_ctl restart keeps the options the cluster was started with.
PG_RESTART=("$(pg_bin pg_ctl)" -D "$SCRATCH/pg/data" -l "$SCRATCH/pg/server.log" -m immediate -w restart)
[ "$(id -u)" = 0 ] && PG_RESTART=(runuser -u postgres -- "${PG_RESTART[@]}")
to_json() { "$PY" -c 'import json, sys; print(json.dumps(sys.argv[1:]))' "$@"; }
status=0
"$PY" "$REPO_DIR/scripts/faults.py" --db "$DB" \
    --odoo-command "$(to_json "$ODOO" "${ARGS[@]}")" \
    --pg-restart "$(to_json "${PG_RESTART[@]}")" \
    --http-ports "$(free_port)" "$(free_port)" --gevent-ports "$(free_port)" "$(free_port)" \
    --logs "$SCRATCH/odoo-a.log" "$SCRATCH/odoo-b.log" "$@" || status=$?
if [ "$status" != 0 ]; then
    mkdir -p "$REPO_DIR/.dev"
    cp "$SCRATCH"/odoo-*.log "$REPO_DIR/.dev/" 2>/dev/null || true
    echo "the servers' logs are kept in .dev/odoo-a.log and .dev/odoo-b.log" >&2
fi
exit "$status"

#!/usr/bin/env bash
# Shared helpers of the dev scripts: find Odoo (or set it up with setup.sh), run a
# private PostgreSQL cluster, link this checkout into a scratch addons folder as
# "pos_shop_sync". Sourced, never run.

ADDON_NAME=pos_shop_sync
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Prints the Odoo command ($ODOO_BIN, else `odoo` on PATH); empty when none.
find_odoo() {
    if [ -n "${ODOO_BIN:-}" ]; then
        command -v "$ODOO_BIN" || true
    else
        command -v odoo || true
    fi
}

# Prints the Odoo command: the one given ($ODOO_BIN, `odoo` on PATH), else the
# one scripts/setup.sh provides (setting it up when needed). Exits when neither.
require_odoo() {
    local odoo
    odoo=$(find_odoo)
    if [ -z "$odoo" ]; then
        odoo=$("$REPO_DIR/scripts/setup.sh") || {
            echo "error: no Odoo 18 given (\$ODOO_BIN, 'odoo' on PATH) and scripts/setup.sh failed" >&2
            exit 1
        }
    fi
    echo "$odoo"
}

# Prints the Python interpreter that runs the Odoo command $1.
odoo_python() {
    local shebang
    shebang=$(head -n 1 "$1")
    case "$shebang" in
        "#!"*python*) echo "${shebang#\#!}" ;;
        *) echo python3 ;;
    esac
}

# Prints the addons folders of the Odoo behind $1 (comma separated), or
# $ODOO_ADDONS_PATH when set. Works for odoo-bin, a pip install and a launcher
# whose shebang names the Python that imports odoo.
odoo_addons_path() {
    if [ -n "${ODOO_ADDONS_PATH:-}" ]; then
        echo "$ODOO_ADDONS_PATH"
        return
    fi
    # odoo-bin of a source tree imports odoo from its own folder.
    # shellcheck disable=SC2046  # the shebang may be "/usr/bin/env python3"
    PYTHONPATH="$(dirname "$(readlink -f "$1")")${PYTHONPATH:+:$PYTHONPATH}" \
        $(odoo_python "$1") - <<'PY'
import os
import odoo

root = os.path.dirname(os.path.abspath(odoo.__file__))
paths = [os.path.join(root, "addons"), os.path.join(os.path.dirname(root), "addons")]
print(",".join(p for p in paths if os.path.isfile(os.path.join(p, "web", "__manifest__.py"))))
PY
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# PostgreSQL refuses to run as root: as root, run its tools as the "postgres"
# system user, which owns the scratch cluster.
as_pg_user() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_bin() {
    local name=$1 dir
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        return
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/$name" ] && echo "$dir/$name" && return
    done
    echo "error: PostgreSQL's $name not found" >&2
    return 1
}

# start_pg DIR: starts (creating if needed) a cluster in DIR/pg on a free port.
# Sets PGPORT and PGHOST; the role "odoo" is its superuser.
start_pg() {
    local dir=$1
    mkdir -p "$dir/pg"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir/pg"
    chmod 700 "$dir/pg"
    if [ ! -f "$dir/pg/data/PG_VERSION" ]; then
        as_pg_user "$(pg_bin initdb)" -D "$dir/pg/data" -U odoo -A trust -E UTF8 \
            --locale=C.UTF-8 >"$dir/pg/initdb.log" 2>&1 || {
            cat "$dir/pg/initdb.log" >&2
            return 1
        }
    fi
    PGPORT=$(free_port)
    PGHOST=$dir/pg
    export PGPORT PGHOST
    as_pg_user "$(pg_bin pg_ctl)" -D "$dir/pg/data" -l "$dir/pg/server.log" -w \
        -o "-p $PGPORT -k $dir/pg -c listen_addresses='' -c fsync=off" start >/dev/null
}

stop_pg() {
    local dir=$1
    [ -f "$dir/pg/data/postmaster.pid" ] || return 0
    as_pg_user "$(pg_bin pg_ctl)" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}

# new_scratch KIND: makes $SCRATCH, a scratch folder for this run, and starts a
# PostgreSQL cluster in it; both are removed on exit, after the script's own
# before_exit function if it defines one.
new_scratch() {
    SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/$ADDON_NAME-$1.XXXXXX")
    chmod 755 "$SCRATCH"
    trap remove_scratch EXIT
    start_pg "$SCRATCH"
}

# shellcheck disable=SC2317  # run by the EXIT trap
remove_scratch() {
    if declare -F before_exit >/dev/null; then
        before_exit || true
    fi
    stop_pg "$SCRATCH"
    rm -rf "$SCRATCH"
}

# install_demo ODOO_ARGS...: installs the module with its demo shops into the
# fresh database the arguments name, with $ODOO; stops with the log's end if
# that fails.
install_demo() {
    echo "== installing $ADDON_NAME with its demo shops into a fresh database"
    # shellcheck disable=SC2153  # ODOO is the calling script's
    "$ODOO" "$@" -i "$ADDON_NAME" --stop-after-init --log-level=warn \
        >"$SCRATCH/install.log" 2>&1 || {
        tail -n 50 "$SCRATCH/install.log" >&2
        echo "error: the installation failed" >&2
        exit 1
    }
}

# link_addon DIR: DIR/addons/pos_shop_sync -> this checkout.
link_addon() {
    local dir=$1
    mkdir -p "$dir/addons"
    ln -sfn "$REPO_DIR" "$dir/addons/$ADDON_NAME"
}

# The common Odoo options: database server, addons path, loopback only.
odoo_args() {
    local odoo=$1 dir=$2
    echo "--addons-path=$(odoo_addons_path "$odoo"),$dir/addons" \
        "--db_host=$PGHOST" "--db_port=$PGPORT" "--db_user=odoo" \
        "--http-interface=127.0.0.1" "--data-dir=$dir/filestore"
}

# warm_chromium: starts the headless Chromium that Odoo's tours use once, and
# waits for it. Its first start on a machine builds the font caches, which can
# take longer than the 10 s Odoo's test browser waits before it skips the tour
# (and leaves that browser running).
warm_chromium() {
    local bin name profile
    for name in google-chrome chromium chromium-browser google-chrome-stable; do
        bin=$(command -v "$name") && break
    done
    [ -n "$bin" ] || return 0
    profile=$(mktemp -d)
    timeout -k 10 180 "$bin" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --user-data-dir="$profile" --dump-dom about:blank >/dev/null 2>&1
    rm -rf "$profile"
}

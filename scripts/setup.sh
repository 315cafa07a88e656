#!/usr/bin/env bash
# Sets up a complete Odoo 18.0 for the other scripts, outside the checkout:
#   - the source: $ODOO_SOURCE (a folder or a .tar.gz holding an Odoo 18.0 tree),
#     else ../shared/odoo/odoo-18.0.tar.gz beside the checkout when there is one,
#     else Odoo's official 18.0 source at the pinned commit $ODOO_COMMIT;
#   - a Python environment with Odoo's requirements (the pins a current Python
#     needs), websocket-client and requirements-test.txt;
#   - an `odoo` launcher that imports that source;
#   - the missing system packages (PostgreSQL server, chromium, shellcheck, ...),
#     with apt-get when run as root, else an error naming them.
# Everything lives in $POS_SHOP_SYNC_CACHE (default
# ${XDG_CACHE_HOME:-~/.cache}/pos_shop_sync), one folder per source and
# requirements, built aside and moved into place only once complete.
# Prints the launcher's path as its last line. An Odoo given by $ODOO_BIN or an
# `odoo` command on PATH is not this script's business: the scripts use those
# without calling it.
set -euo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Odoo's official 18.0 branch at a nightly build of 2025-05-03; git checks the
# fetched tree against this hash.
ODOO_REPO_URL=${ODOO_REPO_URL:-https://github.com/odoo/odoo.git}
ODOO_COMMIT=14b53e0ef7738bfe0681ebf4f5eaedadf18bf9e8
# Odoo's requirements.txt as a current Python installs it (../shared/odoo/README.md):
# cbor2 5.4.2's sdist no longer builds, python-ldap needs the LDAP headers and Odoo
# runs without it, newer zope packages break the gevent (websocket) process.
EXTRA_REQUIREMENTS="websocket-client==1.8.0 zope.interface==6.4.post2 zope.event==5.0"
BUILD_REQUIREMENTS=("setuptools<70" wheel)
# This project's machines keep Odoo's 18.0 source archive beside the checkout: it is
# the source when ODOO_SOURCE is not set (no download needed).
SHARED_ARCHIVE=$REPO_DIR/../shared/odoo/odoo-18.0.tar.gz
if [ -z "${ODOO_SOURCE:-}" ] && [ -f "$SHARED_ARCHIVE" ]; then
    ODOO_SOURCE=$(readlink -f "$SHARED_ARCHIVE")
fi
CACHE=${POS_SHOP_SYNC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/$ADDON_NAME}
PYTHON=${ODOO_PYTHON:-python3}

say() { echo "setup: $*" >&2; }
die() {
    echo "setup: error: $*" >&2
    exit 1
}

# --- system packages ----------------------------------------------------------
# "command package" pairs: what the scripts run, and the Debian package that has it.
SYSTEM_TOOLS="initdb:postgresql pg_ctl:postgresql psql:postgresql-client
chromium:chromium shellcheck:shellcheck curl:curl git:git npm:npm gcc:gcc"

missing_packages() {
    local pair cmd pkg missing=()
    for pair in $SYSTEM_TOOLS; do
        cmd=${pair%%:*}
        pkg=${pair#*:}
        if [[ $cmd == initdb || $cmd == pg_ctl ]]; then
            pg_bin "$cmd" >/dev/null 2>&1 && continue
        else
            command -v "$cmd" >/dev/null 2>&1 && continue
        fi
        [[ " ${missing[*]} " == *" $pkg "* ]] || missing+=("$pkg")
    done
    # The requirements build a few C extensions against Python's headers.
    if ! "$PYTHON" -c 'import sysconfig, os, sys
sys.exit(not os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
        2>/dev/null; then
        missing+=("python3-dev")
    fi
    "$PYTHON" -c 'import ensurepip' 2>/dev/null || missing+=("python3-venv")
    echo "${missing[*]}"
}

ensure_system_packages() {
    local missing
    missing=$(missing_packages)
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        die "missing system packages: $missing
    install them with:  sudo apt-get update && sudo apt-get install -y $missing"
    fi
    command -v apt-get >/dev/null || die "missing system packages: $missing (and no apt-get to install them)"
    say "installing system packages: $missing"
    # shellcheck disable=SC2086  # one word per package
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends $missing; } >"${TMPDIR:-/tmp}/$ADDON_NAME-apt.log" 2>&1 || {
        tail -n 20 "${TMPDIR:-/tmp}/$ADDON_NAME-apt.log" >&2
        die "apt-get could not install: $missing"
    }
    missing=$(missing_packages)
    [ -z "$missing" ] || die "still missing after apt-get: $missing"
}

# --- the source ---------------------------------------------------------------
# check_tree DIR: DIR is an Odoo 18.0 source tree, or the script stops saying why.
check_tree() {
    local dir=$1 what
    for what in odoo-bin odoo/release.py addons/web/__manifest__.py requirements.txt; do
        [ -e "$dir/$what" ] || die "$2 is not an Odoo source tree: no $what in it"
    done
    grep -Eq "^version_info = \(18, 0," "$dir/odoo/release.py" ||
        die "$2 is not Odoo 18.0: odoo/release.py says $(grep -E '^version_info' "$dir/odoo/release.py")"
}

# source_key: a short hash naming the source, computed without unpacking it.
source_key() {
    if [ -z "${ODOO_SOURCE:-}" ]; then
        echo "git-$ODOO_COMMIT"
    elif [ -d "$ODOO_SOURCE" ]; then
        echo "dir-$(readlink -f "$ODOO_SOURCE")"
    else
        # The archive's identity, without reading 90 MB on every run: path, size
        # and time, with the checksum cached under that identity.
        local id sums=$CACHE/.archive-sums
        id="$(readlink -f "$ODOO_SOURCE") $(stat -c '%s %Y' "$ODOO_SOURCE")"
        mkdir -p "$CACHE"
        if ! grep -F "$id " "$sums" 2>/dev/null | tail -n 1 | awk '{print "tgz-" $NF}' | grep .; then
            local sum
            sum=$(sha256sum "$ODOO_SOURCE" | cut -d' ' -f1)
            echo "$id $sum" >>"$sums"
            echo "tgz-$sum"
        fi
    fi
}

# fetch_source DEST: puts an Odoo 18.0 tree at DEST (a new folder), or a link to
# $ODOO_SOURCE when that is a folder.
fetch_source() {
    local dest=$1 top
    if [ -z "${ODOO_SOURCE:-}" ]; then
        say "downloading Odoo 18.0 at commit $ODOO_COMMIT"
        git init -q "$dest"
        git -C "$dest" fetch -q --depth 1 "$ODOO_REPO_URL" "$ODOO_COMMIT" ||
            die "could not download Odoo's source from $ODOO_REPO_URL (set ODOO_SOURCE to a local copy)"
        git -C "$dest" checkout -q FETCH_HEAD
        [ "$(git -C "$dest" rev-parse HEAD)" = "$ODOO_COMMIT" ] ||
            die "the downloaded source is not commit $ODOO_COMMIT"
        rm -rf "$dest/.git"
        check_tree "$dest" "the downloaded source"
    elif [ -d "$ODOO_SOURCE" ]; then
        check_tree "$ODOO_SOURCE" "ODOO_SOURCE=$ODOO_SOURCE"
        ln -s "$(readlink -f "$ODOO_SOURCE")" "$dest"
    else
        say "unpacking $ODOO_SOURCE"
        mkdir "$dest.unpack"
        tar -xzf "$ODOO_SOURCE" -C "$dest.unpack" ||
            die "ODOO_SOURCE=$ODOO_SOURCE could not be unpacked as a .tar.gz"
        # The tree is the archive's top folder or its only subfolder.
        top=$dest.unpack
        if [ ! -e "$top/odoo-bin" ] && [ "$(find "$top" -mindepth 1 -maxdepth 1 | wc -l)" = 1 ]; then
            top=$(find "$top" -mindepth 1 -maxdepth 1)
        fi
        check_tree "$top" "ODOO_SOURCE=$ODOO_SOURCE"
        mv "$top" "$dest"
        rm -rf "$dest.unpack"
    fi
}

# --- the Python environment ---------------------------------------------------
# adapted_requirements TREE: Odoo's requirements.txt as this Python installs it.
adapted_requirements() {
    sed -E -e 's/^cbor2==5\.4\.2\b/cbor2==5.4.6/' -e '/^python-ldap/d' "$1/requirements.txt"
    tr ' ' '\n' <<<"$EXTRA_REQUIREMENTS"
    grep -Ev '^\s*(#|$)' "$REPO_DIR/requirements-test.txt"
}

build_env() {
    local build=$1 final=$2 py
    fetch_source "$build/odoo"
    say "creating the Python environment ($("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv "$build/venv"
    py=$build/venv/bin/python
    adapted_requirements "$build/odoo" >"$build/requirements.txt"
    say "installing Odoo's requirements (a minute or two the first time)"
    { "$py" -m pip install -q --disable-pip-version-check "${BUILD_REQUIREMENTS[@]}" &&
        "$py" -m pip install -q --disable-pip-version-check --no-build-isolation \
            -r "$build/requirements.txt"; } >"$build/pip.log" 2>&1 || {
        tail -n 30 "$build/pip.log" >&2
        die "pip could not install Odoo's requirements (log above)"
    }
    # Odoo imports from the source tree, named by its final place.
    echo "$final/odoo" >"$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/odoo-source.pth"
    mkdir -p "$build/bin"
    # A launcher of its own: Odoo's setup.py console script wants psycopg2, while
    # the requirements install psycopg2-binary. The environment's bin folder goes
    # first on PATH because Odoo restarts itself (after installing modules in a
    # running server) as plain "python", looked up on PATH.
    cat >"$build/bin/odoo" <<EOF
#!$final/venv/bin/python
import os

os.environ["PATH"] = "$final/venv/bin" + os.pathsep + os.environ.get("PATH", "")
import odoo  # noqa: E402

odoo.cli.main()
EOF
    chmod +x "$build/bin/odoo"
    PYTHONPATH=$build/odoo "$py" -c 'import odoo, gevent, websocket, hypothesis' ||
        die "the new environment cannot import Odoo and its test tools"
}

main() {
    ensure_system_packages
    local pyver key dir
    pyver=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])') ||
        die "no Python at '$PYTHON' (set ODOO_PYTHON)"
    case "$pyver" in
        3.10 | 3.11 | 3.12) ;;
        *) die "Odoo 18.0 runs on Python 3.10 to 3.12; $PYTHON is $pyver (set ODOO_PYTHON)" ;;
    esac
    if [ -n "${ODOO_SOURCE:-}" ] && [ ! -e "$ODOO_SOURCE" ]; then
        die "ODOO_SOURCE=$ODOO_SOURCE does not exist (a folder or a .tar.gz of Odoo 18.0)"
    fi
    key=$({
        source_key
        echo "$pyver $(readlink -f "$(command -v "$PYTHON")")"
        echo "$EXTRA_REQUIREMENTS ${BUILD_REQUIREMENTS[*]}"
        cat "$REPO_DIR/requirements-test.txt"
        sed -n '/^adapted_requirements()/,/^}/p;/^build_env()/,/^}/p' "${BASH_SOURCE[0]}"
    } | sha256sum | cut -c1-16)
    dir=$CACHE/odoo-18.0-$key
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.lock"
    flock 9
    if [ ! -x "$dir/bin/odoo" ]; then
        # Leftovers of interrupted runs (the lock says none is running).
        rm -rf "$CACHE"/.build-*
        BUILD_DIR=$CACHE/.build-$key-$$
        trap 'rm -rf "$BUILD_DIR"' EXIT
        mkdir -p "$BUILD_DIR"
        build_env "$BUILD_DIR" "$dir"
        rm -f "$BUILD_DIR/pip.log"
        mv "$BUILD_DIR" "$dir"
        trap - EXIT
        say "ready: $dir (set up in ${SECONDS} s)"
    else
        say "ready: $dir (cached)"
    fi
    echo "$dir/bin/odoo"
}

main "$@"

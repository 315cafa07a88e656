#!/usr/bin/env bash
# Runs every check: ruff, ruff format, pylint-odoo (mandatory checks), prettier,
# eslint, shellcheck, the wheel's contents, then the Odoo test suite (Python tests
# and tours) in a fresh database, and the live fault test (scripts/faults.sh).
# Odoo is $ODOO_BIN or `odoo` on PATH, else the one scripts/setup.sh sets up; when
# there is none, the suite counts as failed.
# `--lint-only` runs the Odoo-free checks alone.
# Ends with one line "pos_shop_sync: N passed, N failed".
set -uo pipefail
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_DIR" || exit 1

LINT_ONLY=
case "${1:-}" in
    --lint-only) LINT_ONLY=1 ;;
    "") ;;
    *)
        echo "usage: scripts/test.sh [--lint-only]" >&2
        exit 2
        ;;
esac

passed=0
failed=0
check() {
    local name=$1
    shift
    echo "== $name"
    if "$@"; then
        passed=$((passed + 1))
    else
        echo "FAILED: $name"
        failed=$((failed + 1))
    fi
}

# --- Odoo-free checks -------------------------------------------------------
LINT_VENV=$REPO_DIR/.venv-lint
LINT_PINS="ruff==0.6.8 pylint-odoo==9.1.3 whool==1.3.1"
if [ "$(cat "$LINT_VENV/.pins" 2>/dev/null)" != "$LINT_PINS" ]; then
    echo "== installing lint tools into .venv-lint ($LINT_PINS)"
    rm -rf "$LINT_VENV"
    # shellcheck disable=SC2086  # one word per pin
    if ! { python3 -m venv "$LINT_VENV" && "$LINT_VENV/bin/pip" install -q $LINT_PINS; }; then
        echo "error: could not install the lint tools" >&2
        exit 1
    fi
    echo "$LINT_PINS" >"$LINT_VENV/.pins"
fi
check "ruff check" "$LINT_VENV/bin/ruff" check --no-fix .
check "ruff format --check" "$LINT_VENV/bin/ruff" format --check .
# pylint-odoo looks for the manifest below the git top folder only: lint a copy
# of the tracked and new files placed as an addon inside a repository.
pylint_odoo() {
    local tmp status
    tmp=$(mktemp -d)
    mkdir "$tmp/$ADDON_NAME"
    git ls-files -z -co --exclude-standard | xargs -0 cp --parents -t "$tmp/$ADDON_NAME"
    git -C "$tmp" init -q
    (cd "$tmp" && "$LINT_VENV/bin/pylint" --rcfile="$REPO_DIR/.pylintrc-mandatory" \
        --score=n "$ADDON_NAME")
    status=$?
    rm -rf "$tmp"
    return $status
}
check "pylint-odoo (mandatory checks)" pylint_odoo
# prettier (JS, XML, YAML, Markdown) and eslint, pinned in package-lock.json.
if [ ! -f node_modules/.package-lock.json ] ||
    ! cmp -s package-lock.json node_modules/.pins; then
    echo "== installing prettier and eslint into node_modules (npm ci)"
    if ! npm ci --no-audit --no-fund --loglevel=error; then
        echo "error: could not install the npm lint tools" >&2
        exit 1
    fi
    cp package-lock.json node_modules/.pins
fi
check "prettier --check" npx --no-install prettier --check --log-level=warn .
check "eslint" npx --no-install eslint --max-warnings 0 static/src static/tests
if ! command -v shellcheck >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "== installing shellcheck (apt-get)"
    { apt-get update -qq && apt-get install -y -qq shellcheck; } >/dev/null 2>&1
fi
check "shellcheck" shellcheck -x scripts/*.sh .ci/run
# The wheel as pip builds it (whool, from a copy of the tracked and new files in
# a folder named after the addon, as its distribution name comes from there).
check_wheel() {
    local tmp status
    tmp=$(mktemp -d)
    mkdir "$tmp/$ADDON_NAME" "$tmp/dist"
    git ls-files -z -co --exclude-standard | xargs -0 cp --parents -t "$tmp/$ADDON_NAME"
    git -C "$tmp/$ADDON_NAME" init -q && git -C "$tmp/$ADDON_NAME" add -A &&
        (cd "$tmp/$ADDON_NAME" && WHOOL_POST_VERSION_STRATEGY_OVERRIDE=none \
            "$LINT_VENV/bin/pip" wheel -q --disable-pip-version-check --no-deps \
            --no-build-isolation -w "$tmp/dist" .) &&
        "$LINT_VENV/bin/python" scripts/check_wheel.py "$tmp"/dist/odoo_addon_"$ADDON_NAME"-18.0.*.whl
    status=$?
    rm -rf "$tmp"
    return $status
}
check "wheel (pip wheel .)" check_wheel

if [ -n "$LINT_ONLY" ]; then
    echo
    echo "Lint only: the Odoo test suite was not run."
    echo "$ADDON_NAME (lint only, Odoo suite not run): $passed passed, $failed failed"
    [ "$failed" = 0 ]
    exit
fi

# --- Odoo suite -------------------------------------------------------------
ODOO=$(find_odoo)
ODOO_SET_UP=
if [ -z "$ODOO" ]; then
    echo "== no Odoo given (\$ODOO_BIN, 'odoo' on PATH): scripts/setup.sh"
    if ODOO=$(scripts/setup.sh); then
        ODOO_SET_UP=1
    else
        echo
        echo "FAILED: no Odoo 18 and scripts/setup.sh could not set one up: the Odoo test suite did NOT run."
        echo "$ADDON_NAME: $passed passed, $((failed + 1)) failed"
        exit 1
    fi
fi

# Test dependencies (requirements-test.txt), for Odoo's Python, in a folder put
# on its PYTHONPATH: reinstalled only when the pins change, never into Odoo's venv.
# An Odoo set up by setup.sh has them already.
TEST_DEPS=$REPO_DIR/.dev/test-deps
if [ -z "$ODOO_SET_UP" ] && ! cmp -s requirements-test.txt "$TEST_DEPS/.pins"; then
    echo "== installing the test dependencies into .dev/test-deps (requirements-test.txt)"
    rm -rf "$TEST_DEPS"
    # shellcheck disable=SC2046  # the shebang may be "/usr/bin/env python3"
    if ! $(odoo_python "$ODOO") -m pip install -q --disable-pip-version-check \
        --target "$TEST_DEPS" -r requirements-test.txt; then
        echo "error: could not install the test dependencies" >&2
        exit 1
    fi
    cp requirements-test.txt "$TEST_DEPS/.pins"
fi
export PYTHONPATH=$TEST_DEPS${PYTHONPATH:+:$PYTHONPATH}
# hypothesis caches what it reads of the code there, not in the checkout's root.
export HYPOTHESIS_STORAGE_DIRECTORY=$REPO_DIR/.dev/hypothesis

KEPT_LOG=$REPO_DIR/.dev/test-odoo.log
ODOO_PGID=
# shellcheck disable=SC2317  # run at exit (new_scratch)
before_exit() {
    [ -n "$ODOO_PGID" ] && kill -KILL -- "-$ODOO_PGID" 2>/dev/null
    mkdir -p "$(dirname "$KEPT_LOG")"
    cp "$SCRATCH/odoo.log" "$KEPT_LOG" 2>/dev/null
}
new_scratch test || exit 1
link_addon "$SCRATCH"
LOG=$SCRATCH/odoo.log
echo "== Odoo suite: $ODOO ($("$ODOO" --version 2>/dev/null)), full log kept in $KEPT_LOG"
warm_chromium
OPTIONAL_MODULES=pos_restaurant,pos_loyalty,pos_discount,pos_sale
# Odoo writes to a file, not a pipe: a browser that Odoo leaves running must not
# keep the run waiting. `timeout` makes a process group of Odoo and everything it
# starts, killed as a whole once Odoo has ended (or after ODOO_SUITE_TIMEOUT).
# Odoo's optional POS modules are installed beside the module, as in most real
# databases: carts carry their lines (rewards, global discounts, sales orders),
# and every terminal must keep working with them (the module depends on none).
# shellcheck disable=SC2046,SC2086  # odoo_args and $ODOO_TEST_ARGS are word lists
timeout -k 30 "${ODOO_SUITE_TIMEOUT:-45m}" "$ODOO" $(odoo_args "$ODOO" "$SCRATCH") \
    -d "${ADDON_NAME}_test" --http-port="$(free_port)" --gevent-port="$(free_port)" \
    -i "$ADDON_NAME,$OPTIONAL_MODULES" --test-enable --test-tags "/$ADDON_NAME" \
    --stop-after-init --log-level=test ${ODOO_TEST_ARGS:-} >"$LOG" 2>&1 </dev/null &
ODOO_PGID=$!
tail -n +1 -F --pid="$ODOO_PGID" "$LOG" 2>/dev/null |
    grep -E --line-buffered " (ERROR|CRITICAL|WARNING) | odoo\.tests\.(result|stats)|post-tests in|: (FAIL|ERROR): |Ran [0-9]+ test|skipped " &
shown=$!
wait "$ODOO_PGID"
odoo_rc=$?
kill -KILL -- "-$ODOO_PGID" 2>/dev/null
ODOO_PGID=
wait "$shown"
[ "$odoo_rc" = 124 ] && echo "FAILED: the Odoo suite did not end within ${ODOO_SUITE_TIMEOUT:-45m}"

summary=$(grep -E "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading" "$LOG" | tail -n 1)
if [ -z "$summary" ]; then
    echo "error: Odoo printed no test summary (exit code $odoo_rc)"
    failed=$((failed + 1))
else
    read -r t_failed t_errors t_run < <(echo "$summary" |
        sed -E 's/.* ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/')
    t_skipped=$(grep -cE "odoo\.tests\.[a-z_.]*: skipped |\bskipped [^ ]+ : " "$LOG")
    t_errorlines=$(grep -cE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$LOG")
    echo "Odoo: $t_run tests run, $t_failed failed, $t_errors errors, $t_skipped skipped," \
        "$t_errorlines ERROR lines in the log, exit code $odoo_rc"
    [ "$t_skipped" != 0 ] && echo "FAILED: skipped tests are not allowed (a tour needs chromium and websocket-client)"
    [ "$t_errorlines" != 0 ] && echo "FAILED: the log has ERROR lines"
    bad=$((t_failed + t_errors + t_skipped))
    passed=$((passed + t_run - bad))
    failed=$((failed + bad))
    if [ "$t_errorlines" != 0 ] || [ "$odoo_rc" != 0 ] && [ "$bad" = 0 ]; then
        failed=$((failed + 1))
    fi
    if [ "$t_run" = 0 ]; then
        echo "FAILED: no Odoo test ran"
        failed=$((failed + 1))
    fi
fi
# Without the optional modules: the module installs alone (point_of_sale only)
# and its core tests and first tour pass there (their hooks must not need them).
smoke_without_optional_modules() {
    local log=$SCRATCH/odoo-smoke.log summary
    # shellcheck disable=SC2046  # odoo_args is a word list
    timeout -k 30 20m "$ODOO" $(odoo_args "$ODOO" "$SCRATCH") \
        -d "${ADDON_NAME}_smoke" --http-port="$(free_port)" --gevent-port="$(free_port)" \
        -i "$ADDON_NAME" --test-enable --test-tags "$SMOKE_TAGS" \
        --stop-after-init --log-level=test >"$log" 2>&1 </dev/null
    local rc=$?
    cp "$log" "$REPO_DIR/.dev/test-odoo-smoke.log" 2>/dev/null
    summary=$(grep -E "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading" "$log" | tail -n 1)
    echo "without $OPTIONAL_MODULES: ${summary:-no test summary} (exit code $rc)"
    if grep -qE "module (${OPTIONAL_MODULES//,/|}): (loading|creating)" "$log"; then
        echo "an optional module was installed in the smoke run"
        return 1
    fi
    [ "$rc" = 0 ] && [ -n "$summary" ] && ! grep -qE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" &&
        ! grep -qE "odoo\.tests\.[a-z_.]*: skipped |\bskipped [^ ]+ : " "$log" &&
        echo "$summary" | grep -qE "^.* 0 failed, 0 error\(s\) of [1-9][0-9]* tests"
}
SMOKE_TAGS="/$ADDON_NAME:TestSend,/$ADDON_NAME:TestIncomingAndClaim,/$ADDON_NAME:TestDone"
SMOKE_TAGS+=",/$ADDON_NAME:TestCartChecker,/$ADDON_NAME:TestShopSyncUi.test_01_assigned_end_to_end"
SMOKE_TAGS+=",/$ADDON_NAME:TestRefund"
check "install and smoke tests without $OPTIONAL_MODULES" smoke_without_optional_modules
# Two Odoo servers on one database, a worker and a server killed and PostgreSQL
# restarted during a run of transfers (scripts/faults.py); about 3 minutes.
check "live fault test (two servers)" timeout -k 30 15m env ODOO_BIN="$ODOO" scripts/faults.sh
echo "$ADDON_NAME: $passed passed, $failed failed"
[ "$failed" = 0 ]

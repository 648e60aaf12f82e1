#!/usr/bin/env bash
# Run the test suite on SQLite, then on PostgreSQL when FEEDBACK_TEST_DATABASE_URL is set.
# pytest's exit code 5 means no test ran: that is a failure here, not a pass.
set -uo pipefail
cd "$(dirname "$0")/.."
# -rs lists every skipped test with its reason at the end of each pass.
PYTEST=(.venv/bin/python -m pytest -p no:cacheprovider -rs "$@")

run_pass() {
    local name=$1; shift
    echo "== tests on ${name} =="
    "$@"
    local code=$?
    if [ "$code" -eq 5 ]; then
        echo "!! no tests were collected for ${name}: treating that as a failure" >&2
        return 1
    fi
    return "$code"
}

status=0
FEEDBACK_TEST_DATABASE_URL= run_pass "SQLite" "${PYTEST[@]}" || status=1
if [ -n "${FEEDBACK_TEST_DATABASE_URL:-}" ]; then
    # Pure packages (insight, qr) do not touch a database: run them once, above.
    run_pass "PostgreSQL" "${PYTEST[@]}" tests/web tests/browser || status=1
else
    echo "== PostgreSQL pass skipped: set FEEDBACK_TEST_DATABASE_URL to run it =="
fi
exit "$status"

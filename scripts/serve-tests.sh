#!/usr/bin/env bash
# Runs the third-party clients (boto3, pycognito, joserfc) against `cognito-session serve`.
# Usage: scripts/serve-tests.sh [PYTHON]   (or PYTHON=... in the environment; default python3)
# scripts/test.sh calls it with its venv's python after building; the tool binary is
# $COGNITO_SESSION_BIN, else the one in `swift build --show-bin-path`.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${1:-${PYTHON:-python3}}
# The releases these tests were written against (CognitoSession.docc/Testing.md).
REQUIREMENTS=("boto3>=1.38" "pycognito==2024.5.1" "joserfc==1.8.0" "pytest>=8" "selenium>=4.20")

if ! "$PYTHON" -c 'import boto3, pycognito, joserfc, pytest, selenium' 2>/dev/null; then
    echo "==> installing ${REQUIREMENTS[*]} for $PYTHON"
    "$PYTHON" -m pip install --quiet "${REQUIREMENTS[@]}"
fi

# The hosted-UI test drives a real browser: Debian's chromium and its driver (test_hosted_ui_browser.py).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "==> installing Debian's chromium and chromium-driver"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
    fi
fi

BIN=${COGNITO_SESSION_BIN:-"$(swift build --show-bin-path)/cognito-session"}
export COGNITO_SESSION_BIN=$BIN   # test_state_and_config.py starts servers of its own
[ -x "$BIN" ] || { echo "FAILED: $BIN is not built (swift build --product cognito-session)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=
stop_server() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "==> starting cognito-session serve --port 0"
"$BIN" serve --port 0 >"$work/stdout" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 300); do
    [ -s "$work/stdout" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "FAILED: serve did not start" >&2; exit 1; }
    sleep 0.1
done
first=$(head -n 1 "$work/stdout")
case "$first" in
    "listening on http://127.0.0.1:"[0-9]*) echo "$first" ;;
    *) echo "FAILED: serve's first line was '$first', not 'listening on http://127.0.0.1:PORT'" >&2; exit 1 ;;
esac
export COGNITO_SERVE_URL=${first#listening on }

echo "==> pytest Tests/ServePythonTests"
"$PYTHON" -m pytest -q -p no:cacheprovider Tests/ServePythonTests | tee "$work/pytest.log"

# SIGTERM stops the server cleanly (status 0).
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=
[ "$status" = 0 ] || { echo "FAILED: serve exited with status $status on SIGTERM" >&2; exit 1; }
if grep -F -e "Correct-h0rse" -e "Temp-0rary!" "$work/server.log"; then
    echo "FAILED: the server's log shows a password (above)" >&2
    exit 1
fi
summary=$(grep -E '[0-9]+ passed' "$work/pytest.log" | tail -n 1)
echo "serve tests: $summary"

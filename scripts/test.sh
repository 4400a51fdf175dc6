#!/usr/bin/env bash
# Runs every test of swift-cognito-session on a fresh machine: installs what the tests need,
# builds with warnings treated as failures, starts moto's Cognito emulator on 127.0.0.1 for the
# integration tests, runs the whole suite, stops moto, and checks that the benchmark package
# still builds. Usage: ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# The moto release the integration tests were written against (CognitoSession.docc/Integration.md).
MOTO_VERSION=5.2.1

# libcrypto headers (OpenSSL 3) for the CCognitoOpenSSL system library target.
if ! pkg-config --exists 'libcrypto >= 3.0' 2>/dev/null; then
    echo "==> installing libssl-dev and pkg-config"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libssl-dev pkg-config; \
    else sudo apt-get update -qq && sudo apt-get install -y -qq libssl-dev pkg-config; fi
fi

# moto[server] (PyPI) for CognitoSessionIntegrationTests, boto3 with it, in the repository's own
# virtual environment .venv (gitignored): a stock Debian python3 refuses pip installs into the
# system (PEP 668). Every Python this script runs is .venv/bin/python, and plain `swift test`
# starts moto with it too.
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    echo "==> creating the virtual environment .venv"
    rm -rf .venv
    if ! python3 -m venv .venv 2>/dev/null; then
        # Debian and Ubuntu ship venv's ensurepip separately (python3-venv).
        echo "==> installing python3-venv"
        rm -rf .venv
        if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv; \
        else sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv; fi
        python3 -m venv .venv
    fi
fi
PYTHON=.venv/bin/python
if ! "$PYTHON" -c "
import importlib.metadata, sys
import moto.moto_server.werkzeug_app, moto.cognitoidp.models, boto3
sys.exit(importlib.metadata.version('moto') != '$MOTO_VERSION')" 2>/dev/null; then
    echo "==> installing moto[server]==$MOTO_VERSION into .venv"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
fi

# PostgreSQL (Debian's packages) for CognitoSessionPostgresTests: scripts/postgres.sh.
scripts/postgres.sh install

log=$(mktemp)
moto_dir=$(mktemp -d)
moto_pid=
postgres_pid=
stop_postgres() {
    if [ -n "$postgres_pid" ]; then
        # The end of its standard input stops the server and deletes its folder.
        exec 4>&-
        wait "$postgres_pid" 2>/dev/null || true
        postgres_pid=
    fi
}
stop_moto() {
    if [ -n "$moto_pid" ]; then
        kill "$moto_pid" 2>/dev/null || true
        wait "$moto_pid" 2>/dev/null || true
        moto_pid=
    fi
}
# Whatever ends this script (a failed test, an error, Ctrl-C), moto is stopped; on a failure the
# end of its log is printed, and the log kept.
finish() {
    status=$?
    stop_moto
    stop_postgres
    if [ "$status" != 0 ] && [ -s "$moto_dir/server.log" ]; then
        echo "==> the last 80 lines of moto's log ($moto_dir/server.log, kept)" >&2
        tail -n 80 "$moto_dir/server.log" >&2
        rm -rf "$log"
    else
        rm -rf "$log" "$moto_dir"
    fi
}
trap finish EXIT
trap 'exit 130' INT TERM

echo "==> swift build --build-tests"
swift build --build-tests 2>&1 | tee "$log"
# Our own sources must build without a single warning (dependencies are not ours to fix).
if grep -E 'warning:' "$log" | grep -vE '/\.build[^/]*/' | grep -E '/(Sources|Tests|Benchmarks)/'; then
    echo "FAILED: the build printed warnings in this package's sources (above)" >&2
    exit 1
fi

echo "==> swift format lint (the code follows .swift-format)"
swift format lint --strict -r Sources Tests Benchmarks/Sources Fuzz/Sources

echo "==> starting moto on 127.0.0.1"
# --exit-with-parent: a SIGKILLed run leaves no server behind either.
"$PYTHON" scripts/moto-server.py --exit-with-parent "$moto_dir/port" >"$moto_dir/server.log" 2>&1 &
moto_pid=$!
for _ in $(seq 300); do
    [ -s "$moto_dir/port" ] && break
    kill -0 "$moto_pid" 2>/dev/null || { echo "FAILED: moto did not start" >&2; exit 1; }
    sleep 0.1
done
[ -s "$moto_dir/port" ] || { echo "FAILED: moto did not listen within 30 s" >&2; exit 1; }
head -n 1 "$moto_dir/server.log"
"$PYTHON" scripts/moto-setup.py "http://127.0.0.1:$(cat "$moto_dir/port")" "$moto_dir/pool.json"
export COGNITO_MOTO_CONFIG="$moto_dir/pool.json"
# The tool the command-line integration tests run (built above with the tests).
export COGNITO_SESSION_BIN="$(swift build --show-bin-path)/cognito-session"
unset COGNITO_SKIP_INTEGRATION

echo "==> starting a throw-away PostgreSQL server on 127.0.0.1"
# Its standard input is fd 4 of this script: when the script ends, however it ends, the server
# stops and its folder is deleted (scripts/postgres.sh serve).
exec 4> >(exec scripts/postgres.sh serve >"$moto_dir/postgres.out")
postgres_pid=$!
for _ in $(seq 1200); do
    grep -q '^url ' "$moto_dir/postgres.out" 2>/dev/null && break
    kill -0 "$postgres_pid" 2>/dev/null || { echo "FAILED: PostgreSQL did not start" >&2; exit 1; }
    sleep 0.1
done
grep -q '^url ' "$moto_dir/postgres.out" || { echo "FAILED: PostgreSQL did not start within 120 s" >&2; exit 1; }
export COGNITO_POSTGRES_URL=$(sed -n 's/^url //p' "$moto_dir/postgres.out")
echo "PostgreSQL at $COGNITO_POSTGRES_URL"

echo "==> swift test"
swift test --skip-build 2>&1 | tee "$log"
stop_moto
stop_postgres
# Every test runs here: a skipped one (COGNITO_SKIP_INTEGRATION or any other) fails the run.
if grep -E '^[^ ]+ Test .* skipped(: .*|\.)?$' "$log"; then
    echo "FAILED: tests were skipped (above)" >&2
    exit 1
fi
# pipefail stops the script above if any test failed; make sure tests really ran.
total=$(grep -E 'Test run with [0-9]+ tests? .*passed' "$log" | tail -n 1 | sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/')
[ -n "$total" ] && [ "$total" -gt 0 ] || { echo "FAILED: no Swift Testing run was reported" >&2; exit 1; }

echo "==> third-party clients (boto3, pycognito, a JOSE library) against cognito-session serve"
COGNITO_SESSION_BIN="$COGNITO_SESSION_BIN" scripts/serve-tests.sh "$PYTHON"

echo "==> the README's main job: swift run cognito-session demo"
swift run --skip-build cognito-session demo

echo "==> API documentation builds without warnings"
for target in CognitoSession CognitoSessionTesting CognitoSessionPostgres; do
    swift package --disable-sandbox generate-documentation --target "$target" \
        --output-path "$moto_dir/docs-$target" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
    if grep -E '^warning:' "$log"; then echo "FAILED: DocC warnings for $target (above)" >&2; exit 1; fi
done

echo "==> benchmark package builds"
swift build --package-path Benchmarks 2>&1 | tail -n 1

echo "==> fuzzing: each libFuzzer target for a bounded number of inputs (Fuzz/README.md)"
./scripts/fuzz.sh

echo "tests: $total passed, 0 failed"

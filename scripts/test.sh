#!/usr/bin/env bash
# Runs every test of swift-cognito-session on a fresh machine: installs what the tests need,
# builds with warnings treated as failures, runs the whole suite, and checks that the
# benchmark package still builds. Usage: ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# libcrypto headers (OpenSSL 3) for the CCognitoOpenSSL system library target.
if ! pkg-config --exists 'libcrypto >= 3.0' 2>/dev/null; then
    echo "==> installing libssl-dev and pkg-config"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libssl-dev pkg-config; \
    else sudo apt-get update -qq && sudo apt-get install -y -qq libssl-dev pkg-config; fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "==> swift build --build-tests"
swift build --build-tests 2>&1 | tee "$log"
# Our own sources must build without a single warning (dependencies are not ours to fix).
if grep -E 'warning:' "$log" | grep -vE '/\.build[^/]*/' | grep -E '/(Sources|Tests|Benchmarks)/'; then
    echo "FAILED: the build printed warnings in this package's sources (above)" >&2
    exit 1
fi

echo "==> swift test"
swift test --skip-build 2>&1 | tee "$log"
# pipefail stops the script above if any test failed; make sure tests really ran.
total=$(grep -E 'Test run with [0-9]+ tests? .*passed' "$log" | tail -n 1 | sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/')
[ -n "$total" ] && [ "$total" -gt 0 ] || { echo "FAILED: no Swift Testing run was reported" >&2; exit 1; }

echo "==> the README's main job: swift run cognito-session demo"
swift run --skip-build cognito-session demo

echo "==> benchmark package builds"
swift build --package-path Benchmarks 2>&1 | tail -n 1

echo "tests: $total passed, 0 failed"

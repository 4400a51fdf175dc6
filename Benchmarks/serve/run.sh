#!/usr/bin/env bash
# Sign-ins per second and GetUser calls per second, cognito-session serve beside moto, same workload,
# same run, with wrk as the load generator (CognitoSession.docc/Performance.md records the figures).
# Usage: Benchmarks/serve/run.sh [PYTHON]   (PYTHON needs boto3 and moto[server]==5.2.1)
# Environment: DURATION (default 10s), CONNECTIONS (default 8), THREADS (default 1), ROUNDS (default 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${1:-${PYTHON:-python3}}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
"$PYTHON" -c 'import boto3, moto' 2>/dev/null || { echo "$PYTHON needs boto3 and moto[server]==5.2.1" >&2; exit 1; }

swift build -c release --product cognito-session 2>&1 | tail -n 1
BIN="$(swift build -c release --show-bin-path)/cognito-session"

work=$(mktemp -d)
pids=()
trap 'for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT

"$BIN" serve --port 0 --quiet >"$work/serve.out" 2>"$work/serve.log" &
pids+=($!)
"$PYTHON" scripts/moto-server.py "$work/moto.port" >"$work/moto.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do [ -s "$work/serve.out" ] && [ -s "$work/moto.port" ] && break; sleep 0.1; done
serve=$(head -n 1 "$work/serve.out" | sed 's/^listening on //')
moto="http://127.0.0.1:$(cat "$work/moto.port")"
mkdir -p "$work/serve" "$work/moto"
"$PYTHON" Benchmarks/serve/setup.py "$serve" "$work/serve"
"$PYTHON" Benchmarks/serve/setup.py "$moto" "$work/moto"

measure() {  # server-name endpoint operation body-file -> requests per second
    local output
    output=$(TARGET=$3 BODY_FILE=$4 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
        -s Benchmarks/serve/post.lua "$2/")
    if grep -q "Non-2xx" <<<"$output"; then echo "$1 $3: errors in the answers:" >&2; echo "$output" >&2; exit 1; fi
    local rate latency
    rate=$(awk '/Requests\/sec/ {print $2}' <<<"$output")
    latency=$(awk '/^ +50%/ {print $2}' <<<"$output")
    printf '%-8s %-12s %10s req/s   median latency %s\n' "$1" "$3" "$rate" "$latency" >&2
    echo "$rate"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, $(nproc) cores; $(wrk -v 2>&1 | head -n 1)"
for round in $(seq "$ROUNDS"); do
    for operation in InitiateAuth GetUser; do
        body=signin.json; [ "$operation" = GetUser ] && body=getuser.json
        ours=$(measure serve "$serve" "$operation" "$work/serve/$body")
        theirs=$(measure moto "$moto" "$operation" "$work/moto/$body")
        printf 'round %s %-12s serve %10s  moto %10s  ratio %s\n' "$round" "$operation" "$ours" "$theirs" \
            "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.1f x", a / b }')"
    done
done

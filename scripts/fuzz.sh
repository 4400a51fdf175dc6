#!/usr/bin/env bash
# Builds the fuzz package (Fuzz/) with libFuzzer and AddressSanitizer and runs each of its targets
# for a bounded number of inputs on a copy of its committed seed corpus (the committed corpus
# never grows here). Fails on any crash, oracle failure, slow input, timeout, leak or OOM, and
# prints one summary line per target. Linux only (libFuzzer ships with the swift.org toolchain).
#
# Usage: ./scripts/fuzz.sh [RUNS]          RUNS inputs per target (default 20000)
# Environment:
#   FUZZ_TARGETS    targets to run (default: token-decoding refresh-response file-storage)
#   FUZZ_MAX_TIME   safety bound per target, in seconds (default 40)
#   FUZZ_TIMEOUT    libFuzzer's per-input timeout, in seconds (default 10)
#   FUZZ_SLOW_MS    the targets' own per-input bound for inputs up to 32 KiB (default 100; 0 = off)
#   FUZZ_ALLOW_KEY_MERGE=1  file-storage accepts canonically equivalent keys being merged
# Failing inputs are kept in Fuzz/.build/fuzz-artifacts/<time>/; replay one with
#   Fuzz/.build/debug/cognito-fuzz <target> <file>
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-20000}
targets=${FUZZ_TARGETS:-token-decoding refresh-response file-storage}
max_time=${FUZZ_MAX_TIME:-40}
timeout=${FUZZ_TIMEOUT:-10}
build_flags=(-c debug --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)

work=$(mktemp -d)
# file-storage's session files go here (tmpfs when there is one: the store fsyncs every write).
if [ -w /dev/shm ]; then fuzz_tmp=$(mktemp -d -p /dev/shm cognito-fuzz.XXXXXX); else fuzz_tmp="$work/tmp"; mkdir "$fuzz_tmp"; fi
export FUZZ_TMPDIR="$fuzz_tmp"
trap 'rm -rf "$work" "$fuzz_tmp"' EXIT

echo "==> building Fuzz/ with -sanitize=fuzzer,address"
build_start=$(date +%s)
if ! swift build "${build_flags[@]}" --product cognito-fuzz >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "FAILED: the fuzz package did not build" >&2
    exit 1
fi
# Our own sources must build without a single warning (dependencies are not ours to fix).
if grep -E 'warning:' "$work/build.log" | grep -vE '/\.build[^/]*/' | grep -E '/(Sources|Fuzz)/'; then
    echo "FAILED: the fuzz build printed warnings in this package's sources (above)" >&2
    exit 1
fi
bin="$(swift build "${build_flags[@]}" --show-bin-path)/cognito-fuzz"
echo "built in $(( $(date +%s) - build_start )) s"

artifacts="Fuzz/.build/fuzz-artifacts/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$artifacts"
failed=0
summaries=()

for target in $targets; do
    [ -d "Fuzz/Corpus/$target" ] || { echo "FAILED: no seed corpus Fuzz/Corpus/$target" >&2; exit 1; }
    corpus="$work/corpus-$target"
    mkdir -p "$corpus"
    cp Fuzz/Corpus/"$target"/* "$corpus"/
    flags=(-runs="$runs" -max_total_time="$max_time" -timeout="$timeout" -rss_limit_mb=2048 -max_len=8192
           -print_final_stats=1 -artifact_prefix="$artifacts/$target-")
    [ -f "Fuzz/Dictionaries/$target.dict" ] && flags+=(-dict="Fuzz/Dictionaries/$target.dict")
    # Swift concurrency keeps allocations alive across inputs, which makes LeakSanitizer scan the
    # heap after every input of the async target (ten times slower); its leaks are not checked.
    [ "$target" = refresh-response ] && flags+=(-detect_leaks=0)

    echo "==> fuzzing $target"
    log="$work/$target.log"
    start=$(date +%s.%N)
    set +e
    "$bin" "$target" "${flags[@]}" "$corpus" >"$log" 2>&1
    status=$?
    set -e
    seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')

    inputs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)
    if [ -z "$inputs" ]; then   # a failure ends the run before the final stats: take the last status line
        inputs=$(sed -nE 's/^#([0-9]+)[[:space:]].*/\1/p' "$log" | tail -n 1)
        inputs=$(( ${inputs:-0} + 1 ))
    fi
    found=$(find "$artifacts" -maxdepth 1 -name "$target-*" -type f | wc -l)
    if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi
    note=""
    if [ "$status" -eq 0 ] && [ "$inputs" -lt "$runs" ]; then note=" (stopped by the ${max_time} s bound)"; fi
    summary="fuzz $target: $inputs inputs, $found failures, $seconds s$note"
    summaries+=("$summary")
    if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
        failed=1
        cp "$log" "$artifacts/$target.log"
        grep -E '^==FUZZ ORACLE FAILURE==|^SUMMARY: |ERROR: libFuzzer|^ALARM|^==[0-9]+==ERROR|Test unit written to' \
            "$log" >&2 || tail -n 20 "$log" >&2
        echo "the whole log: $artifacts/$target.log" >&2
        for file in "$artifacts/$target"-*; do
            [ -f "$file" ] && echo "replay: $bin $target $file" >&2
        done
    fi
    echo "$summary"
done

echo "==> summary"
printf '%s\n' "${summaries[@]}"
if [ "$failed" -ne 0 ]; then
    echo "FAILED: fuzzing found failures; the inputs are in $artifacts" >&2
    exit 1
fi
rmdir "$artifacts" 2>/dev/null || true

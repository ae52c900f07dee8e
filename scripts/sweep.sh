#!/usr/bin/env bash
# The promise sweep of issue #11: SPEC §6's promises on many generated districts with fixed seeds
# (Tests/PaiweiKitTests/PromiseTests.swift, RandomDistrict.swift), far more than `swift test` runs.
#
#     scripts/sweep.sh [COUNT=20000] [FIRST=0]
#
# Each district is placed twice — rows in file order with one worker, rows shuffled with three — and
# must give byte-identical files; every promise is checked inside each placement, nothing lost and
# capacity are also counted by the test itself, and deferred acceptance is checked for stability.
# Prints how many districts held every promise, and the seeds of those that did not.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
first=${2:-0}
log=$(mktemp -t paiwei-sweep.XXXXXX)
echo "sweep: districts $first..<$((first + count)), log in $log" >&2
start=$(date +%s)
status=0
PAIWEI_SWEEP_DISTRICTS=$count PAIWEI_SWEEP_FIRST=$first swift test --filter PromiseTests >"$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
# A failing case is reported as "✘ Test NAME(district:) recorded an issue with 1 argument seed → SEED …".
failed=$(grep -oE '✘ Test [A-Za-z]+\(district:\) recorded an issue with 1 argument [a-z]+ → [0-9]+' "$log" | grep -oE '[0-9]+$' | sort -un || true)
nfailed=$(printf '%s' "$failed" | grep -c . || true)
held=$((count - nfailed))
if [ "$status" -ne 0 ] && [ "$nfailed" -eq 0 ]; then
    tail -40 "$log" >&2
    echo "sweep: swift test failed before any district was reported (see $log)" >&2
    exit 1
fi
printf 'sweep: %d of %d districts held every promise (%d failed) in %d s\n' "$held" "$count" "$nfailed" "$elapsed"
if [ "$nfailed" -gt 0 ]; then
    echo "failing seeds: $(echo $failed | tr '\n' ' ')"
    echo "first reports:"
    grep -E '✘ Test [A-Za-z]+\(district:\) recorded an issue' "$log" | head -10
    exit 1
fi

#!/usr/bin/env bash
# Fuzzes the readers with libFuzzer and AddressSanitizer (issue #11).
#
#   scripts/fuzz.sh SECONDS [TARGET...]      targets: csv dataset policy audit (default: all)
#
# Each target is a harness scripts/fuzz/targets/NAME.swift compiled together with every library source
# (every .swift file under Sources/ except Sources/PaiweiCLI, any main.swift and any file with @main),
# as one module named PaiweiKit, so that the harness sees the internal types:
#
#   swiftc -sanitize=fuzzer,address -parse-as-library -module-name PaiweiKit -package-name paiwei \
#          -swift-version 6 -O -g -use-ld=lld ...
#
# -O keeps Swift's bounds and overflow checks (only -Ounchecked drops them) and runs several times
# faster than -Onone; FUZZ_OPT=-Onone builds a slower binary whose traps carry Swift's messages, for
# reading a crash. The sources are copied under one flat name each (folders may hold files of the same
# name once the library is split into modules) and `import` lines of the project's own modules are
# commented out, since everything is one module here.
#
# Each target runs for SECONDS (-max_total_time) from its seed corpus scripts/fuzz/corpus/NAME/ (kept
# small, committed) and a working corpus .fuzz/corpus/NAME/ (git-ignored); an input running for more than
# 10 s is a hang (-timeout=10), more than 2 GiB of memory a failure (-rss_limit_mb=2048). Crashes, hangs
# and sanitizer reports are written to .fuzz/artifacts/NAME/ and make the script exit non-zero, printing
# the reproducer. To reproduce: SWIFT_BACKTRACE=enable=no .fuzz/bin/NAME FILE; to minimise, add
# -minimize_crash=1 -runs=10000 -exact_artifact_path=OUT. Each crash found becomes a test in
# Tests/PaiweiKitTests/FuzzRegressionTests.swift. scripts/fuzz/dict/NAME.dict, when there, is the
# target's dictionary (column names, policy fields, JSON tokens).
#
# Leaks: LeakSanitizer is on (detect_leaks=1, libFuzzer's -detect_leaks=1): a leak report fails the
# run like a crash. The worry was the Swift runtime's own one-time allocations (metadata and conformance
# caches kept for the life of the process), but they stay reachable from the runtime's globals, and
# LeakSanitizer reported nothing for any target over hundreds of thousands of inputs (Swift 6.3.1, Linux
# x86_64), so there is no need to switch it off. If a Swift update ever makes it report the runtime's
# caches, set FUZZ_LEAKS=0 and say why here.
#
# FUZZ_JOBS=2 runs two targets at a time (default 1: the machine has 2 cores).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh SECONDS [TARGET...]  (targets: $(cd scripts/fuzz/targets && ls *.swift | sed 's/\.swift$//' | tr '\n' ' '))" >&2
    exit 2
fi
seconds=$1
shift
if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    targets=()
    for f in scripts/fuzz/targets/*.swift; do targets+=("$(basename "$f" .swift)"); done
fi
for t in "${targets[@]}"; do
    [[ -f scripts/fuzz/targets/$t.swift ]] || { echo "fuzz: no target '$t' (scripts/fuzz/targets/$t.swift)" >&2; exit 2; }
done

work=$root/.fuzz
opt=${FUZZ_OPT:--O}
jobs=${FUZZ_JOBS:-1}
mkdir -p "$work/bin" "$work/src" "$work/logs"

# --- The library sources, gathered afresh on every run -------------------------------------------------
mapfile -t sources < <(find Sources -name '*.swift' -not -path 'Sources/PaiweiCLI/*' -not -name main.swift | LC_ALL=C sort)
modules=$(find Sources -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort | paste -sd'|')
src=$work/src/library
rm -rf "$src.new"
mkdir -p "$src.new"
for f in "${sources[@]}"; do
    grep -q '^@main' "$f" && continue
    flat=$(echo "${f#Sources/}" | tr '/' '_')
    # One module here: the project's own imports (plain, @testable, @_exported, public/package/internal) go.
    sed -E "s/^([[:space:]]*(@testable |@_exported )?((public|package|internal) )?import (${modules})[[:space:]]*)$/\/\/ \1/" "$f" > "$src.new/$flat"
done
if [[ -d $src ]] && diff -rq "$src" "$src.new" > /dev/null; then
    rm -rf "$src.new"
else
    rm -rf "$src"
    mv "$src.new" "$src"
fi
echo "fuzz: $(ls "$src" | wc -l) library sources from Sources/ (all of it but PaiweiCLI)"

# -package-name: the library uses `package` access (SwiftPM passes the package's name).
# -use-ld=lld: gold prints a warning for each of ASan's ~140 local check symbols.
flags=(-sanitize=fuzzer,address -parse-as-library -module-name PaiweiKit -package-name paiwei -swift-version 6 "$opt" -g -use-ld=lld)

build() {
    local t=$1 bin=$work/bin/$1 stamp=$work/bin/$1.stamp
    local key
    key=$( { echo "${flags[*]}"; swiftc --version 2>&1; cat "$src"/*.swift "scripts/fuzz/targets/$t.swift"; } | sha256sum | cut -d' ' -f1)
    if [[ -x $bin && -f $stamp && $(cat "$stamp") == "$key" ]]; then
        echo "fuzz: $t is up to date"
        return 0
    fi
    echo "fuzz: building $t ($opt)"
    local start=$SECONDS
    if ! swiftc "${flags[@]}" "$src"/*.swift "scripts/fuzz/targets/$t.swift" -o "$bin.tmp" > "$work/logs/$t.build.log" 2>&1; then
        cat "$work/logs/$t.build.log" >&2
        echo "fuzz: building $t failed" >&2
        return 1
    fi
    if grep -q 'warning:' "$work/logs/$t.build.log"; then cat "$work/logs/$t.build.log" >&2; fi
    mv "$bin.tmp" "$bin"
    echo "$key" > "$stamp"
    echo "fuzz: built $t in $((SECONDS - start)) s"
}

# LeakSanitizer: see the header. abort_on_error makes any report end the run as a crash would.
leaks=${FUZZ_LEAKS:-1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=$leaks:abort_on_error=1:symbolize=1:allocator_may_return_null=0}

run() {
    local t=$1 bin=$work/bin/$1
    local corpus=$work/corpus/$t artifacts=$work/artifacts/$t log=$work/logs/$t.log
    mkdir -p "$corpus" "$artifacts"
    local seeds=()
    [[ -d scripts/fuzz/corpus/$t ]] && seeds=("scripts/fuzz/corpus/$t")
    local dict=()
    [[ -f scripts/fuzz/dict/$t.dict ]] && dict=("-dict=scripts/fuzz/dict/$t.dict")
    local before
    before=$(ls "$artifacts")
    local status=0
    "$bin" "$corpus" "${seeds[@]}" "${dict[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-16384}" \
        -detect_leaks="$leaks" -print_final_stats=1 -artifact_prefix="$artifacts/" > "$log" 2>&1 || status=$?
    local execs
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    local found
    found=$(comm -13 <(echo "$before") <(ls "$artifacts") | grep -v -e '^slow-unit-' -e '^$' || true)
    if [[ $status -ne 0 || -n $found ]]; then
        echo "fuzz: $t FAILED after ${execs:-?} executions (exit $status); log: $log"
        grep -E '==ERROR|SUMMARY|Fatal error|deadly signal|ALARM|Test unit written' "$log" | head -20 || true
        for a in $found; do echo "fuzz: $t reproducer: $artifacts/$a"; done
        return 1
    fi
    echo "fuzz: $t ok: ${execs:-?} executions in $seconds s, corpus $(ls "$corpus" | wc -l) inputs"
}

# Swift's own crash backtracer would catch a trap before libFuzzer does, and take its time.
export SWIFT_BACKTRACE=enable=no

# Build (FUZZ_JOBS at a time: each is a single-threaded whole-module compile of the library), then run.
bpids=()
for t in "${targets[@]}"; do
    build "$t" &
    bpids+=($!)
    while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do sleep 1; done
done
for p in "${bpids[@]}"; do wait "$p" || { echo "fuzz: FAILED to build" >&2; exit 1; }; done

failed=0
pids=()
names=()
for t in "${targets[@]}"; do
    run "$t" > "$work/logs/$t.summary" 2>&1 &
    pids+=($!)
    names+=("$t")
    while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do sleep 1; done
done
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed=1
    cat "$work/logs/${names[$i]}.summary"
done
if [[ $failed -ne 0 ]]; then
    echo "fuzz: FAILED"
    exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran $seconds s each without a crash, hang or sanitizer report"

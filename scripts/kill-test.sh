#!/usr/bin/env bash
# Kill safety (issue #11): kills `paiwei place` and `paiwei simulate` with SIGKILL at random moments on
# a 150,000-student district and checks that the output path then holds either nothing or a complete
# folder, that a leftover temporary sibling has the documented name (.NAME.paiwei-incomplete-PID, see
# docs/outputs.md), and that the next run on the same path succeeds and removes it.
#
#   scripts/kill-test.sh [N=50]
#
# Environment: KILL_SEED (default 1) makes the moments reproducible; KILL_REPLICATIONS (default 3) is
# the simulate runs' replications; KILL_WORK (default .kill-test/, git-ignored) holds the district, the
# reference runs and the runs killed.
#
# Before the N runs, one full `place` and one full `simulate` are timed (and kept as references: both
# are deterministic, so a complete folder is byte for byte the reference), and so is their write phase:
# from the moment the temporary sibling appears to the rename. Runs cycle through four kinds:
#   i % 4 == 1, 3: place, killed at a moment uniform in [0, full time];
#   i % 4 == 2:    place, killed in its write phase: once the sibling appears, after a time uniform in
#                  [0, write phase] (uniform moments alone hit the write phase, a few percent of a run,
#                  about once in 50 runs, and so would hardly ever leave a leftover to check);
#   i % 4 == 0:    simulate, alternately at a uniform moment and in its write phase.
# Then, after each kill:
#   - the output path does not exist, or it exists and `paiwei verify` accepts it (place), or it holds
#     exactly the reference's files with the reference's bytes (simulate, which has no verify);
#   - every hidden sibling of the output path is named .NAME.paiwei-incomplete-<the killed PID>;
#   - when the path does not exist, the same command run again on it succeeds, leaves a folder identical
#     to the reference, and removes the leftover.
# Prints `kill test: K of N passed` and exits non-zero unless K = N.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-50}
[[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || { echo "usage: scripts/kill-test.sh [N=50]" >&2; exit 2; }
seed=${KILL_SEED:-1}
replications=${KILL_REPLICATIONS:-3}
work=${KILL_WORK:-$root/.kill-test}
policy=chaoyang-2023-middle
lottery_seed=$(printf '5a%.0s' {1..32})
mkdir -p "$work"

echo "kill test: building release"
swift build -c release --product paiwei > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
paiwei=$root/.build/release/paiwei

data=$work/district-150000
if [[ ! -f $data/students.csv ]]; then
    rm -rf "$data"
    "$paiwei" generate --preset chaoyang --students 150000 --seed 1 --out "$data" > /dev/null
fi
echo "kill test: district $data ($(($(wc -l < "$data/students.csv") - 1)) students)"

# The command lines (arrays, so that `CMD &` starts paiwei itself and $! is its PID).
place_args=(place --data "$data" --policy "$policy" --seed "$lottery_seed")
simulate_args=(simulate --data "$data" --policy "$policy" --seed "$lottery_seed" --replications "$replications")
place_cmd() { "$paiwei" "${place_args[@]}" --out "$1"; }
simulate_cmd() { "$paiwei" "${simulate_args[@]}" --out "$1"; }

# A folder's files and their bytes, one line each, in a stable order.
digest() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# Waits until the temporary sibling of output path $1 appears (true) or the run $2 ends without one
# (false). A run that has ended is a zombie until it is waited for, so its end shows as its output
# path existing, or its /proc state.
wait_for_sibling() {
    local dir name
    dir=$(dirname "$1"); name=$(basename "$1")
    while true; do
        compgen -G "$dir/.$name.paiwei-incomplete-*" > /dev/null && return 0
        [[ -e $1 ]] && return 1
        local state
        state=$(awk '{ print $3 }' "/proc/$2/stat" 2> /dev/null || echo gone)
        [[ $state == Z || $state == gone ]] && return 1
        sleep 0.002
    done
}

# Runs one reference: sets ref_time (whole run) and ref_window (sibling seen to folder in place).
reference() {
    local kind=$1 out=$work/reference-$1 t0 seen done_at
    rm -rf "$out"
    t0=$(now)
    if [[ $kind == place ]]; then args=("${place_args[@]}"); else args=("${simulate_args[@]}"); fi
    "$paiwei" "${args[@]}" --out "$out" > /dev/null &
    local pid=$!
    wait_for_sibling "$out" "$pid" || { echo "kill test: the reference $kind never showed its temporary sibling" >&2; exit 1; }
    seen=$(now)
    while [[ ! -e $out ]] && [[ -e /proc/$pid ]] && [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2> /dev/null) != Z ]]; do sleep 0.002; done
    done_at=$(now)
    wait "$pid" || { echo "kill test: the reference $kind failed" >&2; exit 1; }
    ref_time=$(elapsed "$t0" "$(now)")
    ref_window=$(elapsed "$seen" "$done_at")
    digest "$out" > "$out.digest"
}

# The references, timed.
rm -rf "$work/runs" "$work"/.reference-*
mkdir -p "$work/runs"
reference place; place_time=$ref_time; place_window=$ref_window
reference simulate; simulate_time=$ref_time; simulate_window=$ref_window
[[ -s $work/reference-simulate.digest ]] || { echo "kill test: simulate wrote no files" >&2; exit 1; }
echo "kill test: a full place takes $place_time s (write phase $place_window s), a full simulate ($replications replications) $simulate_time s (write phase $simulate_window s)"

# Moments: uniform in [0, t], from a seeded generator.
moment() { awk -v s="$seed" -v i="$1" -v t="$2" 'BEGIN { srand(s * 1000 + i); printf "%.3f", rand() * t }'; }

passed=0
declare -A tally=()
log=$work/kill-test.log
: > "$log"
start=$(now)
for i in $(seq 1 "$n"); do
    phase=any
    if (( i % 4 == 0 )); then
        kind=simulate; full=$simulate_time; window=$simulate_window
        (( (i / 4) % 2 == 1 )) && phase=write
    else
        kind=place; full=$place_time; window=$place_window
        (( i % 4 == 2 )) && phase=write
    fi
    out=$work/runs/out-$i
    if [[ $phase == write ]]; then at=$(moment "$i" "$window"); else at=$(moment "$i" "$full"); fi
    if [[ $kind == place ]]; then args=("${place_args[@]}"); else args=("${simulate_args[@]}"); fi
    "$paiwei" "${args[@]}" --out "$out" > "$work/runs/$i.stdout" 2>&1 &
    pid=$!
    if [[ $phase == write ]]; then
        wait_for_sibling "$out" "$pid" || true
    fi
    sleep "$at"
    kill -KILL "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null && status=0 || status=$?
    problems=()

    # 1. Nothing, or a complete folder.
    if [[ -e $out ]]; then
        state="complete folder"
        if [[ $kind == place ]]; then
            "$paiwei" verify "$out" > "$work/runs/$i.verify" 2>&1 || problems+=("verify refused the folder (see $work/runs/$i.verify)")
        fi
        cmp -s <(digest "$out") "$work/reference-$kind.digest" || problems+=("the folder differs from the reference")
    else
        state="nothing"
    fi

    # 2. Every hidden sibling has the documented name, with the killed process's PID.
    mapfile -t siblings < <(cd "$work/runs" && find . -maxdepth 1 -name ".out-$i.*" -printf '%f\n')
    leftover=""
    for s in "${siblings[@]}"; do
        if [[ $s == ".out-$i.paiwei-incomplete-$pid" && -d $work/runs/$s ]]; then
            leftover=$s
        else
            problems+=("unexpected sibling $s")
        fi
    done
    [[ -n $leftover ]] && state+=", leftover"

    # 3. The next run on the same path succeeds, equals the reference, and removes the leftover.
    if [[ ! -e $out ]]; then
        if "${kind}_cmd" "$out" > "$work/runs/$i.rerun" 2>&1; then
            cmp -s <(digest "$out") "$work/reference-$kind.digest" || problems+=("the next run's folder differs from the reference")
        else
            problems+=("the next run failed (see $work/runs/$i.rerun)")
        fi
        [[ -n $leftover && -e $work/runs/$leftover ]] && problems+=("the next run left $leftover behind")
    elif [[ -n $leftover ]]; then
        problems+=("a complete folder beside leftover $leftover")
    fi
    if [[ $(find "$work/runs" -maxdepth 1 -name ".out-$i.*" | wc -l) -ne 0 ]]; then
        problems+=("a hidden sibling is left after the next run")
    fi

    if [[ $status -ne 137 && $status -ne 0 ]]; then problems+=("the killed run exited $status before the kill"); fi
    if [[ $phase == write ]]; then when="killed $at s into its write phase of $window s"; else when="killed at $at s of $full s"; fi
    [[ $status -eq 0 ]] && when="finished before the kill (${when#killed })"
    tally["$kind ($phase moment): $state"]=$(( ${tally["$kind ($phase moment): $state"]:-0} + 1 ))
    if [[ ${#problems[@]} -eq 0 ]]; then
        passed=$((passed + 1))
        echo "kill test: $i $kind $when: $state${leftover:+ ($leftover)} — ok" | tee -a "$log"
    else
        echo "kill test: $i $kind $when: $state${leftover:+ ($leftover)} — FAILED: ${problems[*]}" | tee -a "$log"
    fi
    rm -rf "$out"
done
for k in "${!tally[@]}"; do echo "kill test: ${tally[$k]} × $k"; done | LC_ALL=C sort -t: -k1,1
echo "kill test: $n runs in $(elapsed "$start" "$(now)") s"
echo "kill test: $passed of $n passed"
[[ $passed -eq $n ]]

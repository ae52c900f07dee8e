#!/usr/bin/env bash
# The min_total_distance overflow optimizer against Google OR-Tools and SciPy, in one run: builds the
# benchmarks in release, times Paiwei's solver on synthetic instances (Benchmarks/results/overflow.json)
# and exports them, then solves the same instances
#
# - with OR-Tools' SimpleMinCostFlow on the transportation network (Benchmarks/ortools_baseline.py →
#   Benchmarks/results/overflow-vs-ortools.json: build and solve() timed apart, wall and CPU medians),
# - with scipy.optimize.linear_sum_assignment on the capacity-expanded matrix (Benchmarks/scipy_baseline.py
#   → Benchmarks/results/overflow-vs-scipy.json),
#
# and checks that every optimum equals Paiwei's in whole metres.
#
#     Benchmarks/run-overflow-comparison.sh [paiwei-benchmarks options, e.g. --students 2000,5000 --schools 100]
#
# NumPy, SciPy and OR-Tools are installed from PyPI into .build-baseline-venv on first use (this script is
# the one place that installs them). SCRATCH_PATH chooses the SwiftPM scratch folder (default .build);
# BASELINES the baselines to run (default "ortools scipy"); ORTOOLS_REPEAT the OR-Tools runs per instance
# (default 5); MAX_STUDENTS the largest instance given to SciPy (default 5000). Never part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build-baseline-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check numpy scipy ortools

scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product paiwei-benchmarks

export_dir=$(mktemp -d)
trap 'rm -rf "$export_dir"' EXIT
"$scratch/release/paiwei-benchmarks" --suite overflow --export "$export_dir" "$@" > /dev/null
command="Benchmarks/run-overflow-comparison.sh $*"
for baseline in ${BASELINES:-ortools scipy}; do
    case $baseline in
    ortools)
        "$venv/bin/python" Benchmarks/ortools_baseline.py "$export_dir" Benchmarks/results/overflow-vs-ortools.json \
            --repeat "${ORTOOLS_REPEAT:-5}" --command "$command"
        cat Benchmarks/results/overflow-vs-ortools.json ;;
    scipy)
        "$venv/bin/python" Benchmarks/scipy_baseline.py "$export_dir" Benchmarks/results/overflow-vs-scipy.json \
            --max-students "${MAX_STUDENTS:-5000}" --command "$command"
        cat Benchmarks/results/overflow-vs-scipy.json ;;
    *)
        echo "unknown baseline '$baseline' (ortools, scipy)" >&2
        exit 2 ;;
    esac
done

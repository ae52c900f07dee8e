#!/usr/bin/env bash
# The min_total_distance overflow optimizer against SciPy, in one run: builds the benchmarks in release,
# times Paiwei's solver on synthetic instances (Benchmarks/results/overflow.json) and exports them, then
# solves the same instances with scipy.optimize.linear_sum_assignment on the capacity-expanded matrix and
# writes the ratio of times and the check that both optima are equal (Benchmarks/results/overflow-vs-scipy.json).
#
#     Benchmarks/run-overflow-comparison.sh [paiwei-benchmarks options, e.g. --students 2000,5000 --schools 100]
#
# SciPy and NumPy are installed from PyPI into .build-scipy-venv on first use. SCRATCH_PATH chooses the
# SwiftPM scratch folder (default .build); MAX_STUDENTS the largest instance given to SciPy (default 5000).
# Never part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.build-scipy-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check scipy numpy

scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product paiwei-benchmarks

export_dir=$(mktemp -d)
trap 'rm -rf "$export_dir"' EXIT
"$scratch/release/paiwei-benchmarks" --suite overflow --export "$export_dir" "$@" > /dev/null
"$venv/bin/python" Benchmarks/scipy_baseline.py "$export_dir" Benchmarks/results/overflow-vs-scipy.json \
    --max-students "${MAX_STUDENTS:-5000}" --command "Benchmarks/run-overflow-comparison.sh $*"
cat Benchmarks/results/overflow-vs-scipy.json

#!/usr/bin/env bash
# Every suite with the sizes the speed targets name (issue 13), one after another, each writing its
# Benchmarks/results/*.json with the machine, the command and the load average. Run on a quiet machine:
#
#     bash Benchmarks/run-all.sh            (about 20-30 minutes on 2 cores)
#
# The overflow optimizer against OR-Tools and SciPy is Benchmarks/run-overflow-comparison.sh (it installs
# Python packages); not repeated here.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
bench=$(swift build -c release --show-bin-path)/paiwei-benchmarks
run() { echo "== paiwei-benchmarks $*" >&2; "$bench" "$@" > /dev/null; }
run --suite place --sizes 30000,150000,1000000 --repeat 7
run --suite simulate --sizes 30000,150000
run --suite forecast --repeat 3
run --suite da --repeat 41
run --suite sha256 --repeat 9
run --suite mechanisms --sizes 30000
run --suite xlsx
run --suite read --sizes 30000,150000,1000000 --repeat 9
echo "results in Benchmarks/results/" >&2

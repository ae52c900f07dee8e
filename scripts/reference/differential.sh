#!/usr/bin/env bash
# Differential test of `paiwei place` against the reference implementation.
#
#   scripts/reference/differential.sh A B [more differential.py options, e.g. --revision --coverage]
#
# Builds the release binary if it is missing, runs the reference's self-tests, then compares the
# two implementations on the random districts of seeds A..B (see differential.py).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
a=${1:?first seed}; b=${2:?last seed}; shift 2
if [ ! -x "$root/.build/release/paiwei" ]; then
  (cd "$root" && swift build -c release)
fi
python3 "$here/test_reference.py" 2>&1 | tail -1
exec python3 "$here/differential.py" --paiwei "$root/.build/release/paiwei" --from "$a" --to "$b" "$@"

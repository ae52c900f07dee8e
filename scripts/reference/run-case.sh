#!/usr/bin/env bash
# Runs one case folder (data/, policy.json, seed.txt) through `paiwei place` and the reference and
# shows both outcomes side by side.   usage: run-case.sh CASE_DIR [PAIWEI_BINARY]
set -u
case_dir=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
paiwei=${2:-$here/../../.build/release/paiwei}
seed=$(cat "$case_dir/seed.txt")
tmp=$(mktemp -d)
"$paiwei" place --data "$case_dir/data" --policy "$case_dir/policy.json" --seed "$seed" --out "$tmp/paiwei" >"$tmp/p.out" 2>"$tmp/p.err"
prc=$?
python3 "$here/reference.py" --data "$case_dir/data" --policy "$case_dir/policy.json" --seed "$seed" --out "$tmp/reference" \
  $( [ $prc -eq 0 ] && echo --mtd-hint "$tmp/paiwei/placements.csv" ) >"$tmp/r.out" 2>"$tmp/r.err"
rrc=$?
echo "== $(basename "$case_dir"): paiwei exit $prc, reference exit $rrc"
[ $prc -ne 0 ] && sed 's/^/paiwei: /' "$tmp/p.err" | head -8
[ $rrc -ne 0 ] && sed 's/^/reference: /' "$tmp/r.err" | head -8
for f in placements.csv warnings.csv; do
  if [ -f "$tmp/paiwei/$f" ] && [ -f "$tmp/reference/$f" ]; then
    if cmp -s "$tmp/paiwei/$f" "$tmp/reference/$f"; then echo "$f: identical"; else echo "$f: differs (< paiwei, > reference)"; diff "$tmp/paiwei/$f" "$tmp/reference/$f"; fi
  elif [ -f "$tmp/reference/$f" ]; then echo "reference $f:"; cat "$tmp/reference/$f"; fi
done
grep '^DIFF' "$tmp/reference/notes.txt" 2>/dev/null
rm -rf "$tmp"

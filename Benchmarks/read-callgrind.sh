#!/usr/bin/env bash
# Instructions per byte of reading students.csv, counted by callgrind (repeatable, unlike times on a shared
# machine): `paiwei-benchmarks --suite read --profile` under valgrind, collecting only inside
# StudentReadingProbe.read() (the bytes of students.csv in memory to the sorted, validated students, as
# Dataset.read(files:) reads them), over the file's size.
#
#     swift build -c release && Benchmarks/read-callgrind.sh [SIZES]     (default 30000)
#
# Needs valgrind. Never part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${1:-30000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in ${sizes//,/ }; do
    valgrind --tool=callgrind --toggle-collect='$s10PaiweiCore19StudentReadingProbeV4read*' \
        --callgrind-out-file=/dev/null .build/release/paiwei-benchmarks --suite read --sizes "$n" --profile \
        > "$work/out" 2> "$work/err"
    bytes=$(sed -n 's/.* students: \([0-9]*\) bytes.*/\1/p' "$work/out")
    refs=$(sed -n 's/.*I *refs: *//p' "$work/err" | tr -d ,)
    echo "$n students: students.csv $bytes bytes, $refs instructions, $(echo "scale=1; $refs / $bytes" | bc) a byte"
done

#!/usr/bin/env bash
# Instructions per byte and per short message of Paiwei's SHA-256, counted by callgrind (repeatable, unlike
# times on a shared machine). Compiles Sources/PaiweiCore/Crypto/SHA256.swift (or, given a git revision, that
# revision's version of it) with Benchmarks/sha256-callgrind/main.swift, `swiftc -O -wmo`, and subtracts the
# count of a run that does everything but the hashing from each figure.
#
#     Benchmarks/sha256-callgrind.sh [REVISION]
#
# Needs valgrind. Never part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -gt 0 ]; then
    # Revisions before the layers (issue 12) kept it in PaiweiKit.
    git show "$1:Sources/PaiweiCore/Crypto/SHA256.swift" > "$work/SHA256.swift" 2>/dev/null ||
        git show "$1:Sources/PaiweiKit/Crypto/SHA256.swift" > "$work/SHA256.swift"
else
    cp Sources/PaiweiCore/Crypto/SHA256.swift "$work/SHA256.swift"
fi
cp Benchmarks/sha256-callgrind/main.swift "$work/main.swift"
swiftc -O -wmo -module-name SHA256Driver "$work/SHA256.swift" "$work/main.swift" -o "$work/driver"

instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/driver" "$@" 2>&1 |
        sed -n 's/.*I *refs: *//p' | tr -d ,
}

bytes=$((16 << 20))
empty=$(instructions fill "$bytes")
bulk=$(instructions bulk "$bytes")
echo "bulk: $(echo "scale=2; ($bulk - $empty) / $bytes" | bc) instructions a byte ($bytes bytes, one SHA256.hash([UInt8]))"
k=100000
for kind in bytes string; do
    for length in 7 20 55 64; do
        none=$(instructions "$kind" "$length" 0)
        some=$(instructions "$kind" "$length" "$k")
        echo "$kind $length: $(( (some - none) / k )) instructions a hash"
    done
done

#!/usr/bin/env python3
"""Prints the test vectors of docs/lottery-protocol.md §9, computed from the protocol's text alone with
Python's hashlib (no Paiwei code), as the Markdown tables the document carries.

    python3 scripts/lottery-vectors.py > /tmp/vectors.md     # then paste over §9's tables

Tests/PaiweiKitTests/LotteryVectorTests.swift parses those tables and checks every row against Paiwei's
own SHA-256, Philox and seed derivations, so the document, this script and the code cannot drift apart.
"""

import hashlib
import struct


def philox4x32_10(counter, key):
    c0, c1, c2, c3 = counter
    k0, k1 = key
    m = 0xFFFFFFFF
    for rnd in range(10):
        if rnd > 0:
            k0, k1 = (k0 + 0x9E3779B9) & m, (k1 + 0xBB67AE85) & m
        p0, p1 = 0xD2511F53 * c0, 0xCD9E8D57 * c2
        c0, c1, c2, c3 = (p1 >> 32) ^ c1 ^ k0, p1 & m, (p0 >> 32) ^ c3 ^ k1, p0 & m
    return c0, c1, c2, c3


def words(data):
    return struct.unpack("<II", hashlib.sha256(data).digest()[:8])


def lottery_number(seed_hex, label, student_id, family_id=""):
    key = words(bytes.fromhex(seed_hex) + label.encode("utf-8"))
    h0, h1 = words((("family:" + family_id) if family_id else student_id).encode("utf-8"))
    r0, r1, _, _ = philox4x32_10((h0, h1, 0, 0), key)
    return "%016x" % (r1 << 32 | r0)


def seed_v1(contributions):
    return hashlib.sha256("\n".join(["paiwei-seed-v1"] + contributions).encode("utf-8")).hexdigest()


def seed_v2(commitment, contributions):
    return hashlib.sha256("\n".join(["paiwei-seed-v2", commitment] + contributions).encode("utf-8")).hexdigest()


def derived(seed_hex, tag, index):
    return hashlib.sha256(bytes.fromhex(seed_hex) + tag.encode("utf-8") + struct.pack("<Q", index)).hexdigest()


def commitment(policy_sha256, files):
    text = "paiwei-commitment-v1\npolicy " + policy_sha256 + "\n"
    for name, sha in sorted(files, key=lambda f: f[0].encode("utf-8")):
        text += name + " " + sha + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code(text):
    return "`" + text + "`" if text else ""


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def main():
    s5a = "5a" * 32
    s00 = "00" * 32
    sff = "ff" * 32
    ceremony = seed_v1(["17", "42", "8"])

    print("**Numbers** (seed, label, student → number; a `family_id` when there is one):\n")
    numbers = [
        (ceremony, "multi-zone/Z02", "S000009", ""),
        (ceremony, "single-zone/M001", "S000083", "F000001"),
        (ceremony, "single-zone/M001", "S000084", "F000001"),
        (s5a, "private/M007", "S000001", ""),
        (s5a, "multi-zone/Z02/M003", "S000123", ""),
        (s5a, "overflow", "S000123", ""),
        (s00, "", "", ""),
        (sff, "zone-coordination/Z01", "S1", "F1"),
        (sff, "统筹/朝阳区", "学生-001", ""),
    ]
    table(["seed", "label", "student_id", "family_id", "number"],
          [[code(s), code(l), code(i), code(f), code(lottery_number(s, l, i, f))] for s, l, i, f in numbers])

    print("**Seed v1** (ceremony contributions, in order → seed):\n")
    v1 = [["17", "42", "8"], ["1"], ["drand:quicknet:4000006:8f3c2a1d9e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"], ["三号家长 07", "五号家长 31", "公证员 2026"]]
    table(["contributions", "seed v1"], [[" ".join(code(c) for c in cs), code(seed_v1(cs))] for cs in v1])

    print("**Commitment** (policy digest and file digests → commitment):\n")
    files = [("students.csv", hashlib.sha256(b"student_id,zone_id\ns1,Z\n").hexdigest()),
             ("schools.csv", hashlib.sha256(b"school_id,capacity\nA,1\n").hexdigest()),
             ("zones.csv", hashlib.sha256(b"zone_id,kind,schools\nZ,single,A\n").hexdigest())]
    policy = hashlib.sha256(b'{"name": "tiny"}\n').hexdigest()
    table(["policy_sha256", "files", "commitment"],
          [[code(policy), " ".join(code(n + " " + s) for n, s in files), code(commitment(policy, files))],
           [code(policy), code(files[1][0] + " " + files[1][1]), code(commitment(policy, files[1:2]))]])

    print("**Seed v2** (commitment, ceremony contributions → seed):\n")
    c = commitment(policy, files)
    v2 = [(c, ["17", "42", "8"]), (c, ["drand:quicknet:4000006:8f3c2a1d9e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"]),
          ("00" * 32, ["1"])]
    table(["commitment", "contributions", "seed v2"], [[code(k), " ".join(code(x) for x in cs), code(seed_v2(k, cs))] for k, cs in v2])

    print("**Derived seeds** (seed, tag, index → `SHA-256(seed ‖ tag ‖ index as 8 bytes little-endian)`: replication *r* of a simulation, candidate run *k* of a ceremony):\n")
    derivations = [(s5a, "replication", 0), (s5a, "replication", 1), (s5a, "replication", 4294967296), (ceremony, "candidate", 1),
                   (ceremony, "candidate", 2), (ceremony, "candidate", 3)]
    table(["seed", "tag", "index", "derived seed"], [[code(s), code(t), code(str(i)), code(derived(s, t, i))] for s, t, i in derivations])


if __name__ == "__main__":
    main()

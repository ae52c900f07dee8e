"""SPEC §4: the lottery protocol (SHA-256 from hashlib, Philox4x32-10 written here)."""

import hashlib
import struct

MASK32 = 0xFFFFFFFF
PHILOX_M0 = 0xD2511F53
PHILOX_M1 = 0xCD9E8D57
PHILOX_W0 = 0x9E3779B9
PHILOX_W1 = 0xBB67AE85


def philox4x32_10(counter, key):
    """Philox4x32-10 of Salmon et al. (SC'11): 10 rounds, key bumped before rounds 2..10."""
    c0, c1, c2, c3 = counter
    k0, k1 = key
    for rnd in range(10):
        if rnd > 0:
            k0 = (k0 + PHILOX_W0) & MASK32
            k1 = (k1 + PHILOX_W1) & MASK32
        p0 = PHILOX_M0 * c0  # 32 x 32 -> 64-bit product
        p1 = PHILOX_M1 * c2
        c0, c1, c2, c3 = (
            ((p1 >> 32) ^ c1 ^ k0) & MASK32,
            p1 & MASK32,
            ((p0 >> 32) ^ c3 ^ k1) & MASK32,
            p0 & MASK32,
        )
    return c0, c1, c2, c3


KNOWN_ANSWERS = [  # SPEC §4
    ((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
    ((MASK32,) * 4, (MASK32,) * 2, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
    (
        (0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344),
        (0xA4093822, 0x299F31D0),
        (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1),
    ),
]


def first_two_words(data: bytes):
    """First two little-endian 32-bit words of SHA-256(data)."""
    return struct.unpack("<II", hashlib.sha256(data).digest()[:8])


class Lottery:
    """Numbers for one seed: number(label, student_id, family_id) = r1·2^32 + r0."""

    def __init__(self, seed: bytes):
        assert len(seed) == 32
        self.seed = seed
        self._keys = {}

    def key(self, label: str):
        k = self._keys.get(label)
        if k is None:
            k = first_two_words(self.seed + label.encode("utf-8"))
            self._keys[label] = k
        return k

    def number(self, label: str, student_id: str, family_id: str) -> int:
        d = ("family:" + family_id) if family_id != "" else student_id
        h0, h1 = first_two_words(d.encode("utf-8"))
        r0, r1, _r2, _r3 = philox4x32_10((h0, h1, 0, 0), self.key(label))
        return (r1 << 32) | r0


def self_test():
    for counter, key, want in KNOWN_ANSWERS:
        got = philox4x32_10(counter, key)
        assert got == want, "Philox known answer failed: %s" % " ".join("%08x" % w for w in got)


if __name__ == "__main__":
    self_test()
    print("Philox4x32-10 known answers: ok")

#!/usr/bin/env python3
"""Self-tests of the reference implementation (stdlib unittest):

    python3 scripts/reference/test_reference.py

Philox4x32-10 against SPEC §4's three known answers; SHA-256 (hashlib) against FIPS 180-4's
published vectors; the fdlibm port against the platform's libm (<= 1 ulp on many points) and the
lottery example of docs/lottery-protocol.md; CSV reading (line ends, White_Space trimming, quotes);
the mechanisms on tiny textbook cases.
"""

import hashlib
import math
import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dataset as ds  # noqa: E402
import fdlibm  # noqa: E402
import lottery  # noqa: E402
import reference  # noqa: E402


def ulps(a, b):
    if a == b:
        return 0
    return abs(a - b) / math.ulp(b)


class LotteryTests(unittest.TestCase):
    def test_philox_known_answers(self):
        for counter, key, want in lottery.KNOWN_ANSWERS:
            self.assertEqual(lottery.philox4x32_10(counter, key), want)

    def test_sha256_fips_vectors(self):
        self.assertEqual(hashlib.sha256(b"abc").hexdigest(),
                         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        self.assertEqual(hashlib.sha256(b"").hexdigest(),
                         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        self.assertEqual(hashlib.sha256(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hexdigest(),
                         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")

    def test_documented_numbers(self):
        seed = hashlib.sha256(b"paiwei-seed-v1\n17\n42\n8").digest()
        self.assertEqual(seed.hex(), "e36ceaef21f913b2a34962f18a528c35d1672e4e55cfb08fe85dca7d13879a47")
        lot = lottery.Lottery(seed)
        self.assertEqual("%016x" % lot.number("multi-zone/Z02", "S000009", ""), "37e3e1922161d879")
        self.assertEqual("%016x" % lot.number("single-zone/M001", "S000084", "F000001"), "16511ebc62509b36")
        self.assertEqual(lot.number("x", "S1", "F"), lot.number("x", "S2", "F"))  # twins share


class MathTests(unittest.TestCase):
    def test_against_libm(self):
        r = random.Random(20261201)
        worst = 0
        for i in range(100000):
            x = r.uniform(-3.2, 3.2) if i % 4 else r.uniform(-1e-4, 1e-4)
            worst = max(worst, ulps(fdlibm.sin(x), math.sin(x)), ulps(fdlibm.cos(x), math.cos(x)))
            y = r.uniform(-1, 1) if i % 4 else r.uniform(-1e-6, 1e-6)
            worst = max(worst, ulps(fdlibm.asin(y), math.asin(y)))
        self.assertLessEqual(worst, 1.0)

    def test_special_points(self):
        self.assertEqual(fdlibm.sin(0.0), 0.0)
        self.assertEqual(fdlibm.cos(0.0), 1.0)
        self.assertEqual(fdlibm.asin(1.0), math.pi / 2)
        self.assertEqual(fdlibm.asin(0.0), 0.0)
        for x in (math.pi / 4, math.pi / 2, 3 * math.pi / 4, math.pi, 0.5, 0.975, 0.3):
            self.assertLessEqual(ulps(fdlibm.sin(x), math.sin(x)), 1)
            self.assertLessEqual(ulps(fdlibm.cos(x), math.cos(x)), 1)
            if x <= 1:
                self.assertLessEqual(ulps(fdlibm.asin(x), math.asin(x)), 1)

    def test_distance(self):
        self.assertEqual(reference.distance_m(39.9, 116.4, 39.9, 116.4), 0)
        # one degree of latitude on a sphere of R = 6 371 008.8 m: R·π/180
        self.assertEqual(reference.distance_m(0.0, 0.0, 1.0, 0.0), round(6371008.8 * math.pi / 180))
        self.assertEqual(reference.round_half_up(2.5), 3)
        self.assertEqual(reference.round_half_up(2.4999999999999996), 2)


class CsvTests(unittest.TestCase):
    def records(self, text):
        p = ds.Problems()
        recs = ds.parse_records(text, "t.csv", p)
        self.assertFalse(p, p.items)
        return [(line, [ds.trim(c) for c in cells]) for line, cells, _ in recs]

    def test_line_ends_and_blank_lines(self):
        self.assertEqual(self.records("a,b\r\n1,2\r3,4\n\n \u3000\t\n5,6"),
                         [(1, ["a", "b"]), (2, ["1", "2"]), (3, ["3", "4"]), (6, ["5", "6"])])

    def test_quotes_span_lines(self):
        self.assertEqual(self.records('a,b\n"x\r\ny","q""q"\n1,2\n'),
                         [(1, ["a", "b"]), (2, ["x\r\ny", 'q"q']), (4, ["1", "2"])])

    def test_white_space_exactly(self):
        self.assertEqual(ds.trim("\u3000\u00a0 x y\u2028\u0085\t"), "x y")
        for kept in ("\u200b", "\ufeff", "\u180e", "\u001f"):
            self.assertEqual(ds.trim(kept + "x" + kept), kept + "x" + kept)
        self.assertNotEqual("\u00e9", "e\u0301")  # ids are never normalised
        self.assertEqual(ds.split_list("A; B;"), ["A", "B"])

    def test_syntax_errors(self):
        for bad in ('a,b\n"x,1\n', 'a,b\nx"y,1\n', 'a,b\n"x"y,1\n'):
            p = ds.Problems()
            self.assertIsNone(ds.parse_records(bad, "t.csv", p))
            self.assertTrue(p)


class FlowTests(unittest.TestCase):
    def test_min_cost(self):
        opts = {"a": ["X", "Y"], "b": ["X"]}
        cost = {("a", "X"): 1, ("a", "Y"): 5, ("b", "X"): 1}
        seated, total, assign = reference.flow_assignment(["a", "b"], opts, {"X": 1, "Y": 1},
                                                          lambda s, c: cost[(s, c)])
        self.assertEqual((seated, total, assign), (2, 6, {"a": "Y", "b": "X"}))
        seated, _, _ = reference.flow_assignment(["a", "b"], opts, {"X": 1, "Y": 0}, None)
        self.assertEqual(seated, 1)


class MechanismTests(unittest.TestCase):
    """Two schools of one seat, students x, y, z with numbers x < y < z everywhere:
    x: A, B   y: A, B   z: B, A.
    Immediate acceptance: x→A, z→B (first choices), y unplaced.
    Deferred acceptance: y displaces z at B, z is refused at A: x→A, y→B, z unplaced.
    TTC: x and A point at each other; then y and B: x→A, y→B.
    Parallel with e = 1 is immediate acceptance, with e = 2 deferred acceptance (SPEC §3)."""

    def run_with(self, mechanism, e=None, families="separate"):
        from policy import Policy, Stage
        schools = {s: ds.School(s, i + 2, capacity=1, lat=0.0, lon=0.0) for i, s in enumerate("AB")}
        zones = {"Z": ds.Zone("Z", 2, kind="multi", schools=["A", "B"])}
        prefs = {"x": ["A", "B"], "y": ["A", "B"], "z": ["B", "A"]}
        students = {sid: ds.Student(sid, i + 2, zone_id="Z", preferences=p) for i, (sid, p) in enumerate(prefs.items())}
        stage = Stage(kind="multi_zone", name="m", mechanism=mechanism, choices_per_round=e, families=families)
        pol = Policy(year=2023, stages=[stage])
        eng = reference.Engine(ds.Dataset(schools, zones, students, []), pol, b"\0" * 32)
        eng.number = lambda label, st: {"x": 1, "y": 2, "z": 3}[st.id]
        eng.run()
        return {sid: p["school"] for sid, p in eng.placed.items()}

    def test_textbook(self):
        self.assertEqual(self.run_with("immediate_acceptance"), {"x": "A", "z": "B"})
        self.assertEqual(self.run_with("deferred_acceptance"), {"x": "A", "y": "B"})
        self.assertEqual(self.run_with("top_trading_cycles"), {"x": "A", "y": "B"})
        self.assertEqual(self.run_with("parallel", 1), self.run_with("immediate_acceptance"))
        self.assertEqual(self.run_with("parallel", 2), self.run_with("deferred_acceptance"))


if __name__ == "__main__":
    unittest.main()

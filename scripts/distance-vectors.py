#!/usr/bin/env python3
"""Pinned distance vectors for SPEC §3, written as a Swift table for PortableMathTests.

For each pair of points (degrees, as decimal literals that Swift and Python both parse to the nearest
double), the haversine distance d = 2R·asin(√a), a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2),
R = 6 371 008.8 m, computed with mpmath at 50 digits from the exact values of those doubles (radians =
degrees · π / 180 in exact arithmetic), then rounded half up to whole metres.

The product computes the same formula in doubles. Two double evaluations are done here as well, to
find rows where doubles could round to another metre: one with correctly rounded sin, cos and asin
(mpmath, then rounded to the nearest double) and one with the platform's math module (glibc here),
both with the product's order of operations. A row is flagged when the exact distance or either double
evaluation is within 1e-6 m of a .5 boundary, or when they round to different metres; flagged rows are
listed on stderr and the script fails unless the row is marked as kept on purpose.

Test-vector generation only: the product and its tests never run Python.

Usage: python3 scripts/distance-vectors.py > Tests/PaiweiKitTests/DistanceVectors.swift
"""

import math
import sys
from fractions import Fraction

import mpmath

mpmath.mp.dps = 50

R_EXACT = mpmath.mpf("6371008.8")
R_DOUBLE = 6371008.8
BOUNDARY_MARGIN = 1e-6

# (label, lat1, lon1, lat2, lon2), coordinates as the decimal text that goes into the Swift table.
ROWS = [
    # Identical points.
    ("identical, Beijing", "39.9042", "116.4074", "39.9042", "116.4074"),
    ("identical, origin", "0", "0", "0", "0"),
    ("identical, north pole", "90", "0", "90", "0"),
    ("identical, south pole", "-90", "45", "-90", "45"),
    ("north pole written with two longitudes", "90", "0", "90", "180"),
    ("south pole written with two longitudes", "-90", "-120", "-90", "60"),
    ("same point across the antimeridian (180 = -180)", "-45", "180", "-45", "-180"),
    # About a metre apart.
    ("1 m north, Beijing", "39.9", "116.4", "39.900009", "116.4"),
    ("1 m east, equator", "0", "100", "0", "100.000009"),
    ("1 m east, Beijing", "39.92", "116.48", "39.92", "116.480012"),
    ("1 micro-degree of latitude", "39.920001", "116.48", "39.920002", "116.48"),
    ("2 m diagonal", "39.92", "116.48", "39.920013", "116.480011"),
    ("10 m north", "39.92", "116.48", "39.92009", "116.48"),
    # Ordinary Beijing-scale pairs (dataset precision: micro-degrees).
    ("Tiananmen to the Forbidden City", "39.9042", "116.4074", "39.9163", "116.3972"),
    ("Chaoyang, 3 km", "39.920000", "116.480000", "39.945123", "116.492871"),
    ("Chaoyang, 800 m", "39.921234", "116.451234", "39.927345", "116.455678"),
    ("Chaoyang, 12 km", "39.850001", "116.420002", "39.960003", "116.520004"),
    ("Yanqing to Chaoyang", "40.456789", "115.974321", "39.921987", "116.443210"),
    ("Jilin city, 5 km", "43.837883", "126.549576", "43.865432", "126.590123"),
    ("Beijing to Shanghai", "39.9042", "116.4074", "31.2304", "121.4737"),
    # On the equator.
    ("one degree on the equator", "0", "0", "0", "1"),
    ("half a degree on the equator", "0", "100", "0", "100.5"),
    ("quarter of the equator", "0", "-45", "0", "45"),
    # Across the antimeridian.
    ("antimeridian, equator, 0.0002 degrees", "0", "179.9999", "0", "-179.9999"),
    ("antimeridian, Beijing latitude", "39.9", "179.9999", "39.9", "-179.9999"),
    ("antimeridian, south", "-60", "-179.9999", "-60.0001", "179.9999"),
    ("antimeridian, one degree", "10", "179.5", "10", "-179.5"),
    ("antimeridian to 180", "20", "180", "20", "-179.9999"),
    # Near and at the poles.
    ("north pole to 89.9999", "90", "0", "89.9999", "0"),
    ("over the north pole", "89.9999", "0", "89.9999", "180"),
    ("over the south pole", "-89.9999", "45", "-89.9999", "-135"),
    ("near the north pole, 90 degrees of longitude", "89.9999", "10", "89.9999", "100"),
    ("south pole to -89.9999", "-90", "0", "-89.9999", "123"),
    ("pole to equator", "90", "0", "0", "77"),
    # Antipodal and nearly so.
    ("antipodes on the equator", "0", "0", "0", "180"),
    ("pole to pole", "90", "0", "-90", "0"),
    ("Beijing to its antipode", "39.9042", "116.4074", "-39.9042", "-63.5926"),
    ("nearly antipodal, 0.1 degree short", "1", "0", "-1", "179.9"),
    ("nearly antipodal, 1 degree short", "30", "20", "-29", "-160"),
    ("Beijing to Buenos Aires", "39.9042", "116.4074", "-34.6037", "-58.3816"),
]

# Rows that are flagged but kept on purpose, by label, with the reason.
KEPT_ON_PURPOSE: dict[str, str] = {}


def nearest_double(v) -> float:
    """The double nearest to the mpmath value v (ties to even)."""
    sign, man, exp, _ = mpmath.mpf(v)._mpf_
    exact = (-1 if sign else 1) * Fraction(man) * Fraction(2) ** exp
    guess = float(mpmath.mpf(v))
    best = None
    for c in (guess, math.nextafter(guess, math.inf), math.nextafter(guess, -math.inf)):
        err = abs(Fraction(c) - exact)
        if best is None or err < best[0]:
            best = (err, c)
    return best[1]


def exact_distance(lat1: float, lon1: float, lat2: float, lon2: float):
    rad = mpmath.pi / 180
    p1, l1, p2, l2 = (mpmath.mpf(v) * rad for v in (lat1, lon1, lat2, lon2))
    a = mpmath.sin((p2 - p1) / 2) ** 2 + mpmath.cos(p1) * mpmath.cos(p2) * mpmath.sin((l2 - l1) / 2) ** 2
    return 2 * R_EXACT * mpmath.asin(mpmath.sqrt(a))


def double_distance(lat1: float, lon1: float, lat2: float, lon2: float, sin, cos, asin) -> float:
    """The product's Distance.swift, operation for operation, in doubles."""
    p1, l1, p2, l2 = (v * math.pi / 180 for v in (lat1, lon1, lat2, lon2))
    c1, c2 = cos(p1), cos(p2)
    s1 = sin((p2 - p1) / 2)
    s2 = sin((l2 - l1) / 2)
    h = s1 * s1 + c1 * c2 * s2 * s2
    return 2 * R_DOUBLE * asin(min(1.0, math.sqrt(h)))


def half_up(d) -> int:
    return int(mpmath.floor(d + mpmath.mpf("0.5")))


def boundary_gap(d) -> float:
    """Distance from d to the nearest n + 0.5."""
    frac = d - mpmath.floor(d)
    return float(abs(frac - mpmath.mpf("0.5")))


def main() -> None:
    cr = (lambda x: nearest_double(mpmath.sin(x)), lambda x: nearest_double(mpmath.cos(x)),
          lambda x: nearest_double(mpmath.asin(x)))
    platform = (math.sin, math.cos, math.asin)
    out = sys.stdout
    out.write("// Generated by scripts/distance-vectors.py (mpmath " + mpmath.__version__ + ", 50 digits); do not edit.\n")
    out.write("// Each row: two points in degrees and their SPEC §3 distance in whole metres, from the exact\n")
    out.write("// formula at 50 digits, rounded half up. The comment gives the exact distance.\n\n")
    out.write("import Testing\n\n")
    out.write("struct DistanceVector: Sendable, CustomTestStringConvertible {\n")
    out.write("    var label: String\n    var lat1: Double, lon1: Double, lat2: Double, lon2: Double\n    var metres: Int\n")
    out.write("    var testDescription: String { label }\n}\n\n")
    out.write("enum DistanceVectors {\n    static let rows: [DistanceVector] = [\n")
    failed = False
    for label, *texts in ROWS:
        lat1, lon1, lat2, lon2 = (float(t) for t in texts)
        exact = exact_distance(lat1, lon1, lat2, lon2)
        d_cr = double_distance(lat1, lon1, lat2, lon2, *cr)
        d_pf = double_distance(lat1, lon1, lat2, lon2, *platform)
        metres = half_up(exact)
        gaps = [boundary_gap(exact), boundary_gap(mpmath.mpf(d_cr)), boundary_gap(mpmath.mpf(d_pf))]
        roundings = {metres, half_up(mpmath.mpf(d_cr)), half_up(mpmath.mpf(d_pf))}
        flagged = min(gaps) < BOUNDARY_MARGIN or len(roundings) > 1
        print(f"{label:50s} exact {mpmath.nstr(exact, 20):>26s}  double(cr) {d_cr!r:>22s}  double(libm) {d_pf!r:>22s}"
              f"  min gap to .5 {min(gaps):.3g}{'  FLAGGED' if flagged else ''}", file=sys.stderr)
        if flagged and label not in KEPT_ON_PURPOSE:
            failed = True
        note = f"  (kept on purpose: {KEPT_ON_PURPOSE[label]})" if label in KEPT_ON_PURPOSE else ""
        coords = ", ".join(f"{k}: {t}" for k, t in zip(("lat1", "lon1", "lat2", "lon2"), texts))
        out.write(f"        DistanceVector(label: \"{label}\", {coords}, metres: {metres}), // {mpmath.nstr(exact, 18)} m{note}\n")
    out.write("    ]\n}\n")
    if failed:
        sys.exit("flagged rows (see above): drop them, or keep them on purpose in KEPT_ON_PURPOSE")


if __name__ == "__main__":
    main()

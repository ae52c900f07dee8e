#!/usr/bin/env python3
"""Writes cohorts.csv for a generated district, so that `paiwei forecast` can run on it.

A stand-in for the projections a bureau makes from its own registers (docs/forecast.md): each zone's
cohort of year Y0 + k is this year's count of its children (residence zone_id of students.csv) grown
by k years of a growth rate that rises from the west of the district to the east — from -2% a year
at the western edge to +10% at the eastern — so that the forecast shows a place where seats run short.
Zones without children this year get no row (the forecast refuses projections for them).

Usage: scripts/make-cohorts.py DATASET_DIR FIRST_YEAR LAST_YEAR   (writes DATASET_DIR/cohorts.csv)
"""

import csv
import pathlib
import sys


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    folder, first, last = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    with open(folder / "zones.csv", newline="", encoding="utf-8-sig") as f:
        zones = [row["zone_id"] for row in csv.DictReader(f)]
    children, longitude = {z: 0 for z in zones}, {z: 0.0 for z in zones}
    with open(folder / "students.csv", newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            zone = row["zone_id"]
            children[zone] += 1
            longitude[zone] += float(row["lon"] or 0)
    means = {z: longitude[z] / children[z] for z in zones if children[z] > 0}
    west, east = min(means.values()), max(means.values())
    rows = []
    for zone in zones:
        if children[zone] == 0:
            continue
        position = (means[zone] - west) / (east - west) if east > west else 0.5
        growth = -0.02 + 0.12 * position
        base = children[zone]
        # The first forecast year is the entry cohort after this year's.
        for year in range(first, last + 1):
            k = year - first + 1
            rows.append((zone, year, max(0, round(base * (1 + growth) ** k))))
    with open(folder / "cohorts.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["zone_id", "year", "students"])
        writer.writerows(rows)
    print(f"{folder / 'cohorts.csv'}: {len(rows)} rows, {len(means)} zones, years {first}-{last}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Compares the sheets of a workbook, as LibreOffice exported them to CSV, with the CSV files the
workbook was made from: every cell must be equal — text byte for byte, numbers as numbers
(LibreOffice writes 1e16 as 1E+016). Trailing empty cells, which LibreOffice pads a row with up
to the sheet's widest row, count as absent.

With --bilingual-header the first row is a bilingual header (results.xlsx: `学生编号 student_id`):
each of its cells must be some other text, a space, then the CSV file's header name.

Usage: check-xlsx.py [--bilingual-header] EXPORTED_SHEET.csv EXPECTED.csv [EXPORTED_SHEET.csv EXPECTED.csv ...]
"""
import csv, sys


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        out = []
        for row in csv.reader(f):
            while row and row[-1] == "":
                row.pop()
            out.append(row)
        while out and not out[-1]:
            out.pop()
        return out


def same(a, b):
    if a == b:
        return True
    try:
        return float(a) == float(b) and a.strip() == a and b.strip() == b
    except ValueError:
        return False


def same_header(a, b):
    return a.endswith(" " + b) and a[: -len(b) - 1].strip() != ""


def main(args):
    bilingual = False
    if args and args[0] == "--bilingual-header":
        bilingual = True
        args = args[1:]
    if len(args) % 2 or not args:
        sys.exit(__doc__)
    status = 0
    for exported, expected in zip(args[::2], args[1::2]):
        got, want = rows(exported), rows(expected)
        want = [r for r in want if any(c.strip() for c in r)]   # blank lines of a CSV are skipped
        problems = []
        if len(got) != len(want):
            problems.append(f"{len(got)} rows, expected {len(want)}")
        cells = 0
        for number, (g, w) in enumerate(zip(got, want), start=1):
            for column in range(max(len(g), len(w))):
                a = g[column] if column < len(g) else ""
                b = w[column] if column < len(w) else ""
                cells += 1
                if number == 1 and bilingual:
                    if not same_header(a, b):
                        problems.append(f"header column {column + 1}: {a!r} is not a bilingual name ending in {b!r}")
                    continue
                if not same(a, b):
                    problems.append(f"row {number} column {column + 1}: {a!r} where the CSV has {b!r}")
        if problems:
            status = 1
            print(f"FAIL {expected}: {len(problems)} differences")
            for p in problems[:20]:
                print("    " + p)
        else:
            print(f"ok   {expected}: {len(want)} rows, {cells} cells equal")
    sys.exit(status)


main(sys.argv[1:])

#!/usr/bin/env python3
"""Dataset-reader probe: hand-written edge cases of SPEC §2 (bytes, lines, quotes, cells, values)
through both `paiwei place` and the reference; compares refusal, then placements.csv.

    csv_probe.py PAIWEI_BINARY
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

SCHOOLS = b"school_id,capacity,lat,lon\nA,2,39.9,116.4\nB,1,39.91,116.41\n"
ZONES = b"zone_id,kind,schools\nZ,multi,A;B\n"
STUDENTS = b"student_id,zone_id,preferences,lat,lon\nS1,Z,A,39.9,116.4\nS2,Z,B;A,39.9,116.4\n"
POLICY = b'{"year": 2023, "stages": [{"kind": "multi_zone"}, {"kind": "overflow", "scope": "all"}]}'


def students(rows, header=b"student_id,zone_id,preferences,lat,lon"):
    return header + b"\n" + b"\n".join(rows) + b"\n"


VARIANTS = [
    ("baseline", {}),
    ("space before an opening quote", {"students.csv": students([b'S1, "Z",A,39.9,116.4'])}),
    ("space after a closing quote", {"students.csv": students([b'S1,"Z" ,A,39.9,116.4'])}),
    ("U+3000 inside quotes is trimmed", {"students.csv": students(['"\u3000S1\u3000",Z,A,39.9,116.4'.encode()])}),
    ("line of commas only", {"students.csv": students([b"S1,Z,A,39.9,116.4", b",,,,"])}),
    ("header with a trailing comma", {"students.csv": b"student_id,zone_id,preferences,lat,lon,\nS1,Z,A,39.9,116.4,\n"}),
    ("fewer cells than the header", {"students.csv": students([b"S1,Z,A,39.9"])}),
    ("empty students.csv", {"students.csv": b""}),
    ("header only", {"students.csv": b"student_id,zone_id,preferences,lat,lon\n"}),
    ("BOM, header only, CRLF", {"students.csv": b"\xef\xbb\xbfstudent_id,zone_id,preferences,lat,lon\r\n"}),
    ("two BOMs", {"students.csv": b"\xef\xbb\xbf" + students([b"S1,Z,A,39.9,116.4"]).replace(b"student_id", "\ufeffstudent_id".encode(), 1)}),
    ("BOM then invalid UTF-8", {"students.csv": b"\xef\xbb\xbf" + students([b"S\xff1,Z,A,39.9,116.4"])}),
    ("lone CR at the end", {"students.csv": students([b"S1,Z,A,39.9,116.4"]).rstrip(b"\n") + b"\r"}),
    ("CR CR LF (a blank line between)", {"students.csv": b"student_id,zone_id,preferences,lat,lon\r\r\nS1,Z,A,39.9,116.4\r\n"}),
    ("whitespace line of U+2028 and NEL", {"students.csv": students(["\u2028\u0085".encode(), b"S1,Z,A,39.9,116.4"])}),
    ("line of U+200B (not White_Space)", {"students.csv": students(["\u200b".encode(), b"S1,Z,A,39.9,116.4"])}),
    ("doubled quotes inside", {"students.csv": students([b'"S""1",Z,A,39.9,116.4'])}),
    ("quoted line break in an id", {"students.csv": students([b'"S\n1",Z,A,39.9,116.4'])}),
    ("canonically equivalent student ids", {"students.csv": students(["S\u00e9,Z,A,39.9,116.4".encode(), "Se\u0301,Z,A,39.9,116.4".encode()])}),
    ("same id twice after trimming", {"students.csv": students([b"S1,Z,A,39.9,116.4", "S1\u00a0,Z,A,39.9,116.4".encode()])}),
    ("U+FEFF at the end of an id is kept", {"students.csv": students(["S1\ufeff,Z,A,39.9,116.4".encode(), b"S1,Z,A,39.9,116.4"])}),
    ("U+001F at the end of an id is kept", {"students.csv": students(["S1\u001f,Z,A,39.9,116.4".encode(), b"S1,Z,A,39.9,116.4"])}),
    ("preference list with empty items", {"students.csv": students([b'S1,Z,";A;; B;",39.9,116.4'])}),
    ("boolean YES", {"students.csv": students([b"S1,Z,A,39.9,116.4,YES"], b"student_id,zone_id,preferences,lat,lon,disabled")}),
    ("boolean Y", {"students.csv": students([b"S1,Z,A,39.9,116.4,y"], b"student_id,zone_id,preferences,lat,lon,disabled")}),
    ("latitude with a plus sign", {"students.csv": students([b"S1,Z,A,+39.9,116.4"])}),
    ("latitude with an exponent", {"students.csv": students([b"S1,Z,A,3.99e1,116.4"])}),
    ("latitude '.5'", {"students.csv": students([b"S1,Z,A,.5,116.4"])}),
    ("latitude '39.'", {"students.csv": students([b"S1,Z,A,39.,116.4"])}),
    ("latitude 90", {"students.csv": students([b"S1,Z,A,90,116.4"])}),
    ("latitude 90.0000001", {"students.csv": students([b"S1,Z,A,90.0000001,116.4"])}),
    ("latitude with a comma decimal", {"students.csv": students([b'S1,Z,A,"39,9",116.4'])}),
    ("lat without lon", {"students.csv": students([b"S1,Z,A,39.9,"])}),
    ("capacity 007", {"schools.csv": b"school_id,capacity,lat,lon\nA,007,39.9,116.4\nB,1,39.91,116.41\n"}),
    ("capacity +1", {"schools.csv": b"school_id,capacity,lat,lon\nA,+1,39.9,116.4\nB,1,39.91,116.41\n"}),
    ("capacity -1", {"schools.csv": b"school_id,capacity,lat,lon\nA,-1,39.9,116.4\nB,1,39.91,116.41\n"}),
    ("capacity 1.0", {"schools.csv": b"school_id,capacity,lat,lon\nA,1.0,39.9,116.4\nB,1,39.91,116.41\n"}),
    ("capacity huge", {"schools.csv": b"school_id,capacity,lat,lon\nA,99999999999999999999999,39.9,116.4\nB,1,39.91,116.41\n"}),
    ("capacity empty", {"schools.csv": b"school_id,capacity,lat,lon\nA,,39.9,116.4\nB,1,39.91,116.41\n"}),
    ("date 2020-2-3", {"students.csv": students([b"S1,Z,A,39.9,116.4,2020-2-3"], b"student_id,zone_id,preferences,lat,lon,birth_date")}),
    ("date 2019-02-29", {"students.csv": students([b"S1,Z,A,39.9,116.4,2019-02-29"], b"student_id,zone_id,preferences,lat,lon,birth_date")}),
    ("points 12.345", {"students.csv": students([b"S1,Z,A,39.9,116.4,12.345"], b"student_id,zone_id,preferences,lat,lon,points")}),
    ("points -1", {"students.csv": students([b"S1,Z,A,39.9,116.4,-1"], b"student_id,zone_id,preferences,lat,lon,points")}),
    ("sibling_school unknown", {"students.csv": students([b"S1,Z,A,39.9,116.4,NOPE"], b"student_id,zone_id,preferences,lat,lon,sibling_school")}),
    ("header name padded with U+3000", {"students.csv": "student_id,\u3000zone_id\u3000,preferences,lat,lon\nS1,Z,A,39.9,116.4\n".encode()}),
    ("header name twice", {"students.csv": b"student_id,zone_id,zone_id,preferences,lat,lon\nS1,Z,Z,A,39.9,116.4\n"}),
    ("header Student_ID (case)", {"students.csv": b"Student_ID,zone_id,preferences,lat,lon\nS1,Z,A,39.9,116.4\n"}),
    ("kind Public (case)", {"schools.csv": b"school_id,kind,capacity,lat,lon\nA,Public,2,39.9,116.4\nB,public,1,39.91,116.41\n"}),
    ("address_usage year 0", {"address_usage.csv": b"address_id,year,level\nX,0,primary\n"}),
    ("address_usage level unknown", {"address_usage.csv": b"address_id,year,level\nX,2020,high\n"}),
    ("zone listing a school twice", {"zones.csv": b"zone_id,kind,schools\nZ,multi,A;B;A\n"}),
    ("single zone with two schools", {"zones.csv": b"zone_id,kind,schools\nZ,single,A;B\n"}),
    ("multi zone with no school", {"zones.csv": b"zone_id,kind,schools\nZ,multi,A;B\nY,multi,\n"}),
    ("parent is a single zone", {"zones.csv": b"zone_id,kind,schools,parent\nZ,multi,A;B,\nY,single,A,X\nX,single,B,\n"}),
    ("unknown school in a zone", {"zones.csv": b"zone_id,kind,schools\nZ,multi,A;B;C\n"}),
    ("schools.xlsx beside schools.csv", {"schools.xlsx": b"PK\x03\x04"}),
]


def main():
    paiwei = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp()
    seed = "5a" * 32
    pol = os.path.join(tmp, "policy.json")
    with open(pol, "wb") as f:
        f.write(POLICY)
    differ = 0
    for i, (name, files) in enumerate(VARIANTS):
        data = os.path.join(tmp, "d%d" % i)
        os.makedirs(data)
        base = {"schools.csv": SCHOOLS, "zones.csv": ZONES, "students.csv": STUDENTS}
        base.update(files)
        for fn, content in base.items():
            with open(os.path.join(data, fn), "wb") as f:
                f.write(content)
        po, ro = os.path.join(tmp, "po%d" % i), os.path.join(tmp, "ro%d" % i)
        p = subprocess.run([paiwei, "place", "--data", data, "--policy", pol, "--seed", seed, "--out", po],
                           capture_output=True, text=True)
        r = subprocess.run([sys.executable, os.path.join(HERE, "reference.py"), "--data", data, "--policy", pol,
                            "--seed", seed, "--out", ro], capture_output=True, text=True)
        verdict = "same"
        if (p.returncode == 0) != (r.returncode == 0):
            verdict = "DIFF refusal"
        elif p.returncode == 0:
            with open(os.path.join(po, "placements.csv"), "rb") as f1, open(os.path.join(ro, "placements.csv"), "rb") as f2:
                if f1.read() != f2.read():
                    verdict = "DIFF placements"
        differ += verdict != "same"
        first = lambda s: (s.strip().split("\n") or [""])[0][:120]
        print("%-42s paiwei %d  reference %d  %s" % (name, p.returncode, r.returncode, verdict))
        if verdict != "same":
            print("    paiwei:    " + first(p.stderr))
            print("    reference: " + first(r.stderr))
    shutil.rmtree(tmp)
    print("%d dataset variants: %d differ" % (len(VARIANTS), differ))


if __name__ == "__main__":
    main()

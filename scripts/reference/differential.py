#!/usr/bin/env python3
"""Differential test: `paiwei place` against the reference on random districts.

    differential.py --paiwei .build/release/paiwei --from A --to B [--work DIR] [--jobs N]
                    [--revision] [--keep-all] [--quiet]

For each seed A..B (inclusive): random_district.py makes the dataset and policy; `paiwei place`
and reference.py both run; placements.csv is compared byte for byte (for min_total_distance
stages the reference checks Paiwei's assignment — same students kept, least total distance — and
then adopts it, see reference.py), and the students admitted per stage and school and the seats
left are compared with Paiwei's schools.csv. A refusal (exit 2) on one side only is a difference.
Prints OK/DIFF per seed with the first differing rows, then `N districts: K identical, M differ`.
Folders of differing seeds are kept under WORK/SEED.
"""

import argparse
import concurrent.futures
import csv
import io
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def compare_schools(pw_dir, ref_dir):
    """Admitted per stage and school, and seats left: Paiwei's schools.csv against admitted.json."""
    with open(os.path.join(ref_dir, "admitted.json"), encoding="utf-8") as f:
        ref = json.load(f)
    with open(os.path.join(pw_dir, "schools.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for row in rows:
        sid = row["school_id"]
        if str(ref["seats_left"].get(sid)) != row["seats_left"]:
            out.append("schools.csv %s seats_left: paiwei %s, reference %s" % (sid, row["seats_left"], ref["seats_left"].get(sid)))
        for stage, per in ref["admitted"].items():
            col = stage + ".admitted"
            if col in row and str(per.get(sid, 0)) != row[col]:
                out.append("schools.csv %s %s: paiwei %s, reference %s" % (sid, col, row[col], per.get(sid, 0)))
    # applicants and cutoffs (only for mechanisms whose figures the reference records)
    with open(os.path.join(ref_dir, "lotteries.json"), encoding="utf-8") as f:
        lot = json.load(f)
    for row in rows:
        sid = row["school_id"]
        for stage, per in lot.items():
            mine = per.get(sid, {"applicants": "0"})
            for col in ("applicants", "cutoff_round", "cutoff_tier", "cutoff_number", "cutoff_lottery"):
                full = stage + "." + col
                if full in row and row[full] != mine.get(col, ""):
                    out.append("schools.csv %s %s: paiwei %r, reference %r" % (sid, full, row[full], mine.get(col, "")))
    with open(os.path.join(pw_dir, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    od = ref.get("overflow_distance", {})
    figures = [("", summary.get("overflow_distance_metres"))]
    figures += [(s["name"], s.get("distance_metres")) for s in summary["stages"] if s["kind"] == "overflow"]
    for name, fig in figures:
        n, tot, mx = od.get(name, (0, 0, 0))
        pw = (fig or {}).get("students", 0), (fig or {}).get("total", 0) or 0, (fig or {}).get("max", 0) or 0
        if pw != (n, tot, mx):
            out.append("summary.json overflow distance %s(students, total, max): paiwei %s, reference %s"
                       % ("of stage '%s' " % name if name else "", pw, (n, tot, mx)))
    return out


def diff_rows(a: bytes, b: bytes, limit=6):
    la = a.decode("utf-8").split("\n")
    lb = b.decode("utf-8").split("\n")
    out = []
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<none>"
        y = lb[i] if i < len(lb) else "<none>"
        if x != y:
            out.append("  row %d paiwei:    %r" % (i + 1, x))
            out.append("  row %d reference: %r" % (i + 1, y))
            if len(out) >= 2 * limit:
                break
    return out


EVENTS = []


def one(seed, args):
    d = os.path.join(args.work, str(seed))
    if os.path.exists(d):
        shutil.rmtree(d)
    gen = [sys.executable, os.path.join(HERE, "random_district.py"), str(seed), d]
    if args.revision:
        gen.append("--revision")
    rc, _, err = run(gen)
    if rc != 0:
        return seed, "DIFF", ["generator failed: " + err[-2000:]]
    with open(os.path.join(d, "seed.txt")) as f:
        lseed = f.read().strip()
    fault = ""
    if os.path.exists(os.path.join(d, "fault.txt")):
        with open(os.path.join(d, "fault.txt")) as f:
            fault = f.read().strip()
    data, pol = os.path.join(d, "data"), os.path.join(d, "policy.json")
    pw_out, ref_out = os.path.join(d, "paiwei"), os.path.join(d, "reference")
    prc, pout, perr = run([args.paiwei, "place", "--data", data, "--policy", pol, "--seed", lseed,
                           "--out", pw_out, "--workers", "1"])
    cmd = [sys.executable, os.path.join(HERE, "reference.py"), "--data", data, "--policy", pol,
           "--seed", lseed, "--out", ref_out]
    if prc == 0:
        cmd += ["--mtd-hint", os.path.join(pw_out, "placements.csv")]
    rrc, rout, rerr = run(cmd)
    tag = " (fault: %s)" % fault if fault else ""
    if prc not in (0, 2) or rrc not in (0, 2):
        return seed, "DIFF", ["exit status: paiwei %d, reference %d%s" % (prc, rrc, tag),
                              "  paiwei stderr: " + perr.strip()[-1500:],
                              "  reference stderr: " + rerr.strip()[-1500:]]
    if prc == 2 and rrc == 2:
        return seed, "OK", ["both refuse%s" % tag]
    if prc != rrc:
        who = "paiwei" if prc == 2 else "reference"
        msg = (perr if prc == 2 else rerr).strip().split("\n")
        return seed, "DIFF", ["refusal: only %s refuses the input%s:" % (who, tag)] + ["  " + m for m in msg[:6]]
    lines, classes = [], []
    with open(os.path.join(pw_out, "placements.csv"), "rb") as f:
        a = f.read()
    with open(os.path.join(ref_out, "placements.csv"), "rb") as f:
        b = f.read()
    if a != b:
        lines.append("placements.csv differs:")
        lines += diff_rows(a, b)
    events = {}
    with open(os.path.join(ref_out, "notes.txt"), encoding="utf-8") as f:
        for n in f:
            if n.startswith("DIFF"):
                lines.append(n.rstrip("\n"))
            elif n.startswith("EVENT "):
                _, k, v = n.split()
                events[k] = int(v)
    with open(os.path.join(pol), encoding="utf-8-sig") as f:
        for st in json.load(f)["stages"]:
            key = "policy_%s" % st["kind"]
            for opt in ("mechanism", "tie_break", "method", "scope", "families", "losers", "pool"):
                if opt in st:
                    key2 = "policy_%s_%s_%s" % (st["kind"], opt, st[opt])
                    events[key2] = events.get(key2, 0) + 1
            events[key] = events.get(key, 0) + 1
    EVENTS.append(events)
    if a == b:
        lines += compare_schools(pw_out, ref_out)
    with open(os.path.join(pw_out, "warnings.csv"), "rb") as f:
        wa = f.read()
    with open(os.path.join(ref_out, "warnings.csv"), "rb") as f:
        wb = f.read()
    with open(os.path.join(ref_out, "warnings-dedupe-first.csv"), "rb") as f:
        wc = f.read()
    if sorted(wa.split(b"\n")) != sorted(wb.split(b"\n")) and sorted(wa.split(b"\n")) == sorted(wc.split(b"\n")):
        classes.append("AMBIGUITY warnings: a repeated out-of-zone preference is warned as 'listed twice' (dedupe first), not as 'does not serve' again")
    elif sorted(wa.split(b"\n")) != sorted(wb.split(b"\n")):
        sa, sb = set(wa.decode().split("\n")), set(wb.decode().split("\n"))
        lines.append("warnings.csv differs (as a set of rows):")
        lines += ["  only paiwei:    %r" % x for x in sorted(sa - sb)[:4]]
        lines += ["  only reference: %r" % x for x in sorted(sb - sa)[:4]]
        if sa == sb:
            lines.append("  (same rows, different multiplicity)")
    if lines:
        return seed, "DIFF", lines + classes
    return seed, "OK", classes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--paiwei", required=True)
    ap.add_argument("--from", dest="a", type=int, required=True)
    ap.add_argument("--to", dest="b", type=int, required=True)
    ap.add_argument("--work", default="/tmp/paiwei-differential")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--revision", action="store_true")
    ap.add_argument("--keep-all", action="store_true")
    ap.add_argument("--coverage", action="store_true", help="print what the districts exercised")
    ap.add_argument("--quiet", action="store_true", help="print only differing seeds")
    args = ap.parse_args()
    args.paiwei = os.path.abspath(args.paiwei)
    os.makedirs(args.work, exist_ok=True)
    same = differ = refused = 0
    classes = {}
    seeds = range(args.a, args.b + 1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for seed, verdict, lines in ex.map(lambda s: one(s, args), seeds):
            ambiguities = [ln for ln in lines if ln.startswith("AMBIGUITY")]
            for ln in ambiguities:
                classes[ln] = classes.get(ln, 0) + 1
            if verdict == "OK" and not ambiguities:
                same += 1
                if lines:
                    refused += 1
                if not args.keep_all:
                    shutil.rmtree(os.path.join(args.work, str(seed)), ignore_errors=True)
                if not args.quiet:
                    print("seed %d: OK %s" % (seed, " ".join(lines)), flush=True)
            else:
                differ += 1
                print("seed %d: DIFF" % seed, flush=True)
                for ln in lines:
                    print("  " + ln, flush=True)
    if args.coverage:
        total, districts = {}, {}
        for ev in EVENTS:
            for k, v in ev.items():
                total[k] = total.get(k, 0) + v
                districts[k] = districts.get(k, 0) + 1
        print("coverage over the %d districts both sides placed (event: districts, total count):" % len(EVENTS))
        for k in sorted(total):
            print("  %-60s %6d %8d" % (k, districts[k], total[k]))
    for k, v in sorted(classes.items()):
        print("  %5d districts: %s" % (v, k))
    print("%d districts: %d identical, %d differ (%d of the identical refused by both; differences of an"
          " ambiguity class listed above count as differ)" % (same + differ, same, differ, refused))
    return 0 if differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""SciPy baseline for the min_total_distance overflow optimizer.

Reads the instances that `paiwei-benchmarks --suite overflow --export DIR` wrote (a distance matrix in
whole metres per instance, the seats per school, and the Swift solver's optimum and time), solves each
with scipy.optimize.linear_sum_assignment on the capacity-expanded matrix (one column per seat), checks
that both optima are equal, and writes the times and their ratio as JSON.

    python scipy_baseline.py DIR OUT.json [--max-students N] [--command TEXT]

Instances with more than N students (default 5000) are skipped and listed as such: the expanded matrix of
20,000 students has 22,000 columns (3.5 GB of doubles) and the cubic-time solver would run for a very long
time. Run by Benchmarks/run-overflow-comparison.sh; never part of `swift test`.
"""

import argparse
import datetime
import json
import os
import platform
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("out")
    parser.add_argument("--max-students", type=int, default=5000)
    parser.add_argument("--command", default="Benchmarks/run-overflow-comparison.sh",
                        help="the command that made this run, recorded in the results")
    args = parser.parse_args()
    load_at_start = [round(x, 2) for x in os.getloadavg()]

    with open(os.path.join(args.folder, "manifest.json")) as f:
        manifest = json.load(f)

    results = []
    for instance in manifest["instances"]:
        n, m = instance["students"], instance["schools"]
        seats = np.array(instance["seats"], dtype=np.int64)
        row = {
            "instance": instance["name"],
            "students": n,
            "schools": m,
            "expanded_columns": int(seats.sum()),
            "swift_solver_median_ms": instance["swift_solver_median_ms"],
            "swift_solver_cpu_median_ms": instance["swift_solver_cpu_median_ms"],
            "swift_optimum_metres": instance["swift_optimum"],
        }
        if n > args.max_students:
            row["scipy"] = f"skipped: more than {args.max_students} students (the expanded matrix has {n} x {int(seats.sum())} cells)"
            results.append(row)
            print(f"{instance['name']}: skipped", file=sys.stderr)
            continue
        costs = np.fromfile(os.path.join(args.folder, instance["costs_file"]), dtype="<i4").reshape(n, m)
        # One column per seat: school k's column repeated seats[k] times.
        expanded = np.repeat(costs.astype(np.float64), seats, axis=1)
        print(f"{instance['name']}: linear_sum_assignment on {expanded.shape[0]} x {expanded.shape[1]}", file=sys.stderr)
        start, cpu_start = time.perf_counter(), time.process_time()
        rows, cols = linear_sum_assignment(expanded)
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start
        optimum = int(expanded[rows, cols].sum())
        swift_seconds = instance["swift_solver_median_ms"] / 1000
        swift_cpu_seconds = instance["swift_solver_cpu_median_ms"] / 1000
        row.update({
            "scipy_seconds": round(seconds, 3),
            "scipy_cpu_seconds": round(cpu_seconds, 3),
            "scipy_optimum_metres": optimum,
            "optima_equal": optimum == instance["swift_optimum"],
            "scipy_over_swift": round(seconds / swift_seconds, 1),
            "scipy_over_swift_cpu": round(cpu_seconds / swift_cpu_seconds, 1),
        })
        results.append(row)
        print(f"  scipy {seconds:.3f} s, swift {swift_seconds:.3f} s, ratio {seconds / swift_seconds:.1f}, "
              f"optima {'equal' if optimum == instance['swift_optimum'] else 'DIFFER'}", file=sys.stderr)

    report = {
        "benchmark": "SciPy linear_sum_assignment on the capacity-expanded distance matrix (one column per seat) "
                     "against Paiwei's TransportationSolver on the same instances, in the same run",
        "command": args.command,
        "swift_command": manifest.get("command", ""),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "load_average": {
            "note": "1, 5 and 15 minute load averages (os.getloadavg) on a shared 2-core machine",
            "swift_start": manifest.get("load_average_start"),
            "swift_end": manifest.get("load_average_end"),
            "scipy_start": load_at_start,
            "scipy_end": [round(x, 2) for x in os.getloadavg()],
        },
        "notes": "scipy_seconds times linear_sum_assignment alone (one run; building the expanded matrix is not timed), "
                 "scipy_cpu_seconds its CPU time (time.process_time). "
                 "swift_solver_median_ms and swift_solver_cpu_median_ms are the medians of TransportationSolver.solve on the same matrix "
                 "(wall; CPU of its thread; Benchmarks/results/overflow.json). "
                 "scipy_over_swift and scipy_over_swift_cpu are their ratios; optima_equal compares the two least totals in whole metres.",
        "results": results,
    }
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    if any(r.get("optima_equal") is False for r in results):
        print("the optima differ", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

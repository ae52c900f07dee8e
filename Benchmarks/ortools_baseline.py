#!/usr/bin/env python3
"""Google OR-Tools baseline for the min_total_distance overflow optimizer.

Reads the instances that `paiwei-benchmarks --suite overflow --export DIR` wrote (a distance matrix in
whole metres per instance, the seats per school, and the Swift solver's optimum and times), solves each
with OR-Tools' SimpleMinCostFlow on the same transportation problem, checks that both optima are equal
in whole metres, and writes the times and their ratios as JSON.

    python ortools_baseline.py DIR OUT.json [--repeat N] [--command TEXT]

The network is the one Paiwei's TransportationSolver solves: one node per student with supply 1, one node
per school, one sink with demand n (every student must be seated); an arc per (student, school) with
capacity 1 and the integer metres as unit cost, and an arc per school to the sink with capacity = its
seats, cost 0. Seats may exceed the students (then some stay free); they may not fall short: who is kept
when seats are short is decided by the stage before the solver is called (AdmissionOrderSeating), so the
solver never sees such a problem, and neither does this baseline (the script refuses one).

Each run builds a fresh SimpleMinCostFlow (add_arcs_with_capacity_and_unit_cost and set_nodes_supplies
with NumPy arrays: the build) and calls solve() on it (the solve); both are timed apart, wall clock
(time.perf_counter) and CPU (time.process_time; OR-Tools' min-cost flow runs on one thread). Medians over
--repeat runs (default 5). Run by Benchmarks/run-overflow-comparison.sh; never part of `swift test`.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import ortools
from ortools.graph.python import min_cost_flow


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average():
    return [round(x, 2) for x in os.getloadavg()]


def build(costs, seats):
    """The transportation problem as a SimpleMinCostFlow: students 0..n-1, schools n..n+m-1, sink n+m."""
    n, m = costs.shape
    flow = min_cost_flow.SimpleMinCostFlow()
    # Student arcs first, in row order, so that arc s·m + k is (student s, school k).
    flow.add_arcs_with_capacity_and_unit_cost(
        np.repeat(np.arange(n, dtype=np.int32), m),
        np.tile(np.arange(n, n + m, dtype=np.int32), n),
        np.ones(n * m, dtype=np.int64),
        costs.reshape(-1).astype(np.int64))
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(n, n + m, dtype=np.int32),
        np.full(m, n + m, dtype=np.int32),
        seats.astype(np.int64),
        np.zeros(m, dtype=np.int64))
    supplies = np.zeros(n + m + 1, dtype=np.int64)
    supplies[:n] = 1
    supplies[n + m] = -n
    flow.set_nodes_supplies(np.arange(n + m + 1, dtype=np.int32), supplies)
    return flow


def check_assignment(flow, costs, seats):
    """The flow is an assignment: every student on exactly one school, no school over its seats, and its
    cost is the sum of the metres. Returns the total in metres."""
    n, m = costs.shape
    used = flow.flows(np.arange(n * m, dtype=np.int32)).reshape(n, m)
    if not (used.sum(axis=1) == 1).all():
        raise SystemExit("OR-Tools' flow does not seat every student once")
    if (used.sum(axis=0) > seats).any():
        raise SystemExit("OR-Tools' flow puts a school over its seats")
    return int((used * costs).sum())


def median(samples):
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("out")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--command", default="Benchmarks/run-overflow-comparison.sh",
                        help="the command that made this run, recorded in the results")
    args = parser.parse_args()
    load_at_start = load_average()

    with open(os.path.join(args.folder, "manifest.json")) as f:
        manifest = json.load(f)

    results = []
    for instance in manifest["instances"]:
        n, m = instance["students"], instance["schools"]
        seats = np.array(instance["seats"], dtype=np.int64)
        if seats.sum() < n:
            raise SystemExit(f"{instance['name']}: fewer seats than students; the solver is never given such a problem")
        costs = np.fromfile(os.path.join(args.folder, instance["costs_file"]), dtype="<i4").reshape(n, m).astype(np.int64)
        print(f"{instance['name']}: SimpleMinCostFlow with {n * m + m} arcs, {args.repeat} runs", file=sys.stderr)
        build_wall, build_cpu, solve_wall, solve_cpu = [], [], [], []
        optimum = None
        for run in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            flow = build(costs, seats)
            build_wall.append(time.perf_counter() - wall)
            build_cpu.append(time.process_time() - cpu)
            wall, cpu = time.perf_counter(), time.process_time()
            status = flow.solve()
            solve_wall.append(time.perf_counter() - wall)
            solve_cpu.append(time.process_time() - cpu)
            if status != flow.OPTIMAL:
                raise SystemExit(f"{instance['name']}: OR-Tools returned {status}")
            cost = flow.optimal_cost()
            if optimum is None:
                if check_assignment(flow, costs, seats) != cost:
                    raise SystemExit(f"{instance['name']}: the flow's metres and optimal_cost() differ")
                optimum = cost
            elif cost != optimum:
                raise SystemExit(f"{instance['name']}: OR-Tools' optimum changed between runs")
            del flow

        swift_wall = instance["swift_solver_median_ms"] / 1000
        swift_cpu = instance["swift_solver_cpu_median_ms"] / 1000
        row = {
            "instance": instance["name"],
            "students": n,
            "schools": m,
            "arcs": n * m + m,
            "ortools_build_median_seconds": round(median(build_wall), 4),
            "ortools_build_cpu_median_seconds": round(median(build_cpu), 4),
            "ortools_solve_median_seconds": round(median(solve_wall), 4),
            "ortools_solve_min_seconds": round(min(solve_wall), 4),
            "ortools_solve_cpu_median_seconds": round(median(solve_cpu), 4),
            "ortools_solve_cpu_min_seconds": round(min(solve_cpu), 4),
            "ortools_runs": args.repeat,
            "swift_solver_median_ms": instance["swift_solver_median_ms"],
            "swift_solver_cpu_median_ms": instance["swift_solver_cpu_median_ms"],
            "swift_runs": instance["swift_solver_samples"],
            "ortools_optimum_metres": optimum,
            "swift_optimum_metres": instance["swift_optimum"],
            "optima_equal": optimum == instance["swift_optimum"],
            "ortools_over_swift_wall": round(median(solve_wall) / swift_wall, 1),
            "ortools_over_swift_cpu": round(median(solve_cpu) / swift_cpu, 1),
        }
        results.append(row)
        print(f"  OR-Tools solve {row['ortools_solve_median_seconds']:.3f} s wall / {row['ortools_solve_cpu_median_seconds']:.3f} s CPU "
              f"(build {row['ortools_build_median_seconds']:.3f} s); Paiwei {swift_wall:.4f} s / {swift_cpu:.4f} s; "
              f"ratio {row['ortools_over_swift_wall']} wall, {row['ortools_over_swift_cpu']} CPU; "
              f"optima {'equal' if row['optima_equal'] else 'DIFFER'}", file=sys.stderr)

    report = {
        "benchmark": "OR-Tools SimpleMinCostFlow on the transportation network (students supply 1, student-school arcs "
                     "of capacity 1 at the metres, school-sink arcs of capacity = seats) against Paiwei's "
                     "TransportationSolver on the same instances, in the same run",
        "command": args.command,
        "swift_command": manifest.get("command", ""),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
            "os": " ".join(platform.uname()[i] for i in (0, 2, 4)),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "ortools": ortools.__version__,
            "swift": manifest.get("swift", ""),
        },
        "load_average": {
            "note": "1, 5 and 15 minute load averages (os.getloadavg) on a shared 2-core machine",
            "swift_start": manifest.get("load_average_start"),
            "swift_end": manifest.get("load_average_end"),
            "ortools_start": load_at_start,
            "ortools_end": load_average(),
        },
        "notes": "ortools_solve_* times SimpleMinCostFlow.solve() alone; ortools_build_* building the network from NumPy "
                 "arrays (not counted in the ratios). swift_solver_* is TransportationSolver.solve on the same matrix "
                 "(wall: ContinuousClock; CPU: CLOCK_THREAD_CPUTIME_ID), from Benchmarks/results/overflow.json of the same run. "
                 "ortools_over_swift_wall and _cpu are the ratios of the medians; optima_equal compares the two least "
                 "totals in whole metres.",
        "results": results,
    }
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    if any(not r["optima_equal"] for r in results):
        print("the optima differ", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

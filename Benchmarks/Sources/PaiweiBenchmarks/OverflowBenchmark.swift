import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports
import PaiweiTestSupport

/// The `min_total_distance` overflow optimizer on synthetic instances: students and schools at random
/// points of a 20 km square, seats summing to 1.1 × the students. Per instance:
///
/// - the solver alone (``TransportationSolver`` on the distance matrix, as SciPy gets it), total and
///   `max_then_total`;
/// - the whole placement (`PlacementInstance.place`: lottery, who is kept, distances, solving, the
///   promise checks with the certificate) with a one-stage policy, `min_total_distance` against
///   `nearest_by_lottery`, and the distance saved;
/// - with `--export DIR`, the distance matrix and seats written for `Benchmarks/scipy_baseline.py` and
///   `Benchmarks/ortools_baseline.py`, with the solver's optimum and its median wall and CPU times;
/// - with `--profile`, the solver alone (for callgrind and perf).
///
/// The solver is timed by the wall clock and by the CPU time of its thread (`CLOCK_THREAD_CPUTIME_ID`):
/// the machine is shared, and CPU time is what another process's load changes least.
func overflowBenchmark(_ options: Options) throws -> JSONValue {
    var results: [JSONValue] = []
    var manifest: [JSONValue] = []
    let loadAtStart = loadAverage()
    for students in options.overflowStudents {
        for schools in options.overflowSchools {
            let instance = OverflowInstance(students: students, schools: schools, seed: UInt64(students * 1000 + schools))
            FileHandle.standardError.write(Data("overflow \(students) students × \(schools) schools\n".utf8))
            let costs = instance.costs()
            var problem = TransportationProblem(seats: instance.seats.map(Int32.init))
            for s in 0..<students {
                for k in 0..<schools { problem.allow(school: Int32(k), cost: costs[s * schools + k]) }
                problem.endStudent()
            }
            // The largest instances take seconds per placement: at most five runs (the OR-Tools baseline's count).
            let repetitions = students * schools >= 8_000_000 ? min(options.repetitions, 5) : options.repetitions

            var solverTimes: [Double] = [], solverCPUTimes: [Double] = []
            var solution: TransportationSolution?
            for _ in 0..<repetitions {
                let start = clock.now, cpuStart = threadCPUMilliseconds()
                let solved = TransportationSolver.solve(problem)
                solverCPUTimes.append(threadCPUMilliseconds() - cpuStart)
                solverTimes.append(milliseconds(clock.now - start))
                precondition(solution == nil || solution == solved, "the solver is not deterministic")
                solution = solved
            }
            if options.profile {
                FileHandle.standardError.write(Data("  solver \(statistics(solverTimes).rendered()) wall, \(statistics(solverCPUTimes).rendered()) CPU, optimum \(solution!.totalCost)\n".utf8))
                continue
            }
            var fairTimes: [Double] = []
            var fairest: TransportationSolution?
            for _ in 0..<max(1, repetitions / 2) {
                let start = clock.now
                fairest = TransportationSolver.solve(problem, objective: .maxThenTotal)
                fairTimes.append(milliseconds(clock.now - start))
            }
            let optimum = solution!.totalCost
            let longest = (0..<students).map { costs[$0 * schools + Int(solution!.school[$0])] }.max()!
            let fairLongest = (0..<students).map { costs[$0 * schools + Int(fairest!.school[$0])] }.max()!

            // The whole placement, both methods, on the same data.
            let dataset = try Dataset.parse(files: instance.files())
            var placed: [String: (times: [Double], total: Int, max: Int)] = [:]
            for method in ["min_total_distance", "nearest_by_lottery"] {
                let policy = try Policy.parse(#"{"year": 2024, "stages": [{"kind": "overflow", "name": "overflow", "scope": "all", "method": "\#(method)"}]}"#, file: "bench.json")
                let prepared = try PlacementInstance(dataset: dataset, policy: policy, workers: 2)
                var times: [Double] = []
                var result: PlacementResult?
                for _ in 0..<repetitions {
                    let start = clock.now
                    result = try prepared.place(seed: LotterySeed(hex: String(repeating: "a5", count: 32))!)
                    times.append(milliseconds(clock.now - start))
                }
                let distances = result!.overflowDistance.filter { $0 >= 0 }.map(Int.init)
                precondition(distances.count == students, "everyone fits, so everyone is placed")
                placed[method] = (times, distances.reduce(0, +), distances.max()!)
            }
            let optimal = placed["min_total_distance"]!, greedy = placed["nearest_by_lottery"]!
            precondition(Int64(optimal.total) == optimum, "the stage and the solver disagree on the optimum")

            let name = "overflow-\(students)x\(schools)"
            if let export = options.export {
                let folder = URL(fileURLWithPath: export)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try costs.withUnsafeBufferPointer { try Data(buffer: $0).write(to: folder.appendingPathComponent(name + ".costs.i32")) }
                manifest.append(.object([
                    ("name", .string(name)),
                    ("students", .int(students)),
                    ("schools", .int(schools)),
                    ("seats", .array(instance.seats.map { .int($0) })),
                    ("costs_file", .string(name + ".costs.i32")),
                    ("swift_optimum", .int(Int(optimum))),
                    ("swift_solver_median_ms", statistics(solverTimes)["median_ms"]!),
                    ("swift_solver_cpu_median_ms", statistics(solverCPUTimes)["median_ms"]!),
                    ("swift_solver_samples", .int(solverTimes.count)),
                ]))
            }
            results.append(.object([
                ("instance", .string(name)),
                ("students", .int(students)),
                ("schools", .int(schools)),
                ("seats", .int(instance.seats.reduce(0, +))),
                ("solver_total", .object([
                    ("time", statistics(solverTimes)),
                    ("cpu_time", statistics(solverCPUTimes)),
                    ("optimum_metres", .int(Int(optimum))),
                    ("max_metres", .int(Int(longest))),
                ])),
                ("solver_max_then_total", .object([
                    ("time", statistics(fairTimes)),
                    ("max_metres", .int(Int(fairLongest))),
                    ("total_metres", .int(Int(fairest!.totalCost))),
                ])),
                ("place_min_total_distance", .object([("time", statistics(optimal.times)), ("total_metres", .int(optimal.total)), ("max_metres", .int(optimal.max))])),
                ("place_nearest_by_lottery", .object([("time", statistics(greedy.times)), ("total_metres", .int(greedy.total)), ("max_metres", .int(greedy.max))])),
                ("saved_metres", .int(greedy.total - optimal.total)),
                ("saved_percent", .double((Double(greedy.total - optimal.total) / Double(greedy.total) * 1000).rounded() / 10)),
                ("saved_mean_metres_per_student", .double((Double(greedy.total - optimal.total) / Double(students) * 10).rounded() / 10)),
            ]))
        }
    }
    if let export = options.export {
        let url = URL(fileURLWithPath: export).appendingPathComponent("manifest.json")
        let command = "paiwei-benchmarks " + CommandLine.arguments.dropFirst().joined(separator: " ")
        let swift = shell("/usr/bin/env", ["swift", "--version"]).split(separator: "\n").first.map(String.init) ?? "unknown"
        try Data(JSONValue.object([
            ("command", .string(command)),
            ("swift", .string(swift)),
            ("load_average_start", loadAtStart),
            ("load_average_end", loadAverage()),
            ("instances", .array(manifest)),
        ]).rendered().utf8).write(to: url)
    }
    return report(.string("min_total_distance overflow: TransportationSolver on the distance matrix, and the whole placement (one overflow stage, scope all) against nearest_by_lottery"), [
        ("load_average", .object([("start", loadAtStart), ("end", loadAverage())])),
        ("notes", .string("Students and schools uniformly at random in a 20 km square, seats summing to 1.1 × students (each school 0.5–1.5 × the mean). Costs are haversine metres (SPEC §3). solver_* time TransportationSolver.solve alone (time: wall clock; cpu_time: the thread's CPU time); place_* time PlacementInstance.place (lottery, kept set, distances, solving, promise checks including the certificate). Median and min over the runs.")),
        ("results", .array(results)),
    ])
}

/// A synthetic overflow instance: points in a 20 km square around Beijing, as micro-degrees so that the
/// CSV text and the matrix agree to the bit.
struct OverflowInstance {
    var studentPoints: [(Int, Int)] = []
    var schoolPoints: [(Int, Int)] = []
    var seats: [Int] = []

    init(students: Int, schools: Int, seed: UInt64) {
        var random = TestRandom(state: seed)
        // 20 km is 0.1799° of latitude and 0.2344° of longitude at 39.9° N.
        func point() -> (Int, Int) { (39_810_000 + random.int(179_900), 116_280_000 + random.int(234_400)) }
        studentPoints = (0..<students).map { _ in point() }
        schoolPoints = (0..<schools).map { _ in point() }
        let weights = (0..<schools).map { _ in 0.5 + Double(random.int(1_000_001)) / 1_000_000 }
        let sum = weights.reduce(0, +)
        let wanted = (students * 11 + 9) / 10
        seats = weights.map { Int(Double(wanted) * $0 / sum) }
        var k = 0
        while seats.reduce(0, +) < wanted {
            seats[k % schools] += 1
            k += 1
        }
    }

    static func degrees(_ micro: Int) -> String { String(format: "%d.%06d", micro / 1_000_000, micro % 1_000_000) }

    func coordinate(_ point: (Int, Int)) -> Coordinate {
        Coordinate(latitude: Double(Self.degrees(point.0))!, longitude: Double(Self.degrees(point.1))!)
    }

    /// `costs[s · schools + k]`: metres from student s to school k.
    func costs() -> [Int32] {
        let schools = schoolPoints.map(coordinate)
        var costs: [Int32] = []
        costs.reserveCapacity(studentPoints.count * schools.count)
        for point in studentPoints {
            let home = coordinate(point)
            for school in schools { costs.append(Int32(distanceMetres(home, school))) }
        }
        return costs
    }

    func files() -> [String: [UInt8]] {
        var schools = "school_id,capacity,lat,lon\n"
        for (k, point) in schoolPoints.enumerated() {
            schools += String(format: "S%04d", k) + ",\(seats[k]),\(Self.degrees(point.0)),\(Self.degrees(point.1))\n"
        }
        var students = "student_id,zone_id,lat,lon\n"
        for (s, point) in studentPoints.enumerated() {
            students += String(format: "P%06d", s) + ",Z,\(Self.degrees(point.0)),\(Self.degrees(point.1))\n"
        }
        return ["schools.csv": Array(schools.utf8), "zones.csv": Array("zone_id,kind,schools\nZ,single,S0000\n".utf8), "students.csv": Array(students.utf8)]
    }
}

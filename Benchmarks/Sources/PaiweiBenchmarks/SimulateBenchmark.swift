import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei simulate`'s engine: replications per second with 1 and 2 workers on generated districts,
/// the instance prepared once as the command does.
func simulateBenchmark(_ options: Options) throws -> JSONValue {
    let seed = LotterySeed(hex: String(repeating: "a5", count: 32))!
    let policy = PolicyPreset.chaoyang2023Middle.policy
    var results: [JSONValue] = []
    for students in options.sizes {
        let files = Dictionary(uniqueKeysWithValues: DistrictGenerator(preset: .chaoyang, students: students, seed: 1).makeFiles().map { ($0.name, $0.bytes) })
        let instance = try PlacementInstance(dataset: Dataset.parse(files: files), policy: policy, workers: 2)
        let replications = students > 100_000 ? 40 : 400
        var rows: [(String, JSONValue)] = [("students", .int(students)), ("replications_per_run", .int(replications))]
        var medians: [Int: Double] = [:]
        for workers in [1, 2] {
            var rates: [Double] = []
            for run in 0..<3 {
                FileHandle.standardError.write(Data("simulate \(students) students, \(workers) worker(s), run \(run + 1) of 3\n".utf8))
                let start = clock.now
                let tally = try Simulation.run(instance: instance, seed: seed, replications: 0..<replications, workers: workers)
                let seconds = milliseconds(clock.now - start) / 1000
                precondition(tally.replications == replications)
                rates.append(Double(replications) / seconds)
            }
            rates.sort()
            medians[workers] = rates[1]
            rows.append(("workers_\(workers)", .object([
                ("replications_per_second_median", .double((rates[1] * 10).rounded() / 10)),
                ("replications_per_second_min", .double((rates[0] * 10).rounded() / 10)),
                ("replications_per_second_max", .double((rates[2] * 10).rounded() / 10)),
            ])))
        }
        rows.append(("speedup_2_over_1", .double((medians[2]! / medians[1]! * 100).rounded() / 100)))
        rows.append(("seconds_for_1000_replications_2_workers", .double((1000 / medians[2]! * 100).rounded() / 100)))
        results.append(.object(rows))
    }
    return .object([
        ("benchmark", .string("Simulation.run (paiwei simulate without reading and writing files), chaoyang-2023-middle on generated chaoyang districts")),
        ("command", .string("swift run -c release paiwei-benchmarks " + CommandLine.arguments.dropFirst().joined(separator: " "))),
        ("date", .string(ISO8601DateFormatter().string(from: Date()))),
        ("machine", machine()),
        ("notes", .string("Each replication is a full placement with seed_r and its promise checks, tallied into odds and pressure; 3 runs per setting, median rate reported.")),
        ("results", .array(results)),
    ])
}

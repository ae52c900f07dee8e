import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// The comparison of mechanisms (`paiwei simulate --mechanisms`) on a generated 30,000-student Chaoyang
/// district: per mechanism, placements per second of the whole placement with that mechanism in every
/// multi-zone stage (promise checks included: the parallel rounds, no Pareto improvement), and the
/// comparison of all four as the simulation runs it, in replications per second.
func mechanismsBenchmark(_ options: Options) throws -> JSONValue {
    let seed = LotterySeed(hex: String(repeating: "c3", count: 32))!
    let mechanisms: [MechanismChoice] = [.immediateAcceptance, .deferredAcceptance, .parallel(2), .topTradingCycles]
    var results: [JSONValue] = []
    for students in options.sizes {
        let files = Dictionary(uniqueKeysWithValues: DistrictGenerator(preset: .chaoyang, students: students, seed: 1).makeFiles().map { ($0.name, $0.bytes) })
        let instance = try PlacementInstance(dataset: Dataset.parse(files: files), policy: PolicyPreset.chaoyang2023Middle.policy, workers: 2)
        var rows: [(String, JSONValue)] = [("students", .int(students))]
        for choice in mechanisms {
            let policy = try instance.policy.replacingMultiZoneMechanism(with: choice)
            let under = try PlacementInstance(dataset: instance.dataset, policy: policy, workers: 1)
            var samples: [Double] = []
            for r in 0..<max(options.repetitions, 21) {
                let start = clock.now
                let result = try under.place(seed: seed.replication(UInt64(r)))
                samples.append(milliseconds(clock.now - start))
                precondition(result.school.count == students)
            }
            samples.sort()
            rows.append((choice.description, .object([
                ("placement_milliseconds", statistics(samples)),
                ("placements_per_second_median", .double((1000 / samples[samples.count / 2] * 10).rounded() / 10)),
            ])))
        }
        let trial = try MechanismTrial.prepare(instance, mechanisms: mechanisms, workers: 2)
        let replications = 40
        var rates: [Double] = []
        for run in 0..<3 {
            FileHandle.standardError.write(Data("mechanisms \(students) students, run \(run + 1) of 3\n".utf8))
            let start = clock.now
            let tally = try Simulation.run(instance: instance, seed: seed, replications: 0..<replications, workers: 2, comparing: trial)
            precondition(tally.comparison?.mechanisms == mechanisms)
            rates.append(Double(replications) / (milliseconds(clock.now - start) / 1000))
        }
        rates.sort()
        rows.append(("comparison_of_all_four_replications_per_second_2_workers", .double((rates[1] * 10).rounded() / 10)))
        results.append(.object(rows))
    }
    return report(.string("each multi-zone mechanism on chaoyang-2023-middle, generated chaoyang districts; and simulate --mechanisms of all four"), [
        ("notes", .string("A placement is the whole policy with the mechanism in its multi-zone stage, promise checks included; the comparison places every replication under the policy and under each of the four.")),
        ("results", .array(results)),
    ])
}

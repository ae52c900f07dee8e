import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei simulate`: the nightly simulation of the whole placement on the registrations so far.
enum SimulateCommand {
    static let help = """
    Usage: paiwei simulate --data DIR --policy NAME|FILE --seed HEX --replications N [--workers N]
                           [--replication-range A..<B] --out DIR

    Runs the whole placement N times; replication r uses seed_r = SHA-256(seed ‖ "replication" ‖ r),
    so it is exactly 'paiwei place' with that seed. Writes per student the probability of each outcome
    (student_odds.csv), per school and stage the probability of being oversubscribed with applicants
    and seats filled (school_pressure.csv), per zone the expected overflow and unplaced
    (zone_pressure.csv), summary.json, and tally.txt for 'paiwei merge'. Probabilities carry a 95%
    Wilson interval. Results are identical for any --workers and any row order of the input files.

    Options:
      --replications N         replications 0..<N
      --replication-range A..<B  only replications A..<B (a slice of an array job; merge the slices)
      --workers N              threads (default: all cores)
      --compare-mechanism      also run every replication with the multi-zone stages under the other
                               mechanism (immediate ↔ deferred acceptance) and write
                               mechanism_comparison.csv: first choices, overflow, unplaced, better off
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "seed", "replications", "replication-range", "workers", "out"],
                                      flags: ["compare-mechanism"])
        let data = try arguments.required("data")
        let policy = try arguments.required("policy")
        let out = try arguments.required("out")
        guard let seed = LotterySeed(hex: try arguments.required("seed")) else { throw UsageError("--seed must be 64 hexadecimal digits") }
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let range: Range<Int>
        if let text = try arguments.value("replication-range") {
            guard let parsed = parseRange(text) else { throw UsageError("--replication-range must look like 0..<500, not '\(text)'") }
            if try arguments.value("replications") != nil { throw UsageError("give --replications or --replication-range, not both") }
            range = parsed
        } else {
            range = 0..<(try arguments.integer("replications", default: -1, range: 1...10_000_000))
            if range.upperBound < 0 { throw UsageError("--replications is required") }
        }
        // Leftovers of killed runs go first, whatever this run comes to (docs/outputs.md).
        OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out))
        if FileManager.default.fileExists(atPath: out) { throw UsageError("\(out) already exists; choose a new folder") }

        let session = try PlacementSession.prepare(data: URL(fileURLWithPath: data), policy: policy, workers: workers)

        Console.readingNotices(session.inputs.dataset)
        let progress = ProgressBar(total: range.count, unit: "replications")
        let clock = ContinuousClock()
        let start = clock.now
        var alternative: PlacementInstance?
        if arguments.has("compare-mechanism") {
            guard let stage = session.instance.policy.stages.first(where: { $0.kind == .multiZone }) else {
                throw UsageError("--compare-mechanism needs a policy with a multi_zone stage")
            }
            let other: Mechanism = stage.mechanism == .immediateAcceptance ? .deferredAcceptance : .immediateAcceptance
            let comparedPolicy: Policy
            do throws(MechanismRefusal) {
                comparedPolicy = try session.instance.policy.replacingMultiZoneMechanism(with: other)
            } catch {
                throw UsageError("--compare-mechanism: \(error)")
            }
            alternative = try PlacementInstance(dataset: session.instance.dataset, policy: comparedPolicy, workers: workers)
        }
        let tally = try Simulation.run(instance: session.instance, seed: seed, replications: range, workers: workers,
                                       comparing: alternative) { progress.update($0) }
        let elapsed = clock.now - start
        let identity = SimulationIdentity(fileDigests: session.instance.dataset.fileDigests, policy: session.instance.policy, seed: seed)
        let files = SimulationFiles(instance: session.instance, seed: seed, tally: tally, identity: identity)
        let rendered = files.render()
        try OutputFolder.write(rendered, to: URL(fileURLWithPath: out))
        let seconds = ProgressBar.seconds(elapsed)
        Console.out("Simulated replications \(range.lowerBound)..<\(range.upperBound) of \(Console.count(session.instance.dataset.students.count)) students in \(FixedDecimal.string(seconds, decimals: 1)) s (\(FixedDecimal.string(Double(range.count) / max(seconds, 1e-9), decimals: 0)) replications/s, \(workers) worker\(workers == 1 ? "" : "s")).")
        report(files)
        if let comparison = tally.comparison {
            for (m, mechanism) in Mechanism.allCases.enumerated() {
                let h = comparison.histograms[m]
                Console.out("  \(mechanism.rawValue): first choice \(FixedDecimal.string(h[0].mean, decimals: 1)), overflow \(FixedDecimal.string(h[1].mean, decimals: 1)), unplaced \(FixedDecimal.string(h[2].mean, decimals: 1)), better off than under the other \(FixedDecimal.string(h[3].mean, decimals: 1)) (means per replication)")
            }
        }
        Console.out("Results: \(out)/ (\(rendered.map(\.name).joined(separator: ", ")))")
        return .ok
    }

    static func parseRange(_ text: String) -> Range<Int>? {
        let parts = text.components(separatedBy: "..<")
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low >= 0, low < high else { return nil }
        return low..<high
    }

    static func report(_ files: SimulationFiles) {
        let summary = files.summary()
        if case .object(let expected)? = summary["expected_per_replication"] {
            for (name, value) in expected {
                if case .double(let v) = value { Console.out("  \(name.replacingOccurrences(of: "_", with: " ")): \(FixedDecimal.string(v, decimals: 1)) students on average") }
            }
        }
    }
}

/// `paiwei merge`: adds up simulation slices into exactly the result of one run over all of them.
enum MergeCommand {
    static let help = """
    Usage: paiwei merge --data DIR --policy NAME|FILE --out DIR SLICE_DIR…

    Combines the output folders of 'paiwei simulate --replication-range' runs (same data, policy and
    seed; replication ranges must not overlap) into the output of one run over all their replications,
    byte for byte. See docs/simulation.md for running slices as an array job.
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "out", "workers"], positionals: 100_000)
        let out = try arguments.required("out")
        guard !arguments.positionals.isEmpty else { throw UsageError("name the slice folders to merge") }
        // Leftovers of killed runs go first, whatever this run comes to (docs/outputs.md).
        OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out))
        if FileManager.default.fileExists(atPath: out) { throw UsageError("\(out) already exists; choose a new folder") }
        let session = try PlacementSession.prepare(data: URL(fileURLWithPath: try arguments.required("data")), policy: try arguments.required("policy"), workers: 1)
        Console.readingNotices(session.inputs.dataset)
        var total: SimulationTally?
        var identity: SimulationIdentity?
        for folder in arguments.positionals {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(SimulationTally.fileName).path
            guard let bytes = FileManager.default.contents(atPath: path) else { throw UsageError("\(path): no tally here; is \(folder) the output of 'paiwei simulate'?") }
            guard let (tally, sliceIdentity) = SimulationTally.decode(Array(bytes)) else { throw UsageError("\(path): not a readable tally file") }
            let seed = LotterySeed(hex: sliceIdentity.seed)
            let expected = seed.map { SimulationIdentity(fileDigests: session.instance.dataset.fileDigests, policy: session.instance.policy, seed: $0) }
            guard let expected, expected == sliceIdentity else {
                throw UsageError("\(path): made from other inputs, policy or seed than --data and --policy here")
            }
            guard tally.students == session.instance.dataset.students.count, tally.schools == session.instance.dataset.schools.count,
                  tally.stages == session.instance.policy.stages.count, tally.zones == session.instance.dataset.zones.count else {
                throw UsageError("\(path): does not fit this dataset and policy")
            }
            if var sum = total {
                if (sum.comparison == nil) != (tally.comparison == nil) {
                    throw UsageError("\(folder) was run with a different --compare-mechanism setting than the other slices")
                }
                if sum.overlaps(tally) { throw UsageError("\(folder) repeats replications already merged") }
                sum.merge(tally)
                total = sum
            } else {
                total = tally
                identity = sliceIdentity
            }
        }
        var merged = total!
        merged.normalize()
        let files = SimulationFiles(instance: session.instance, seed: LotterySeed(hex: identity!.seed)!, tally: merged, identity: identity!)
        try OutputFolder.write(files.render(), to: URL(fileURLWithPath: out))
        Console.out("Merged \(arguments.positionals.count) slices: replications \(merged.ranges.map { "\($0.lowerBound)..<\($0.upperBound)" }.joined(separator: ", ")) (\(Console.count(merged.replications)) in all).")
        Console.out("Results: \(out)/")
        return .ok
    }
}

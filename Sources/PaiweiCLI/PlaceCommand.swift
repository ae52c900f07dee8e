import Foundation
import PaiweiKit

/// `paiwei place`: the final, district-wide placement with a published seed.
enum PlaceCommand {
    static let help = """
    Usage: paiwei place --data DIR --policy NAME|FILE (--seed HEX | --ceremony C [--ceremony C …]) --out DIR [--workers N]

    Places every student of the dataset in DIR by the policy (a preset name or a JSON file),
    with the lotteries of the seed, and writes a new folder with placements.csv, schools.csv,
    warnings.csv and summary.json. The folder is written completely or not at all.

    Options:
      --data DIR        dataset folder (schools.csv, zones.csv, students.csv, address_usage.csv)
      --policy P        preset name (see 'paiwei policy list') or policy JSON file
      --seed HEX        the published seed: 64 hexadecimal digits
      --ceremony C      a public contribution (e.g. a number drawn by a parents' representative);
                        repeat for each; the seed is SHA-256 of them all (see docs/lottery-protocol.md)
      --out DIR         the new folder to write; must not exist
      --workers N       threads for preparation (default: all cores); results do not depend on it
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "seed", "ceremony", "out", "workers"])
        let data = try arguments.required("data")
        let policy = try arguments.required("policy")
        let out = try arguments.required("out")
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let seed = try PlacementSession.seed(arguments)
        if FileManager.default.fileExists(atPath: out) {
            throw UsageError("\(out) already exists; choose a new folder (Paiwei never overwrites a result)")
        }
        let session = try PlacementSession.prepare(data: data, policy: policy, workers: workers)
        try session.place(seed: seed, out: URL(fileURLWithPath: out), replacing: false)
        return .ok
    }
}

/// `paiwei check`: everything `place` refuses, without placing.
enum CheckCommand {
    static let help = """
    Usage: paiwei check --data DIR --policy NAME|FILE

    Loads and validates the dataset against the policy — every problem reported as
    file:line: column: message — and lists the warnings a placement would write.
    Exit status 0 when the data can be placed, 2 when it cannot.
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "workers"])
        let data = try arguments.required("data")
        let policy = try arguments.required("policy")
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let session = try PlacementSession.prepare(data: data, policy: policy, workers: workers)
        let instance = session.instance
        Console.out("\(data): \(Console.count(instance.dataset.students.count)) students, \(Console.count(instance.dataset.schools.count)) schools, \(Console.count(instance.dataset.zones.count)) zones — can be placed with policy '\(instance.policy.name)'.")
        for warning in instance.warnings.prefix(20) {
            Console.out("warning: \(warning.file):\(warning.line): \(warning.studentID): \(warning.message)")
        }
        if instance.warnings.count > 20 {
            Console.out("… and \(Console.count(instance.warnings.count - 20)) more warnings (all of them go to warnings.csv when placing).")
        }
        return .ok
    }
}

/// Loading, preparing, placing and reporting, shared by `place` and `demo`.
struct PlacementSession {
    let instance: PlacementInstance
    let loadTime: Duration
    let prepareTime: Duration

    static func seed(_ arguments: Arguments) throws -> LotterySeed {
        let hex = try arguments.value("seed")
        let contributions = arguments.all("ceremony")
        switch (hex, contributions.isEmpty) {
        case (nil, true): throw UsageError("give the seed: --seed HEX, or --ceremony for each public contribution")
        case (.some, false): throw UsageError("give either --seed or --ceremony, not both")
        case (.some(let hex), true):
            guard let seed = LotterySeed(hex: hex) else {
                throw UsageError("--seed must be 64 hexadecimal digits (32 bytes), got \(hex.count) characters")
            }
            return seed
        case (nil, false):
            do {
                let seed = try LotterySeed(ceremony: contributions)
                Console.error("Seed from \(contributions.count) ceremony contribution\(contributions.count == 1 ? "" : "s"): \(seed.hex)")
                return seed
            } catch {
                throw UsageError(error.description)
            }
        }
    }

    static func prepare(data: String, policy policyName: String, workers: Int) throws -> PlacementSession {
        let clock = ContinuousClock()
        let start = clock.now
        var problems: [InputProblem] = []
        var dataset: Dataset?
        var policy: Policy?
        // Both inputs are checked before either is reported, so one run lists every problem.
        do { policy = try Policy.resolve(policyName) } catch { problems += error.problems }
        do { dataset = try Dataset.load(from: URL(fileURLWithPath: data)) } catch { problems += error.problems }
        if !problems.isEmpty { throw InputProblems(problems) }
        let loaded = clock.now
        let instance = try PlacementInstance(dataset: dataset!, policy: policy!, workers: workers)
        return PlacementSession(instance: instance, loadTime: loaded - start, prepareTime: clock.now - loaded)
    }

    func place(seed: LotterySeed, out: URL, replacing: Bool) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try instance.place(seed: seed)
        let placed = clock.now
        let files = PlacementFiles(instance: instance, result: result)
        let rendered = files.render()
        if replacing, FileManager.default.fileExists(atPath: out.path) {
            try FileManager.default.removeItem(at: out)
        }
        try OutputFolder.write(rendered, to: out)
        let written = clock.now
        report(files, out: out)
        Console.out("Time: load \(Console.milliseconds(loadTime)), prepare \(Console.milliseconds(prepareTime)), place \(Console.milliseconds(placed - start)), write \(Console.milliseconds(written - placed)).")
    }

    /// A few lines a person reads: how many were placed where, by which stage.
    func report(_ files: PlacementFiles, out: URL) {
        let result = files.result
        let n = instance.dataset.students.count
        var outcomes: [PlacementFiles.Outcome: Int] = [:]
        for s in 0..<n { outcomes[files.outcome(s), default: 0] += 1 }
        let placed = outcomes[.placed] ?? 0
        Console.out("Placed \(Console.count(placed)) of \(Console.count(n)) students (\(Console.percent(placed, of: n))) with policy '\(instance.policy.name)', seed \(result.seed.hex.prefix(16))….")
        Console.out("  unplaced: \(Console.count(outcomes[.unplaced] ?? 0)), ineligible: \(Console.count(outcomes[.ineligible] ?? 0))")
        let width = max(12, instance.policy.stages.map(\.name.count).max() ?? 0)
        for (index, stage) in instance.policy.stages.enumerated() {
            let filled = result.stages[index].seatsTaken.reduce(0) { $0 + Int($1) }
            let name = stage.name.padding(toLength: width, withPad: " ", startingAt: 0)
            Console.out("  \(name) \(Console.count(filled).leftPadded(7)) placed")
        }
        let distances = result.overflowDistance.filter { $0 >= 0 }.map(Int.init)
        if !distances.isEmpty {
            let total = distances.reduce(0, +)
            Console.out("  overflow distance: mean \(Console.kilometres(total / distances.count)), max \(Console.kilometres(distances.max()!)) over \(Console.count(distances.count)) students")
        }
        if !instance.warnings.isEmpty {
            Console.out("  \(Console.count(instance.warnings.count)) warnings: skipped preferences and choices, listed in warnings.csv")
        }
        Console.out("Results: \(out.path)/ (placements.csv, schools.csv, warnings.csv, summary.json)")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

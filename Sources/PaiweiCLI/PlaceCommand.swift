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
      --candidate-runs K  with a ceremony: make K candidate placements, each with its own seed
                        derived from the ceremony seed (Jilin: 由4～6号家长依次下达派位指令) …
      --drawn-index I   … and let the slip drawn in public choose which one stands (1…K)
      --out DIR         the new folder to write; must not exist
      --workers N       threads for preparation (default: all cores); results do not depend on it

    The folder also holds report.html and rosters.html (printable, one page per school), copies of
    the input files under inputs/, and audit.json with the SHA-256 of every file, the policy and the
    seed, so that 'paiwei verify DIR' can re-run and check it anywhere. With an overflow stage using
    min_total_distance, overflow_certificate.json proves its assignment optimal (docs/overflow-optimizer.md).
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "seed", "ceremony", "candidate-runs", "drawn-index", "out", "workers"])
        let data = try arguments.required("data")
        let policy = try arguments.required("policy")
        let out = try arguments.required("out")
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let draw = try PlacementSession.seedDraw(arguments)
        // Leftovers of killed runs go first, whatever this run comes to (docs/outputs.md).
        OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out))
        if FileManager.default.fileExists(atPath: out) {
            throw UsageError("\(out) already exists; choose a new folder (Paiwei never overwrites a result)")
        }
        let session = try PlacementSession.prepare(data: data, policy: policy, workers: workers)
        try session.place(draw, out: URL(fileURLWithPath: out), replacing: false)
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
    /// The raw input files, copied into the output folder for verification.
    let inputs: [String: [UInt8]]
    let loadTime: Duration
    let prepareTime: Duration

    /// The seed draw of SPEC §4 from `--seed` or `--ceremony`, with optional candidate runs; printed
    /// before anything is placed, so that the notary can write it down first.
    static func seedDraw(_ arguments: Arguments) throws -> SeedDraw {
        let hex = try arguments.value("seed")
        let contributions = arguments.all("ceremony")
        let runs = try arguments.integer("candidate-runs", default: 0, range: 1...100)
        let index = try arguments.integer("drawn-index", default: 0, range: 1...100)
        if (runs == 0) != (index == 0) { throw UsageError("--candidate-runs and --drawn-index go together") }
        let draw: SeedDraw
        do {
            switch (hex, contributions.isEmpty) {
            case (nil, true): throw UsageError("give the seed: --seed HEX, or --ceremony for each public contribution")
            case (.some, false): throw UsageError("give either --seed or --ceremony, not both")
            case (.some(let hex), true):
                guard let seed = LotterySeed(hex: hex) else {
                    throw UsageError("--seed must be 64 hexadecimal digits (32 bytes), got \(hex.count) characters")
                }
                draw = runs > 0 ? try SeedDraw(seed: seed, candidateRuns: runs, drawnIndex: index) : SeedDraw(seed: seed)
            case (nil, false):
                draw = try SeedDraw(ceremony: contributions, candidateRuns: runs, drawnIndex: index)
                Console.error("Seed from \(contributions.count) ceremony contribution\(contributions.count == 1 ? "" : "s"): \(draw.base.hex)")
            }
        } catch let error as SeedDrawError {
            throw UsageError(error.description)
        }
        if runs > 0 {
            for k in 1...runs {
                Console.error("Candidate run \(k): seed \(draw.candidate(k).hex)\(k == index ? "  ← drawn, stands" : "")")
            }
        }
        return draw
    }

    static func prepare(data: String, policy policyName: String, workers: Int) throws -> PlacementSession {
        let clock = ContinuousClock()
        let start = clock.now
        let inputs = try PlacementInputs.load(data: URL(fileURLWithPath: data), policy: policyName)
        let loaded = clock.now
        let instance = try PlacementInstance(dataset: inputs.dataset, policy: inputs.policy, workers: workers)
        return PlacementSession(instance: instance, inputs: inputs.files, loadTime: loaded - start, prepareTime: clock.now - loaded)
    }

    func place(_ draw: SeedDraw, out: URL, replacing: Bool) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let final = try FinalPlacement(instance: instance, inputs: inputs, draw: draw)
        let placed = clock.now
        let files = PlacementFiles(instance: instance, result: final.result)
        let rendered = final.files()
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
        let certificate = instance.policy.stages.contains { $0.kind == .overflow && $0.method == .minTotalDistance } ? " \(OverflowCertificate.fileName)," : ""
        Console.out("Results: \(out.path)/ (placements.csv, schools.csv, warnings.csv, summary.json,\(certificate) report.html, rosters.html, audit.json)")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

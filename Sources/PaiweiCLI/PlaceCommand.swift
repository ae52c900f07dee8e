import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei place`: the final, district-wide placement with a published seed.
enum PlaceCommand {
    static let help = """
    Usage: paiwei place --data DIR --policy NAME|FILE (--seed HEX | --ceremony C [--ceremony C …]) --out DIR [--workers N]
           paiwei place --data DIR --commitment FILE --ceremony C [--ceremony C …] --out DIR

    Places every student of the dataset in DIR by the policy (a preset name or a JSON file),
    with the lotteries of the seed, and writes a new folder with placements.csv, schools.csv,
    warnings.csv, summary.json and results.xlsx (the three tables as worksheets, for Excel and WPS).
    The folder is written completely or not at all.

    Options:
      --data DIR        dataset folder (schools.csv, zones.csv, students.csv, address_usage.csv; each
                        may instead be an Excel workbook: schools.xlsx …; CSV in UTF-8 or GB18030/GBK)
      --policy P        preset name (see 'paiwei policy list') or policy JSON file
      --seed HEX        the published seed: 64 hexadecimal digits
      --ceremony C      a public contribution (e.g. a number drawn by a parents' representative, or a
                        randomness-beacon value read out, 'drand:ROUND:HEX'); repeat for each; the seed
                        is SHA-256 of them all (see docs/lottery-protocol.md)
      --commitment FILE the commitment.json published before the ceremony ('paiwei commit'): the data
                        must be exactly the committed files (each one that differs is named, exit 2),
                        the policy is its policy_text (a --policy given as well must have the same
                        bytes), and the seed is seed v2 of the commitment and the contributions
      --candidate-runs K  with a ceremony: make K candidate placements, each with its own seed
                        derived from the ceremony seed (Jilin: 由4～6号家长依次下达派位指令) …
      --drawn-index I   … and let the slip drawn in public choose which one stands (1…K)
      --out DIR         the new folder to write; must not exist
      --workers N       threads for preparation (default: all cores); results do not depend on it

    The folder also holds report.html and rosters.html (printable, one page per school), copies of
    the input files under inputs/, and audit.json with the SHA-256 of every file, the policy and the
    seed, so that 'paiwei verify DIR' can re-run and check it anywhere. With an overflow stage using
    min_total_distance, overflow_certificate.json proves its assignment optimal (docs/overflow-optimizer.md).
    With --commitment, the folder holds a copy of commitment.json and audit.json records the commitment.
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "seed", "ceremony", "candidate-runs", "drawn-index", "out", "workers", "commitment"])
        let data = try arguments.required("data")
        let out = try arguments.required("out")
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        if let path = try arguments.value("commitment") {
            if try arguments.value("seed") != nil {
                throw UsageError(Message("with --commitment the seed comes from the ceremony: give --ceremony, not --seed",
                                         "给出 --commitment 时，随机种子由派位仪式产生：请用 --ceremony，而不是 --seed"))
            }
            let commitment = try CommitmentFile.read(path: path)
            let draw = try PlacementReport.seedDraw(arguments, commitment: commitment.digest)
            try PlacementReport.refuseExisting(out)
            let session = try PlacementSession.prepare(data: URL(fileURLWithPath: data), commitment: commitment, policy: try arguments.value("policy"), workers: workers)
            Console.error(Message("The data and the policy are exactly those of commitment \(commitment.digest).",
                                  "数据与政策与承诺 \(commitment.digest) 完全一致。"))
            PlacementReport.announce(draw)
            try PlacementReport.place(session, draw, commitment: commitment, out: URL(fileURLWithPath: out))
            return .ok
        }
        let policy = try arguments.required("policy")
        let draw = try PlacementReport.seedDraw(arguments)
        try PlacementReport.refuseExisting(out)
        PlacementReport.announce(draw)
        let session = try PlacementSession.prepare(data: URL(fileURLWithPath: data), policy: policy, workers: workers)
        Console.readingNotices(session.inputs.dataset)
        try PlacementReport.place(session, draw, out: URL(fileURLWithPath: out))
        return .ok
    }
}

/// `paiwei check`: everything `place` refuses, without placing.
enum CheckCommand {
    static let help = """
    Usage: paiwei check --data DIR --policy NAME|FILE

    Loads and validates the dataset against the policy — every problem reported as
    file:line: column: message — and lists the warnings a placement would write. When the data
    can be placed, prints per zone (片区) its students, seats (学位), the residents whose first
    choice (第一志愿) is one of its schools and whether it is short of seats, and per school its
    seats and first-choice demand, in Chinese and English.
    Exit status 0 when the data can be placed, 2 when it cannot.
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "workers"])
        let data = try arguments.required("data")
        let policy = try arguments.required("policy")
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let session = try PlacementSession.prepare(data: URL(fileURLWithPath: data), policy: policy, workers: workers)
        Console.readingNotices(session.inputs.dataset)
        let instance = session.instance
        Console.out("\(data): \(Console.count(instance.dataset.students.count)) students, \(Console.count(instance.dataset.schools.count)) schools, \(Console.count(instance.dataset.zones.count)) zones — can be placed with policy '\(instance.policy.name)'.")
        for warning in instance.warnings.prefix(20) {
            Console.out("warning: \(warning.file):\(warning.line): \(warning.studentID): \(warning.message)")
        }
        if instance.warnings.count > 20 {
            Console.out("… and \(Console.count(instance.warnings.count - 20)) more warnings (all of them go to warnings.csv when placing).")
        }
        Console.out("")
        for line in DemandOverviewTable(DemandOverview(instance)).lines() { Console.out(line) }
        return .ok
    }
}

/// The seed draw of the command line, and the lines that report a placement: shared by `place` and `demo`.
enum PlacementReport {
    /// The seed draw of SPEC §4 from `--seed` or `--ceremony` (seed v2 when bound to `commitment`), with
    /// optional candidate runs.
    static func seedDraw(_ arguments: Arguments, commitment: String? = nil) throws -> SeedDraw {
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
                draw = try SeedDraw(ceremony: contributions, commitment: commitment, candidateRuns: runs, drawnIndex: index)
            }
        } catch let error as SeedDrawError {
            throw UsageError(error.message)
        }
        return draw
    }

    /// Prints the seeds of a ceremony before anything is placed, so that the notary can write them down first.
    static func announce(_ draw: SeedDraw) {
        let n = draw.ceremony.count
        if let commitment = draw.commitment {
            Console.error(Message("Seed v2 from commitment \(commitment) and \(n) ceremony contribution\(n == 1 ? "" : "s"): \(draw.base.hex)",
                                  "由承诺 \(commitment) 与 \(n) 个公开输入得到的随机种子（v2）：\(draw.base.hex)"))
        } else if n > 0 {
            Console.error(Message("Seed from \(n) ceremony contribution\(n == 1 ? "" : "s"): \(draw.base.hex)",
                                  "由 \(n) 个公开输入得到的随机种子：\(draw.base.hex)"))
        }
        if draw.candidateRuns > 0 {
            for k in 1...draw.candidateRuns {
                Console.error(Message("Candidate run \(k): seed \(draw.candidate(k).hex)\(k == draw.drawnIndex ? "  ← drawn, stands" : "")",
                                      "第 \(k) 次候选派位：随机种子 \(draw.candidate(k).hex)\(k == draw.drawnIndex ? "  ← 抽中，采用此次结果" : "")"))
            }
        }
    }

    /// Refuses an output folder that exists already, before anything is loaded.
    static func refuseExisting(_ out: String) throws {
        // Leftovers of killed runs go first, whatever this run comes to (docs/outputs.md).
        OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out))
        if FileManager.default.fileExists(atPath: out) {
            throw UsageError(Message("\(out) already exists; choose a new folder (Paiwei never overwrites a result)",
                                     "\(out) 已存在；请另选一个新文件夹（Paiwei 从不覆盖已有结果）"))
        }
    }

    /// Places `session` with `draw`, writes the whole folder to `out` and says what happened.
    static func place(_ session: PlacementSession, _ draw: SeedDraw, commitment: CommitmentFile? = nil, out: URL) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let final = try FinalPlacement(instance: session.instance, inputs: session.inputs.files, draw: draw, commitment: commitment)
        let placed = clock.now
        try OutputFolder.write(PlacementFolder(final).files(), to: out)
        let written = clock.now
        report(session.instance, final.result, out: out)
        Console.out("Time: load \(Console.milliseconds(session.loadTime)), prepare \(Console.milliseconds(session.prepareTime)), place \(Console.milliseconds(placed - start)), write \(Console.milliseconds(written - placed)).")
    }

    /// A few lines a person reads: how many were placed where, by which stage.
    static func report(_ instance: PlacementInstance, _ result: PlacementResult, out: URL) {
        let summary = PlacementSummary(instance: instance, result: result)
        let n = summary.students, placed = summary.count(.placed)
        Console.out("Placed \(Console.count(placed)) of \(Console.count(n)) students (\(Console.percent(placed, of: n))) with policy '\(instance.policy.name)', seed \(result.seed.hex.prefix(16))….")
        Console.out("  unplaced: \(Console.count(summary.count(.unplaced))), ineligible: \(Console.count(summary.count(.ineligible)))")
        let width = max(12, instance.policy.stages.map(\.name.count).max() ?? 0)
        for (index, stage) in instance.policy.stages.enumerated() {
            let name = stage.name.padding(toLength: width, withPad: " ", startingAt: 0)
            Console.out("  \(name) \(Console.count(summary.stages[index].placed).leftPadded(7)) placed")
        }
        let distances = summary.overflowDistances
        if let mean = distances.mean {
            Console.out("  overflow distance: mean \(Console.kilometres(mean)), max \(Console.kilometres(distances.maximum)) over \(Console.count(distances.students)) students")
        }
        if !instance.warnings.isEmpty {
            Console.out("  \(Console.count(instance.warnings.count)) warnings: skipped preferences and choices, listed in warnings.csv")
        }
        let certificate = OverflowCertificate.stages(instance).isEmpty ? "" : " \(OverflowCertificate.fileName),"
        Console.out("Results: \(out.path)/ (placements.csv, schools.csv, warnings.csv, summary.json, \(PlacementFiles.workbookName),\(certificate) report.html, rosters.html, audit.json)")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei place`: the final, district-wide placement with a published seed.
enum PlaceCommand {
    static let help = Message("""
    Usage: paiwei place --data DIR --policy NAME|FILE (--seed HEX | --ceremony C [--ceremony C …]) --out DIR [--workers N]
           paiwei place --data DIR --commitment FILE --ceremony C [--ceremony C …] --out DIR

    Places every student of the dataset in DIR by the policy (a preset name or a JSON file),
    with the lotteries of the seed (the documents' computer lottery), and writes a new folder with
    placements.csv, schools.csv, warnings.csv, summary.json and results.xlsx (the three tables as
    worksheets, for Excel and WPS).
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
    """, """
    用法：paiwei place --data DIR --policy NAME|FILE (--seed HEX | --ceremony C [--ceremony C …]) --out DIR [--workers N]
          paiwei place --data DIR --commitment FILE --ceremony C [--ceremony C …] --out DIR

    按政策（预设政策名或 JSON 文件）和随机种子的摇号（即文件中的电脑随机派位），对 DIR 中数据的
    每个学生派位，并写出一个新文件夹，其中有 placements.csv、schools.csv、warnings.csv、summary.json
    和 results.xlsx（三张表各为一个工作表，可用 Excel 和 WPS 打开）。文件夹要么完整写出，要么完全不写。

    选项：
      --data DIR        数据文件夹（schools.csv、zones.csv、students.csv、address_usage.csv；每个文件
                        也可以是 Excel 工作簿：schools.xlsx …；CSV 可为 UTF-8 或 GB18030/GBK）
      --policy P        预设政策名（见 'paiwei policy list'）或政策 JSON 文件
      --seed HEX        公布的随机种子：64 位十六进制数字
      --ceremony C      派位仪式上的一个公开输入（例如家长代表抽取的数字，或当场读出的随机信标值
                        'drand:ROUND:HEX'）；每个输入给一次；随机种子是全部输入的 SHA-256
                        （见 docs/lottery-protocol.md）
      --commitment FILE 派位仪式之前公布的 commitment.json（'paiwei commit'）：数据必须与承诺的文件
                        完全一致（每个不同的文件都会列出，退出状态 2），政策即其中的 policy_text（同时
                        给出的 --policy 必须逐字节相同），随机种子是由承诺与公开输入得到的种子 v2
      --candidate-runs K  与派位仪式一起使用：进行 K 次候选派位，每次使用由派位仪式的种子派生的随机种子
                        （吉林：由4～6号家长依次下达派位指令）…
      --drawn-index I   … 并由当众抽取的签决定采用哪一次（1…K）
      --out DIR         要写出的新文件夹；不能已存在
      --workers N       准备阶段的线程数（默认：全部核心）；结果与此无关

    文件夹中还有 report.html 和 rosters.html（可打印，每校一页）、inputs/ 下输入文件的副本，以及
    audit.json（审计记录：每个文件、政策和随机种子的 SHA-256），因此任何人都可以用
    'paiwei verify DIR' 重新运行并核验。统筹安排阶段使用 min_total_distance 时，
    overflow_certificate.json 证明其安排是最优的（docs/overflow-optimizer.md）。
    使用 --commitment 时，文件夹中有 commitment.json 的副本，audit.json 记录该承诺。
    """)

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
    static let help = Message("""
    Usage: paiwei check --data DIR --policy NAME|FILE

    Loads and validates the dataset against the policy — every problem reported as
    file:line: column: message — and lists the warnings a placement would write. When the data
    can be placed, prints per zone (片区) its students, seats (学位), the residents whose first
    choice (第一志愿) is one of its schools and whether it is short of seats, and per school its
    seats and first-choice demand, in Chinese and English.
    Exit status 0 when the data can be placed, 2 when it cannot.
    """, """
    用法：paiwei check --data DIR --policy NAME|FILE

    按政策读取并检查数据——每个问题以 文件:行: 列: 说明 的形式列出——并列出派位时会写入的提示。
    数据可以派位时，按片区列出学生数、学位数、第一志愿在本片区学校的居住学生数以及学位是否不足，
    按学校列出学位数与第一志愿人数，中英文对照。
    数据可以派位时退出状态为 0，不能派位时为 2。
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "workers"])
        let data = try arguments.required("data")
        let policy = try arguments.required("policy")
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let session = try PlacementSession.prepare(data: URL(fileURLWithPath: data), policy: policy, workers: workers)
        Console.readingNotices(session.inputs.dataset)
        let instance = session.instance
        let students = Console.count(instance.dataset.students.count), schools = Console.count(instance.dataset.schools.count)
        let zones = Console.count(instance.dataset.zones.count)
        Console.out(Message("\(data): \(students) students, \(schools) schools, \(zones) zones — can be placed with policy '\(instance.policy.name)'.",
                            "\(data)：\(students) 名学生，\(schools) 所学校，\(zones) 个片区——可以按政策“\(instance.policy.name)”派位。"))
        for warning in instance.warnings.prefix(20) {
            // The location is the same in both languages, like an input problem's.
            let location = "\(warning.file):\(warning.line): \(warning.studentID): "
            Console.out(Message("warning: \(location)", "提示：\(location)") + warning.text)
        }
        if instance.warnings.count > 20 {
            let more = Console.count(instance.warnings.count - 20)
            Console.out(Message("… and \(more) more warnings (all of them go to warnings.csv when placing).",
                                "……另有 \(more) 条提示（派位时全部写入 warnings.csv）。"))
        }
        Console.out(verbatim: "")
        // The overview is in both languages already, one beside the other.
        for line in DemandOverviewTable(DemandOverview(instance)).lines() { Console.out(verbatim: line) }
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
        if (runs == 0) != (index == 0) {
            throw UsageError(Message("--candidate-runs and --drawn-index go together", "--candidate-runs 与 --drawn-index 必须同时给出"))
        }
        let draw: SeedDraw
        do {
            switch (hex, contributions.isEmpty) {
            case (nil, true):
                throw UsageError(Message("give the seed: --seed HEX, or --ceremony for each ceremony contribution",
                                         "请给出随机种子：--seed HEX，或为每个公开输入给一个 --ceremony"))
            case (.some, false):
                throw UsageError(Message("give either --seed or --ceremony, not both", "--seed 与 --ceremony 只能给出其一"))
            case (.some(let hex), true):
                guard let seed = LotterySeed(hex: hex) else {
                    throw UsageError(Message.seedDigits(hex))
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
            throw UsageError(.exists(out))
        }
    }

    /// Places `session` with `draw`, writes the whole folder to `out` and says what happened.
    static func place(_ session: PlacementSession, _ draw: SeedDraw, commitment: CommitmentFile? = nil, out: URL) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let final = try FinalPlacement(instance: session.instance, inputs: session.inputs.files, draw: draw, commitment: commitment)
        let placed = clock.now
        try OutputFolder.write(to: out) { try PlacementFolder(final).write(to: $0) }
        let written = clock.now
        report(session.instance, final.result, out: out)
        let load = Console.milliseconds(session.loadTime), prepare = Console.milliseconds(session.prepareTime)
        let placing = Console.milliseconds(placed - start), writing = Console.milliseconds(written - placed)
        Console.out(Message("Time: load \(load), prepare \(prepare), place \(placing), write \(writing).",
                            "用时：读取 \(load)，准备 \(prepare)，派位 \(placing)，写出 \(writing)。"))
    }

    /// A few lines a person reads: how many were placed where, by which stage.
    static func report(_ instance: PlacementInstance, _ result: PlacementResult, out: URL) {
        let summary = PlacementSummary(instance: instance, result: result)
        let n = summary.students, placed = summary.count(.placed)
        let share = Console.percent(placed, of: n), seed = result.seed.hex.prefix(16)
        Console.out(Message("Placed \(Console.count(placed)) of \(Console.count(n)) students (\(share)) with policy '\(instance.policy.name)', seed \(seed)….",
                            "已按政策“\(instance.policy.name)”为 \(Console.count(n)) 名学生中的 \(Console.count(placed)) 名派位（\(share)），随机种子 \(seed)…。"))
        let unplaced = Console.count(summary.count(.unplaced)), ineligible = Console.count(summary.count(.ineligible))
        Console.out(Message("  unplaced: \(unplaced), ineligible: \(ineligible)", "  未录取：\(unplaced)，不符合资格：\(ineligible)"))
        let width = max(12, instance.policy.stages.map(\.name.count).max() ?? 0)
        for (index, stage) in instance.policy.stages.enumerated() {
            let name = stage.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let placed = Console.count(summary.stages[index].placed).leftPadded(7)
            Console.out(Message("  \(name) \(placed) placed", "  \(name) \(placed) 人录取"))
        }
        let distances = summary.overflowDistances
        if let mean = distances.mean {
            let maximum = Console.kilometres(distances.maximum), students = Console.count(distances.students)
            Console.out(Message("  overflow distance: mean \(Console.kilometres(mean)), max \(maximum) over \(students) students",
                                "  统筹安排距离：\(students) 名学生，平均 \(Console.kilometres(mean))，最远 \(maximum)"))
        }
        if !instance.warnings.isEmpty {
            let warnings = Console.count(instance.warnings.count)
            Console.out(Message("  \(warnings) warnings: skipped preferences and choices, listed in warnings.csv",
                                "  \(warnings) 条提示：被略过的志愿与选择，列在 warnings.csv 中"))
        }
        let certificate = OverflowCertificate.stages(instance).isEmpty ? "" : " \(OverflowCertificate.fileName),"
        let files = "placements.csv, schools.csv, warnings.csv, summary.json, \(PlacementFiles.workbookName),\(certificate) report.html, rosters.html, audit.json"
        Console.out(Message.results(out.path + "/", files))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

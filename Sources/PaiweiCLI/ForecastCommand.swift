import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei forecast`: seat-shortage warnings (学位预警) per school and zone for the coming years, and
/// `paiwei forecast --compare A B` between two of them.
enum ForecastCommand {
    static let help = Message("""
    Usage: paiwei forecast --data DIR --policy NAME|FILE --years Y1-Y2 --replications N --out DIR
                           [--seed HEX] [--workers N] [--scenario FILE] [--thresholds yellow=0.9,red=1.0]
           paiwei forecast --compare A B [--out DIR]

    For each year, builds that year's cohort per zone from cohorts.csv by resampling this year's
    students of the zone (whole rows: choices, flags, homes) to the projected number, applies
    capacity_changes.csv (the latest change up to that year), and runs the full placement N times.
    Writes forecast.csv (every school and zone, every year: demand, seats, level, probability of
    oversubscription, students turned away, overflow and its distance), warnings.csv (red and yellow,
    worst first), summary.json (thresholds, years, seeds, notes) and report.html.

    Levels (学位预警): red when demand reaches the red share of the seats, yellow from the yellow
    share, green below; by default the Zhejiang standard, red at 100% and yellow at 90%.

    Options:
      --data DIR          dataset folder with cohorts.csv (zone_id, year, students) and optionally
                          capacity_changes.csv (school_id, year, capacity)
      --policy P          preset name (see 'paiwei policy list') or policy JSON file
      --years Y1-Y2       forecast years, e.g. 2025-2029 (or one year)
      --replications N    placements per year
      --seed HEX          64 hex digits (default: SHA-256 of "paiwei-forecast-v1"); year Y uses
                          SHA-256(seed ‖ "forecast" ‖ Y) for its cohort and replications
      --workers N         threads (default: all cores); results do not depend on it
      --scenario FILE     JSON overriding capacities, cohorts or zone membership (docs/forecast.md)
      --thresholds T      e.g. yellow=0.85,red=1.0 (shares of the seats, or percentages: yellow=85%)
      --compare A B       compare two forecast folders: level, demand and probability per school and
                          zone and year; with --out, writes DIR/compare.csv
    """, """
    用法：paiwei forecast --data DIR --policy NAME|FILE --years Y1-Y2 --replications N --out DIR
                          [--seed HEX] [--workers N] [--scenario FILE] [--thresholds yellow=0.9,red=1.0]
          paiwei forecast --compare A B [--out DIR]

    对每一年，依据 cohorts.csv，从片区今年的学生中重新抽样（整行：志愿、标记、住址）到预测人数，
    得到该年各片区的适龄学生；应用 capacity_changes.csv（截至该年最近的一次变化），并将整个派位
    运行 N 次。写出 forecast.csv（每所学校和每个片区、每一年：需求、学位、预警等级、超额概率、
    未被录取的人数、统筹安排人数及其距离）、warnings.csv（红色和黄色预警，最严重的在前）、
    summary.json（阈值、年份、随机种子、说明）和 report.html。

    学位预警等级：需求达到学位的红色比例时为红色，达到黄色比例时为黄色，否则为绿色；默认采用
    浙江标准，红色 100%，黄色 90%。

    选项：
      --data DIR          含 cohorts.csv（zone_id、year、students）的数据文件夹，可另有
                          capacity_changes.csv（school_id、year、capacity）
      --policy P          预设政策名（见 'paiwei policy list'）或政策 JSON 文件
      --years Y1-Y2       预测年份，例如 2025-2029（或某一年）
      --replications N    每年的派位次数
      --seed HEX          64 位十六进制数字（默认："paiwei-forecast-v1" 的 SHA-256）；Y 年的适龄学生和
                          各次模拟使用 SHA-256(seed ‖ "forecast" ‖ Y)
      --workers N         线程数（默认：全部核心）；结果与此无关
      --scenario FILE     修改学位、适龄学生数或片区构成的 JSON（docs/forecast.md）
      --thresholds T      例如 yellow=0.85,red=1.0（占学位的比例，或百分数：yellow=85%）
      --compare A B       比较两个预测结果文件夹：每所学校和每个片区每一年的等级、需求和概率；
                          给出 --out 时写出 DIR/compare.csv
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "years", "replications", "seed", "workers", "scenario", "thresholds", "out"],
                                      flags: ["compare"], positionals: 2)
        if arguments.has("compare") { return try compare(arguments) }
        if let extra = arguments.positionals.first {
            throw UsageError(Message("unexpected argument '\(extra)' (only --compare takes folders)", "多余的参数“\(extra)”（只有 --compare 接受文件夹）"))
        }
        let data = try arguments.required("data")
        let policyName = try arguments.required("policy")
        let out = try arguments.required("out")
        let years = try parseYears(try arguments.required("years"))
        let replications = try arguments.integer("replications", default: -1, range: 1...1_000_000)
        if replications < 0 { throw UsageError(Message("--replications is required", "必须给出 --replications")) }
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        var seed = Forecast.defaultSeed
        if let hex = try arguments.value("seed") {
            guard let parsed = LotterySeed(hex: hex) else { throw UsageError(.seedDigits(hex)) }
            seed = parsed
        }
        var thresholds = WarningThresholds.zhejiang
        if let text = try arguments.value("thresholds") {
            do { thresholds = try WarningThresholds(parsing: text) } catch { throw UsageError(Message(verbatim: "--thresholds: ") + error.message) }
        }
        // Leftovers of killed runs go first, whatever this run comes to (docs/outputs.md).
        OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out))
        if FileManager.default.fileExists(atPath: out) { throw UsageError(.exists(out)) }

        let clock = ContinuousClock()
        let start = clock.now
        let (inputs, policy) = try ForecastInputs.load(from: URL(fileURLWithPath: data), policy: policyName, scenario: try arguments.value("scenario"))
        Console.readingNotices(inputs.dataset)

        let settings = ForecastSettings(years: years, replications: replications, seed: seed, workers: workers, thresholds: thresholds)
        let progress = ProgressBar(total: years.count * replications, unit: .replications)
        let result = try Forecast.run(inputs: inputs, policy: policy, settings: settings) { progress.update($0) }
        let files = ForecastFiles(result: result)
        try OutputFolder.write(files.render(), to: URL(fileURLWithPath: out))
        let seconds = ProgressBar.seconds(clock.now - start)

        let span = "\(years.lowerBound)–\(years.upperBound)", time = FixedDecimal.string(seconds, decimals: 1)
        Console.out(Message("Forecast \(span) with policy '\(policy.name)': \(Console.count(replications)) replications per year, \(workers) worker\(workers == 1 ? "" : "s"), \(time) s. Thresholds: \(thresholds).",
                            "按政策“\(policy.name)”预测 \(span) 年：每年 \(Console.count(replications)) 次模拟，\(workers) 个线程，用时 \(time) 秒。预警阈值：\(thresholds)。"))
        for year in result.years {
            let mine = files.rows.filter { $0.year == year.year }
            func count(_ scope: ForecastRow.Scope, _ level: WarningLevel) -> Int { mine.filter { $0.scope == scope && $0.level == level }.count }
            let kept = year.plan.basis.filter { $0 == .thisYear }.count
            let students = Console.count(year.students)
            let schoolRed = count(.school, .red), schoolYellow = count(.school, .yellow), zoneRed = count(.zone, .red), zoneYellow = count(.zone, .yellow)
            Console.out(Message("  \(year.year): \(students) students\(kept > 0 ? " (\(kept) zone\(kept == 1 ? "" : "s") kept at this year's size)" : "") — schools red \(schoolRed), yellow \(schoolYellow); zones red \(zoneRed), yellow \(zoneYellow)",
                                "  \(year.year) 年：\(students) 名学生\(kept > 0 ? "（\(kept) 个片区保持今年的人数）" : "")——学校红色预警 \(schoolRed)、黄色预警 \(schoolYellow)；片区红色预警 \(zoneRed)、黄色预警 \(zoneYellow)"))
        }
        // One line per school or zone with a warning, worst first: which years are red and yellow.
        var order: [String] = []
        var groups: [String: [ForecastRow]] = [:]
        for row in files.warnings {
            let key = "\(row.scope.rawValue) \(row.id)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        for key in order.prefix(12) {
            let rows = groups[key]!, worst = rows[0]
            func years(_ level: WarningLevel) -> String {
                rows.filter { $0.level == level }.map(\.year).sorted().map(String.init).joined(separator: ", ")
            }
            let levels = [(WarningLevel.red, years(.red)), (.yellow, years(.yellow))].filter { !$0.1.isEmpty }
            let name = worst.scope == .school && worst.name != worst.id ? " (\(worst.name))" : ""
            let scope = Message(worst.scope == .school ? "school" : "zone", worst.scope == .school ? "学校" : "片区")
            Console.out(Message("  \(worst.level == .red ? "RED   " : "yellow") \(key)\(name): \(levels.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: "; ")) — worst \(worst.year), demand \(worst.demandShare) of seats",
                                "  \(worst.level.chinese) \(scope.text(in: .chinese)) \(worst.id)\(name)：\(levels.map { "\($0.0.chinese) \($0.1)" }.joined(separator: "；"))——最严重为 \(worst.year) 年，需求为学位的 \(worst.demandShare)"))
        }
        if order.count > 12 {
            Console.out(Message("  … \(order.count - 12) more schools and zones in warnings.csv", "  ……另有 \(order.count - 12) 所学校和片区，见 warnings.csv"))
        }
        for note in files.noteMessages.prefix(5) { Console.out(Message("  note: ", "  说明：") + note) }
        if files.notes.count > 5 {
            Console.out(Message("  … \(files.notes.count - 5) more notes in summary.json", "  ……另有 \(files.notes.count - 5) 条说明，见 summary.json"))
        }
        Console.out(.results(out + "/", ForecastFiles.names.joined(separator: ", ")))
        return .ok
    }

    /// `2025-2029` or `2025`.
    static func parseYears(_ text: String) throws(UsageError) -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts.last!),
              (1...9999).contains(first), (1...9999).contains(last) else {
            throw UsageError(Message("--years must look like 2025-2029, not '\(text)'", "--years 的格式应为 2025-2029，而不是“\(text)”"))
        }
        guard first <= last else { throw UsageError(Message("--years \(text): the first year comes after the last", "--years \(text)：起始年份晚于结束年份")) }
        guard last - first < 50 else { throw UsageError(Message("--years \(text): at most 50 years", "--years \(text)：最多 50 年")) }
        return first...last
    }

    static func compare(_ arguments: Arguments) throws -> ExitStatus {
        guard arguments.positionals.count == 2 else {
            throw UsageError(Message("--compare needs two forecast folders: --compare A B", "--compare 需要两个预测结果文件夹：--compare A B"))
        }
        for option in ["data", "policy", "years", "replications", "seed", "workers", "scenario", "thresholds"] where try arguments.value(option) != nil {
            throw UsageError(Message("--\(option) does not go with --compare (it reads two finished forecasts)",
                                     "--\(option) 不能与 --compare 同时使用（--compare 读取两个已完成的预测）"))
        }
        let out = try arguments.value("out")
        if let out { OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out)) }
        if let out, FileManager.default.fileExists(atPath: out) { throw UsageError(.exists(out)) }
        let a = URL(fileURLWithPath: arguments.positionals[0]), b = URL(fileURLWithPath: arguments.positionals[1])
        let comparison = try ForecastComparison.load(a, b)
        let differing = Console.count(comparison.changes.count)
        Console.out(Message("Comparing \(comparison.nameA) (A) with \(comparison.nameB) (B): \(differing) school and zone years differ.",
                            "比较 \(comparison.nameA)（A）与 \(comparison.nameB)（B）：有 \(differing) 个学校或片区的年份不同。"))
        for note in comparison.notes { Console.out(Message("  note: ", "  说明：") + note) }
        let lines = comparison.levelChangeLines()
        if lines.isEmpty {
            Console.out(Message("  No warning level changes.", "  预警等级没有变化。"))
        } else {
            let worse = comparison.changes.filter { $0.levelChange == .worse }.count
            let better = comparison.changes.filter { $0.levelChange == .better }.count
            Console.out(Message("  Level changes: \(better) better, \(worse) worse.", "  预警等级变化：\(better) 个好转，\(worse) 个变差。"))
            for line in lines.prefix(40) { Console.out(Message(verbatim: "  ") + line) }
            if lines.count > 40 { Console.out(Message("  … \(lines.count - 40) more in compare.csv", "  ……另有 \(lines.count - 40) 条，见 compare.csv")) }
        }
        if let out {
            try OutputFolder.write([("compare.csv", comparison.csv())], to: URL(fileURLWithPath: out))
            Console.out(.results(out + "/compare.csv"))
        } else {
            Console.out(Message("(add --out DIR to write compare.csv)", "（加上 --out DIR 可写出 compare.csv）"))
        }
        return .ok
    }
}

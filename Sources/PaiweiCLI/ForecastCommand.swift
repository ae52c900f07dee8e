import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei forecast`: seat-shortage warnings (学位预警) per school and zone for the coming years, and
/// `paiwei forecast --compare A B` between two of them.
enum ForecastCommand {
    static let help = """
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
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "years", "replications", "seed", "workers", "scenario", "thresholds", "out"],
                                      flags: ["compare"], positionals: 2)
        if arguments.has("compare") { return try compare(arguments) }
        if !arguments.positionals.isEmpty { throw UsageError("unexpected argument '\(arguments.positionals[0])' (only --compare takes folders)") }
        let data = try arguments.required("data")
        let policyName = try arguments.required("policy")
        let out = try arguments.required("out")
        let years = try parseYears(try arguments.required("years"))
        let replications = try arguments.integer("replications", default: -1, range: 1...1_000_000)
        if replications < 0 { throw UsageError("--replications is required") }
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        var seed = Forecast.defaultSeed
        if let hex = try arguments.value("seed") {
            guard let parsed = LotterySeed(hex: hex) else { throw UsageError("--seed must be 64 hexadecimal digits (32 bytes), got \(hex.count) characters") }
            seed = parsed
        }
        var thresholds = WarningThresholds.zhejiang
        if let text = try arguments.value("thresholds") {
            do { thresholds = try WarningThresholds(parsing: text) } catch { throw UsageError("--thresholds: \(error)") }
        }
        // Leftovers of killed runs go first, whatever this run comes to (docs/outputs.md).
        OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out))
        if FileManager.default.fileExists(atPath: out) { throw UsageError("\(out) already exists; choose a new folder (Paiwei never overwrites a result)") }

        let clock = ContinuousClock()
        let start = clock.now
        let (inputs, policy) = try ForecastInputs.load(from: URL(fileURLWithPath: data), policy: policyName, scenario: try arguments.value("scenario"))
        Console.readingNotices(inputs.dataset)

        let settings = ForecastSettings(years: years, replications: replications, seed: seed, workers: workers, thresholds: thresholds)
        let progress = ProgressBar(total: years.count * replications, unit: "replications")
        let result = try Forecast.run(inputs: inputs, policy: policy, settings: settings) { progress.update($0) }
        let files = ForecastFiles(result: result)
        try OutputFolder.write(files.render(), to: URL(fileURLWithPath: out))
        let seconds = ProgressBar.seconds(clock.now - start)

        Console.out("Forecast \(years.lowerBound)–\(years.upperBound) with policy '\(policy.name)': \(Console.count(replications)) replications per year, \(workers) worker\(workers == 1 ? "" : "s"), \(FixedDecimal.string(seconds, decimals: 1)) s. Thresholds: \(thresholds).")
        for year in result.years {
            let mine = files.rows.filter { $0.year == year.year }
            func count(_ scope: ForecastRow.Scope, _ level: WarningLevel) -> Int { mine.filter { $0.scope == scope && $0.level == level }.count }
            let kept = year.plan.basis.filter { $0 == .thisYear }.count
            Console.out("  \(year.year): \(Console.count(year.students)) students\(kept > 0 ? " (\(kept) zone\(kept == 1 ? "" : "s") kept at this year's size)" : "") — schools red \(count(.school, .red)), yellow \(count(.school, .yellow)); zones red \(count(.zone, .red)), yellow \(count(.zone, .yellow))")
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
            let levels = [(WarningLevel.red, years(.red)), (.yellow, years(.yellow))].filter { !$0.1.isEmpty }.map { "\($0.0.rawValue) \($0.1)" }
            let name = worst.scope == .school && worst.name != worst.id ? " (\(worst.name))" : ""
            Console.out("  \(worst.level == .red ? "RED   " : "yellow") \(key)\(name): \(levels.joined(separator: "; ")) — worst \(worst.year), demand \(worst.demandShare) of seats")
        }
        if order.count > 12 { Console.out("  … \(order.count - 12) more schools and zones in warnings.csv") }
        for note in files.notes.prefix(5) { Console.out("  note: \(note)") }
        if files.notes.count > 5 { Console.out("  … \(files.notes.count - 5) more notes in summary.json") }
        Console.out("Results: \(out)/ (\(ForecastFiles.names.joined(separator: ", ")))")
        return .ok
    }

    /// `2025-2029` or `2025`.
    static func parseYears(_ text: String) throws(UsageError) -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts.last!),
              (1...9999).contains(first), (1...9999).contains(last) else {
            throw UsageError("--years must look like 2025-2029, not '\(text)'")
        }
        guard first <= last else { throw UsageError("--years \(text): the first year comes after the last") }
        guard last - first < 50 else { throw UsageError("--years \(text): at most 50 years") }
        return first...last
    }

    static func compare(_ arguments: Arguments) throws -> ExitStatus {
        guard arguments.positionals.count == 2 else { throw UsageError("--compare needs two forecast folders: --compare A B") }
        for option in ["data", "policy", "years", "replications", "seed", "workers", "scenario", "thresholds"] where try arguments.value(option) != nil {
            throw UsageError("--\(option) does not go with --compare (it reads two finished forecasts)")
        }
        let out = try arguments.value("out")
        if let out { OutputFolder.removeLeftovers(of: URL(fileURLWithPath: out)) }
        if let out, FileManager.default.fileExists(atPath: out) { throw UsageError("\(out) already exists; choose a new folder") }
        let a = URL(fileURLWithPath: arguments.positionals[0]), b = URL(fileURLWithPath: arguments.positionals[1])
        let comparison = try ForecastComparison.load(a, b)
        Console.out("Comparing \(comparison.nameA) (A) with \(comparison.nameB) (B): \(Console.count(comparison.changes.count)) school and zone years differ.")
        for note in comparison.notes { Console.out("  note: \(note)") }
        let lines = comparison.levelChangeLines()
        if lines.isEmpty {
            Console.out("  No warning level changes.")
        } else {
            let worse = comparison.changes.filter { $0.levelChange == .worse }.count
            let better = comparison.changes.filter { $0.levelChange == .better }.count
            Console.out("  Level changes: \(better) better, \(worse) worse.")
            for line in lines.prefix(40) { Console.out("  \(line)") }
            if lines.count > 40 { Console.out("  … \(lines.count - 40) more in compare.csv") }
        }
        if let out {
            try OutputFolder.write([("compare.csv", comparison.csv())], to: URL(fileURLWithPath: out))
            Console.out("Results: \(out)/compare.csv")
        } else {
            Console.out("(add --out DIR to write compare.csv)")
        }
        return .ok
    }
}

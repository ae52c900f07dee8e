import PaiweiCore
import PaiweiRuns
/// The output folder of `paiwei forecast`: `forecast.csv` (every school and zone, every year),
/// `warnings.csv` (red and yellow only, worst first), `summary.json` (thresholds, years, seeds, notes)
/// and `report.html`.
///
/// Every byte depends only on the inputs, the policy, the settings and the seed — not on the number of
/// workers, the order of rows in the input files, the clock or the machine's locale.
public struct ForecastFiles: Sendable {
    public let result: ForecastResult
    public let rows: [ForecastRow]

    public init(result: ForecastResult) {
        self.result = result
        self.rows = result.rows()
    }

    public static let names = ["forecast.csv", "warnings.csv", "summary.json", "report.html"]

    public func render() -> [(name: String, bytes: [UInt8])] {
        [
            ("forecast.csv", forecastCSV()),
            ("warnings.csv", warningsCSV()),
            ("summary.json", Array(summary().rendered().utf8)),
            ("report.html", Array(ForecastReportPage(result: result, rows: rows, notes: notes).html().utf8)),
        ]
    }

    static let header = ["scope", "id", "name", "kind", "year", "level", "demand", "seats", "demand_ratio", "children", "cohort_basis",
                         "p_oversubscribed", "p_ci_low", "p_ci_high", "applicants", "turned_away", "filled", "overflow_in",
                         "overflow", "unplaced", "overflow_distance_mean_m", "overflow_distance_p95_m"]

    public func forecastCSV() -> [UInt8] {
        var csv = CSVWriter(header: Self.header)
        for row in rows {
            let n = row.replications
            let (low, high) = wilsonInterval(successes: row.oversubscribed, trials: n)
            func mean(_ sum: Int?) -> String { sum.map { NumberText.plainRatio($0, n, decimals: 1) } ?? "" }
            var distanceMean = "", distanceP95 = ""
            if let distance = row.distance, distance.total > 0 {
                distanceMean = NumberText.plainRatio(distance.sum, distance.total, decimals: 0)
                distanceP95 = String(distance.percentile(95))
            }
            csv.append([
                row.scope.rawValue, row.id, row.name, row.kind, String(row.year), row.level.rawValue,
                mean(row.demandSum), mean(row.seatsSum), NumberText.truncatedRatio(row.demandSum, row.seatsSum, decimals: 3),
                String(row.children), row.basis?.rawValue ?? "",
                NumberText.plainRatio(row.oversubscribed, n, decimals: 4), NumberText.probability(low), NumberText.probability(high),
                mean(row.applicantsSum), mean(row.turnedAwaySum), mean(row.filledSum), mean(row.overflowInSum),
                mean(row.overflowSum), mean(row.unplacedSum), distanceMean, distanceP95,
            ])
        }
        return csv.bytes
    }

    /// Red and yellow rows, worst first.
    public var warnings: [ForecastRow] {
        rows.filter { $0.level != .green }.sorted(by: ForecastRow.worseFirst)
    }

    public func warningsCSV() -> [UInt8] {
        var csv = CSVWriter(header: ["level", "year", "scope", "id", "name", "demand", "seats", "demand_ratio", "p_oversubscribed", "message"])
        for row in warnings {
            let n = row.replications
            csv.append([row.level.rawValue, String(row.year), row.scope.rawValue, row.id, row.name,
                        NumberText.plainRatio(row.demandSum, n, decimals: 1), NumberText.plainRatio(row.seatsSum, n, decimals: 1),
                        NumberText.truncatedRatio(row.demandSum, row.seatsSum, decimals: 3),
                        NumberText.plainRatio(row.oversubscribed, n, decimals: 4), Self.message(row)])
        }
        return csv.bytes
    }

    /// One sentence a planner can paste into a notice.
    public static func message(_ row: ForecastRow) -> String {
        let n = row.replications
        let demand = NumberText.plainRatio(row.demandSum, n, decimals: 1)
        let seats = NumberText.plainRatio(row.seatsSum, n, decimals: 1)
        let share = row.seatsSum > 0 ? " (" + NumberText.truncatedRatio(row.demandSum, row.seatsSum, decimals: 1, percent: true) + "%)" : " (no seats)"
        let odds = NumberText.plainRatio(row.oversubscribed * 100, n, decimals: 0) + "%"
        switch row.scope {
        case .school:
            return "\(row.year): \(demand) students expected to need a seat (lottery admissions and zone or feeder claims) for \(seats) seats\(share); someone refused in \(odds) of replications, \(NumberText.plainRatio(row.turnedAwaySum ?? 0, n, decimals: 1)) turned away on average"
        case .zone:
            return "\(row.year): \(demand) children expected to need a zone seat for \(seats) seats\(share); \(NumberText.plainRatio(row.overflowSum ?? 0, n, decimals: 1)) sent to overflow and \(NumberText.plainRatio(row.unplacedSum ?? 0, n, decimals: 1)) unplaced on average (some in \(odds) of replications)"
        }
    }

    /// Notes a reader must see: zones kept at this year's size, first-batch releases cut, the scenario.
    /// The files hold them in English; the terminal says them in its language.
    public var notes: [String] { noteMessages.map(\.english) }

    public var noteMessages: [Message] {
        var notes = result.years.flatMap(\.plan.notes)
        if result.thisYearWarnings > 0 {
            notes.append(Message("this year's data has \(result.thisYearWarnings) skipped preferences or choices (see 'paiwei check'); every copy of such a student skips them too",
                                 "今年的数据中有 \(result.thisYearWarnings) 个被略过的志愿或选择（见 'paiwei check'）；这些学生的每个抽样副本同样略过它们"))
        }
        return notes
    }

    public func summary() -> JSONValue {
        let settings = result.settings
        let thresholds = settings.thresholds
        func share(_ basisPoints: Int) -> JSONValue { .double(Double(basisPoints) / 10000) }
        var scenario: JSONValue = .null
        if let s = result.inputs.scenario {
            scenario = .object([
                ("file", .string(s.file.split(separator: "/").last.map(String.init) ?? s.file)),
                ("name", .string(s.name)),
                ("description", .string(s.description)),
                ("capacity_changes", .int(s.capacity.count)),
                ("cohort_overrides", .int(s.cohorts.count)),
                ("zone_changes", .int(s.zones.count)),
            ])
        }
        let perYear: [JSONValue] = result.years.map { year in
            func levels(_ scope: ForecastRow.Scope) -> JSONValue {
                let mine = rows.filter { $0.scope == scope && $0.year == year.year }
                return .object(WarningLevel.allCases.reversed().map { level in (level.rawValue, .int(mine.filter { $0.level == level }.count)) })
            }
            let basis = year.plan.basis
            return .object([
                ("year", .int(year.year)),
                ("seed", .string(year.seed.hex)),
                ("students", .int(year.students)),
                ("zones_from_cohorts_csv", .int(basis.filter { $0 == .cohortsFile }.count)),
                ("zones_from_scenario", .int(basis.filter { $0 == .scenario }.count)),
                ("zones_kept_at_this_year", .int(basis.filter { $0 == .thisYear }.count)),
                ("seats", .int(year.plan.capacity.reduce(0, +))),
                ("schools", levels(.school)),
                ("zones", levels(.zone)),
            ])
        }
        return .object([
            ("command", .string("forecast")),
            ("product", .string("\(Product.name) \(Product.version)")),
            ("policy", .string(result.policy.name)),
            ("level", .string(result.policy.level.rawValue)),
            ("policy_year", .int(result.policy.year)),
            ("years", .array(result.years.map { .int($0.year) })),
            ("replications", .int(settings.replications)),
            ("seed", .string(settings.seed.hex)),
            ("year_seed_rule", .string("seed_Y = SHA-256(seed || \"forecast\" || Y as 8 bytes little-endian); replication r of year Y uses SHA-256(seed_Y || \"replication\" || r as 8 bytes little-endian)")),
            ("thresholds", .object([
                ("yellow", share(thresholds.yellow)),
                ("red", share(thresholds.red)),
                ("rule", .string("red when demand >= red x seats, yellow when demand >= yellow x seats, green below; see docs/forecast.md for demand and seats")),
            ])),
            ("scenario", scenario),
            ("students_this_year", .int(result.inputs.dataset.students.count)),
            ("per_year", .array(perYear)),
            ("warnings", .int(warnings.count)),
            ("notes", .array(notes.map { .string($0) })),
        ])
    }
}

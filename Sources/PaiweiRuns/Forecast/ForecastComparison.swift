import Foundation
import PaiweiCore

/// `paiwei forecast --compare A B`: what changes, per school and zone and year, between two forecasts —
/// typically the same district without and with a remedy (`--scenario`). Reads the `forecast.csv` of
/// each folder; writes `compare.csv` with the rows that differ in level, demand, seats, probability of
/// oversubscription or overflow.
public struct ForecastComparison: Sendable {
    /// The figures of one row of `forecast.csv`, as written.
    public struct Figures: Sendable, Equatable {
        public var level: String
        public var demand: String
        public var seats: String
        public var ratio: String
        public var pOversubscribed: String
        public var overflow: String
    }

    public struct Change: Sendable {
        public var scope: String
        public var id: String
        public var year: Int
        public var a: Figures?
        public var b: Figures?

        /// How the level moved from A to B, or which side the row is missing from.
        public var levelChange: LevelChange {
            guard let a else { return .onlyInB }
            guard let b else { return .onlyInA }
            let ra = WarningLevel(rawValue: a.level)?.rank ?? 0, rb = WarningLevel(rawValue: b.level)?.rank ?? 0
            return rb > ra ? .worse : rb < ra ? .better : .same
        }
    }

    /// How a school's or zone's warning level moved between the two forecasts; the raw value is what
    /// `compare.csv` writes. Cases in the order a person reads them: worse first.
    public enum LevelChange: String, Sendable, CaseIterable, Comparable {
        case worse
        case better
        case onlyInA = "only in A"
        case onlyInB = "only in B"
        case same

        public static func < (a: LevelChange, b: LevelChange) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public let nameA: String
    public let nameB: String
    /// Rows that differ, schools then zones, by id and year.
    public let changes: [Change]
    /// Differences in how the two were made that a reader must know (thresholds, replications, years).
    public let notes: [Message]

    /// The columns of `forecast.csv` a comparison reads.
    static let columns = ["scope", "id", "year", "level", "demand", "seats", "demand_ratio", "p_oversubscribed", "overflow"]

    public static func load(_ a: URL, _ b: URL) throws(InputProblems) -> ForecastComparison {
        var problems = ProblemList()
        var tables: [CSVTable] = []
        var summaries: [ParsedJSON?] = []
        for folder in [a, b] {
            let file = folder.appendingPathComponent("forecast.csv").path
            guard let data = FileManager.default.contents(atPath: file) else {
                problems.add(file, nil, "", Message("not found: is \(folder.path) the output folder of 'paiwei forecast'?", "找不到：\(folder.path) 是 'paiwei forecast' 的结果文件夹吗？"))
                continue
            }
            do {
                let table = try CSVTable.parse(Array(data), file: file)
                let missing = Self.columns.filter { table.columnIndex($0) == nil }
                for column in missing {
                    problems.add(file, 1, column, Message("required column is missing from the header", "表头中缺少此必需列"))
                }
                if missing.isEmpty { tables.append(table) }
            } catch {
                problems.add(contentsOf: error.problems)
            }
            let summary = folder.appendingPathComponent("summary.json").path
            summaries.append(FileManager.default.contents(atPath: summary).flatMap { String(data: $0, encoding: .utf8) }
                .flatMap { try? ParsedJSON.parse($0, file: summary) })
        }
        try problems.throwIfAny()
        return ForecastComparison(a: tables[0], b: tables[1], nameA: a.lastPathComponent, nameB: b.lastPathComponent,
                                  summaries: (summaries[0], summaries[1]))
    }

    init(a: CSVTable, b: CSVTable, nameA: String, nameB: String, summaries: (ParsedJSON?, ParsedJSON?) = (nil, nil)) {
        self.nameA = nameA
        self.nameB = nameB
        struct Key: Hashable { var scope: Identifier; var id: Identifier; var year: Int }
        func figures(_ table: CSVTable) -> [Key: Figures] {
            let column = Dictionary(uniqueKeysWithValues: Self.columns.map { ($0, table.columnIndex($0)!) })
            var map: [Key: Figures] = [:]
            for row in table.rows {
                func cell(_ name: String) -> String { row.fields[column[name]!] }
                let key = Key(scope: Identifier(cell("scope")), id: Identifier(cell("id")), year: Int(cell("year")) ?? 0)
                map[key] = Figures(level: cell("level"), demand: cell("demand"), seats: cell("seats"),
                                   ratio: cell("demand_ratio"), pOversubscribed: cell("p_oversubscribed"), overflow: cell("overflow"))
            }
            return map
        }
        let left = figures(a), right = figures(b)
        let keys = Set(left.keys).union(right.keys).sorted { x, y in
            if x.scope != y.scope { return (x.scope == "school" ? 0 : 1, x.scope) < (y.scope == "school" ? 0 : 1, y.scope) }
            if x.id != y.id { return x.id < y.id }
            return x.year < y.year
        }
        changes = keys.compactMap { key in
            let x = left[key], y = right[key]
            guard x != y else { return nil }
            return Change(scope: key.scope.text, id: key.id.text, year: key.year, a: x, b: y)
        }
        var notes: [Message] = []
        for field in ["thresholds", "replications", "years", "policy", "seed"] {
            let x = summaries.0?[field]?.value, y = summaries.1?[field]?.value
            if let x, let y, x != y {
                let values = "\(nameA) \(Self.compact(x)), \(nameB) \(Self.compact(y))"
                notes.append(Message("\(field) differ: \(values)", "\(field) 不同：\(values)"))
            }
        }
        self.notes = notes
    }

    private static func compact(_ value: JSONValue) -> String {
        value.rendered().split(separator: "\n").map { String($0).trimmingWhitespace }.joined(separator: " ")
    }

    /// `b − a` for two fixed-point decimals as written (e.g. `120.5`, `98.0`), signed, with as many
    /// decimals as the more precise of the two; empty if either is not a number.
    static func difference(_ a: String?, _ b: String?) -> String {
        func fixed(_ text: String?) -> (units: Int, decimals: Int)? {
            guard let text, !text.isEmpty else { return nil }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
                  let units = Int(parts.joined()) else { return nil }
            return (units, parts.count == 2 ? parts[1].count : 0)
        }
        guard let x = fixed(a), let y = fixed(b) else { return "" }
        let decimals = max(x.decimals, y.decimals)
        func scaled(_ value: (units: Int, decimals: Int)) -> Int {
            var units = value.units
            for _ in value.decimals..<decimals { units *= 10 }
            return units
        }
        let difference = scaled(y) - scaled(x)
        let text = NumberText.plainRatio(abs(difference), 1, decimals: 0)
        var body = text
        if decimals > 0 {
            let padded = String(repeating: "0", count: max(0, decimals + 1 - text.count)) + text
            body = String(padded.dropLast(decimals)) + "." + String(padded.suffix(decimals))
        }
        return difference > 0 ? "+" + body : difference < 0 ? "-" + body : body
    }

    public func csv() -> [UInt8] {
        var csv = CSVWriter(header: ["scope", "id", "year", "level_a", "level_b", "level_change", "demand_a", "demand_b", "demand_change",
                                     "seats_a", "seats_b", "demand_ratio_a", "demand_ratio_b", "p_oversubscribed_a", "p_oversubscribed_b",
                                     "overflow_a", "overflow_b"])
        for change in changes {
            let a = change.a, b = change.b
            csv.append([change.scope, change.id, String(change.year), a?.level ?? "", b?.level ?? "", change.levelChange.rawValue,
                        a?.demand ?? "", b?.demand ?? "", Self.difference(a?.demand, b?.demand),
                        a?.seats ?? "", b?.seats ?? "", a?.ratio ?? "", b?.ratio ?? "",
                        a?.pOversubscribed ?? "", b?.pOversubscribed ?? "", a?.overflow ?? "", b?.overflow ?? ""])
        }
        return csv.bytes
    }

    /// Lines for a person: every change of level, worse ones first.
    public func levelChangeLines() -> [Message] {
        let moved = changes.filter { $0.levelChange != .same }
        return moved.sorted { ($0.levelChange, $0.year) < ($1.levelChange, $1.year) }.map { change in
            let a = change.a, b = change.b
            func chinese(_ level: String?) -> String { level.flatMap(WarningLevel.init(rawValue:))?.chinese ?? level ?? "—" }
            let levels = "\(a?.level ?? "—") → \(b?.level ?? "—")", levelsInChinese = "\(chinese(a?.level)) → \(chinese(b?.level))"
            let demand = "\(a?.demand ?? "—") → \(b?.demand ?? "—")", seats = "\(a?.seats ?? "—") → \(b?.seats ?? "—")"
            let scope = change.scope == "school" ? "学校" : change.scope == "zone" ? "片区" : change.scope
            let how: String = switch change.levelChange {
            case .worse: "变差"
            case .better: "好转"
            case .onlyInA: "只在 A 中"
            case .onlyInB: "只在 B 中"
            case .same: "不变"
            }
            return Message("\(change.year) \(change.scope) \(change.id): \(levels) (\(change.levelChange.rawValue); demand \(demand), seats \(seats))",
                           "\(change.year) 年 \(scope) \(change.id)：\(levelsInChinese)（\(how)；需求 \(demand)，学位 \(seats)）")
        }
    }
}

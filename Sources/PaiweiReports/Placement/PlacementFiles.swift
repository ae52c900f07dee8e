import PaiweiCore
import PaiweiRuns
/// The files of a placement's output folder (SPEC §5), rendered in memory so that they can be
/// written all at once or not at all.
public struct PlacementFiles: Sendable {
    public let instance: PlacementInstance
    public let result: PlacementResult

    public init(instance: PlacementInstance, result: PlacementResult) {
        self.instance = instance
        self.result = result
    }

    /// The workbook of the three result tables (SPEC §5).
    public static let workbookName = "results.xlsx"

    /// File name → bytes, in the order they are listed to the user: the three CSV files, the summary,
    /// and results.xlsx with the same rows as the CSV files (left out only for a cohort larger than a
    /// worksheet holds, 1,048,575 students).
    public func render() -> [(name: String, bytes: [UInt8])] {
        let tables = tables()
        return csvFiles(tables) + Self.workbookFile(tables)
    }

    /// The rows of placements.csv, schools.csv and warnings.csv, in that order: what both the CSV
    /// files and results.xlsx are made of.
    public func tables() -> [ResultTable] {
        [placementTable(), schoolTable(), warningTable()]
    }

    /// The three CSV files of `tables` (``tables()``) and summary.json.
    public func csvFiles(_ tables: [ResultTable]) -> [(name: String, bytes: [UInt8])] {
        [
            ("placements.csv", tables[0].csv),
            ("schools.csv", tables[1].csv),
            ("warnings.csv", tables[2].csv),
            ("summary.json", Array(summary().rendered().utf8)),
        ]
    }

    /// results.xlsx of `tables` (``tables()``), or nothing for a cohort larger than a worksheet holds.
    public static func workbookFile(_ tables: [ResultTable]) -> [(name: String, bytes: [UInt8])] {
        workbook(tables).map { [(workbookName, $0)] } ?? []
    }

    /// results.xlsx: one worksheet per table, its header row bilingual (`学生编号 student_id`), counts as
    /// numbers and everything else — ids, lottery numbers, labels — as text, so that Excel keeps
    /// leading zeros and all 16 hex digits. Nil when a table has more rows than a worksheet holds.
    ///
    /// Deflated at the fast effort. At 30,000 students (thread CPU, Benchmarks/results/results-xlsx.json):
    /// building it deflated costs about 66 ms and 1.4 MB, stored about 25 ms and 8.5 MB — but the
    /// stored file's SHA-256 for audit.json takes 26 ms instead of 4, and writing it 7 ms instead of 1,
    /// so deflating costs about 16 ms more in all, for a file a sixth of the size.
    /// - Complexity: O(cells), plus deflate over the XML.
    package static func workbook(_ tables: [ResultTable], method: ZipWriter.Method = .deflated(.fast)) -> [UInt8]? {
        try? workbookWriter(tables, method: method)?.workbook()
    }

    /// results.xlsx with every worksheet laid out and deflated, ready to be written (``WorkbookWriter/write(to:)``
    /// hands it over a part at a time); nil when a table has more rows than a worksheet holds.
    package static func workbookWriter(_ tables: [ResultTable], method: ZipWriter.Method = .deflated(.fast)) -> WorkbookWriter? {
        var writer = WorkbookWriter(method: method)
        do {
            for table in tables {
                try writer.addSheet(named: table.sheetName, header: table.bilingualHeader, rows: table.count, fields: table.fields(ofRow:),
                                    width: table.header.count, numberColumns: table.numberColumns, inlineColumns: table.uniqueColumns)
            }
            return writer
        } catch {
            return nil
        }
    }

    public func outcome(_ s: Int) -> PlacementOutcome { instance.outcome(s, in: result) }

    /// The reason codes of a student, documented in docs/outputs.md.
    public func reason(_ s: Int) -> String { instance.reason(s, in: result) }

    public func placementsCSV() -> [UInt8] { placementTable().csv }

    /// placements.csv's rows: one per student, sorted by `student_id`.
    public func placementTable() -> ResultTable {
        let files = self
        let students = instance.dataset.students, schools = instance.dataset.schools, stages = instance.policy.stages
        let result = result, labels = instance.labels
        return ResultTable(
            sheetName: "派位结果 placements",
            header: ["student_id", "outcome", "school_id", "stage", "preference_rank", "lottery_label", "lottery_number", "reason"],
            chineseHeader: ["学生编号", "结果", "学校编号", "阶段", "志愿序号", "抽签", "随机号", "原因"],
            numberColumns: [4], uniqueColumns: [0, 6], count: students.count
        ) { s in
            let outcome = files.outcome(s)
            let school = result.school[s]
            let stage = result.publishedStage(s)
            let label = result.label[s]
            return [
                students[s].id.text,
                outcome.rawValue,
                school >= 0 ? schools[Int(school)].id.text : "",
                outcome != .ineligible ? stage.map { stages[$0].name } ?? "" : "",
                result.preferenceRank[s] > 0 ? String(result.preferenceRank[s]) : "",
                label >= 0 ? labels[Int(label)] : "",
                label >= 0 ? formatLotteryNumber(result.number[s]) : "",
                files.reason(s),
            ]
        }
    }

    func tierName(_ tier: Int32, stage: Stage) -> String {
        Int(tier) < stage.priority.count ? stage.priority[Int(tier)].description : "none"
    }

    public func schoolsCSV() -> [UInt8] { schoolTable().csv }

    /// schools.csv's rows: per school, its seats and, per stage, applicants, admitted and cutoff.
    public func schoolTable() -> ResultTable {
        let schools = instance.dataset.schools, stages = instance.policy.stages
        var header = ["school_id", "name", "kind", "district", "capacity", "batch1_seats"]
        var chinese = ["学校编号", "名称", "类型", "区", "学位", "一批次学位"]
        var numbers: Set<Int> = [4, 5]
        func add(_ name: String, _ chineseName: String, number: Bool) {
            if number { numbers.insert(header.count) }
            header.append(name)
            chinese.append(chineseName)
        }
        for stage in stages {
            if stage.kind == .overflow {
                add(stage.name + ".admitted", stage.name + " 录取", number: true)
                continue
            }
            add(stage.name + ".applicants", stage.name + " 申请人数", number: true)
            add(stage.name + ".admitted", stage.name + " 录取", number: true)
            if stage.decidesByRound { add(stage.name + ".cutoff_round", stage.name + " 截止轮次", number: true) }
            add(stage.name + ".cutoff_tier", stage.name + " 截止优先类别", number: false)
            // Only where the stage orders by points, so that every other file keeps its columns.
            if stage.ordersByPoints { add(stage.name + ".cutoff_points", stage.name + " 截止积分", number: false) }
            add(stage.name + ".cutoff_number", stage.name + " 截止随机号", number: false)
            if stage.kind == .multiZone { add(stage.name + ".cutoff_lottery", stage.name + " 截止抽签", number: false) }
        }
        add("seats_taken", "已录取", number: true)
        add("seats_left", "剩余学位", number: true)
        let summaries = stages.indices.map { result.schoolSummaries(stage: $0, schools: schools.count) }
        var taken = Array(repeating: 0, count: schools.count)
        for school in result.school where school >= 0 { taken[Int(school)] += 1 }
        var rows: [[String]] = []
        for (s, school) in schools.enumerated() {
            var row = [school.id.text, school.name, school.kind.rawValue, school.district.text, String(school.capacity), String(school.batch1Seats)]
            for (index, stage) in stages.enumerated() {
                let summary = summaries[index][s]
                if stage.kind == .overflow {
                    row.append(String(summary.admitted))
                    continue
                }
                row += [String(summary.applicants), String(summary.admitted)]
                let cutoff = summary.cutoff
                if stage.decidesByRound { row.append(cutoff.map { String($0.round + 1) } ?? "") }
                row.append(cutoff.map { tierName($0.tier, stage: stage) } ?? "")
                if stage.ordersByPoints { row.append(cutoff.map { Points(hundredths: $0.points).description } ?? "") }
                row.append(cutoff.map { formatLotteryNumber($0.number) } ?? "")
                if stage.kind == .multiZone { row.append(summary.cutoffLabel.map { instance.labels[Int($0)] } ?? "") }
            }
            row += [String(taken[s]), String(school.capacity - taken[s])]
            rows.append(row)
        }
        return ResultTable(sheetName: "学校 schools", header: header, chineseHeader: chinese, numberColumns: numbers, rows: rows)
    }

    public func warningsCSV() -> [UInt8] { warningTable().csv }

    /// warnings.csv's rows: what was skipped and why, by file and line.
    public func warningTable() -> ResultTable {
        ResultTable(sheetName: "提示 warnings", header: ["file", "line", "student_id", "message"],
                    chineseHeader: ["文件", "行", "学生编号", "说明"], numberColumns: [1],
                    rows: instance.warnings.map { [$0.file, String($0.line), $0.studentID.text, $0.message] })
    }

    /// Counts per outcome, stage and reason; overflow distances (``PlacementSummary``). No timestamps,
    /// so it is byte-stable.
    public func summary() -> JSONValue {
        let summary = PlacementSummary(instance: instance, result: result)
        var stages: [JSONValue] = []
        for (index, stage) in instance.policy.stages.enumerated() {
            let figures = summary.stages[index]
            var members: [(String, JSONValue)] = [
                ("name", .string(stage.name)),
                ("kind", .string(stage.kind.rawValue)),
                ("took_part", .int(figures.tookPart)),
                ("placed", .int(figures.placed)),
                ("oversubscribed_schools", .int(figures.oversubscribedSchools)),
            ]
            if stage.kind == .overflow {
                members.append(("method", .string(stage.method.rawValue)))
                members.append(("objective", .string(stage.objective.rawValue)))
                members.append(("distance_metres", Self.json(figures.distances!)))
            }
            stages.append(.object(members))
        }
        return .object([
            ("policy", .string(instance.policy.name)),
            ("seed", .string(result.seed.hex)),
            ("students", .int(summary.students)),
            ("schools", .int(summary.schools)),
            ("seats", .int(summary.seats)),
            ("outcomes", .object(PlacementOutcome.allCases.map { ($0.rawValue, .int(summary.count($0))) })),
            ("stages", .array(stages)),
            ("reasons", .object(summary.reasons.map { ($0.code, .int($0.count)) })),
            ("warnings", .int(summary.warnings)),
            ("overflow_distance_metres", Self.json(summary.overflowDistances)),
        ])
    }

    /// The fairness figures a bureau asks for: how many, total, longest, mean, 95th percentile and how
    /// many travel more than 3 km and more than 5 km (null where nobody was placed by overflow).
    static func json(_ figures: DistanceFigures) -> JSONValue {
        .object([
            ("students", .int(figures.students)),
            ("total", .int(figures.total)),
            ("max", .int(figures.maximum)),
            ("mean", figures.mean.map { .int($0) } ?? .null),
            ("p95", figures.p95.map { .int($0) } ?? .null),
            ("over_3km", .int(figures.over(3000))),
            ("over_5km", .int(figures.over(5000))),
        ])
    }
}

/// One table of a placement's results: the rows of a CSV file, and of a worksheet of results.xlsx.
public struct ResultTable: Sendable {
    /// The worksheet's name in results.xlsx.
    public var sheetName: String
    /// The CSV file's header.
    public var header: [String]
    /// Each column's name in Chinese, for the worksheet's bilingual header row.
    public var chineseHeader: [String]
    /// Columns of counts, written to the worksheet as numbers where a field is one.
    public var numberColumns: Set<Int>
    /// Columns whose values (nearly) never repeat — student ids, lottery numbers — written as inline
    /// strings rather than shared ones, which saves a look-up per cell.
    public var uniqueColumns: Set<Int>
    public let count: Int
    /// Row `i`'s fields, `header.count` of them, made when asked: the CSV file and the worksheet each
    /// make a row as they write it, so a table of a million students is never held whole.
    private let row: @Sendable (Int) -> [String]

    public init(sheetName: String, header: [String], chineseHeader: [String], numberColumns: Set<Int>, uniqueColumns: Set<Int> = [],
                count: Int, row: @escaping @Sendable (Int) -> [String]) {
        self.sheetName = sheetName
        self.header = header
        self.chineseHeader = chineseHeader
        self.numberColumns = numberColumns
        self.uniqueColumns = uniqueColumns
        self.count = count
        self.row = row
    }

    /// A table of rows already made.
    public init(sheetName: String, header: [String], chineseHeader: [String], numberColumns: Set<Int>, rows: [[String]]) {
        self.init(sheetName: sheetName, header: header, chineseHeader: chineseHeader, numberColumns: numberColumns,
                  count: rows.count, row: { rows[$0] })
    }

    /// The rows, each made as it is read.
    public var rows: LazyMapCollection<Range<Int>, [String]> { (0..<count).lazy.map(row) }

    /// Row `i`'s fields, made now.
    public func fields(ofRow i: Int) -> [String] { row(i) }

    /// The worksheet's header: `学生编号 student_id`, the Chinese name then the CSV file's.
    public var bilingualHeader: [String] { zip(chineseHeader, header).map { "\($0) \($1)" } }

    /// The CSV file.
    public var csv: [UInt8] {
        var writer = CSVWriter(header: header)
        for i in 0..<count { writer.append(row(i)) }
        return writer.bytes
    }
}

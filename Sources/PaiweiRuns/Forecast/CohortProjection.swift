import PaiweiCore
/// `cohorts.csv` (SPEC §2, forecast only): the projected entry cohort of each zone in the coming years —
/// how many children of the zone will enter the level (primary or middle) in each year.
///
/// The forecast never invents these numbers: a zone without a row for a year keeps this year's size,
/// and the output says so.
public struct CohortProjection: Sendable {
    public static let fileName = "cohorts.csv"

    public struct Entry: Sendable, Equatable {
        /// Index into ``Dataset/zones``: the residence zone.
        public var zone: Int
        public var year: Int
        public var students: Int
        /// Line in `cohorts.csv`, or in the scenario file for an override.
        public var line: Int

        public init(zone: Int, year: Int, students: Int, line: Int = 0) {
            self.zone = zone
            self.year = year
            self.students = students
            self.line = line
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses and validates `cohorts.csv` against the zones and students of `dataset`; every problem is
    /// reported at once as `cohorts.csv:line: column: message`.
    public static func parse(_ bytes: [UInt8], file: String = fileName, dataset: Dataset) throws(InputProblems) -> CohortProjection {
        var problems = ProblemList()
        guard var reader = DataTableReader(bytes, file: file, reading: ["zone_id", "year", "students"], problems: &problems) else {
            try problems.throwIfAny()
            return CohortProjection(entries: [])
        }
        let cells = CellReader(file: file)
        let zoneColumn = Column("zone_id", in: reader), yearColumn = Column("year", in: reader), studentsColumn = Column("students", in: reader)
        guard cells.requireColumns([zoneColumn, yearColumn, studentsColumn], in: reader, into: &problems) else {
            try problems.throwIfAny()
            return CohortProjection(entries: [])
        }
        let zoneIndex = dataset.zoneIndicesByID
        let residents = dataset.residentsPerZone
        var firstLine: [ZoneYear: Int] = [:]
        var entries: [Entry] = []
        var row = CSVRecord()
        while let status = reader.next(into: &row, problems: &problems) {
            guard status == .row else { continue }
            let zoneID = cells.identifier(row, zoneColumn)
            var zone: Int?
            if zoneID.isEmpty {
                cells.required(row, zoneColumn, &problems)
            } else if let index = zoneIndex[zoneID] {
                zone = index
            } else {
                problems.add(file, row.line, zoneColumn.name, Message("unknown zone '\(zoneID)' (not in \(dataset.fileName(of: Dataset.zonesFile)))", "未知片区“\(zoneID)”（\(dataset.fileName(of: Dataset.zonesFile)) 中没有）"))
            }
            let year = cells.year(row, yearColumn, &problems)
            let students = cells.int(row, studentsColumn, default: nil, minimum: 0, &problems)
            guard let zone, let year, let students else { continue }
            if let earlier = firstLine[ZoneYear(zone: zone, year: year)] {
                problems.add(file, row.line, yearColumn.name, Message(
                    "zone '\(zoneID)' already has a projection for \(year) on line \(earlier)",
                    "片区“\(zoneID)”在第 \(earlier) 行已有 \(year) 年的预测"))
                continue
            }
            firstLine[ZoneYear(zone: zone, year: year)] = row.line
            if students > 0 && residents[zone] == 0 {
                problems.add(file, row.line, studentsColumn.name, Self.nobodyToResample(zoneID.text, students))
            }
            entries.append(Entry(zone: zone, year: year, students: students, line: row.line))
        }
        try problems.throwIfAny()
        return CohortProjection(entries: entries)
    }

    /// Resampling copies this year's children of the zone; a zone without any has nothing to copy.
    static func nobodyToResample(_ zoneID: String, _ students: Int) -> Message {
        Message("zone '\(zoneID)' has no students in students.csv this year, so there is nobody to resample its \(students) projected students from (their choices and homes would have to be made up): register this year's children of the zone, or project 0",
                "片区“\(zoneID)”今年在 students.csv 中没有学生，因此无法从中重新抽样出预测的 \(students) 名学生（否则他们的志愿和住址只能凭空编造）：请登记该片区今年的适龄儿童，或预测为 0")
    }

    /// What the forecast needs when `cohorts.csv` is missing, and how a bureau builds it.
    /// - Parameter directory: the folder looked in; nil for the dataset folder of a run from its inputs.
    public static func missingMessage(directory: String?) -> Message {
        Message("""
        required for a forecast and missing from \(directory ?? "the dataset folder"). The forecast needs the projected entry \
        cohort of each zone for each forecast year — columns zone_id, year, students — and never makes these \
        numbers up. Build it from enrolment: for a middle-school forecast made in year Y, the entry cohort of \
        Y+1 is this year's grade-5 pupils, of Y+2 the grade-4 pupils, of Y+3 the grade-3 pupils, counted per \
        primary school and mapped to zones by the pupils' home addresses (or by the primary school's zone when \
        addresses are not at hand); for a primary-school forecast, use the children aged 5, 4 and 3 by \
        registered residence (hukou) and residence permits, per zone. Then write one row per zone and year, e.g. \
        'Z01,2026,412', and run the forecast again (see docs/forecast.md)
        """, """
        预测必需此文件，而\(directory.map { " \($0) " } ?? "数据文件夹")中没有。预测需要每个片区每个预测年份的入学适龄学生数——列为\
        zone_id、year、students——且从不凭空编造这些数字。请依据在校学生生成：在 Y 年做初中预测时，Y+1 年的\
        适龄学生是今年的五年级学生，Y+2 年是四年级学生，Y+3 年是三年级学生，按小学统计，并按学生的家庭住址\
        （没有住址时按小学所在片区）归入片区；做小学预测时，按片区统计按户籍和居住证计的 5、4、3 岁儿童。\
        然后每个片区每年写一行，例如 'Z01,2026,412'，再运行预测（见 docs/forecast.md）
        """)
    }
}

/// A (zone, year) or (school, year) key.
struct ZoneYear: Hashable {
    var zone: Int
    var year: Int
}

extension Dataset {
    /// Zone id → index.
    var zoneIndicesByID: [Identifier: Int] {
        Dictionary(uniqueKeysWithValues: zones.enumerated().map { ($0.element.id, $0.offset) })
    }

    /// School id → index.
    var schoolIndicesByID: [Identifier: Int] {
        Dictionary(uniqueKeysWithValues: schools.enumerated().map { ($0.element.id, $0.offset) })
    }

    /// Students per residence zone.
    var residentsPerZone: [Int] {
        var counts = Array(repeating: 0, count: zones.count)
        for student in students where student.zone >= 0 { counts[student.zone] += 1 }
        return counts
    }
}

extension CellReader {
    /// A calendar year, 1…9999 (a required cell).
    func year(_ row: CSVRecord, _ column: Column, _ problems: inout ProblemList) -> Int? {
        guard let year = int(row, column, default: nil, minimum: 1, &problems) else { return nil }
        guard year <= 9999 else {
            problems.add(file, row.line, column.name, Message("\(year) is not a year", "\(year) 不是年份"))
            return nil
        }
        return year
    }
}

import PaiweiCore
/// `capacity_changes.csv` (SPEC §2, forecast only): a school's entry-grade seats (招生计划) from a year
/// on, until a later change — more classes, a new building, a school opening (listed in `schools.csv`
/// with capacity 0 until its first change) or closing (a change to 0).
public struct CapacityChanges: Sendable {
    public static let fileName = "capacity_changes.csv"

    public struct Change: Sendable, Equatable {
        /// Index into ``Dataset/schools``.
        public var school: Int
        /// First year the capacity holds.
        public var year: Int
        public var capacity: Int
        /// Line in `capacity_changes.csv`, or in the scenario file for an override.
        public var line: Int

        public init(school: Int, year: Int, capacity: Int, line: Int = 0) {
            self.school = school
            self.year = year
            self.capacity = capacity
            self.line = line
        }
    }

    public var changes: [Change]

    public init(changes: [Change] = []) {
        self.changes = changes
    }

    /// Parses and validates `capacity_changes.csv` against the schools of `dataset`; every problem is
    /// reported at once as `capacity_changes.csv:line: column: message`.
    public static func parse(_ bytes: [UInt8], file: String = fileName, dataset: Dataset) throws(InputProblems) -> CapacityChanges {
        var problems = ProblemList()
        guard var reader = DataTableReader(bytes, file: file, reading: ["school_id", "year", "capacity"], problems: &problems) else {
            try problems.throwIfAny()
            return CapacityChanges()
        }
        let cells = CellReader(file: file)
        let schoolColumn = Column("school_id", in: reader), yearColumn = Column("year", in: reader), capacityColumn = Column("capacity", in: reader)
        guard cells.requireColumns([schoolColumn, yearColumn, capacityColumn], in: reader, into: &problems) else {
            try problems.throwIfAny()
            return CapacityChanges()
        }
        let schoolIndex = dataset.schoolIndicesByID
        var firstLine: [ZoneYear: Int] = [:]
        var changes: [Change] = []
        var row = CSVRecord()
        while let status = reader.next(into: &row, problems: &problems) {
            guard status == .row else { continue }
            let schoolID = cells.identifier(row, schoolColumn)
            var school: Int?
            if schoolID.isEmpty {
                cells.required(row, schoolColumn, &problems)
            } else if let index = schoolIndex[schoolID] {
                school = index
            } else {
                problems.add(file, row.line, schoolColumn.name, Message(
                    "unknown school '\(schoolID)' (not in \(dataset.fileName(of: Dataset.schoolsFile)); a new school is listed there with capacity 0)",
                    "未知学校“\(schoolID)”（\(dataset.fileName(of: Dataset.schoolsFile)) 中没有；新建学校请在其中以招生计划 0 列出）"))
            }
            let year = cells.year(row, yearColumn, &problems)
            let capacity = cells.int(row, capacityColumn, default: nil, minimum: 0, &problems)
            guard let school, let year, let capacity else { continue }
            let key = ZoneYear(zone: school, year: year)
            if let earlier = firstLine[key] {
                problems.add(file, row.line, yearColumn.name, Message(
                    "school '\(schoolID)' already changes capacity in \(year) on line \(earlier)",
                    "学校“\(schoolID)”在第 \(earlier) 行已有 \(year) 年的招生计划调整"))
                continue
            }
            firstLine[key] = row.line
            changes.append(Change(school: school, year: year, capacity: capacity, line: row.line))
        }
        try problems.throwIfAny()
        return CapacityChanges(changes: changes)
    }
}

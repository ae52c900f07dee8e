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
    public static func parse(_ bytes: [UInt8], dataset: Dataset) throws(InputProblems) -> CapacityChanges {
        let table = try CSVTable.parse(bytes, file: fileName)
        let cells = CellReader(table: table)
        var problems = ProblemList()
        guard cells.requireColumns(["school_id", "year", "capacity"], into: &problems) else {
            try problems.throwIfAny()
            return CapacityChanges()
        }
        let schoolIndex = dataset.schoolIndicesByID
        var firstLine: [ZoneYear: Int] = [:]
        var changes: [Change] = []
        for row in table.rows {
            let schoolID = cells.text(row, "school_id")
            var school: Int?
            if schoolID.isEmpty {
                problems.add(table.file, row.line, "school_id", "a value is required")
            } else if let index = schoolIndex[schoolID] {
                school = index
            } else {
                problems.add(table.file, row.line, "school_id", "unknown school '\(schoolID)' (not in schools.csv; a new school is listed there with capacity 0)")
            }
            let year = cells.year(row, "year", &problems)
            let capacity = cells.int(row, "capacity", default: nil, minimum: 0, &problems)
            guard let school, let year, let capacity else { continue }
            let key = ZoneYear(zone: school, year: year)
            if let earlier = firstLine[key] {
                problems.add(table.file, row.line, "year", "school '\(schoolID)' already changes capacity in \(year) on line \(earlier)")
                continue
            }
            firstLine[key] = row.line
            changes.append(Change(school: school, year: year, capacity: capacity, line: row.line))
        }
        try problems.throwIfAny()
        return CapacityChanges(changes: changes)
    }
}

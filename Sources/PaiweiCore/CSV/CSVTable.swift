/// A small CSV file read into memory: its header and its records as text, each with the line it starts
/// on — for the forecast's inputs and for tests. Dataset files are read record by record instead
/// (``DataTableReader``), without keeping the file as text.
///
/// Cells are trimmed of White_Space; blank lines are skipped; column order is free: look columns up by
/// name.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// 1-based line on which the record starts.
        public let line: Int
        public let fields: [String]
    }

    /// The name used in messages (e.g. `students.csv`).
    public let file: String
    public let header: [String]
    public let rows: [Row]

    public init(file: String, header: [String], rows: [Row]) {
        self.file = file
        self.header = header
        self.rows = rows
    }

    /// The index of the first column with this name, by bytes.
    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex { $0.utf8.elementsEqual(name.utf8) }
    }
}

extension CSVTable {
    /// Parses `bytes`, reporting every problem of the file at once.
    /// - Complexity: O(*b*) in the file's bytes.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputProblems) -> CSVTable {
        var problems = ProblemList()
        let table = read(bytes, file: file, problems: &problems)
        try problems.throwIfAny()
        return table!
    }

    /// Reads what can be read of `bytes`: the rows without problems, every problem into `problems`;
    /// nil when not even the header can be read.
    static func read(_ bytes: [UInt8], file: String, problems: inout ProblemList) -> CSVTable? {
        guard var reader = DataTableReader(bytes, file: file, problems: &problems) else { return nil }
        var rows: [Row] = []
        var record = CSVRecord()
        while let status = reader.next(into: &record, problems: &problems) {
            guard status == .row else { continue }
            rows.append(Row(line: record.line, fields: (0..<record.count).map { record.text($0) }))
        }
        return CSVTable(file: file, header: reader.header, rows: rows)
    }
}

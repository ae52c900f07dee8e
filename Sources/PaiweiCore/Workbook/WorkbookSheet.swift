/// The first worksheet of a workbook as text cells, the way a CSV file would hold them
/// (SPEC §2 "Workbooks"), with the cells that have no such text kept aside as problems.
///
/// Rows are Excel's, numbered from 1, in order; a row whose cells are all empty or whitespace
/// (formatting alone makes a stored but empty row) is left out, as a CSV reader skips a blank
/// line. A cell's text is its stored value converted as ``WorkbookReader`` describes.
public struct WorkbookSheet: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Excel's 1-based row number, which messages give as the line.
        public let number: Int
        /// Text by column (A is 0), "" for an empty cell, up to the last cell that has text.
        public let cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// A cell (or a row, when `column` is nil) that could not be read as text; its text is "".
    public struct CellProblem: Sendable, Hashable {
        public let row: Int
        public let column: Int?
        public let problem: WorkbookProblem
    }

    /// The name used in messages (e.g. `students.xlsx`).
    public let file: String
    /// The worksheet's name as its tab shows it.
    public let name: String
    public let rows: [Row]
    public let problems: [CellProblem]

    public init(file: String, name: String, rows: [Row], problems: [CellProblem]) {
        self.file = file
        self.name = name
        self.rows = rows
        self.problems = problems
    }

    /// Excel's name of a 0-based column: A … Z, AA … XFD.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let digit = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(digit))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The sheet as a ``CSVTable``: its first row the header, the rest records whose `line` is the
    /// Excel row, every record as wide as the header — what the dataset loader reads.
    ///
    /// The header's rules are CSV's: names are trimmed, none may be empty (up to the last named
    /// column) and none repeated. A value right of the header's last column is refused, as a CSV
    /// record longer than its header is. Every cell problem is reported, located as
    /// `FILE:ROW: column: what` with the column's header name (or its letter where the header has
    /// none) — except, when `columns` is given, those under a header name not in it: a column the
    /// loader ignores may hold anything.
    ///
    /// - Complexity: O(cells).
    public func table(readingOnly columns: Set<String>? = nil) throws(InputProblems) -> CSVTable {
        var problems = ProblemList()
        guard let headerRow = rows.first else {
            let found = self.problems.map { located($0, header: []) }
            if !found.isEmpty { throw InputProblems(found.sorted()) }
            throw InputProblems([InputProblem(file: file, line: nil, column: "", message: WorkbookProblem.emptySheet.message)])
        }
        let header = headerRow.cells.map(\.trimmingWhitespace)
        var seen: Set<String> = []
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                problems.add(file, headerRow.number, "", WorkbookProblem.unnamedHeaderColumn(Self.columnName(index)).message)
            } else if !seen.insert(name).inserted {
                problems.add(file, headerRow.number, name, WorkbookProblem.duplicateHeaderName.message)
            }
        }
        for problem in self.problems {
            if problem.row != headerRow.number, let columns, let column = problem.column,
               column < header.count, !columns.contains(header[column]) { continue }
            problems.add(located(problem, header: header))
        }
        let problemCells = Set(self.problems.compactMap { p in p.column.map { [p.row, $0] } })
        var records: [CSVTable.Row] = []
        records.reserveCapacity(rows.count - 1)
        for row in rows.dropFirst() {
            var fields = row.cells
            if fields.count > header.count {
                for column in header.count..<fields.count
                where !fields[column].trimmingWhitespace.isEmpty && !problemCells.contains([row.number, column]) {
                    let cell = Self.columnName(column) + String(row.number)
                    problems.add(file, row.number, "", WorkbookProblem.valueOutsideHeader(cell).message)
                }
                fields.removeLast(fields.count - header.count)
            } else if fields.count < header.count {
                fields.append(contentsOf: repeatElement("", count: header.count - fields.count))
            }
            records.append(CSVTable.Row(line: row.number, fields: fields))
        }
        try problems.throwIfAny()
        return CSVTable(file: file, header: header, rows: records)
    }

    private func located(_ problem: CellProblem, header: [String]) -> InputProblem {
        var column = ""
        if let index = problem.column {
            column = index < header.count && !header[index].isEmpty ? header[index] : Self.columnName(index)
        }
        return InputProblem(file: file, line: problem.row, column: column, message: problem.problem.message)
    }
}

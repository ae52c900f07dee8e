/// The records of one input table after its header — a CSV file or the first worksheet of a workbook
/// (SPEC §2): the first non-blank record names the columns, blank records are skipped, and each
/// record that cannot be used is reported where it is. Both sources give the same records (cells
/// trimmed of White_Space, one per header column, the line a CSV line or an Excel row), so one loader
/// validates both.
package struct DataTableReader {
    /// What ``next(into:problems:)`` read.
    package enum Status: Equatable {
        /// A record with one cell per header column.
        case row
        /// A record with a syntax problem, the wrong number of fields or a workbook cell that has no
        /// text, already reported; its cells are still in the record, for whatever can be learnt from
        /// them (an id, say).
        case unreadable
    }

    /// Where the records come from.
    private enum Source {
        case csv(CSVScanner)
        /// The rows after the header, the next to read, and the cell problems of each row by row number.
        case sheet(rows: [WorkbookSheet.Row], next: Int, problems: [Int: [WorkbookSheet.CellProblem]])
    }

    package let file: String
    /// How the file's bytes were read.
    package let encoding: InputEncoding
    /// Column names, trimmed.
    package private(set) var header: [String] = []
    /// The line of the header record.
    package private(set) var headerLine = 1
    private var columns: [Identifier: Int] = [:]
    private var source: Source
    /// The header names whose cells the reader of a workbook reports problems in (nil: all).
    private let reading: Set<String>?

    /// True once a quote that never closed ended the reading: rows after it are unknown.
    package var stoppedEarly: Bool {
        if case .csv(let scanner) = source { return scanner.stoppedAtUnclosedQuote }
        return false
    }

    /// Whether `file` names a workbook (`.xlsx`, in any case) rather than a CSV file.
    package static func isWorkbook(_ file: String) -> Bool {
        file.lowercased().hasSuffix(".xlsx")
    }

    /// Reads the header of `raw`, a workbook when `file` ends in `.xlsx` and CSV otherwise; nil (with
    /// the problem recorded) when the file cannot be read, is empty, or its header cannot be read.
    /// - Parameter columns: the columns the caller reads: a workbook cell that has no text (an error
    ///   value, a time of day) is a problem only under one of them, since other columns are ignored.
    package init?(_ raw: [UInt8], file: String, reading columns: Set<String>? = nil, problems: inout ProblemList) {
        if Self.isWorkbook(file) {
            self.init(workbook: raw, file: file, reading: columns, problems: &problems)
        } else {
            self.init(csv: raw, file: file, problems: &problems)
        }
    }

    /// Decodes `raw` (``InputText``) and reads its header.
    package init?(csv raw: [UInt8], file: String, problems: inout ProblemList) {
        self.file = file
        reading = nil
        let text: InputText
        switch InputText.decode(raw, file: file) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            problems.add(problem)
            return nil
        }
        encoding = text.encoding
        var scanner = CSVScanner(bytes: text.bytes, start: text.start)
        var record = CSVRecord()
        repeat {
            guard scanner.next(into: &record) else {
                problems.add(file, 1, "", Message("the file is empty: the first row must be the header", "文件为空：第一行必须是表头"))
                return nil
            }
        } while record.isBlank
        source = .csv(scanner)
        if let problem = record.problem {
            problems.add(file, record.line, "", problem.message)
            return nil
        }
        readHeader((0..<record.count).map { record.text($0) }, line: record.line, problems: &problems) { index in
            Message("column \(index + 1) of the header has no name", "表头第 \(index + 1) 列没有列名")
        }
    }

    /// Reads the first worksheet of the workbook `raw` (``WorkbookReader``) and its first row that is
    /// not empty as the header.
    package init?(workbook raw: [UInt8], file: String, reading columns: Set<String>?, problems: inout ProblemList) {
        self.file = file
        reading = columns
        encoding = .workbook
        let sheet: WorkbookSheet
        do {
            sheet = try WorkbookReader.firstSheet(raw, file: file)
        } catch {
            problems.add(contentsOf: error.problems)
            return nil
        }
        var byRow: [Int: [WorkbookSheet.CellProblem]] = [:]
        for problem in sheet.problems { byRow[problem.row, default: []].append(problem) }
        guard let headerRow = sheet.rows.first else {
            for problem in sheet.problems { problems.add(Self.located(problem, file: file, header: [])) }
            if sheet.problems.isEmpty {
                problems.add(file, nil, "", Message(WorkbookProblem.emptySheet.english, WorkbookProblem.emptySheet.chinese))
            }
            return nil
        }
        source = .sheet(rows: sheet.rows, next: 1, problems: byRow)
        let names = headerRow.cells.map(\.trimmingWhitespace)
        for problem in byRow[headerRow.number] ?? [] { problems.add(Self.located(problem, file: file, header: names)) }
        readHeader(names, line: headerRow.number, problems: &problems) { index in
            let problem = WorkbookProblem.unnamedHeaderColumn(WorkbookSheet.columnName(index))
            return Message(problem.english, problem.chinese)
        }
    }

    /// Takes `names` as the header, reporting a name that is empty or repeated.
    private mutating func readHeader(_ names: [String], line: Int, problems: inout ProblemList, unnamed: (Int) -> Message) {
        headerLine = line
        header = names
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                problems.add(file, line, "", unnamed(index))
            } else if columns[Identifier(name)] != nil {
                problems.add(file, line, name, Message("the header names this column twice", "表头中此列名出现了两次"))
            } else {
                columns[Identifier(name)] = index
            }
        }
    }

    /// The index of the column named `name` (by bytes), the first if named twice.
    package func column(_ name: String) -> Int? { columns[Identifier(name)] }

    /// Reads the next record that is not blank into `record`; nil at the end of the table.
    package mutating func next(into record: inout CSVRecord, problems: inout ProblemList) -> Status? {
        switch source {
        case .csv(var scanner):
            defer { source = .csv(scanner) }
            while scanner.next(into: &record) {
                if record.isBlank { continue }
                if let problem = record.problem {
                    problems.add(file, record.line, "", problem.message)
                    return .unreadable
                }
                if record.count != header.count {
                    problems.add(file, record.line, "", Message(
                        "the row has \(record.count) fields but the header has \(header.count)",
                        "此行有 \(record.count) 个字段，而表头有 \(header.count) 列"))
                    return .unreadable
                }
                return .row
            }
            return nil
        case .sheet(let rows, let next, let cellProblems):
            guard next < rows.count else { return nil }
            source = .sheet(rows: rows, next: next + 1, problems: cellProblems)
            return read(rows[next], problems: cellProblems[rows[next].number] ?? [], into: &record, &problems)
        }
    }

    /// A worksheet row as a record: as wide as the header (missing cells are empty), a value right of
    /// the header's last column reported (as a CSV record longer than its header is), and the row
    /// unreadable when a cell under a column that is read has no text.
    private func read(_ row: WorkbookSheet.Row, problems cellProblems: [WorkbookSheet.CellProblem],
                      into record: inout CSVRecord, _ problems: inout ProblemList) -> Status {
        record.reset(line: row.number)
        for column in 0..<header.count {
            record.appendTrimmed(column < row.cells.count ? row.cells[column] : "")
        }
        var status = Status.row
        var problemColumns: Set<Int> = []
        for problem in cellProblems {
            if let column = problem.column {
                problemColumns.insert(column)
                if column < header.count, let reading, !reading.contains(header[column]) { continue }
            }
            problems.add(Self.located(problem, file: file, header: header))
            status = .unreadable
        }
        if row.cells.count > header.count {
            for column in header.count..<row.cells.count
            where !row.cells[column].trimmingWhitespace.isEmpty && !problemColumns.contains(column) {
                let cell = WorkbookSheet.columnName(column) + String(row.number)
                let problem = WorkbookProblem.valueOutsideHeader(cell)
                problems.add(file, row.number, "", Message(problem.english, problem.chinese))
            }
        }
        return status
    }

    /// A cell's problem as `FILE:ROW: column: what`, the column by its header name (or its letter
    /// where the header names none).
    private static func located(_ problem: WorkbookSheet.CellProblem, file: String, header: [String]) -> InputProblem {
        var column = ""
        if let index = problem.column {
            column = index < header.count && !header[index].isEmpty ? header[index] : WorkbookSheet.columnName(index)
        }
        return InputProblem(file: file, line: problem.row, column: column,
                            message: Message(problem.problem.english, problem.problem.chinese))
    }
}

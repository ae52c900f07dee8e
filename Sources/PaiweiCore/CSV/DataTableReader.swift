/// The records of one input table — a CSV file — after its header: the first non-blank record names
/// the columns, blank records are skipped, and each record that cannot be used is reported where it is.
package struct DataTableReader: Sendable {
    /// What ``next(into:problems:)`` read.
    package enum Status: Equatable {
        /// A record with one cell per header column.
        case row
        /// A record with a syntax problem or the wrong number of fields, already reported; its cells are
        /// still in the record, for whatever can be learnt from them (an id, say).
        case unreadable
    }

    package let file: String
    /// Column names, trimmed.
    package private(set) var header: [String] = []
    /// The line of the header record.
    package private(set) var headerLine = 1
    private var columns: [Identifier: Int] = [:]
    /// The bytes, and where in them this reader is (see ``DataTableReader+Stretches.swift``).
    var scanner: CSVScanner

    /// True once a quote that never closed ended the reading: rows after it are unknown.
    package var stoppedEarly: Bool { scanner.stoppedAtUnclosedQuote }

    /// Decodes `raw` and reads its header; nil (with the problem recorded) when the file is not text,
    /// is empty, or its header cannot be read.
    package init?(csv raw: [UInt8], file: String, problems: inout ProblemList) {
        self.file = file
        let text: InputText
        switch InputText.decode(raw, file: file) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            problems.add(problem)
            return nil
        }
        scanner = CSVScanner(bytes: text.bytes, start: text.start)
        var record = CSVRecord()
        repeat {
            guard scanner.next(into: &record) else {
                problems.add(file, 1, "", Message("the file is empty: the first row must be the header", "文件为空：第一行必须是表头"))
                return nil
            }
        } while record.isBlank
        if let problem = record.problem {
            problems.add(file, record.line, "", problem.message)
            return nil
        }
        headerLine = record.line
        header = (0..<record.count).map { record.text($0) }
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                problems.add(file, record.line, "", Message("column \(index + 1) of the header has no name", "表头第 \(index + 1) 列没有列名"))
            } else if columns[Identifier(name)] != nil {
                problems.add(file, record.line, name, Message("the header names this column twice", "表头中此列名出现了两次"))
            } else {
                columns[Identifier(name)] = index
            }
        }
    }

    /// The index of the column named `name` (by bytes), the first if named twice.
    package func column(_ name: String) -> Int? { columns[Identifier(name)] }

    /// Reads the next record that is not blank into `record`; nil at the end of the table.
    package mutating func next(into record: inout CSVRecord, problems: inout ProblemList) -> Status? {
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
    }
}

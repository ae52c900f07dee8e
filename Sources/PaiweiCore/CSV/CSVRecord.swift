/// One record of a CSV file: its cells trimmed of White_Space and unquoted, each a range of `bytes`,
/// so that reading a file builds no `String` per cell.
///
/// A record read by the CSV scanner's fast path (no quote) views the file's own bytes: its cells are
/// ranges of the file, and nothing is copied. Any other record (quoted fields, a workbook row, a test's)
/// has its cells back to back in a buffer of its own, kept from record to record.
package struct CSVRecord {
    /// 1-based line on which the record starts.
    package var line = 0
    /// The cells' bytes (the whole file, for a record that views it).
    package private(set) var bytes: [UInt8] = []
    /// Cell `k` is `bytes[cells[k]]` for `k < count`; entries past `count` are left over from earlier
    /// records (kept, so that a record costs no allocation and no clearing).
    private var cells: [Range<Int>] = []
    package private(set) var count = 0
    /// The record's own buffer while `bytes` views a file.
    private var spare: [UInt8] = []
    private var viewsFile = false
    /// What is wrong with the record's syntax, if anything; such a record is not used.
    package var problem: CSVSyntaxProblem?

    package init() {}

    @inline(__always)
    package func cell(_ k: Int) -> Range<Int> { cells[k] }

    @inline(__always)
    package func isEmpty(_ k: Int) -> Bool { cells[k].isEmpty }

    /// The cell's text (for messages and for the few cells kept as text).
    package func text(_ k: Int) -> String { String(decoding: bytes[cell(k)], as: UTF8.self) }

    /// A line holding nothing but White_Space: no record at all (SPEC §2).
    package var isBlank: Bool { count == 1 && cells[0].isEmpty && problem == nil }

    /// Empties the record, to be filled cell by cell in its own buffer.
    package mutating func reset(line: Int) {
        self.line = line
        if viewsFile {
            bytes = spare
            spare = []
            viewsFile = false
        }
        bytes.removeAll(keepingCapacity: true)
        count = 0
        problem = nil
    }

    /// Empties the record, to be filled with cells that are ranges of `file` (``writeCells(minimum:_:)``).
    @inline(__always)
    mutating func view(_ file: [UInt8], line: Int) {
        self.line = line
        if !viewsFile {
            spare = bytes
            viewsFile = true
        }
        bytes = file
        count = 0
        problem = nil
    }

    /// Adds a cell: `range` of `bytes`.
    @inline(__always)
    mutating func addCell(_ range: Range<Int>) {
        if count < cells.count {
            cells[count] = range
        } else {
            cells.append(range)
        }
        count += 1
    }

    /// The cells written in place by `body`, which gets room for at least `minimum` cells and returns how
    /// many it wrote there, or a negative number to write none (the record is left with no cells).
    /// The room is the cells' own storage (`withUnsafeMutableBufferPointer`, valid only inside `body`);
    /// `body` writes only below its `count`.
    @inline(__always)
    mutating func writeCells(minimum: Int, _ body: (UnsafeMutableBufferPointer<Range<Int>>) -> Int) -> Int {
        if cells.count < minimum { cells.append(contentsOf: repeatElement(0..<0, count: minimum - cells.count)) }
        let written = cells.withUnsafeMutableBufferPointer { body($0) }
        count = max(written, 0)
        return written
    }

    /// Room the cells have now, for ``writeCells(minimum:_:)``.
    var cellRoom: Int { cells.count }

    /// Adds the bytes of a cell to the record's own buffer (after ``reset(line:)``).
    @inline(__always)
    mutating func appendBytes(_ more: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: more) }

    @inline(__always)
    mutating func appendByte(_ byte: UInt8) { bytes.append(byte) }

    /// Appends a cell from `text` (for tables that do not come from CSV, and for tests).
    package mutating func append(_ text: String) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        addCell(start..<bytes.count)
    }

    /// Appends a cell from `text` without the White_Space at its edges, as the CSV scanner trims a
    /// cell (for the cells of a workbook).
    package mutating func appendTrimmed(_ text: String) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        let trimmed = bytes.withUnsafeBufferPointer { UnicodeWhitespace.trimmed($0, start..<$0.count) }
        addCell(trimmed)
    }
}

/// A record that breaks RFC 4180.
package enum CSVSyntaxProblem: Equatable, Sendable {
    case quoteInUnquotedField(field: Int)
    case textAfterClosingQuote(field: Int)
    /// The rest of the file after the opening quote is one unterminated field: nothing after it is read.
    case unclosedQuote(openedOnLine: Int)

    var message: Message {
        switch self {
        case .quoteInUnquotedField(let field):
            Message("field \(field) has a quote inside an unquoted field (enclose the field in quotes and double the quote)",
                    "第 \(field) 个字段未加引号却含有引号（请把整个字段放在引号里，并把其中的引号写两次）")
        case .textAfterClosingQuote(let field):
            Message("text follows the closing quote of field \(field)",
                    "第 \(field) 个字段的结束引号后还有文字")
        case .unclosedQuote(let line):
            Message("a quoted field opened on line \(line) is never closed; nothing after it was read",
                    "第 \(line) 行开始的带引号字段没有结束引号；其后的内容均未读取")
        }
    }
}

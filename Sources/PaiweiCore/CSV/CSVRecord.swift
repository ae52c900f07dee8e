/// One record of a CSV file: its cells trimmed of White_Space and unquoted, back to back in one buffer
/// that is reused from record to record, so that reading a file builds no `String` per cell.
package struct CSVRecord {
    /// 1-based line on which the record starts.
    package var line = 0
    /// The cells' bytes.
    package var bytes: [UInt8] = []
    package var starts: [Int32] = []
    package var ends: [Int32] = []
    /// What is wrong with the record's syntax, if anything; such a record is not used.
    package var problem: CSVSyntaxProblem?

    package init() {}

    package var count: Int { starts.count }

    package func cell(_ k: Int) -> Range<Int> { Int(starts[k])..<Int(ends[k]) }

    /// The cell's text (for messages and for the few cells kept as text).
    package func text(_ k: Int) -> String { String(decoding: bytes[cell(k)], as: UTF8.self) }

    /// A line holding nothing but White_Space: no record at all (SPEC §2).
    package var isBlank: Bool { count == 1 && starts[0] == ends[0] && problem == nil }

    package mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        problem = nil
    }

    /// Appends a cell from `text` (for tables that do not come from CSV, and for tests).
    package mutating func append(_ text: String) {
        starts.append(Int32(bytes.count))
        bytes.append(contentsOf: text.utf8)
        ends.append(Int32(bytes.count))
    }

    /// Appends a cell from `text` without the White_Space at its edges, as the CSV scanner trims a
    /// cell (for the cells of a workbook).
    package mutating func appendTrimmed(_ text: String) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        let trimmed = bytes.withUnsafeBufferPointer { UnicodeWhitespace.trimmed($0, start..<$0.count) }
        starts.append(Int32(trimmed.lowerBound))
        ends.append(Int32(trimmed.upperBound))
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

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

    /// Takes a record the scanner found: the file's bytes `line` copied in one piece, then the unescaped
    /// quoted fields after them; each cell a range of the copy, trimmed of White_Space.
    mutating func fill(line number: Int, problem: CSVSyntaxProblem?, from file: [UInt8], _ line: Range<Int>,
                       fields: [CSVScanner.FieldRange], unescaped: [UInt8]) {
        self.line = number
        self.problem = problem
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: file[line])
        if !unescaped.isEmpty { bytes.append(contentsOf: unescaped) }
        let lineStart = line.lowerBound, unescapedStart = line.count
        bytes.withUnsafeBufferPointer { copy in
            for field in fields {
                let offset = field.inUnescaped ? unescapedStart : -lineStart
                var start = field.start + offset, end = field.end + offset
                // Most cells begin and end with a printable ASCII byte: nothing to trim.
                if start < end && !(Self.isPrintableASCII(copy[start]) && Self.isPrintableASCII(copy[end - 1])) {
                    let trimmed = UnicodeWhitespace.trimmed(copy, start..<end)
                    start = trimmed.lowerBound
                    end = trimmed.upperBound
                }
                starts.append(Int32(start))
                ends.append(Int32(end))
            }
        }
    }

    @inline(__always)
    private static func isPrintableASCII(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }

    /// Appends a cell from `text` (for tables that do not come from CSV, and for tests).
    package mutating func append(_ text: String) {
        starts.append(Int32(bytes.count))
        bytes.append(contentsOf: text.utf8)
        ends.append(Int32(bytes.count))
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

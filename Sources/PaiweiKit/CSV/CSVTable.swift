/// A CSV file read into memory: its header and its records, each with the line it starts on.
///
/// RFC 4180: fields separated by commas, records by LF or CRLF, fields with commas, quotes or
/// line breaks enclosed in double quotes, a quote inside written twice. A leading UTF-8
/// byte-order mark is ignored. Column order is free: look columns up by name.
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

    /// The index of the first column with this name (names are trimmed of spaces).
    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }
}

extension CSVTable {
    /// Parses `bytes`, reporting every malformed record; a file that is not UTF-8 is one problem,
    /// with the hint that it may be GBK.
    ///
    /// - Complexity: O(*n*) in the file size.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputProblems) -> CSVTable {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if let (line, offset) = firstInvalidUTF8(bytes, from: start) {
            throw InputProblems([InputProblem(
                file: file, line: line, column: "",
                message: "byte \(offset + 1) is not UTF-8; the file may be GBK-encoded (as Excel saves it in Chinese Windows): convert it with `iconv -f GBK -t UTF-8 \(file) > \(file).utf8` or save it as \"CSV UTF-8\""
            )])
        }
        var problems = ProblemList()
        var records: [Row] = []
        var parser = RecordParser(bytes: bytes, position: start)
        while let record = parser.next() {
            if let problem = record.problem {
                problems.add(file, record.line, "", problem)
                continue
            }
            // A blank line carries nothing: skip it rather than invent an empty record.
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            records.append(Row(line: record.line, fields: record.fields))
        }
        guard let headerRow = records.first else {
            problems.add(file, 1, "", "the file is empty: the first row must be the header")
            try problems.throwIfAny()
            return CSVTable(file: file, header: [], rows: [])
        }
        let header = headerRow.fields.map { $0.trimmingSpaces }
        var seen: Set<String> = []
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                problems.add(file, headerRow.line, "", "column \(index + 1) of the header has no name")
            } else if !seen.insert(name).inserted {
                problems.add(file, headerRow.line, name, "the header names this column twice")
            }
        }
        var rows: [Row] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            if record.fields.count != header.count {
                problems.add(file, record.line, "", "the row has \(record.fields.count) fields but the header has \(header.count)")
                continue
            }
            rows.append(record)
        }
        try problems.throwIfAny()
        return CSVTable(file: file, header: header, rows: rows)
    }

    /// (line, byte offset) of the first byte sequence that is not well-formed UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var line = 1
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            var need = 0
            var minimum: UInt32 = 0
            var scalar: UInt32 = 0
            switch b {
            case 0xC2...0xDF: need = 1; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: need = 2; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: need = 3; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return (line, i)
            }
            for k in 1...need {
                guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return (line, i) }
                scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return (line, i) }
            i += need + 1
        }
        return nil
    }
}

/// Splits bytes into records, one at a time.
private struct RecordParser {
    struct Record {
        var line: Int
        var fields: [String]
        var problem: String?
    }

    let bytes: [UInt8]
    var position: Int
    var line = 1

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    mutating func next() -> Record? {
        let n = bytes.count
        guard position < n else { return nil }
        let startLine = line
        var fields: [String] = []
        var problem: String?
        var field: [UInt8] = []
        while true {
            // One field.
            field.removeAll(keepingCapacity: true)
            if position < n && bytes[position] == UInt8(ascii: "\"") {
                position += 1
                var closed = false
                while position < n {
                    let b = bytes[position]
                    if b == UInt8(ascii: "\"") {
                        if position + 1 < n && bytes[position + 1] == UInt8(ascii: "\"") {
                            field.append(b)
                            position += 2
                        } else {
                            position += 1
                            closed = true
                            break
                        }
                    } else {
                        if b == 0x0A { line += 1 }
                        field.append(b)
                        position += 1
                    }
                }
                if !closed {
                    problem = problem ?? "a quoted field opened on line \(startLine) is never closed"
                }
                // After the closing quote only a separator or the end of the record may follow.
                if position < n, bytes[position] != UInt8(ascii: ","), bytes[position] != 0x0A, bytes[position] != 0x0D {
                    problem = problem ?? "text follows the closing quote of field \(fields.count + 1)"
                    while position < n, bytes[position] != UInt8(ascii: ","), bytes[position] != 0x0A { position += 1 }
                }
            } else {
                while position < n {
                    let b = bytes[position]
                    if b == UInt8(ascii: ",") || b == 0x0A { break }
                    if b == 0x0D && (position + 1 == n || bytes[position + 1] == 0x0A) { break }
                    if b == UInt8(ascii: "\"") {
                        problem = problem ?? "field \(fields.count + 1) has a quote inside an unquoted field (enclose the field in quotes and double the quote)"
                    }
                    field.append(b)
                    position += 1
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            if position >= n { break }
            let b = bytes[position]
            if b == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if b == 0x0D { position += 1 }
            if position < n && bytes[position] == 0x0A {
                position += 1
                line += 1
            }
            break
        }
        return Record(line: startLine, fields: fields, problem: problem)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (cells typed by hand often carry them).
    var trimmingSpaces: String {
        // Almost every cell has nothing to trim: answer that from the bytes, without iterating characters.
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

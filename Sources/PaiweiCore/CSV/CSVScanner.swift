/// Splits UTF-8 CSV bytes into records, one at a time (RFC 4180 as SPEC §2 reads it): fields separated
/// by commas; records by LF, CRLF or a lone CR (old Mac Excel); a field with commas, quotes or line
/// breaks enclosed in double quotes, a quote inside written twice. Every cell loses White_Space at its
/// edges.
///
/// The scanner walks the bytes once and copies each cell into the record's reused buffer, so a file of
/// any size costs one pass and no allocation per cell.
/// - Complexity: O(*b*) for *b* bytes.
struct CSVScanner {
    private let bytes: [UInt8]
    private var position: Int
    /// The line the next record starts on.
    private(set) var line = 1
    /// Set once a quoted field never closed: it swallowed the rest of the file.
    private(set) var stoppedAtUnclosedQuote = false

    /// Scans `bytes` from `start` (past a byte-order mark, say).
    init(bytes: [UInt8], start: Int = 0) {
        self.bytes = bytes
        self.position = start
    }

    /// Reads the next record into `record`; false at the end of the bytes.
    mutating func next(into record: inout CSVRecord) -> Bool {
        guard position < bytes.count else { return false }
        record.reset(line: line)
        var p = position, line = self.line
        var unclosed = false
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var field = 1
            while true {
                let cellStart = record.bytes.count
                if p < n && b[p] == UInt8(ascii: "\"") {
                    let openedOn = line
                    p += 1
                    var closed = false
                    while p < n {
                        let c = b[p]
                        if c == UInt8(ascii: "\"") {
                            if p + 1 < n && b[p + 1] == UInt8(ascii: "\"") {
                                record.bytes.append(c)
                                p += 2
                                continue
                            }
                            p += 1
                            closed = true
                            break
                        }
                        // A line break inside quotes is data, but still a line of the file.
                        if c == 0x0A || (c == 0x0D && !(p + 1 < n && b[p + 1] == 0x0A)) { line += 1 }
                        record.bytes.append(c)
                        p += 1
                    }
                    if !closed {
                        record.problem = record.problem ?? .unclosedQuote(openedOnLine: openedOn)
                        unclosed = true
                    } else if p < n, b[p] != UInt8(ascii: ","), b[p] != 0x0A, b[p] != 0x0D {
                        record.problem = record.problem ?? .textAfterClosingQuote(field: field)
                        while p < n, b[p] != UInt8(ascii: ","), b[p] != 0x0A, b[p] != 0x0D { p += 1 }
                    }
                } else {
                    let start = p
                    while p < n {
                        let c = b[p]
                        if c == UInt8(ascii: ",") || c == 0x0A || c == 0x0D { break }
                        if c == UInt8(ascii: "\"") && record.problem == nil { record.problem = .quoteInUnquotedField(field: field) }
                        p += 1
                    }
                    record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<p]))
                }
                let trimmed = record.bytes.withUnsafeBufferPointer { UnicodeWhitespace.trimmed($0, cellStart..<$0.count) }
                record.starts.append(Int32(trimmed.lowerBound))
                record.ends.append(Int32(trimmed.upperBound))
                field += 1
                if p >= n { break }
                let c = b[p]
                if c == UInt8(ascii: ",") {
                    p += 1
                    continue
                }
                // The end of the record: LF, CRLF or a lone CR.
                p += 1
                if c == 0x0D && p < n && b[p] == 0x0A { p += 1 }
                line += 1
                break
            }
        }
        position = p
        self.line = line
        if unclosed { stoppedAtUnclosedQuote = true }
        return true
    }
}

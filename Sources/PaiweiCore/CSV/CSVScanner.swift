/// Splits UTF-8 CSV bytes into records, one at a time (RFC 4180 as SPEC §2 reads it): fields separated
/// by commas; records by LF, CRLF or a lone CR (old Mac Excel); a field with commas, quotes or line
/// breaks enclosed in double quotes, a quote inside written twice. Every cell loses White_Space at its
/// edges.
///
/// A record is found by looking only at the bytes that can end a field (``CSVBytes``), eight at a
/// time; its line is then copied into the record's reused buffer in one piece and each cell kept as a
/// range of it. A quoted field that holds a doubled quote is the only one whose bytes are rewritten:
/// unescaped after the line, in the same buffer. A file of any size costs one pass and no allocation
/// per cell.
///
/// A scanner can be limited to the records that start before a given offset, so that a file can be
/// read in stretches by several workers (``DataTableReader/stretches(_:)``); where it stops is
/// ``position``, the end of the last record read.
/// - Complexity: O(*b*) for *b* bytes.
struct CSVScanner: Sendable {
    let bytes: [UInt8]
    /// Where the scanner started, and that record's line.
    let start: Int, startLine: Int
    /// Where the next record starts; after the last record read, where it ended.
    private(set) var position: Int
    /// Records starting at or after this offset are left for another scanner.
    let limit: Int
    /// The line the next record starts on.
    private(set) var line: Int
    /// Set once a quoted field never closed: it swallowed the rest of the file.
    private(set) var stoppedAtUnclosedQuote = false
    /// Unescaped contents of quoted fields with doubled quotes, per record (reused).
    private var unescaped: [UInt8] = []
    /// Per field of the record being read: its range in the file (or, flagged, in `unescaped`).
    private var fields: [FieldRange] = []

    /// Where a field's bytes are: a range of the file, or of `unescaped` (for doubled quotes).
    struct FieldRange {
        var start: Int
        var end: Int
        var inUnescaped: Bool
    }

    /// Scans `bytes` from `start` (past a byte-order mark, say), whose line is `line`, up to the records
    /// starting before `limit` (the end of the bytes when nil).
    init(bytes: [UInt8], start: Int = 0, line: Int = 1, limit: Int? = nil) {
        self.bytes = bytes
        self.start = start
        self.startLine = line
        self.position = start
        self.line = line
        self.limit = min(limit ?? bytes.count, bytes.count)
    }

    /// Reads the next record into `record`; false at the end of the bytes (or of the stretch).
    mutating func next(into record: inout CSVRecord) -> Bool {
        guard position < limit else { return false }
        fields.removeAll(keepingCapacity: true)
        unescaped.removeAll(keepingCapacity: true)
        let recordStart = position
        var p = position, line = self.line
        var problem: CSVSyntaxProblem?
        var unclosed = false
        bytes.withUnsafeBufferPointer { whole in
            let b = CSVBytes(whole)
            let n = whole.count
            var field = 1
            while true {
                if p < n && b[p] == CSVBytes.quote {
                    let openedOn = line
                    p += 1
                    let contentStart = p
                    var closed = false
                    // Once a doubled quote is met, the field's bytes are copied into `unescaped` up to here.
                    var escapedFrom = -1, copiedUpTo = contentStart
                    while true {
                        let q = b.nextQuoteOrLineBreak(from: p)
                        if q >= n {
                            p = n
                            break
                        }
                        let c = b[q]
                        if c != CSVBytes.quote {
                            // A line break inside quotes is data, but still a line of the file.
                            if c == CSVBytes.lineFeed || !(q + 1 < n && b[q + 1] == CSVBytes.lineFeed) { line += 1 }
                            p = q + 1
                            continue
                        }
                        if q + 1 < n && b[q + 1] == CSVBytes.quote {
                            if escapedFrom < 0 { escapedFrom = unescaped.count }
                            unescaped.append(contentsOf: whole[copiedUpTo..<q + 1])
                            copiedUpTo = q + 2
                            p = q + 2
                            continue
                        }
                        p = q + 1
                        closed = true
                        break
                    }
                    let contentEnd = closed ? p - 1 : n
                    if escapedFrom >= 0 {
                        unescaped.append(contentsOf: whole[copiedUpTo..<contentEnd])
                        fields.append(FieldRange(start: escapedFrom, end: unescaped.count, inUnescaped: true))
                    } else {
                        fields.append(FieldRange(start: contentStart, end: contentEnd, inUnescaped: false))
                    }
                    if !closed {
                        problem = problem ?? .unclosedQuote(openedOnLine: openedOn)
                        unclosed = true
                    } else if p < n, !b.endsField(b[p]) {
                        problem = problem ?? .textAfterClosingQuote(field: field)
                        while p < n, !b.endsField(b[p]) { p += 1 }
                    }
                } else {
                    let start = p
                    while true {
                        p = b.nextSpecial(from: p)
                        if p >= n || b[p] != CSVBytes.quote { break }
                        if problem == nil { problem = .quoteInUnquotedField(field: field) }
                        p += 1
                    }
                    fields.append(FieldRange(start: start, end: p, inUnescaped: false))
                }
                field += 1
                if p >= n { break }
                let c = b[p]
                if c == CSVBytes.comma {
                    p += 1
                    continue
                }
                // The end of the record: LF, CRLF or a lone CR.
                p += 1
                if c == CSVBytes.carriageReturn && p < n && b[p] == CSVBytes.lineFeed { p += 1 }
                line += 1
                break
            }
        }
        record.fill(line: self.line, problem: problem, from: bytes, recordStart..<p, fields: fields, unescaped: unescaped)
        position = p
        self.line = line
        if unclosed { stoppedAtUnclosedQuote = true }
        return true
    }
}

/// The bytes of a CSV file as the scanner looks at them: the four bytes that end or open a field,
/// found eight bytes at a time.
///
/// Reads through an `UnsafeBufferPointer` that the caller keeps valid for the scan (the scanner's
/// `withUnsafeBufferPointer` closure); every read is at an index below `count` (the word loads check
/// `i + 8 <= count`), so no read leaves the buffer.
struct CSVBytes {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    private let base: UnsafeBufferPointer<UInt8>

    init(_ base: UnsafeBufferPointer<UInt8>) {
        self.base = base
    }

    var count: Int { base.count }

    @inline(__always)
    subscript(i: Int) -> UInt8 { base[i] }

    /// Comma, LF or CR: what ends an unquoted field or the text after a closing quote.
    @inline(__always)
    func endsField(_ c: UInt8) -> Bool { c == Self.comma || c == Self.lineFeed || c == Self.carriageReturn }

    /// The index of the first comma, quote, LF or CR at or after `i`, or `count`.
    @inline(__always)
    func nextSpecial(from i: Int) -> Int {
        var i = i
        let n = base.count
        let raw = UnsafeRawPointer(base.baseAddress)
        while i + 8 <= n {
            // Every byte that matters is below 0x2D; the few others below it (space, '!', '#'…) are
            // looked at one by one.
            var candidates = Self.below2D(UInt64(littleEndian: raw!.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            while candidates != 0 {
                let k = i + candidates.trailingZeroBitCount >> 3
                let c = base[k]
                if c == Self.comma || c == Self.quote || c == Self.lineFeed || c == Self.carriageReturn { return k }
                candidates &= candidates &- 1
            }
            i += 8
        }
        while i < n {
            let c = base[i]
            if c == Self.comma || c == Self.quote || c == Self.lineFeed || c == Self.carriageReturn { return i }
            i += 1
        }
        return n
    }

    /// The index of the first quote, LF or CR at or after `i`, or `count`: inside a quoted field only
    /// these matter.
    @inline(__always)
    func nextQuoteOrLineBreak(from i: Int) -> Int {
        var i = i
        let n = base.count
        let raw = UnsafeRawPointer(base.baseAddress)
        while i + 8 <= n {
            var candidates = Self.below2D(UInt64(littleEndian: raw!.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            while candidates != 0 {
                let k = i + candidates.trailingZeroBitCount >> 3
                let c = base[k]
                if c == Self.quote || c == Self.lineFeed || c == Self.carriageReturn { return k }
                candidates &= candidates &- 1
            }
            i += 8
        }
        while i < n {
            let c = base[i]
            if c == Self.quote || c == Self.lineFeed || c == Self.carriageReturn { return i }
            i += 1
        }
        return n
    }

    /// The high bit of each byte of `word` that is below 0x2D (and below 0x80): adding 0x53 to the low
    /// seven bits carries into the high bit exactly when they are 0x2D or more, and never into the
    /// next byte (0x7F + 0x53 < 0x100).
    @inline(__always)
    static func below2D(_ word: UInt64) -> UInt64 {
        let sum = (word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x5353_5353_5353_5353
        return ~(sum | word) & 0x8080_8080_8080_8080
    }
}

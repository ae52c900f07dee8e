/// Splits UTF-8 CSV bytes into records, one at a time (RFC 4180 as SPEC §2 reads it): fields separated
/// by commas; records by LF, CRLF or a lone CR (old Mac Excel); a field with commas, quotes or line
/// breaks enclosed in double quotes, a quote inside written twice. Every cell loses White_Space at its
/// edges.
///
/// Two paths, one result. A record without a quote (what a bureau's export is made of) takes the fast
/// path: only the bytes that can end a field are looked at, found eight at a time (``CSVBytes``), and
/// each cell is a range of the file's own bytes (the record views them; nothing is copied). The first
/// quote sends the record back to its start and through the byte-by-byte path, which
/// copies each cell, unquoted. Either way a file of any size costs one pass (a quoted record two) and no
/// allocation per cell. `CSVScannerAgreementTests` holds both to the byte-by-byte reading on generated
/// files.
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
        record.view(bytes, line: line)
        var p = position, line = self.line
        var quoted = false
        var room = max(record.cellRoom, 32)
        while true {
            let written = bytes.withUnsafeBufferPointer { whole in
                record.writeCells(minimum: room) { cells in
                    Self.unquotedRecord(CSVBytes(whole), from: &p, line: &line, into: cells)
                }
            }
            if written >= 0 { break }
            if written == Self.quoteFound {
                quoted = true
                break
            }
            // More fields than room for them: again, with twice the room.
            room *= 2
        }
        if quoted {
            record.reset(line: self.line)
            p = position
            var unclosed = false
            bytes.withUnsafeBufferPointer { whole in
                Self.quotedRecord(whole, from: &p, line: &line, unclosed: &unclosed, into: &record)
            }
            if unclosed { stoppedAtUnclosedQuote = true }
        }
        self.line = line
        position = p
        return true
    }

    /// What ``unquotedRecord(_:from:line:into:)`` returns instead of a count of cells.
    private static let quoteFound = -1, outOfRoom = -2

    /// The fast path: the record from `p` if it holds no quote, its cells written into `cells`, with `p`
    /// moved past its line break (or to the end of the bytes) and `line` past it; the count of cells, or
    /// ``quoteFound`` at the first quote and ``outOfRoom`` when `cells` is too short, leaving `p` and
    /// `line` as they were.
    @inline(__always)
    private static func unquotedRecord(_ b: CSVBytes, from p: inout Int, line: inout Int,
                                       into cells: UnsafeMutableBufferPointer<Range<Int>>) -> Int {
        let n = b.count
        var specials = CSVBytes.Specials(b, from: p)
        var fieldStart = p, i = p, k = 0
        while true {
            i = specials.next()
            let c: UInt8 = i < n ? b[i] : CSVBytes.lineFeed
            if c == CSVBytes.quote { return quoteFound }
            guard k < cells.count else { return outOfRoom }
            var start = fieldStart, end = i
            // Most cells begin and end with a printable ASCII byte: nothing to trim.
            if start < end && !(isPrintableASCII(b[start]) && isPrintableASCII(b[end - 1])) {
                let trimmed = UnicodeWhitespace.trimmed(b.base, start..<end)
                start = trimmed.lowerBound
                end = trimmed.upperBound
            }
            cells[k] = start..<end
            k += 1
            if c == CSVBytes.comma {
                fieldStart = i + 1
                continue
            }
            // The end of the record: LF, CRLF, a lone CR, or the end of the bytes.
            if i < n {
                i += 1
                if c == CSVBytes.carriageReturn && i < n && b[i] == CSVBytes.lineFeed { i += 1 }
                line += 1
            }
            p = i
            return k
        }
    }

    @inline(__always)
    private static func isPrintableASCII(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }

    /// The byte-by-byte path, for a record with a quote: each cell copied into the record, unquoted.
    private static func quotedRecord(_ b: UnsafeBufferPointer<UInt8>, from p: inout Int, line: inout Int, unclosed: inout Bool,
                                     into record: inout CSVRecord) {
        let n = b.count
        var field = 1
        while true {
            let cellStart = record.bytes.count
            if p < n && b[p] == CSVBytes.quote {
                let openedOn = line
                p += 1
                var closed = false
                while p < n {
                    let c = b[p]
                    if c == CSVBytes.quote {
                        if p + 1 < n && b[p + 1] == CSVBytes.quote {
                            record.appendByte(c)
                            p += 2
                            continue
                        }
                        p += 1
                        closed = true
                        break
                    }
                    // A line break inside quotes is data, but still a line of the file.
                    if c == CSVBytes.lineFeed || (c == CSVBytes.carriageReturn && !(p + 1 < n && b[p + 1] == CSVBytes.lineFeed)) { line += 1 }
                    record.appendByte(c)
                    p += 1
                }
                if !closed {
                    record.problem = record.problem ?? .unclosedQuote(openedOnLine: openedOn)
                    unclosed = true
                } else if p < n, !CSVBytes.endsField(b[p]) {
                    record.problem = record.problem ?? .textAfterClosingQuote(field: field)
                    while p < n, !CSVBytes.endsField(b[p]) { p += 1 }
                }
            } else {
                let start = p
                while p < n {
                    let c = b[p]
                    if CSVBytes.endsField(c) { break }
                    if c == CSVBytes.quote && record.problem == nil { record.problem = .quoteInUnquotedField(field: field) }
                    p += 1
                }
                record.appendBytes(UnsafeBufferPointer(rebasing: b[start..<p]))
            }
            let trimmed = record.bytes.withUnsafeBufferPointer { UnicodeWhitespace.trimmed($0, cellStart..<$0.count) }
            record.addCell(trimmed)
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
}

/// The bytes of a CSV file as the scanner's fast path looks at them: the four bytes that end or open a
/// field, found eight bytes at a time.
///
/// Reads through an `UnsafeBufferPointer` that the caller keeps valid for the scan (the scanner's
/// `withUnsafeBufferPointer` closure); every read is at an index below `count` (a word is loaded only
/// where `i + 8 <= count`, the bytes after the last whole word one by one), so no read leaves the
/// buffer.
struct CSVBytes {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    let base: UnsafeBufferPointer<UInt8>

    init(_ base: UnsafeBufferPointer<UInt8>) {
        self.base = base
    }

    var count: Int { base.count }

    @inline(__always)
    subscript(i: Int) -> UInt8 { base[i] }

    /// Comma, LF or CR: what ends an unquoted field or the text after a closing quote.
    @inline(__always)
    static func endsField(_ c: UInt8) -> Bool { c == comma || c == lineFeed || c == carriageReturn }

    @inline(__always)
    static func isSpecial(_ c: UInt8) -> Bool { c == comma || c == quote || c == lineFeed || c == carriageReturn }

    /// The commas, quotes, LFs and CRs from an offset on, in order, each eight bytes loaded once: what
    /// the fast path walks a record with, field after field.
    struct Specials {
        private let bytes: CSVBytes
        /// The offset of the eight bytes `candidates` covers.
        private var base: Int
        /// The high bit of each byte there below 0x2D not yet looked at.
        private var candidates: UInt64

        @inline(__always)
        init(_ bytes: CSVBytes, from start: Int) {
            self.bytes = bytes
            base = start
            candidates = bytes.candidates(at: start)
        }

        /// The index of the next comma, quote, LF or CR, or `count` when there is none.
        @inline(__always)
        mutating func next() -> Int {
            let n = bytes.count
            while true {
                while candidates != 0 {
                    let k = base + candidates.trailingZeroBitCount >> 3
                    candidates &= candidates &- 1
                    if CSVBytes.isSpecial(bytes[k]) { return k }
                }
                base += 8
                if base >= n { return n }
                candidates = bytes.candidates(at: base)
            }
        }
    }

    /// The high bit of each of the eight bytes from `i` (those of them before `count`) that is below
    /// 0x2D: every byte that ends or opens a field is.
    @inline(__always)
    func candidates(at i: Int) -> UInt64 {
        let n = base.count
        if i + 8 <= n, let raw = UnsafeRawPointer(base.baseAddress) {
            return Self.below2D(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
        }
        var mask: UInt64 = 0
        var j = i
        while j < n {
            if base[j] < 0x2D { mask |= 0x80 << UInt64(8 * (j - i)) }
            j += 1
        }
        return mask
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

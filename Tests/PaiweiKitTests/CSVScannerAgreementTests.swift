import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// The CSV scanner looks only at the bytes that can end a field, eight at a time, and keeps cells as
/// ranges of a copied line; these tests hold it to the plain byte-by-byte reading it replaced (kept here as
/// `ReferenceCSV`) on generated files full of what makes CSV hard: quotes, doubled quotes, quotes in the
/// wrong place, LF, CRLF and lone CR (inside quotes too), White_Space of every width at cell edges,
/// non-ASCII ids (é precomposed and decomposed, Chinese), long fields that cross eight-byte words,
/// unclosed quotes, and files with and without a final line break.
@Suite struct CSVScannerAgreementTests {
    /// One record as both readers give it.
    struct Record: Equatable, CustomStringConvertible {
        var line: Int
        var problem: CSVSyntaxProblem?
        var cells: [[UInt8]]

        var description: String {
            "line \(line) \(problem.map { "\($0)" } ?? "ok") \(cells.map { String(decoding: $0, as: UTF8.self).debugDescription })"
        }
    }

    static func scanned(_ bytes: [UInt8], start: Int = 0) -> (records: [Record], stopped: Bool) {
        var scanner = CSVScanner(bytes: bytes, start: start)
        var record = CSVRecord()
        var records: [Record] = []
        while scanner.next(into: &record) {
            records.append(Record(line: record.line, problem: record.problem, cells: (0..<record.count).map { Array(record.bytes[record.cell($0)]) }))
        }
        return (records, scanner.stoppedAtUnclosedQuote)
    }

    /// Pieces a generated file is made of; several are longer than a word.
    static let pieces: [String] = [
        "a", "S000123", "chaoyang", ",", ",", ",", "\"", "\"\"", "\n", "\n", "\r", "\r\n", " ", "\t", "\u{00A0}", "\u{3000}",
        "\u{2003}", "\u{0085}", "\u{205F}", "é", "e\u{301}", "学校", "朝阳区", "M022;M020; M019", "yes", "39.983014",
        "\"quoted, with comma\"", "\"with \"\"doubled\"\" quotes\"", "\"line\nbreak\"", "\"cr\rinside\"", "\"crlf\r\ninside\"",
        "a\"b", "\"closed\"after", "0123456789abcdef0123", "\u{3000}\u{3000}padded\u{00A0}", "#!$%&'()*+", "-", "+",
    ]

    static func generated(_ random: inout TestRandom) -> [UInt8] {
        var text = random.chance(0.2) ? "\u{FEFF}" : ""
        let count = random.int(60)
        for _ in 0..<count { text += random.pick(pieces) }
        if random.chance(0.5) { text += random.pick(["\n", "\r\n", "\r"]) }
        return Array(text.utf8)
    }

    @Test func agreesWithTheByteByByteReadingOnGeneratedFiles() {
        var random = TestRandom(state: 13)
        for case_ in 0..<20_000 {
            let bytes = Self.generated(&random)
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let fast = Self.scanned(bytes, start: start)
            let reference = ReferenceCSV.scanned(bytes, start: start)
            #expect(fast.records == reference.records, "case \(case_): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(fast.stopped == reference.stopped, "case \(case_)")
            if fast.records != reference.records { return }
        }
    }

    /// Every prefix of a file: each end falls in a different place of an eight-byte word and of a field.
    @Test func agreesOnEveryPrefix() {
        let text = "id,name,\"quoted\"\r\nS1,\u{3000}学校\u{00A0},\"a \"\"b\"\" c\"\nS2,e\u{301},\"x\ry\"\r\"open, never closed\n\nS3,1,2"
        let bytes = Array(text.utf8)
        for end in 0...bytes.count {
            let prefix = Array(bytes[0..<end])
            let fast = Self.scanned(prefix), reference = ReferenceCSV.scanned(prefix)
            #expect(fast.records == reference.records, "prefix of \(end) bytes")
            #expect(fast.stopped == reference.stopped, "prefix of \(end) bytes")
        }
    }

    /// The same records whatever the file's offset in a word and whatever the fields' lengths around the
    /// bytes that matter.
    @Test func everyFieldLengthAndPosition() {
        for length in 0..<20 {
            for lead in 0..<9 {
                let field = String(repeating: "x", count: length)
                let text = String(repeating: "y", count: lead) + ",\(field),\"\(field)\",\(field)\"\(field)\r\n\(field)\r\(field)\n"
                let bytes = Array(text.utf8)
                let fast = Self.scanned(bytes), reference = ReferenceCSV.scanned(bytes)
                #expect(fast.records == reference.records, "\(text.debugDescription)")
            }
        }
    }
}

/// The scanner before the eight-byte search: every byte looked at in turn, every cell copied (main at
/// aaea1e6), kept as the reference the fast scanner is checked against.
enum ReferenceCSV {
    static func scanned(_ bytes: [UInt8], start: Int = 0) -> (records: [CSVScannerAgreementTests.Record], stopped: Bool) {
        var records: [CSVScannerAgreementTests.Record] = []
        var position = start, line = 1
        var stopped = false
        let n = bytes.count
        let b = bytes
        while position < n {
            var p = position
            let recordLine = line
            var problem: CSVSyntaxProblem?
            var cells: [[UInt8]] = []
            var field = 1
            while true {
                var cell: [UInt8] = []
                if p < n && b[p] == UInt8(ascii: "\"") {
                    let openedOn = line
                    p += 1
                    var closed = false
                    while p < n {
                        let c = b[p]
                        if c == UInt8(ascii: "\"") {
                            if p + 1 < n && b[p + 1] == UInt8(ascii: "\"") {
                                cell.append(c)
                                p += 2
                                continue
                            }
                            p += 1
                            closed = true
                            break
                        }
                        if c == 0x0A || (c == 0x0D && !(p + 1 < n && b[p + 1] == 0x0A)) { line += 1 }
                        cell.append(c)
                        p += 1
                    }
                    if !closed {
                        problem = problem ?? .unclosedQuote(openedOnLine: openedOn)
                        stopped = true
                    } else if p < n, b[p] != UInt8(ascii: ","), b[p] != 0x0A, b[p] != 0x0D {
                        problem = problem ?? .textAfterClosingQuote(field: field)
                        while p < n, b[p] != UInt8(ascii: ","), b[p] != 0x0A, b[p] != 0x0D { p += 1 }
                    }
                } else {
                    while p < n {
                        let c = b[p]
                        if c == UInt8(ascii: ",") || c == 0x0A || c == 0x0D { break }
                        if c == UInt8(ascii: "\"") && problem == nil { problem = .quoteInUnquotedField(field: field) }
                        cell.append(c)
                        p += 1
                    }
                }
                let trimmed = cell.withUnsafeBufferPointer { UnicodeWhitespace.trimmed($0, 0..<$0.count) }
                cells.append(Array(cell[trimmed]))
                field += 1
                if p >= n { break }
                let c = b[p]
                if c == UInt8(ascii: ",") {
                    p += 1
                    continue
                }
                p += 1
                if c == 0x0D && p < n && b[p] == 0x0A { p += 1 }
                line += 1
                break
            }
            records.append(.init(line: recordLine, problem: problem, cells: cells))
            position = p
        }
        return (records, stopped)
    }
}

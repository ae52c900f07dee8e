import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

private func utf8Bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The problems `parse` throws, or an empty list (and a recorded issue) if it does not throw.
private func csvProblems(_ data: [UInt8], file: String = "t.csv",
                      sourceLocation: SourceLocation = #_sourceLocation) -> [InputProblem] {
    do {
        let table = try CSVTable.parse(data, file: file)
        Issue.record("expected problems, parsed \(table.rows.count) rows", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.problems
    }
}

private func csvProblems(_ text: String, file: String = "t.csv",
                      sourceLocation: SourceLocation = #_sourceLocation) -> [InputProblem] {
    csvProblems(utf8Bytes(text), file: file, sourceLocation: sourceLocation)
}

@Suite("CSV table")
struct CSVTableTests {
    // MARK: Well-formed input

    @Test func simpleTableWithTrailingNewline() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\n1,2\n3,4\n"), file: "t.csv")
        #expect(table.file == "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test func withoutTrailingNewline() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\n1,2\n3,4"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test func crlfLineEnds() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\r\n1,2\r\n3,4\r\n"), file: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [2, 3])
        let noFinal = try CSVTable.parse(utf8Bytes("a,b\r\n1,2\r\n3,4"), file: "t.csv")
        #expect(noFinal.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
    }

    @Test func mixedLineEnds() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\r\n1,2\n3,4\r\n5,6"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(table.rows.map(\.line) == [2, 3, 4])
    }

    @Test func finalBareCarriageReturnEndsTheRecord() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\n1,2\r"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"]])
    }

    /// Old Mac Excel ends lines with a lone CR (SPEC §2, revised).
    @Test func loneCarriageReturnsEndLines() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\r1,x\ry,z\r"), file: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["1", "x"], ["y", "z"]])
        #expect(table.rows.map(\.line) == [2, 3])
        // Inside quotes a lone CR is data, and still a line of the file.
        let quoted = try CSVTable.parse(utf8Bytes("a,b\r\"x\ry\",1\r2,3"), file: "t.csv")
        #expect(quoted.rows.map(\.fields) == [["x\ry", "1"], ["2", "3"]])
        #expect(quoted.rows.map(\.line) == [2, 4])
    }

    @Test func byteOrderMarkIsStripped() throws {
        let table = try CSVTable.parse([0xEF, 0xBB, 0xBF] + utf8Bytes("id,name\nS1,一中\n"), file: "t.csv")
        #expect(table.header == ["id", "name"])
        #expect(table.columnIndex("id") == 0)
        #expect(table.rows.map(\.fields) == [["S1", "一中"]])
        #expect(table.rows.map(\.line) == [2])
    }

    @Test func byteOrderMarkOnlyAtTheStart() throws {
        // A BOM anywhere else is ordinary (valid UTF-8) data.
        let table = try CSVTable.parse(utf8Bytes("a\n\u{FEFF}x\n"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["\u{FEFF}x"]])
    }

    @Test func quotedFields() throws {
        let text = "name,note,n\n"
            + "\"Smith, J\",\"He said \"\"hi\"\"\",1\n"
            + "\"multi\nline\",\"\",2\n"
            + "\"three\nline\nfield\",x,3\n"
            + "last,\"a,b\",4\n"
        let table = try CSVTable.parse(utf8Bytes(text), file: "t.csv")
        #expect(table.header == ["name", "note", "n"])
        #expect(table.rows.map(\.fields) == [
            ["Smith, J", "He said \"hi\"", "1"],
            ["multi\nline", "", "2"],
            ["three\nline\nfield", "x", "3"],
            ["last", "a,b", "4"],
        ])
        // Each record starts on the line after the previous one's last line.
        #expect(table.rows.map(\.line) == [2, 3, 5, 8])
    }

    @Test func quotedFieldWithCRLFInsideKeepsItAndCountsTheLine() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\r\n\"x\r\ny\",1\r\nz,2\r\n"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["x\r\ny", "1"], ["z", "2"]])
        #expect(table.rows.map(\.line) == [2, 4])
    }

    @Test func quotedFieldFollowedByCRLF() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\r\n1,\"2\"\r\n\"3\",\"\"\r\n"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", ""]])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test func quotedHeaderNames() throws {
        let table = try CSVTable.parse(utf8Bytes("\"a,1\",\"b\"\"\"\nx,y\n"), file: "t.csv")
        #expect(table.header == ["a,1", "b\""])
        #expect(table.columnIndex("a,1") == 0)
        #expect(table.columnIndex("b\"") == 1)
    }

    @Test func emptyFields() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b,c\n,,\n1,,\n,,3\n"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["", "", ""], ["1", "", ""], ["", "", "3"]])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\n\n1,2\n\n\n3,4\n\n"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [3, 6])
    }

    @Test func blankLinesBeforeTheHeaderAreSkipped() throws {
        let table = try CSVTable.parse(utf8Bytes("\n\r\na,b\n1,2\n"), file: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.line) == [4])
    }

    @Test func singleColumnBlankLineIsSkipped() throws {
        // A lone empty field and a blank line cannot be told apart: both are skipped.
        let table = try CSVTable.parse(utf8Bytes("a\nx\n\n\"\"\ny\n"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["x"], ["y"]])
        #expect(table.rows.map(\.line) == [2, 5])
    }

    /// A line of nothing but White_Space — spaces, tabs, U+00A0, U+3000 — is blank (SPEC §2, revised).
    @Test func whitespaceOnlyLineIsBlank() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\n1,2\n  \n\t\u{00A0}\u{3000}\n3,4\n"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [2, 5])
    }

    @Test func headerOnly() throws {
        let table = try CSVTable.parse(utf8Bytes("a,b\n"), file: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.isEmpty)
        #expect(try CSVTable.parse(utf8Bytes("a,b"), file: "t.csv").header == ["a", "b"])
    }

    @Test func headerNamesAndCellsAreTrimmed() throws {
        let table = try CSVTable.parse(utf8Bytes(" a ,\tb\t\n 1 ,2\t\n"), file: "t.csv")
        #expect(table.header == ["a", "b"])
        #expect(table.columnIndex("a") == 0)
        #expect(table.columnIndex("b") == 1)
        #expect(table.columnIndex(" a ") == nil)
        #expect(table.rows.map(\.fields) == [["1", "2"]])
    }

    /// Every character of Unicode's White_Space property goes at either edge of a cell, quoted or not;
    /// inside a cell it stays; anything else (a zero-width space, a byte-order mark) stays everywhere.
    @Test func everyWhiteSpaceCharacterIsTrimmedAtTheEdges() throws {
        let whiteSpace: [Unicode.Scalar] = [
            "\u{09}", "\u{0A}", "\u{0B}", "\u{0C}", "\u{0D}", "\u{20}", "\u{85}", "\u{A0}", "\u{1680}",
            "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}",
            "\u{2009}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
        ]
        for scalar in whiteSpace {
            let space = String(Character(scalar))
            // Outside quotes, LF, VT, FF and CR would end the field or be data (VT, FF): quote those.
            let unquoted = (0x0A...0x0D).contains(scalar.value) ? "\"\(space)\(space)x\"" : "\(space)\(space)x"
            let text = "id,v\n\"\(space)S\(space)1\(space)\",\(unquoted)\n"
            let table = try CSVTable.parse(utf8Bytes(text), file: "t.csv")
            #expect(table.rows.map(\.fields) == [["S\(space)1", "x"]], "U+\(String(scalar.value, radix: 16))")
        }
        for scalar in ["\u{200B}", "\u{FEFF}", "\u{180E}"] as [Unicode.Scalar] {
            let other = String(Character(scalar))
            let table = try CSVTable.parse(utf8Bytes("id\n\(other)S1\(other)\n"), file: "t.csv")
            #expect(table.rows.map(\.fields) == [["\(other)S1\(other)"]], "U+\(String(scalar.value, radix: 16)) is not White_Space")
        }
        // The property itself, as Swift knows it, agrees with the list above for every scalar up to U+FFFF.
        for value in 0...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.properties.isWhitespace == whiteSpace.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test func columnIndex() throws {
        let table = try CSVTable.parse(utf8Bytes("zone_id,student_id,名字\n"), file: "t.csv")
        #expect(table.columnIndex("student_id") == 1)
        #expect(table.columnIndex("zone_id") == 0)
        #expect(table.columnIndex("名字") == 2)
        #expect(table.columnIndex("Student_ID") == nil)
        #expect(table.columnIndex("") == nil)
    }

    @Test func chineseAndEmoji() throws {
        let table = try CSVTable.parse(utf8Bytes("学校,备注\n北京市第一中学,\"好,很好\"\n🏫,𠀀\n"), file: "t.csv")
        #expect(table.rows.map(\.fields) == [["北京市第一中学", "好,很好"], ["🏫", "𠀀"]])
    }

    // MARK: Malformed input

    @Test func emptyFileIsAProblem() {
        for data in [[], [0xEF, 0xBB, 0xBF], utf8Bytes("\n\n"), utf8Bytes("\r\n")] as [[UInt8]] {
            let found = csvProblems(data, file: "zones.csv")
            #expect(found.count == 1)
            #expect(found.first?.line == 1)
            #expect(found.first?.description == "zones.csv:1: the file is empty: the first row must be the header")
        }
    }

    @Test func wrongFieldCountReportedWithItsLine() {
        let found = csvProblems("a,b\n1,2\n1,2,3\n\"x\ny\"\n4,5\n6\n", file: "s.csv")
        #expect(found.map(\.line) == [3, 4, 7])
        #expect(found.map(\.column) == ["", "", ""])
        #expect(found[0].description == "s.csv:3: the row has 3 fields but the header has 2")
        #expect(found[1].message == "the row has 1 fields but the header has 2")
        #expect(found[2].message == "the row has 1 fields but the header has 2")
    }

    @Test func duplicateHeaderName() {
        let found = csvProblems("a,b,a\n1,2,3\n")
        #expect(found.count == 1)
        #expect(found[0].line == 1)
        #expect(found[0].column == "a")
        #expect(found[0].description == "t.csv:1: a: the header names this column twice")
    }

    @Test func duplicateHeaderNameAfterTrimming() {
        let found = csvProblems("a, a\n")
        #expect(found.map(\.column) == ["a"])
    }

    @Test func emptyHeaderName() {
        let found = csvProblems("a,,b, \n1,2,3,4\n")
        #expect(found.map(\.line) == [1, 1])
        #expect(found.map(\.message) == ["column 2 of the header has no name", "column 4 of the header has no name"])
        #expect(found[0].description == "t.csv:1: column 2 of the header has no name")
    }

    @Test func headerProblemsReportTheHeaderLine() {
        let found = csvProblems("\n\na,a\n")
        #expect(found.map(\.line) == [3])
    }

    // MARK: Encodings (SPEC §2: UTF-8, else GB18030, else refused at the later failure)

    @Test func gbkIsReadAsGB18030() throws {
        // 你好 in GBK.
        let data = utf8Bytes("id,name\nS1,") + [0xC4, 0xE3, 0xBA, 0xC3] + utf8Bytes("\n")
        let table = try CSVTable.parse(data, file: "students.csv")
        #expect(table.rows.map(\.fields) == [["S1", "你好"]])
        #expect(table.rows.map(\.line) == [2])
        var problems = ProblemList()
        #expect(DataTableReader(data, file: "students.csv", problems: &problems)?.encoding == .gb18030)
        #expect(DataTableReader(utf8Bytes("id\n你好\n"), file: "students.csv", problems: &problems)?.encoding == .utf8)
        #expect(problems.isEmpty)
    }

    @Test func fourByteGB18030IsRead() throws {
        // 𠮷 (U+20BB7, outside the BMP) and 㐀 (U+3400, CJK Extension A): four bytes each in GB18030, not in GBK.
        let data = utf8Bytes("school_id,name\n") + [0x95, 0x34, 0xB2, 0x35] + utf8Bytes("01,") + [0x81, 0x39, 0xEE, 0x39]
            + [0xD6, 0xD0, 0xD1, 0xA7] + utf8Bytes("\r\n")
        let table = try CSVTable.parse(data, file: "schools.csv")
        #expect(table.rows.map(\.fields) == [["𠮷01", "㐀中学"]])
    }

    @Test func aByteOrderMarkMeansUTF8FullStop() {
        // 你好 in GBK after UTF-8's byte-order mark: not read as GB18030.
        let found = csvProblems([0xEF, 0xBB, 0xBF] + utf8Bytes("id\nS") + [0xC4, 0xE3, 0xBA, 0xC3], file: "students.csv")
        #expect(found.count == 1)
        #expect(found.first?.line == 2 && found.first?.byte == 2)
        #expect(found.first?.message.contains("byte-order mark") == true)
        #expect(found.first?.text.chinese?.contains("BOM") == true)
    }

    @Test func gbkLineCountsAfterBOMAndQuotedNewlines() {
        let data: [UInt8] = [0xEF, 0xBB, 0xBF] + utf8Bytes("a\n\"x\ny\"\n\n") + [0xC4, 0xE3]
        let found = csvProblems(data)
        #expect(found.map(\.line) == [5])
        #expect(found.first?.byte == 1)
        // On line 1 the byte-order mark counts: bytes are counted as stored.
        #expect(csvProblems([0xEF, 0xBB, 0xBF] + utf8Bytes("a") + [0xC4, 0xE3]).first?.byte == 5)
    }

    /// Bytes that are neither: refused where the later of the two decodings fails.
    @Test(arguments: [
        ([0x80] as [UInt8], 2),          // stray continuation; no GB18030 lead byte either
        ([0xFF], 2),
        ([0xE0, 0x80, 0x80], 4),         // overlong in UTF-8; E0 80 is a GBK pair, the last 80 stands alone
        ([0xED, 0xA0, 0x80], 4),         // a UTF-16 surrogate in UTF-8; ED A0 a GBK pair
        ([0xF4, 0x90, 0x80, 0x80], 4),   // above U+10FFFF; F4 90 a pair, 80 no lead byte
        ([0xF5, 0x80, 0x80, 0x80], 4),
        ([0x81, 0x30, 0x81], 2),         // a four-byte GB18030 sequence cut short by the end of the file
    ])
    func neitherUTF8NorGB18030IsRefused(sequence: [UInt8], byte: Int) {
        let found = csvProblems(utf8Bytes("a\nx") + sequence)
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.byte == byte)
        #expect(found.first?.message.contains("neither UTF-8 nor GB18030") == true)
    }

    @Test func theLaterFailureIsReported() {
        // GBK on line 2 (UTF-8 fails there), then a byte neither reads on line 3: line 3.
        let gbkFirst = utf8Bytes("a\n") + [0xC4, 0xE3] + utf8Bytes("\nok,") + [0xFF] + utf8Bytes("\n")
        #expect(csvProblems(gbkFirst).map { [$0.line, $0.byte] } == [[3, 4]])
        // UTF-8 中 on line 2 (GB18030 reads E4 B8, then fails at AD before a comma), then GBK 你 on line 3: UTF-8 fails later.
        let utf8First = utf8Bytes("a,b\n") + [0xE4, 0xB8, 0xAD] + utf8Bytes(",x\nyy") + [0xC4, 0xE3] + utf8Bytes(",z\n")
        #expect(csvProblems(utf8First).map { [$0.line, $0.byte] } == [[3, 3]])
        // The other way round: GBK first, UTF-8 later: GB18030 fails later, on line 3.
        let utf8Later = utf8Bytes("a,b\n") + [0xC4, 0xE3] + utf8Bytes(",x\nyy") + [0xE4, 0xB8, 0xAD] + utf8Bytes(",z\n")
        #expect(csvProblems(utf8Later).map { [$0.line, $0.byte] } == [[3, 5]])
    }

    @Test(arguments: [
        [0xC0, 0x80] as [UInt8],         // overlong NUL in UTF-8, a GBK pair
        [0xE4, 0xB8],                    // UTF-8 cut short at the end of the file; 丁 is GBK E4 B8
        [0xE4, 0x41, 0x41],              // UTF-8 cut short before ASCII; E4 41 is a GBK pair
    ])
    func invalidUTF8ThatIsGB18030IsRead(sequence: [UInt8]) throws {
        let table = try CSVTable.parse(utf8Bytes("a\nx") + sequence, file: "t.csv")
        #expect(table.rows.count == 1)
        #expect(table.rows.first?.fields.first?.hasPrefix("x") == true)
    }

    @Test func validMultibyteUTF8IsAccepted() throws {
        let text = "a\n\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{D7FF}\u{E000}\n"
        let table = try CSVTable.parse(utf8Bytes(text), file: "t.csv")
        #expect(table.rows.first?.fields == ["\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{D7FF}\u{E000}"])
    }

    @Test func unterminatedQuote() {
        let found = csvProblems("a,b\n1,2\n3,\"oops\n4,5\n")
        #expect(found.count == 1)
        #expect(found[0].line == 3)
        #expect(found[0].description == "t.csv:3: a quoted field opened on line 3 is never closed; nothing after it was read")
    }

    @Test func quoteInsideUnquotedField() {
        let found = csvProblems("a,b\n1,x\"y\n")
        #expect(found.map(\.line) == [2])
        #expect(found.first?.message.hasPrefix("field 2 has a quote inside an unquoted field") == true)
    }

    @Test func textAfterClosingQuote() {
        let found = csvProblems("a,b\n\"x\"y,2\n3,4\n")
        #expect(found.map(\.line) == [2])
        #expect(found.first?.message == "text follows the closing quote of field 1")
    }

    @Test func textAfterClosingQuoteDoesNotDesynchroniseLaterRows() {
        let found = csvProblems("a,b\n\"x\" junk,2\r\n3,4,5\r\n")
        #expect(found.map(\.line) == [2, 3])
        #expect(found.map(\.message) == ["text follows the closing quote of field 1", "the row has 3 fields but the header has 2"])
    }

    @Test func everyProblemIsReportedInLineOrder() {
        let found = csvProblems("a,a\n1\n\"x\"y,2\n1,2\n3,\"4\n")
        #expect(found.map(\.line) == [1, 2, 3, 5])
        #expect(found == found.sorted())
    }

    @Test func problemsAreEquatableAndDescribed() {
        let a = InputProblem(file: "f.csv", line: 3, column: "c", message: Message(verbatim: "m"))
        #expect(a.description == "f.csv:3: c: m")
        #expect(InputProblem(file: "f.csv", line: nil, column: "", message: Message(verbatim: "m")).description == "f.csv: m")
        #expect(InputProblem(file: "f.csv", line: 2, column: "", message: Message(verbatim: "m")).description == "f.csv:2: m")
        let all = InputProblems([a, a])
        #expect(all.description == "f.csv:3: c: m\nf.csv:3: c: m")
    }

    // MARK: Writer

    @Test func writerHeaderOnly() {
        let writer = CSVWriter(header: ["a", "b"])
        #expect(writer.bytes == utf8Bytes("a,b\n"))
    }

    @Test func writerQuotesOnlyWhenNeeded() {
        var w = CSVWriter(header: ["id", "note"])
        w.append(["plain", "with space"])
        w.append(["a,b", "say \"hi\""])
        w.append(["line\nbreak", "cr\rhere"])
        w.append(["", " padded "])
        w.append(["北京,一中", "学校"])
        w.append(["\"", "crlf\r\n"])
        let expected = "id,note\n"
            + "plain,with space\n"
            + "\"a,b\",\"say \"\"hi\"\"\"\n"
            + "\"line\nbreak\",\"cr\rhere\"\n"
            + ", padded \n"
            + "\"北京,一中\",学校\n"
            + "\"\"\"\",\"crlf\r\n\"\n"
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
    }

    @Test func writerUsesLFLineEnds() {
        var w = CSVWriter(header: ["a"])
        w.append(["1"])
        #expect(!w.bytes.contains(0x0D))
        #expect(w.bytes.last == 0x0A)
        #expect(w.bytes.first != 0xEF)
    }

    @Test func roundTripGeneratedRows() throws {
        var rng = TestRandom(state: 42)
        let pieces = ["a", "Z", "9", " ", ",", "\"", "\"\"", "\n", "\r\n", "\r", "学", "校", "北京", "é", "🏫", ";", "'", "\t"]
        func field() -> String {
            let count = rng.int(6)
            return (0..<count).map { _ in pieces[rng.int(pieces.count)] }.joined()
        }
        for trial in 0..<20 {
            let columns = 2 + rng.int(4)
            let header = (0..<columns).map { "col\($0)_\(trial)" }
            var rows: [[String]] = []
            var writer = CSVWriter(header: header)
            for _ in 0..<(rng.int(40)) {
                let row = (0..<columns).map { _ in field() }
                rows.append(row)
                writer.append(row)
            }
            let table = try CSVTable.parse(writer.bytes, file: "round.csv")
            #expect(table.header == header)
            // Cells lose White_Space at their edges, quoted or not.
            #expect(table.rows.map(\.fields) == rows.map { $0.map(\.trimmingWhitespace) }, "trial \(trial)")
            // Line numbers account for the line breaks (LF, CRLF, lone CR) inside earlier records.
            var line = 2
            var expectedLines: [Int] = []
            for row in rows {
                expectedLines.append(line)
                line += 1 + row.reduce(0) { count, field in
                    let u = Array(field.utf8)
                    return count + u.indices.filter { u[$0] == 0x0A || (u[$0] == 0x0D && ($0 + 1 == u.count || u[$0 + 1] != 0x0A)) }.count
                }
            }
            #expect(table.rows.map(\.line) == expectedLines, "trial \(trial)")
        }
    }

    @Test func roundTripOfEveryAwkwardField() throws {
        let awkward = ["", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "a\"b", "\"a\"", ",\n\"", "中文,引号\"", "x\n\ny"]
        var writer = CSVWriter(header: ["k", "v"])
        for (i, f) in awkward.enumerated() { writer.append([String(i), f]) }
        let table = try CSVTable.parse(writer.bytes, file: "t.csv")
        #expect(table.rows.map { $0.fields[1] } == awkward.map(\.trimmingWhitespace))
    }
}

import Foundation
import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// The workbook reader on LibreOffice-saved workbooks (scripts/make-workbook-fixtures.py) and on
/// hand-built packages for what LibreOffice never writes.
@Suite("Workbook reader")
struct WorkbookReaderTests {
    static func sheet(_ fixture: String) throws -> WorkbookSheet {
        try WorkbookReader.firstSheet(WorkbookFixtures.bytes("workbooks/\(fixture)"), file: fixture)
    }

    static func cells(_ sheet: WorkbookSheet) -> [Int: [String]] {
        Dictionary(uniqueKeysWithValues: sheet.rows.map { ($0.number, $0.cells) })
    }

    // MARK: LibreOffice's workbooks

    @Test func formattedWorkbook() throws {
        let sheet = try Self.sheet("formatted.xlsx")
        #expect(sheet.name == "学生 students", "the first sheet, not the second")
        #expect(sheet.problems.isEmpty)
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 5, 6, 7], "row 4 has formatting only")
        let rows = Self.cells(sheet)
        #expect(rows[1] == ["student_id", "name", "points", "birth_date", "disabled", "formula", "note", "us_date",
                            "cn_date", "big", "small", "negative", "percent", "sum"])
        // 85.5 shown as 85.50; dates in three formats; a boolean; formulas by their cached values;
        // a number with leading zeros stored as text; rich text, a 4-byte character.
        #expect(rows[2] == ["007", "张三", "85.5", "2011-06-20", "yes", "171", "𠀀 and 中文", "2010-12-31", "2012-02-29",
                            "10000000000000000", "0.00001", "-3.25", "0.5", "0.3"])
        // 1900-03-01 is serial 61, after Excel's phantom 1900-02-29; LibreOffice stores 15 digits.
        #expect(rows[3] == ["S000002", "李四", "90", "1900-03-01", "no", "90.1", "", "1900-01-01", "",
                            "12345678901234600000", "0.1", "0", "1.25", "175.5"])
        #expect(rows[5] == ["S3", "", "", "", "no"])
        #expect(rows[6] == ["S4", "红色 plain", "  padded  ", "_x0041_ literal", "", "", "line one\nline two"])
        #expect(rows[7] == ["S5", "merged"])

        let table = try sheet.table()
        #expect(table.file == "formatted.xlsx")
        #expect(table.header.count == 14)
        #expect(table.rows.map(\.line) == [2, 3, 5, 6, 7])
        #expect(table.rows.allSatisfy { $0.fields.count == 14 })
        #expect(table.rows[2].fields[4] == "no")
    }

    @Test func csvConvertedByLibreOffice() throws {
        let csv = try CSVTable.parse(WorkbookFixtures.bytes("workbooks/students-sample.csv"), file: "students.csv")
        let table = try Self.sheet("students-sample.xlsx").table()
        #expect(table.header == csv.header)
        #expect(table.rows.count == csv.rows.count)
        // LibreOffice reads 116.392850 as a number, which the workbook gives as 116.39285: numbers
        // are compared as numbers, everything else as text.
        for (a, b) in zip(table.rows, csv.rows) {
            #expect(a.line == b.line)
            #expect(a.fields.count == b.fields.count)
            for (x, y) in zip(a.fields, b.fields) where x != y {
                #expect(Double(x) != nil && Double(x) == Double(y), "line \(a.line): \(x) ≠ \(y)")
            }
        }
    }

    @Test func timesAndErrorsAreProblems() throws {
        let sheet = try Self.sheet("problems.xlsx")
        #expect(Self.cells(sheet)[4] == ["S3", "2024-01-05"], "a date-time format at midnight is a date")
        #expect(Self.cells(sheet)[8] == ["S7", "2023-03-15"])
        let found = sheet.problems.map { "\($0.row)/\($0.column ?? -1): \($0.problem)" }
        #expect(found == [
            "2/1: \(WorkbookProblem.timeOfDay)", "2/2: \(WorkbookProblem.errorValue("#DIV/0!"))",
            "3/1: \(WorkbookProblem.timeOfDay)", "5/1: \(WorkbookProblem.errorValue("#DIV/0!"))",
            "6/1: \(WorkbookProblem.errorValue("#N/A"))", "7/1: \(WorkbookProblem.timeOfDay)",
        ])
        let error = #expect(throws: InputProblems.self) { try sheet.table() }
        let lines = error?.problems.map(\.description) ?? []
        #expect(lines.contains("problems.xlsx:2: when: a time of day is not a date (format the cell as a date without a time)"))
        #expect(lines.contains("problems.xlsx:2: ignored_column: the cell holds the error #DIV/0!"))
        #expect(lines.contains("problems.xlsx:6: when: the cell holds the error #N/A"))
        #expect(lines.count == 6)
        // A column the loader does not read may hold anything.
        let reading = #expect(throws: InputProblems.self) { try sheet.table(readingOnly: ["student_id", "when"]) }
        #expect(reading?.problems.count == 5)
    }

    @Test func date1904System() throws {
        let rows = try Self.cells(Self.sheet("date1904.xlsx"))
        #expect(rows[2] == ["S1", "2024-01-05"])
        #expect(rows[3] == ["S2", "1904-01-02"])
    }

    /// openpyxl's workbook: inline strings, and a formula without a cached value (`<v />`).
    @Test func formulaWithoutCachedValue() throws {
        let sheet = try Self.sheet("formulas-openpyxl.xlsx")
        #expect(sheet.problems == [.init(row: 2, column: 1, problem: .formulaWithoutValue)])
        #expect(Self.cells(sheet)[3] == ["S2", "3"])
    }

    // MARK: Hand-built packages

    /// A minimal package around `sheet` (the inside of `<sheetData>`, or a whole worksheet).
    static func package(sheet: String, sharedStrings: [String]? = nil, styles: String? = nil,
                        workbook: String? = nil, relationships: String? = nil) throws -> [UInt8] {
        var zip = ZipWriter()
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try zip.add("_rels/.rels", Array("<Relationships><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8), method: .stored)
        try zip.add("xl/workbook.xml", Array((workbook ?? "<workbook \(ns)><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").utf8), method: .deflated)
        try zip.add("xl/_rels/workbook.xml.rels", Array((relationships ?? """
            <Relationships><Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="\(rel)/styles" Target="styles.xml"/></Relationships>
            """).utf8), method: .deflated)
        let whole = sheet.hasPrefix("<worksheet") || sheet.hasPrefix("<x:worksheet") ? sheet : "<worksheet \(ns)><sheetData>\(sheet)</sheetData></worksheet>"
        try zip.add("xl/worksheets/sheet1.xml", Array(whole.utf8), method: .deflated)
        if let sharedStrings {
            try zip.add("xl/sharedStrings.xml", Array("<sst \(ns)>\(sharedStrings.joined())</sst>".utf8), method: .deflated)
        }
        if let styles { try zip.add("xl/styles.xml", Array("<styleSheet \(ns)>\(styles)</styleSheet>".utf8), method: .deflated) }
        return try zip.finish()
    }

    static func read(_ bytes: [UInt8]) throws -> WorkbookSheet {
        try WorkbookReader.firstSheet(bytes, file: "students.xlsx")
    }

    @Test func inlineAndSharedStrings() throws {
        let sheet = try Self.read(Self.package(sheet: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>inline</t></is></c><c r="B1" t="inlineStr"><is><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r></is></c>\
            <c r="C1" t="s"><v>0</v></c><c r="D1" t="s"><v>1</v></c><c r="E1" t="str"><f>A1&amp;"x"</f><v>inlinex</v></c><c r="F1" t="s"><v>2</v></c></row>
            """, sharedStrings: [
                "<si><t>shared &amp; &lt;escaped&gt;</t></si>",
                "<si><r><t>東京</t></r><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>",
                "<si><t>a_x000D_b_x005F_x0041_</t></si>",
            ]))
        #expect(sheet.rows == [.init(number: 1, cells: ["inline", "rich ", "shared & <escaped>", "東京", "inlinex", "a\rb_x0041_"])])
    }

    @Test func missingReferencesFollowOn() throws {
        let sheet = try Self.read(Self.package(sheet: """
            <row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>3</v></c></row><row><c r="C2"><v>1</v></c><c><v>2</v></c></row>\
            <row r="9"><c r="b9" t="b"><v>1</v></c></row>
            """))
        #expect(sheet.rows == [.init(number: 1, cells: ["a", "", "3"]), .init(number: 2, cells: ["", "", "1", "2"]), .init(number: 9, cells: ["", "yes"])])
    }

    @Test func dateCellsAndStyles() throws {
        let styles = """
            <numFmts><numFmt numFmtId="14" formatCode="0.00"/><numFmt numFmtId="200" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>\
            <cellStyleXfs><xf numFmtId="22"/></cellStyleXfs>\
            <cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="200"/><xf numFmtId="15"/><xf numFmtId="21"/></cellXfs>
            """
        let sheet = try Self.read(Self.package(sheet: """
            <row r="1"><c t="d"><v>2024-01-05</v></c><c t="d"><v>2024-01-05T00:00:00Z</v></c><c t="d"><v>2024-01-05T10:00:00</v></c>\
            <c s="1"><v>45000</v></c><c s="2"><v>45000</v></c><c s="3"><v>45000</v></c><c s="4"><v>0.5</v></c><c s="9"><v>45000</v></c></row>
            """, styles: styles))
        // Style 1 is id 14 redefined as 0.00 (the workbook's format wins); style 9 does not exist.
        #expect(sheet.rows == [.init(number: 1, cells: ["2024-01-05", "2024-01-05", "", "45000", "2023-03-15", "2023-03-15", "", "45000"])])
        #expect(sheet.problems == [.init(row: 1, column: 2, problem: .timeOfDay), .init(row: 1, column: 6, problem: .timeOfDay)])
    }

    @Test func packageVariants() throws {
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        // A chart sheet first (skipped), an absolute target, a date1904 flag written as "1", prefixes.
        let sheet = try Self.read(Self.package(
            sheet: "<x:worksheet xmlns:x=\"urn:x\"><x:sheetData><x:row r=\"2\"><x:c r=\"A2\" s=\"1\"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>",
            styles: "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>",
            workbook: "<workbook><workbookPr date1904=\"1\"/><sheets><sheet name=\"Chart\" r:id=\"rId9\"/><sheet name=\"Data\" r:id=\"rId1\"/></sheets></workbook>",
            relationships: "<Relationships><Relationship Id=\"rId9\" Type=\"\(rel)/chartsheet\" Target=\"chartsheets/sheet1.xml\"/><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/><Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"../xl/./styles.xml\"/></Relationships>"))
        #expect(sheet.name == "Data")
        #expect(sheet.rows == [.init(number: 2, cells: ["1904-01-01"])])
    }

    @Test func cellProblems() throws {
        let sheet = try Self.read(Self.package(sheet: """
            <row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>7</v></c><c r="C1" t="b"><v>2</v></c><c r="D1" t="q"><v>1</v></c>\
            <c r="E1"><v>abc</v></c><c r="F1"><v>inf</v></c><c r="A1"><v>1</v></c><c r="1A"><v>1</v></c></row><row r="1"><c><v>1</v></c></row><row r="x"/>
            """, sharedStrings: ["<si><t>only</t></si>"]))
        #expect(sheet.problems.map(\.problem) == [
            .missingSharedString(7), .badBoolean("2"), .unknownCellType("q"), .badNumber("abc"), .badNumber("inf"),
            .badCellReference("A1"), .badCellReference("1A"), .rowOutOfOrder(row: 1, previous: 1), .badRowNumber("x"),
        ])
    }

    @Test func headerRules() throws {
        func problems(_ rows: String) throws -> [String] {
            let sheet = try Self.read(Self.package(sheet: rows))
            do {
                _ = try sheet.table()
                return []
            } catch {
                return error.problems.map(\.description)
            }
        }
        let t = { (ref: String, text: String) in "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>" }
        #expect(try problems("<row r=\"3\">\(t("A3", "a"))\(t("C3", "c"))\(t("D3", "a"))</row><row r=\"4\">\(t("E4", "x"))</row>") == [
            "students.xlsx:3: column B of the header has no name",
            "students.xlsx:3: a: the header names this column twice",
            "students.xlsx:4: cell E4 holds a value, but the header names no column there",
        ])
        #expect(try problems("") == ["students.xlsx: the first worksheet is empty: its first row must be the header"])
        // Blank rows (whitespace, or formatting alone) before the header are skipped.
        let sheet = try Self.read(Self.package(sheet: "<row r=\"1\">\(t("A1", " "))<c r=\"B1\" s=\"3\"/></row><row r=\"2\">\(t("A2", "id"))</row><row r=\"3\">\(t("A3", "x"))</row>"))
        let table = try sheet.table()
        #expect(table.header == ["id"])
        #expect(table.rows.map(\.line) == [3])
    }

    @Test func wholeFileProblems() throws {
        func message(_ bytes: [UInt8], limits: WorkbookReader.Limits = .init()) -> String? {
            do {
                _ = try WorkbookReader.firstSheet(bytes, file: "students.xlsx", limits: limits)
                return nil
            } catch {
                return error.problems.first?.description
            }
        }
        #expect(message(Array("student_id\nS1\n".utf8)) == "students.xlsx: the workbook cannot be read: not a zip archive (no end-of-central-directory record)")
        #expect(message([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]) == "students.xlsx: \(WorkbookProblem.encryptedOrLegacy.english)")
        #expect(message(try Self.package(sheet: "<row><c>", relationships: nil))?.hasPrefix("students.xlsx: xl/worksheets/sheet1.xml in the workbook is damaged: malformed XML") == true)
        #expect(message(try Self.package(sheet: "", workbook: "<workbook><sheets/></workbook>")) == "students.xlsx: the workbook has no worksheet")
        #expect(message(try Self.package(sheet: "", relationships: "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"nowhere.xml\"/></Relationships>")) == "students.xlsx: the workbook has no xl/nowhere.xml")
        let wide = try Self.package(sheet: "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>")
        #expect(message(wide, limits: .init(cells: 1000)) == "students.xlsx: the first worksheet has more than 1000 cells")
        #expect(message(wide, limits: .init(partBytes: 10))?.contains("over the limit of 10") == true)
        var empty = ZipWriter()
        try empty.add("hello.txt", [], method: .stored)
        #expect(message(try empty.finish()) == "students.xlsx: the workbook has no xl/workbook.xml")
    }

    /// Any damage to a real workbook ends in a located problem or a sheet, never in a crash.
    @Test func corruptWorkbooksNeverCrash() throws {
        let original = try WorkbookFixtures.bytes("workbooks/formatted.xlsx")
        var rng = TestRandom(state: 1234)
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + rng.int(3)) { bytes[rng.int(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? WorkbookReader.firstSheet(bytes, file: "x.xlsx")
        }
        // And the XML inside: a worksheet cut anywhere.
        let archive = try ZipArchive(original)
        let xml = try #require(try archive.contents(named: "xl/worksheets/sheet1.xml", limit: 1 << 20))
        for cut in stride(from: 0, to: xml.count, by: 7) {
            _ = try? Self.read(Self.package(sheet: String(decoding: xml[0..<cut], as: UTF8.self)))
        }
    }

    /// Every message exists in both languages (the Chinese half has Chinese in it).
    @Test func messagesAreBilingual() {
        let problems: [WorkbookProblem] = [
            .unreadable(.notAZip), .unreadable(.damaged(entry: "x", .truncated)), .encryptedOrLegacy, .missingPart("x"),
            .malformedPart("x", .malformed("y", offset: 1)), .noWorksheet, .emptySheet, .tooManyCells(limit: 1),
            .rowOutOfOrder(row: 1, previous: 2), .badRowNumber("x"), .badCellReference("x"), .errorValue("#N/A"), .timeOfDay,
            .dateOutOfRange("0"), .badDate("x"), .formulaWithoutValue, .badNumber("x"), .badBoolean("x"), .missingSharedString(1),
            .unknownCellType("x"), .unnamedHeaderColumn("B"), .duplicateHeaderName, .valueOutsideHeader("E4"),
        ]
        let writer: [WorkbookWriterError] = [.invalidSheetName("x"), .duplicateSheetName("x"), .notFinite(sheet: "s", row: 1, column: 0),
                                             .tooLarge(sheet: "s"), .noSheets, .archive(.tooLargeToWrite("x"))]
        let texts = problems.map(\.text) + writer.map(\.text) + [InflateError.invalidBlockType.text, XMLError.unsupported("x", offset: 0).text]
        for text in texts {
            #expect(!text.english.isEmpty && text.english.unicodeScalars.allSatisfy { $0.value < 0x2E80 }, "\(text.english)")
            #expect(text.chinese.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(text.chinese)")
        }
        #expect(WorkbookProblem.timeOfDay.description == WorkbookProblem.timeOfDay.english)
    }

    // MARK: The conversions

    @Test func shortestDecimals() {
        let cases: [(Double, String)] = [
            (85.5, "85.5"), (85.50, "85.5"), (3, "3"), (-0.0, "0"), (0, "0"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"),
            (1e-5, "0.00001"), (1e16, "10000000000000000"), (1.5e300, "15" + String(repeating: "0", count: 299)),
            (123456789012345680, "123456789012345680"), (-2.5e-7, "-0.00000025"), (100, "100"), (2.0e-1, "0.2"),
        ]
        for (value, text) in cases { #expect(DecimalText.shortest(value) == text, "\(value)") }
        #expect(DecimalText.shortest(.infinity) == nil)
        #expect(DecimalText.shortest(.nan) == nil)
        var rng = TestRandom(state: 7)
        for _ in 0..<2000 {
            let value = Double(bitPattern: rng.next())
            guard value.isFinite, let text = DecimalText.shortest(value) else { continue }
            #expect(!text.contains("e") && Double(text) == value, "\(value) → \(text)")
        }
        #expect(DecimalText.parse("1E-005") == 0.00001)
        #expect(DecimalText.parse("0x10") == nil)
        #expect(DecimalText.parse("nan") == nil)
        #expect(DecimalText.parse("") == nil)
    }

    @Test func excelSerialDates() {
        let cases: [(Double, Bool, String)] = [
            (1, false, "1900-01-01"), (59, false, "1900-02-28"), (60, false, "1900-02-29"), (61, false, "1900-03-01"),
            (40714, false, "2011-06-20"), (2_958_465, false, "9999-12-31"), (45000.999999, false, "2023-03-16"),
            (0, true, "1904-01-01"), (43834, true, "2024-01-05"), (36526, false, "2000-01-01"),
        ]
        for (serial, date1904, text) in cases {
            #expect(ExcelDate.text(serial: serial, date1904: date1904) == .success(text), "\(serial)")
        }
        #expect(ExcelDate.text(serial: 0, date1904: false) == .failure(.outOfRange))
        #expect(ExcelDate.text(serial: -1, date1904: true) == .failure(.outOfRange))
        #expect(ExcelDate.text(serial: 2_958_466, date1904: false) == .failure(.outOfRange))
        #expect(ExcelDate.text(serial: 45000.25, date1904: false) == .failure(.timeOfDay))
        #expect(ExcelDate.text(serial: 1e300, date1904: false) == .failure(.outOfRange))
    }

    @Test func numberFormatKinds() {
        let cases: [(String, ExcelNumberFormat)] = [
            ("General", .number), ("0.00", .number), ("#,##0;[Red]-#,##0", .number), ("0.00E+00", .number), ("@", .number),
            ("\"Day\" 0", .number), ("yyyy-mm-dd", .date), ("yyyy\\-mm\\-dd", .date), ("m/d/yyyy", .date), ("mmm-yy", .date),
            ("mmmm", .date), ("[$-804]yyyy\"年\"m\"月\"d\"日\"", .date), ("yyyy\\年m\\月d\\日", .date), ("[$-F800]dddd, mmmm dd, yyyy", .date),
            ("e/m/d", .date), ("h:mm", .time), ("mm:ss", .time), ("[h]:mm:ss", .time), ("h:mm AM/PM", .time), ("[mm]", .time),
            ("yyyy-mm-dd hh:mm", .dateTime), ("m/d/yyyy h:mm", .dateTime), ("上午/下午h\"时\"mm\"分\"", .time), ("0_);[Red](0)", .number),
        ]
        for (code, kind) in cases { #expect(ExcelNumberFormat.classify(code: code) == kind, "\(code)") }
        #expect([14, 15, 16, 17, 22, 27, 31, 36, 57].map(ExcelNumberFormat.builtIn).allSatisfy { $0 == .date || $0 == .dateTime })
        #expect([18, 19, 20, 21, 32, 35, 45, 46, 47].map(ExcelNumberFormat.builtIn).allSatisfy { $0 == .time })
        #expect([0, 1, 2, 9, 10, 11, 12, 37, 49].map(ExcelNumberFormat.builtIn).allSatisfy { $0 == .number })
    }

    @Test func cellReferencesAndColumnNames() {
        #expect(WorksheetReader.column(of: "A1") == 0)
        #expect(WorksheetReader.column(of: "B7") == 1)
        #expect(WorksheetReader.column(of: "AA10") == 26)
        #expect(WorksheetReader.column(of: "$C$3") == 2)
        #expect(WorksheetReader.column(of: "XFD1048576") == 16_383)
        for bad in ["", "A", "1", "XFE1", "AAAA1", "A1B", "A-1"] { #expect(WorksheetReader.column(of: bad) == nil, "\(bad)") }
        #expect([0, 25, 26, 27, 701, 702, 16_383].map(WorkbookSheet.columnName) == ["A", "Z", "AA", "AB", "ZZ", "AAA", "XFD"])
    }

    @Test func spreadsheetEscapes() {
        #expect(SpreadsheetEscapes.decode("a_x000D_b") == "a\rb")
        #expect(SpreadsheetEscapes.decode("_x005F_x0041_") == "_x0041_")
        #expect(SpreadsheetEscapes.decode("_xD840__xDC00_") == "𠀀")
        #expect(SpreadsheetEscapes.decode("_xD840_") == "_xD840_")
        #expect(SpreadsheetEscapes.decode("plain_text_x12_") == "plain_text_x12_")
        for text in ["a\rb", "_x0041_", "tab\there", "nul\u{0}", "\u{FFFE}", "𠀀_x", "under_score", "_x005F_"] {
            #expect(SpreadsheetEscapes.decode(SpreadsheetEscapes.encode(text)) == text, "\(text.debugDescription)")
        }
        #expect(SpreadsheetEscapes.encode("a\u{1}b") == "a_x0001_b")
    }
}

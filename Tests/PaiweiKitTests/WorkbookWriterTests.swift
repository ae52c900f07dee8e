import Foundation
import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// Workbooks written and read back; scripts/check-xlsx.sh checks them against LibreOffice too.
@Suite("Workbook writer")
struct WorkbookWriterTests {
    static let awkwardTexts = [
        "007", "0123456789abcdef", "1234567890123456", "朝阳区 学校", "𠀀", "a & b < c > d \"e\" 'f'", "  padded  ", "line\nbreak",
        "cr\rhere", "crlf\r\nhere", "tab\tinside", "\u{1}control\u{1F}", "_x0041_", "under_score", "\u{FFFE}", "=1+1", "é vs e\u{301}",
    ]

    static func roundTrip(_ writer: WorkbookWriter, sheet index: Int = 0) throws -> WorkbookSheet {
        try WorkbookReader.worksheet(at: index, of: writer.workbook(), file: "results.xlsx")
    }

    @Test func textAndNumbersReadBackUnchanged() throws {
        let numbers: [Double] = [85.5, 3, 0.1 + 0.2, 1e16, 1e-5, -2.25, 0, 123456789012345680]
        var writer = WorkbookWriter()
        let rows: [[WorkbookWriter.Cell]] = Self.awkwardTexts.enumerated().map { index, text in
            [.text(text), .number(numbers[index % numbers.count]), .empty, .text("")]
        }
        try writer.addSheet(named: "placements 派位", header: ["student_id 学生编号", "number", "empty", "blank"], rows: rows)
        let sheet = try Self.roundTrip(writer)
        #expect(sheet.name == "placements 派位")
        #expect(sheet.problems.isEmpty)
        #expect(sheet.rows.first == .init(number: 1, cells: ["student_id 学生编号", "number", "empty", "blank"]))
        for (index, text) in Self.awkwardTexts.enumerated() {
            let row = sheet.rows[index + 1]
            #expect(row.number == index + 2)
            #expect(row.cells == [text, DecimalText.shortest(numbers[index % numbers.count])!], "\(text.debugDescription)")
            // Byte for byte, not just canonically equal (Swift's == would take é for e + U+0301).
            #expect(row.cells.first.map { Array($0.utf8) } == Array(text.utf8), "\(text.debugDescription)")
        }
    }

    @Test func severalSheetsInOrder() throws {
        var writer = WorkbookWriter(method: .stored)
        try writer.addSheet(named: "placements", header: ["a"], rows: [[.text("1")]])
        try writer.addSheet(named: "schools", header: ["b"], rows: [[.number(2)]])
        try writer.addSheet(named: "warnings", header: ["c"], rows: [])
        #expect(try Self.roundTrip(writer, sheet: 0).rows.map(\.cells) == [["a"], ["1"]])
        #expect(try Self.roundTrip(writer, sheet: 1).rows.map(\.cells) == [["b"], ["2"]])
        #expect(try Self.roundTrip(writer, sheet: 2).rows.map(\.cells) == [["c"]])
        #expect(try WorkbookReader.firstSheet(writer.workbook(), file: "results.xlsx").name == "placements")
    }

    /// A sheet of several 1 MiB segments, each deflated on its own and joined into one stream, reads
    /// back cell for cell, at both efforts (zlib reads it too: scripts/check-xlsx.sh).
    @Test func aSheetOfManySegmentsReadsBack() throws {
        let rows = (0..<60_000).map { ["S\(1_000_000 + $0)", "朝阳区 \($0 % 97)", String($0 % 1000)] }
        for effort in [Deflate.Effort.fast, .default] {
            var writer = WorkbookWriter(method: .deflated(effort))
            try writer.addSheet(named: "placements", header: ["id", "zone", "n"], fields: rows, numberColumns: [2], inlineColumns: [0])
            let sheet = try Self.roundTrip(writer)
            #expect(sheet.rows.count == rows.count + 1)
            #expect(sheet.rows.dropFirst().map(\.cells) == rows, "chain \(effort.chainLength)")
        }
    }

    /// Written a part at a time (results.xlsx in a placement folder), a workbook is the same bytes as
    /// made whole, its deflated worksheets handed over as they are; with no sheet nothing is handed over.
    @Test func workbookWrittenInPartsIsTheSameBytes() throws {
        func writer(_ method: ZipWriter.Method) throws -> WorkbookWriter {
            var writer = WorkbookWriter(method: method)
            try writer.addSheet(named: "s", header: ["id", "n"], rows: (0..<3000).map { [.text("S\($0)"), .number(Double($0) / 8)] })
            try writer.addSheet(named: "t", header: ["x"], rows: [[.text("S1")]])
            return writer
        }
        for method in [ZipWriter.Method.stored, .deflated(.fast)] {
            var parts: [[UInt8]] = []
            try writer(method).write { parts.append($0) }
            // Deflated: the parts up to each worksheet's header, the worksheet itself (twice), the rest.
            #expect(parts.count == (method == .stored ? 1 : 5))
            #expect(parts.flatMap { $0 } == (try writer(method).workbook()))
        }
        var handed = 0
        #expect(throws: WorkbookWriterError.noSheets) { try WorkbookWriter().write { handed += $0.count } }
        #expect(handed == 0)
    }

    @Test func sameRowsSameBytes() throws {
        func make(_ method: ZipWriter.Method) throws -> [UInt8] {
            var writer = WorkbookWriter(method: method)
            try writer.addSheet(named: "s", header: ["id", "n"], rows: (0..<500).map { [.text("S\($0)"), .number(Double($0) / 8)] })
            try writer.addSheet(named: "t", header: ["x"], rows: [[.text("S1")]])
            return try writer.workbook()
        }
        for method in [ZipWriter.Method.stored, .deflated(.fast), .deflated(.default)] {
            #expect(try make(method) == make(method))
        }
        #expect(try make(.deflated(.fast)).count < make(.stored).count / 3)
    }

    @Test func fieldsWithNumberColumns() throws {
        var writer = WorkbookWriter()
        try writer.addSheet(named: "placements", header: ["student_id", "rank", "lottery_number"],
                            fields: [["007", "1", "0000000000000123"], ["S2", "2.50", "1234567890123456"], ["S3", "", "x"]],
                            numberColumns: [1])
        let bytes = try writer.workbook()
        let archive = try ZipArchive(bytes)
        let xml = String(decoding: try #require(try archive.contents(named: "xl/worksheets/sheet1.xml", limit: 1 << 20)), as: UTF8.self)
        #expect(xml.contains("<c r=\"B2\"><v>1</v></c>"), "a plain decimal in a number column is a number")
        #expect(xml.contains("<c r=\"B3\" t=\"s\">"), "2.50 is not written the way 2.5 is: it stays text")
        #expect(xml.contains("<c r=\"C3\" t=\"s\">"), "lottery numbers are text")
        let sheet = try WorkbookReader.firstSheet(bytes, file: "results.xlsx")
        #expect(sheet.rows.map(\.cells) == [["student_id", "rank", "lottery_number"], ["007", "1", "0000000000000123"], ["S2", "2.50", "1234567890123456"], ["S3", "", "x"]])
    }

    @Test func packageParts() throws {
        var writer = WorkbookWriter()
        try writer.addSheet(named: "a&b", header: ["h"], rows: [[.text("x")], [.text("x")]])
        let archive = try ZipArchive(writer.workbook())
        #expect(archive.entries.map(\.name) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
        let text = { (name: String) in String(decoding: (try? archive.contents(named: name, limit: 1 << 20)) ?? [], as: UTF8.self) }
        #expect(text("xl/workbook.xml").contains("<sheet name=\"a&amp;b\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(text("xl/sharedStrings.xml").contains("count=\"3\" uniqueCount=\"2\""), "shared strings are shared")
        let sheet = text("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\">"), "the header is bold")
        #expect(sheet.contains("<dimension ref=\"A1:A3\"/>"))
        for name in archive.entries.map(\.name) {
            var scanner = try XMLScanner(try #require(try archive.contents(named: name, limit: 1 << 20)))
            while try scanner.next() != .endOfDocument {}
        }
    }

    @Test func refusals() throws {
        var writer = WorkbookWriter()
        for name in ["", "a:b", "a/b", "a\\b", "a?b", "a*b", "[a]", "'a", "a'", String(repeating: "x", count: 32), "History", "tab\there"] {
            #expect(throws: WorkbookWriterError.invalidSheetName(name)) { try writer.addSheet(named: name, header: [], rows: []) }
        }
        try writer.addSheet(named: String(repeating: "x", count: 31), header: [], rows: [])
        try writer.addSheet(named: "Sheet", header: [], rows: [])
        #expect(throws: WorkbookWriterError.duplicateSheetName("SHEET")) { try writer.addSheet(named: "SHEET", header: [], rows: []) }
        #expect(throws: WorkbookWriterError.notFinite(sheet: "n", row: 3, column: 1)) {
            try writer.addSheet(named: "n", header: ["a", "b"], rows: [[.number(1)], [.text("x"), .number(.nan)]])
        }
        #expect(throws: WorkbookWriterError.noSheets) { try WorkbookWriter().workbook() }
    }

    /// Writes a workbook from CSV files when asked to by scripts/check-xlsx.sh (and is skipped
    /// otherwise): PAIWEI_XLSX_OUT is the workbook's path, PAIWEI_XLSX_SHEETS a list of
    /// `NAME=PATH.csv` separated by `|`. A column is written as numbers when its name is not an id
    /// or a lottery label or number and every field in it is a plain decimal.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PAIWEI_XLSX_OUT"] != nil))
    func exportEntryPoint() throws {
        let environment = ProcessInfo.processInfo.environment
        let out = try #require(environment["PAIWEI_XLSX_OUT"])
        var writer = WorkbookWriter()
        for item in (environment["PAIWEI_XLSX_SHEETS"] ?? "").split(separator: "|") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            try #require(parts.count == 2, "\(item): NAME=PATH.csv")
            let table = try CSVTable.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: parts[1]))), file: parts[1])
            let textLike = ["_id", "id", "lottery", "_number", "_label", "seed", "digest", "sha256"]
            let numberColumns = Set(table.header.indices.filter { column in
                let name = table.header[column].lowercased()
                if textLike.contains(where: { name.hasSuffix($0) || name.hasPrefix($0) }) { return false }
                let fields = table.rows.map { $0.fields[column] }.filter { !$0.isEmpty }
                return !fields.isEmpty && fields.allSatisfy { WorkbookWriter.plainDecimal($0) != nil }
            })
            try writer.addSheet(named: parts[0], header: table.header, fields: table.rows.map(\.fields), numberColumns: numberColumns)
        }
        try Data(writer.workbook()).write(to: URL(fileURLWithPath: out))
    }
}

/// Why a workbook cannot be written as asked (programmer errors mostly: bad names, NaN).
public enum WorkbookWriterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Excel's rules: 1–31 characters, none of `: \ / ? * [ ]` or a control character, no `'` at
    /// either end, not `History`.
    case invalidSheetName(String)
    /// Two sheets whose names differ only in case, which Excel takes for one.
    case duplicateSheetName(String)
    /// A number cell holding NaN or an infinity, which a workbook cannot store.
    case notFinite(sheet: String, row: Int, column: Int)
    /// More rows (1,048,576 with the header) or columns (16,384) than a worksheet holds.
    case tooLarge(sheet: String)
    /// A workbook needs at least one sheet.
    case noSheets
    /// The zip layer refused (an archive over 4 GiB).
    case archive(ZipError)

    /// The English half of ``text`` (WorkbookProblem.swift holds both languages).
    public var description: String { text.english }
}

/// Writes an Excel workbook (.xlsx) of named worksheets, each a bold, frozen header row of text
/// and rows of text and number cells — the shape of results.xlsx (SPEC §5).
///
/// The package is the minimum Excel, WPS and LibreOffice open without a dialog: content types,
/// package and workbook relationships, workbook.xml, a styles part (a normal and a bold font),
/// one part per sheet and the shared strings. Text is stored once in the shared strings (ids and
/// school names repeat over thousands of rows) and is never reinterpreted: "007" keeps its zeros
/// and a 16-hex-digit lottery number all its digits, because a text cell is not a number. Numbers
/// are written as the shortest decimal that reads back the same (``DecimalText``).
///
/// Characters: XML-escaped (`&`, `<`, `>`); those XML 1.0 cannot hold (control characters other
/// than tab and line feed, U+FFFE, U+FFFF) and the carriage return (which XML would turn into a
/// line feed) are written with SpreadsheetML's `_xHHHH_` escape, which Excel, WPS, LibreOffice and
/// ``WorkbookReader`` decode — never raw, never dropped. Sheet names have no escape and are refused.
///
/// Guarantees: the same sheets give the same bytes (fixed zip timestamps, parts in a fixed order,
/// shared strings in order of first use, column widths from the cells alone).
///
/// - Complexity: O(cells) to lay out, plus ``Deflate`` over the XML when deflated; memory holds
///   every sheet's XML until ``workbook()`` zips it.
public struct WorkbookWriter: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double)
        case empty
    }

    private struct Sheet {
        let name: String
        let xml: [UInt8]
    }

    private let method: ZipWriter.Method
    private var sheets: [Sheet] = []
    private var strings: [String] = []
    private var stringIndex: [String: Int] = [:]
    private var stringReferences = 0

    /// - Parameter method: how parts are zipped. Deflate at the fast effort (the default) makes
    ///   results.xlsx of 150,000 placements 7.0 MB instead of 44.6 MB stored, for 0.18 s more CPU.
    public init(method: ZipWriter.Method = .deflated(.fast)) {
        self.method = method
    }

    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    /// Adds a worksheet named `name`: `header` as its first row (bold, frozen), then `rows`.
    public mutating func addSheet(named name: String, header: [String], rows: [[Cell]]) throws(WorkbookWriterError) {
        try Self.checkName(name)
        let lowered = name.lowercased()
        if sheets.contains(where: { $0.name.lowercased() == lowered }) { throw .duplicateSheetName(name) }
        let width = max(header.count, rows.map(\.count).max() ?? 0)
        guard rows.count + 1 <= Self.maxRows, width <= Self.maxColumns else { throw .tooLarge(sheet: name) }

        let columnNames = (0..<max(width, 1)).map { Array(WorkbookSheet.columnName($0).utf8) }
        var xml: [UInt8] = []
        xml.reserveCapacity(64 * (rows.count + 1) * max(width, 1) / 4 + 1024)
        xml.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.utf8)
        xml.append(contentsOf: #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#.utf8)
        if width > 0 {
            xml.append(contentsOf: "<dimension ref=\"A1:".utf8)
            xml.append(contentsOf: columnNames[width - 1])
            Self.appendNumber(rows.count + 1, to: &xml)
            xml.append(contentsOf: "\"/>".utf8)
        }
        let selected = sheets.isEmpty ? #" tabSelected="1""# : ""
        xml.append(contentsOf: #"<sheetViews><sheetView\#(selected) workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#.utf8)
        xml.append(contentsOf: #"<sheetFormatPr defaultRowHeight="15"/>"#.utf8)
        if width > 0 {
            xml.append(contentsOf: "<cols>".utf8)
            for (index, characters) in Self.columnWidths(header: header, rows: rows, width: width).enumerated() {
                xml.append(contentsOf: "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(characters)\" customWidth=\"1\"/>".utf8)
            }
            xml.append(contentsOf: "</cols>".utf8)
        }
        xml.append(contentsOf: "<sheetData>".utf8)
        appendRow(header.map { Cell.text($0) }, number: 1, style: 1, columnNames: columnNames, to: &xml)
        for (index, row) in rows.enumerated() {
            for (column, cell) in row.enumerated() {
                if case .number(let value) = cell, !value.isFinite { throw .notFinite(sheet: name, row: index + 2, column: column) }
            }
            appendRow(row, number: index + 2, style: 0, columnNames: columnNames, to: &xml)
        }
        xml.append(contentsOf: "</sheetData></worksheet>".utf8)
        sheets.append(Sheet(name: name, xml: xml))
    }

    /// Adds a worksheet of text fields (rows of a CSV file, say): the fields of `numberColumns`
    /// that are plain decimals (``DecimalText`` would write them the same) become number cells,
    /// everything else text — ids and lottery numbers stay text whatever digits they hold.
    public mutating func addSheet(named name: String, header: [String], fields rows: [[String]],
                                  numberColumns: Set<Int>) throws(WorkbookWriterError) {
        let cells = rows.map { row in
            row.enumerated().map { column, field -> Cell in
                if field.isEmpty { return .empty }
                if numberColumns.contains(column), let value = Self.plainDecimal(field) { return .number(value) }
                return .text(field)
            }
        }
        try addSheet(named: name, header: header, rows: cells)
    }

    /// The value of `field` if it is a number written exactly as ``DecimalText`` writes it.
    static func plainDecimal(_ field: String) -> Double? {
        guard let value = DecimalText.parse(field), DecimalText.shortest(value) == field else { return nil }
        return value
    }

    /// The workbook's bytes.
    public func workbook() throws(WorkbookWriterError) -> [UInt8] {
        guard !sheets.isEmpty else { throw .noSheets }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#

        var types = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        types += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        types += #"<Default Extension="xml" ContentType="application/xml"/>"#
        types += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for index in sheets.indices {
            types += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        types += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        types += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        types += "</Types>"

        let packageRelationships = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

        var workbook = declaration + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        var workbookRelationships = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for (index, sheet) in sheets.enumerated() {
            workbook += #"<sheet name="\#(Self.escapedAttribute(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            workbookRelationships += #"<Relationship Id="rId\#(index + 1)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        workbook += "</sheets></workbook>"
        workbookRelationships += #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(relationships)/styles" Target="styles.xml"/>"#
        workbookRelationships += #"<Relationship Id="rId\#(sheets.count + 2)" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/>"#
        workbookRelationships += "</Relationships>"

        // Style 0: normal; style 1: bold (the header).
        let styles = declaration + #"<styleSheet xmlns="\#(main)">"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#

        var shared: [UInt8] = Array((declaration + #"<sst xmlns="\#(main)" count="\#(stringReferences)" uniqueCount="\#(strings.count)">"#).utf8)
        for string in strings {
            shared.append(contentsOf: "<si>".utf8)
            Self.appendTextElement(string, to: &shared)
            shared.append(contentsOf: "</si>".utf8)
        }
        shared.append(contentsOf: "</sst>".utf8)

        var zip = ZipWriter()
        do {
            try zip.add("[Content_Types].xml", Array(types.utf8), method: method)
            try zip.add("_rels/.rels", Array(packageRelationships.utf8), method: method)
            try zip.add("xl/workbook.xml", Array(workbook.utf8), method: method)
            try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8), method: method)
            try zip.add("xl/styles.xml", Array(styles.utf8), method: method)
            for (index, sheet) in sheets.enumerated() {
                try zip.add("xl/worksheets/sheet\(index + 1).xml", sheet.xml, method: method)
            }
            try zip.add("xl/sharedStrings.xml", shared, method: method)
            return try zip.finish()
        } catch {
            throw .archive(error)
        }
    }

    // MARK: Cells

    private mutating func appendRow(_ cells: [Cell], number: Int, style: Int, columnNames: [[UInt8]], to xml: inout [UInt8]) {
        // The row number is written once per cell (in its reference): lay its digits out once.
        var digits: [UInt8] = []
        Self.appendNumber(number, to: &digits)
        xml.append(contentsOf: "<row r=\"".utf8)
        xml.append(contentsOf: digits)
        xml.append(contentsOf: "\">".utf8)
        for column in cells.indices {
            switch cells[column] {
            case .empty:
                continue
            case .text(let text):
                if text.isEmpty { continue }
                xml.append(contentsOf: "<c r=\"".utf8)
                xml.append(contentsOf: columnNames[column])
                xml.append(contentsOf: digits)
                xml.append(contentsOf: style == 1 ? "\" s=\"1\" t=\"s\"><v>".utf8 : "\" t=\"s\"><v>".utf8)
                Self.appendNumber(sharedString(text), to: &xml)
                xml.append(contentsOf: "</v></c>".utf8)
            case .number(let value):
                xml.append(contentsOf: "<c r=\"".utf8)
                xml.append(contentsOf: columnNames[column])
                xml.append(contentsOf: digits)
                xml.append(contentsOf: style == 1 ? "\" s=\"1\"><v>".utf8 : "\"><v>".utf8)
                if value == value.rounded(), abs(value) < 1e15 {
                    // Whole numbers (ranks, counts, seats): their digits, without a detour through text.
                    if value < 0 { xml.append(UInt8(ascii: "-")) }
                    Self.appendNumber(Int(abs(value)), to: &xml)
                } else {
                    xml.append(contentsOf: (DecimalText.shortest(value) ?? "0").utf8)
                }
                xml.append(contentsOf: "</v></c>".utf8)
            }
        }
        xml.append(contentsOf: "</row>".utf8)
    }

    private mutating func sharedString(_ text: String) -> Int {
        stringReferences += 1
        let next = strings.count
        // One hash lookup: the defaulted subscript inserts `next` when the text is new.
        let index = { (slot: inout Int) in slot }(&stringIndex[text, default: next])
        if index == next { strings.append(text) }
        return index
    }

    /// `<t>text</t>`, escaped, with `xml:space="preserve"` where leading or trailing whitespace
    /// would otherwise be the reader's to drop.
    static func appendTextElement(_ text: String, to out: inout [UInt8]) {
        let escaped = SpreadsheetEscapes.encode(text)
        let isSpace = { (b: UInt8?) in b == 0x20 || b == 0x09 || b == 0x0A }
        if isSpace(escaped.utf8.first) || isSpace(escaped.utf8.last) {
            out.append(contentsOf: "<t xml:space=\"preserve\">".utf8)
        } else {
            out.append(contentsOf: "<t>".utf8)
        }
        for b in escaped.utf8 {
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            default: out.append(b)
            }
        }
        out.append(contentsOf: "</t>".utf8)
    }

    static func escapedAttribute(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The decimal digits of `value` ≥ 0, appended without building a string.
    static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    static func checkName(_ name: String) throws(WorkbookWriterError) {
        let forbidden: Set<Unicode.Scalar> = [":", "\\", "/", "?", "*", "[", "]"]
        guard !name.isEmpty, name.utf16.count <= 31, !name.hasPrefix("'"), !name.hasSuffix("'"),
              name.lowercased() != "history",
              !name.unicodeScalars.contains(where: { forbidden.contains($0) || $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF })
        else { throw .invalidSheetName(name) }
    }

    /// Column widths in characters: the widest of the header and the first thousand rows, East
    /// Asian wide characters counting two, plus a margin, between 8 and 60.
    static func columnWidths(header: [String], rows: [[Cell]], width: Int) -> [Int] {
        var widest = [Int](repeating: 0, count: width)
        func measure(_ text: String, _ column: Int) {
            var count = 0
            for scalar in text.unicodeScalars { count += isWide(scalar) ? 2 : 1 }
            widest[column] = max(widest[column], count + (column < header.count && text == header[column] ? 2 : 0))
        }
        for (column, name) in header.enumerated() { measure(name, column) }
        for row in rows.prefix(1000) {
            for (column, cell) in row.enumerated() {
                switch cell {
                case .text(let text): measure(text, column)
                case .number(let value): measure(DecimalText.shortest(value) ?? "", column)
                case .empty: break
                }
            }
        }
        return widest.map { min(60, max(8, $0 + 2)) }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD: true
        default: false
        }
    }
}

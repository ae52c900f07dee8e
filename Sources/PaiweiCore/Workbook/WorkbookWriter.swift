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
/// - Complexity: O(cells) to lay out, plus ``Deflate`` over the XML when deflated; memory holds each
///   sheet deflated plus at most a segment (1 MiB) of its XML, or every sheet's XML when stored.
public struct WorkbookWriter: Sendable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double)
        case empty
    }

    private struct Sheet {
        let name: String
        /// The XML as written (stored workbooks), or nothing once deflated.
        var xml: [UInt8]
        var deflated: SheetSegments?
    }

    /// A worksheet's XML deflated a segment at a time while it is written (``Deflate``'s segments form
    /// one stream), so that a sheet of a million rows — some 300 MB of XML — is never whole in memory.
    private struct SheetSegments {
        static let segmentBytes = 1 << 20
        let effort: Deflate.Effort
        var bytes: [UInt8] = []
        var crc = CRC32()
        var size = 0

        mutating func add(_ xml: [UInt8], final: Bool) {
            crc.update(xml)
            size += xml.count
            bytes.append(contentsOf: Deflate.compress(xml.span, effort: effort, final: final))
        }
    }

    /// Segments for the sheet being written when parts are deflated, else nil (kept whole, stored).
    private var newSegments: SheetSegments? {
        if case .deflated(let effort) = method { return SheetSegments(effort: effort) }
        return nil
    }

    /// Hands a full segment of `xml` to `segments` and empties it (keeping its room).
    private static func flushSegment(_ xml: inout [UInt8], _ segments: inout SheetSegments?) {
        guard segments != nil, xml.count >= SheetSegments.segmentBytes else { return }
        segments!.add(xml, final: false)
        xml.removeAll(keepingCapacity: true)
    }

    /// The sheet, its last segment deflated too.
    private static func finished(_ name: String, _ xml: [UInt8], _ segments: SheetSegments?) -> Sheet {
        guard var segments else { return Sheet(name: name, xml: xml, deflated: nil) }
        segments.add(xml, final: true)
        return Sheet(name: name, xml: [], deflated: segments)
    }

    private let method: ZipWriter.Method
    private var sheets: [Sheet] = []
    private var strings: [String] = []
    /// The shared strings by their bytes (two texts that differ in any byte are two strings, as
    /// Excel keeps them), interned to their index in `strings`.
    private var stringTable = IdentifierTable()
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
        let width = max(header.count, rows.map(\.count).max() ?? 0)
        try checkSheet(name, rows: rows.count, width: width)
        for (index, row) in rows.enumerated() {
            for (column, cell) in row.enumerated() {
                if case .number(let value) = cell, !value.isFinite { throw .notFinite(sheet: name, row: index + 2, column: column) }
            }
        }
        let columnNames = Self.columnNames(width)
        var xml = Self.sheetStart(rows: rows.count, width: width, selected: sheets.isEmpty, columnNames: columnNames,
                                  widths: Self.columnWidths(header: header, rows: rows, width: width))
        var segments = newSegments
        appendRow(header.map { Cell.text($0) }, number: 1, style: 1, columnNames: columnNames, to: &xml)
        for (index, row) in rows.enumerated() {
            appendRow(row, number: index + 2, style: 0, columnNames: columnNames, to: &xml)
            Self.flushSegment(&xml, &segments)
        }
        xml.append(contentsOf: "</sheetData></worksheet>".utf8)
        sheets.append(Self.finished(name, xml, segments))
    }

    /// Adds a worksheet of text fields (rows of a CSV file, say): the fields of `numberColumns`
    /// that are plain decimals (``DecimalText`` would write them the same) become number cells,
    /// everything else text — ids and lottery numbers stay text whatever digits they hold.
    ///
    /// Text is written to the shared strings, except in `inlineColumns`, whose text is written in
    /// the cell itself (an inline string, as Apache POI's streaming writer writes every string):
    /// for columns whose values do not repeat, such as ids and lottery numbers, where a shared
    /// string would only add a look-up and an entry. Excel, WPS and LibreOffice read both alike.
    ///
    /// The fields are written straight into the sheet's XML, without a ``Cell`` per field: this is
    /// the path of results.xlsx, at tens of thousands of rows.
    public mutating func addSheet(named name: String, header: [String], fields rows: [[String]],
                                  numberColumns: Set<Int>, inlineColumns: Set<Int> = []) throws(WorkbookWriterError) {
        var width = header.count
        for row in rows where row.count > width { width = row.count }
        try addSheet(named: name, header: header, rows: rows.count, fields: { rows[$0] }, width: width,
                     numberColumns: numberColumns, inlineColumns: inlineColumns)
    }

    /// The same for `count` rows made as they are written (`fields(i)` is row `i`'s), none wider than
    /// `width`: a worksheet of a million students never holds all its fields at once. (A function, not a
    /// generic collection: called from another module, a generic one would go unspecialized, every row
    /// through the runtime's generic paths.)
    public mutating func addSheet(
        named name: String, header: [String], rows count: Int, fields row: (Int) -> [String], width: Int,
        numberColumns: Set<Int>, inlineColumns: Set<Int> = []
    ) throws(WorkbookWriterError) {
        precondition(width >= header.count)
        try checkSheet(name, rows: count, width: width)
        let columnNames = Self.columnNames(width)
        let sample = (0..<min(count, 1000)).map { row($0).map { Cell.text($0) } }
        var xml = Self.sheetStart(rows: count, width: width, selected: sheets.isEmpty, columnNames: columnNames,
                                  widths: Self.columnWidths(header: header, rows: sample, width: width))
        var segments = newSegments
        appendRow(header.map { Cell.text($0) }, number: 1, style: 1, columnNames: columnNames, to: &xml)
        // Per column: 0 shared string, 1 inline string, 2 number where the field is one.
        let kinds: [UInt8] = (0..<width).map { numberColumns.contains($0) ? 2 : inlineColumns.contains($0) ? 1 : 0 }
        // Every fixed piece of XML in one pool, each a range of it, so that the loop below copies
        // bytes and counts no references: the start of each cell's tag up to its row number
        // (`<c r="B`) per column, then the fragments around values.
        var pool: [UInt8] = []
        func piece(_ bytes: [UInt8]) -> Range<Int> {
            let start = pool.count
            pool.append(contentsOf: bytes)
            return start..<pool.count
        }
        let openings = columnNames.map { piece(Array("<c r=\"".utf8) + $0) }
        let rowOpen = piece(Array("<row r=\"".utf8)), tagEnd = piece(Array("\">".utf8)), rowClose = piece(Array("</row>".utf8))
        let numberOpen = piece(Array("\"><v>".utf8)), sharedOpen = piece(Array("\" t=\"s\"><v>".utf8))
        let valueClose = piece(Array("</v></c>".utf8))
        let inlineOpen = piece(Array("\" t=\"inlineStr\"><is><t>".utf8))
        let inlinePreserved = piece(Array("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8))
        let inlineClose = piece(Array("</t></is></c>".utf8))
        var digits: [UInt8] = []
        digits.reserveCapacity(8)
        pool.withUnsafeBufferPointer { pool in
            func put(_ range: Range<Int>) { xml.append(contentsOf: UnsafeBufferPointer(rebasing: pool[range])) }
            for index in 0..<count {
                let fields = row(index)
                precondition(fields.count <= width, "a row wider than its sheet")
                digits.removeAll(keepingCapacity: true)
                Self.appendNumber(index + 2, to: &digits)
                put(rowOpen)
                xml.append(contentsOf: digits)
                put(tagEnd)
                fields.withUnsafeBufferPointer { row in
                    for column in row.indices {
                        let kind = kinds[column]
                        // Straight from the field's UTF-8 (native strings are contiguous); a field that
                        // is not, or that needs more than copying, takes the general path.
                        let written = row[column].utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                            if bytes.isEmpty { return true }
                            switch kind {
                            case 2:
                                guard Self.isPlainWholeNumber(bytes) else { return false }
                                put(openings[column])
                                xml.append(contentsOf: digits)
                                put(numberOpen)
                                xml.append(contentsOf: bytes)
                                put(valueClose)
                            case 1:
                                guard Self.isPlainText(bytes) else { return false }
                                put(openings[column])
                                xml.append(contentsOf: digits)
                                put(Self.isSpace(bytes.first!) || Self.isSpace(bytes.last!) ? inlinePreserved : inlineOpen)
                                xml.append(contentsOf: bytes)
                                put(inlineClose)
                            default:
                                put(openings[column])
                                xml.append(contentsOf: digits)
                                put(sharedOpen)
                                stringReferences += 1
                                let (entry, inserted) = stringTable.insert(bytes.span)
                                if inserted { strings.append(row[column]) }
                                Self.appendNumber(Int(entry), to: &xml)
                                put(valueClose)
                            }
                            return true
                        }
                        if written == true { continue }
                        let field = row[column]
                        if field.isEmpty { continue }
                        put(openings[column])
                        xml.append(contentsOf: digits)
                        if kind == 2, let value = Self.plainDecimal(field) {
                            put(numberOpen)
                            if value == value.rounded(), abs(value) < 1e15 {
                                if value < 0 { xml.append(UInt8(ascii: "-")) }
                                Self.appendNumber(Int(abs(value)), to: &xml)
                            } else {
                                xml.append(contentsOf: (DecimalText.shortest(value) ?? "0").utf8)
                            }
                            put(valueClose)
                        } else if kind == 1 {
                            xml.append(contentsOf: "\" t=\"inlineStr\"><is>".utf8)
                            Self.appendTextElement(field, to: &xml)
                            xml.append(contentsOf: "</is></c>".utf8)
                        } else {
                            put(sharedOpen)
                            Self.appendNumber(sharedString(field), to: &xml)
                            put(valueClose)
                        }
                    }
                }
                put(rowClose)
                Self.flushSegment(&xml, &segments)
            }
        }
        xml.append(contentsOf: "</sheetData></worksheet>".utf8)
        sheets.append(Self.finished(name, xml, segments))
    }

    /// A field of ASCII digits without a leading zero, short enough to be a whole double exactly:
    /// its text is the number's, as ``appendRow`` writes it.
    static func isPlainWholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 15, bytes[0] != UInt8(ascii: "0") || bytes.count == 1 else { return false }
        for b in bytes where b < UInt8(ascii: "0") || b > UInt8(ascii: "9") { return false }
        return true
    }

    /// Text that goes into `<t>` as it is: nothing to escape for XML (`& < >`) or SpreadsheetML
    /// (control characters, `_`, and the lead byte of U+FFFE/U+FFFF) — ids and lottery numbers.
    static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes {
            if b < 0x20 && b != 0x09 && b != 0x0A { return false }
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0x5F, 0xEF: return false
            default: continue
            }
        }
        return true
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A }

    /// The name is Excel's and not yet used; the sheet fits in a worksheet.
    private func checkSheet(_ name: String, rows: Int, width: Int) throws(WorkbookWriterError) {
        try Self.checkName(name)
        let lowered = name.lowercased()
        if sheets.contains(where: { $0.name.lowercased() == lowered }) { throw .duplicateSheetName(name) }
        guard rows + 1 <= Self.maxRows, width <= Self.maxColumns else { throw .tooLarge(sheet: name) }
    }

    private static func columnNames(_ width: Int) -> [[UInt8]] {
        (0..<max(width, 1)).map { Array(WorkbookSheet.columnName($0).utf8) }
    }

    /// The worksheet's XML up to `<sheetData>`: dimension, frozen header row, column widths.
    private static func sheetStart(rows: Int, width: Int, selected: Bool, columnNames: [[UInt8]], widths: [Int]) -> [UInt8] {
        var xml: [UInt8] = []
        // About 36 bytes a cell (`<c r="B1234" t="s"><v>567</v></c>`), so the buffer seldom grows.
        xml.reserveCapacity(36 * (rows + 1) * max(width, 1) + 16 * (rows + 1) + 1024)
        xml.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.utf8)
        xml.append(contentsOf: #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#.utf8)
        if width > 0 {
            xml.append(contentsOf: "<dimension ref=\"A1:".utf8)
            xml.append(contentsOf: columnNames[width - 1])
            appendNumber(rows + 1, to: &xml)
            xml.append(contentsOf: "\"/>".utf8)
        }
        let tab = selected ? #" tabSelected="1""# : ""
        xml.append(contentsOf: #"<sheetViews><sheetView\#(tab) workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#.utf8)
        xml.append(contentsOf: #"<sheetFormatPr defaultRowHeight="15"/>"#.utf8)
        if width > 0 {
            xml.append(contentsOf: "<cols>".utf8)
            for (index, characters) in widths.enumerated() {
                xml.append(contentsOf: "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(characters)\" customWidth=\"1\"/>".utf8)
            }
            xml.append(contentsOf: "</cols>".utf8)
        }
        xml.append(contentsOf: "<sheetData>".utf8)
        return xml
    }

    /// The UTF-8 of `text`, in one copy where the string is stored contiguously (as native ones are).
    @inline(__always)
    static func appendUTF8(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// The value of `field` if it is a number written exactly as ``DecimalText`` writes it.
    static func plainDecimal(_ field: String) -> Double? {
        guard let value = DecimalText.parse(field), DecimalText.shortest(value) == field else { return nil }
        return value
    }

    /// The workbook's bytes.
    public consuming func workbook() throws(WorkbookWriterError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sheets.reduce(1 << 16) { $0 + $1.xml.count + ($1.deflated?.bytes.count ?? 0) })
        try write { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hands the workbook's bytes to `output` in order, a few parts or a deflated worksheet at a time,
    /// so that a worksheet of a million rows is written out as it is, never copied into one archive
    /// (``workbook()`` collects them). Throws only before handing anything over: with no sheet, or
    /// for an archive over zip's limits.
    public consuming func write(to output: ([UInt8]) -> Void) throws(WorkbookWriterError) {
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

        // Every part is known before the first byte is handed over, so an archive over 4 GiB is refused
        // here rather than part way: at most each part stored (zip stores a part that deflate would not
        // make smaller), with its local header and its record in the directory, and the end record.
        let partSizes = [types.utf8.count, packageRelationships.utf8.count, workbook.utf8.count, workbookRelationships.utf8.count,
                         styles.utf8.count, shared.count] + sheets.map { $0.deflated?.bytes.count ?? $0.xml.count }
        let largest = partSizes.reduce(22) { $0 + $1 + 2 * (46 + 64) }
        guard largest <= 0xFFFF_FFFE else { throw .archive(.tooLargeToWrite("an archive over 4 GiB")) }
        var zip = ZipWriter()
        // Room for the stored sheets' entries (the deflated ones are handed over as they are) and the small parts.
        let entries = sheets.reduce(shared.count + 4096) { $0 + $1.xml.count }
        zip.reserveCapacity(entries)
        do {
            try zip.add("[Content_Types].xml", Array(types.utf8), method: method)
            try zip.add("_rels/.rels", Array(packageRelationships.utf8), method: method)
            try zip.add("xl/workbook.xml", Array(workbook.utf8), method: method)
            try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships.utf8), method: method)
            try zip.add("xl/styles.xml", Array(styles.utf8), method: method)
            // Each sheet let go once it is in the archive.
            for index in sheets.indices {
                let sheet = sheets[index]
                sheets[index] = Sheet(name: sheet.name, xml: [], deflated: nil)
                let name = "xl/worksheets/sheet\(index + 1).xml"
                if let deflated = sheet.deflated {
                    try zip.add(name, deflated: deflated.bytes, crc: deflated.crc.value, size: deflated.size, handingTo: output)
                } else {
                    try zip.add(name, sheet.xml, method: method)
                }
            }
            try zip.add("xl/sharedStrings.xml", shared, method: method)
            output(try zip.finish())
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
        var text = text
        let (index, inserted) = text.withUTF8 { stringTable.insert($0.span) }
        if inserted { strings.append(text) }
        return Int(index)
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
        var text = escaped
        let plain = text.withUTF8 { bytes in
            !bytes.contains { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
        }
        if plain {
            appendUTF8(text, to: &out)
            out.append(contentsOf: "</t>".utf8)
            return
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

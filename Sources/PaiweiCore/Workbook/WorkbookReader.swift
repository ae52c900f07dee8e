/// Reads the first worksheet of an Excel workbook (.xlsx, SpreadsheetML in an OPC zip package) as
/// text cells, per SPEC §2 "Workbooks".
///
/// Which sheet: the package's office-document relationship gives the workbook part; the first
/// `<sheet>` of workbook.xml whose relationship is a worksheet (chart sheets are skipped; a hidden
/// sheet is not) gives the worksheet part. Shared strings and styles come from the workbook's
/// relationships too, with the usual part names as the fallback.
///
/// A cell's text is its stored value, whatever its number format shows:
/// - a shared string (`t="s"`, rich-text runs joined, phonetic guides left out), an inline string
///   (`t="inlineStr"`), a formula's string result (`t="str"`): the text as written, with
///   SpreadsheetML's `_xHHHH_` escapes decoded (Excel writes a carriage return as `_x000D_`);
/// - a number: the shortest decimal that reads back to the same double, without exponent, whole
///   numbers without `.0` (``DecimalText``) — 85.5 even where the format shows 85.50;
/// - a number under a date format (``ExcelNumberFormat``): `YYYY-MM-DD` in the workbook's date
///   system (``ExcelDate``); a time-of-day format, or a date with a time, is a problem;
/// - a date cell (`t="d"`, ISO 8601): its date, refused if it has a time of day;
/// - a boolean (`t="b"`): `yes` or `no`;
/// - a formula: its cached value as above; one saved without a value is a problem;
/// - an error (`t="e"`, `#N/A` …): a problem.
/// A cell without a reference follows the one before it; a row without a number follows the row
/// before it.
///
/// Problems with a cell are collected, not thrown (see ``WorkbookSheet/problems``), so that
/// ``WorkbookSheet/table(readingOnly:)`` can report them all located by header name; problems
/// with the workbook as a whole are thrown at once as one ``InputProblem`` with no line.
///
/// - Complexity: O(size of the parts read): inflating, then one pass of the XML scanner over
///   each of workbook.xml, its relationships, styles, shared strings and the worksheet. Memory is
///   the decompressed parts plus the cells.
public enum WorkbookReader {
    /// Bounds that keep a hostile or broken workbook from exhausting memory.
    public struct Limits: Sendable, Hashable {
        /// The largest decompressed part (the worksheet, the shared strings).
        public var partBytes: Int
        /// The most cells of the first worksheet, counting empty cells between values.
        public var cells: Int

        public init(partBytes: Int = 1 << 29, cells: Int = 1 << 25) {
            self.partBytes = partBytes
            self.cells = cells
        }
    }

    /// The first worksheet of the workbook in `bytes`; `file` is its name in messages.
    public static func firstSheet(_ bytes: [UInt8], file: String, limits: Limits = Limits()) throws(InputProblems) -> WorkbookSheet {
        do {
            return try WorkbookPackage(bytes, limits: limits).sheet(at: 0, file: file)
        } catch {
            throw InputProblems([InputProblem(file: file, line: nil, column: "", message: Message(error.english, error.chinese))])
        }
    }

    /// The worksheet at `index` in workbook order (0 is the first): for tests of workbooks with
    /// several sheets, such as the writer's.
    static func worksheet(at index: Int, of bytes: [UInt8], file: String) throws(InputProblems) -> WorkbookSheet {
        do {
            return try WorkbookPackage(bytes, limits: Limits()).sheet(at: index, file: file)
        } catch {
            throw InputProblems([InputProblem(file: file, line: nil, column: "", message: Message(error.english, error.chinese))])
        }
    }

    /// The first worksheet as a CSV table (see ``WorkbookSheet/table(readingOnly:)``).
    public static func table(_ bytes: [UInt8], file: String, readingOnly columns: Set<String>? = nil,
                             limits: Limits = Limits()) throws(InputProblems) -> CSVTable {
        try firstSheet(bytes, file: file, limits: limits).table(readingOnly: columns)
    }
}

/// The parts of a workbook package that reading the first sheet needs.
private struct WorkbookPackage {
    let archive: ZipArchive
    let limits: WorkbookReader.Limits

    init(_ bytes: [UInt8], limits: WorkbookReader.Limits) throws(WorkbookProblem) {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .encryptedOrLegacy }
        do {
            archive = try ZipArchive(bytes)
        } catch {
            throw .unreadable(error)
        }
        self.limits = limits
    }

    func part(_ name: String) throws(WorkbookProblem) -> [UInt8]? {
        do {
            return try archive.contents(named: name, limit: limits.partBytes)
        } catch {
            throw .unreadable(error)
        }
    }

    func sheet(at index: Int, file: String) throws(WorkbookProblem) -> WorkbookSheet {
        let workbookPath = try relationships(of: "")
            .first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard let workbookXML = try part(workbookPath) else { throw .missingPart(workbookPath) }
        let workbook = try parse(workbookPath, workbookXML) { scanner throws(XMLError) in try WorkbookPart(&scanner) }
        let related = try relationships(of: workbookPath)
        let byID = Dictionary(related.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let worksheets = workbook.sheets.compactMap { sheet -> (String, String)? in
            guard let relation = byID[sheet.relationship], relation.type.hasSuffix("/worksheet") else { return nil }
            return (sheet.name, relation.target)
        }
        guard index < worksheets.count else { throw .noWorksheet }
        let (sheetName, sheetPath) = worksheets[index]

        let folder = Self.folder(of: workbookPath)
        let sharedStringsPath = related.first { $0.type.hasSuffix("/sharedStrings") }?.target ?? folder + "sharedStrings.xml"
        let stylesPath = related.first { $0.type.hasSuffix("/styles") }?.target ?? folder + "styles.xml"
        var sharedStrings: [String] = []
        if let bytes = try part(sharedStringsPath) {
            sharedStrings = try parse(sharedStringsPath, bytes) { scanner throws(XMLError) in try WorkbookText.readSharedStrings(&scanner) }
        }
        var formats: [ExcelNumberFormat] = []
        if let bytes = try part(stylesPath) {
            formats = try parse(stylesPath, bytes) { scanner throws(XMLError) in try Self.readStyles(&scanner) }
        }
        guard let sheetXML = try part(sheetPath) else { throw .missingPart(sheetPath) }
        var reader = WorksheetReader(sharedStrings: sharedStrings, formats: formats, date1904: workbook.date1904, cellLimit: limits.cells)
        try parse(sheetPath, sheetXML) { scanner throws(XMLError) in try reader.read(&scanner) }
        if reader.overLimit { throw .tooManyCells(limit: limits.cells) }
        return WorkbookSheet(file: file, name: sheetName, rows: reader.rows, problems: reader.problems)
    }

    /// Runs `body` on a scanner over `bytes`, reporting malformed XML as a problem of part `name`.
    func parse<T>(_ name: String, _ bytes: [UInt8], _ body: (inout XMLScanner) throws(XMLError) -> T) throws(WorkbookProblem) -> T {
        do {
            var scanner = try XMLScanner(bytes)
            return try body(&scanner)
        } catch {
            throw .malformedPart(name, error)
        }
    }

    // MARK: Relationships

    struct Relationship {
        let id: String
        let type: String
        /// The target as a part name (resolved against the source part's folder, no leading `/`).
        let target: String
    }

    /// The relationships of part `source` ("" for the package), from `_rels/NAME.rels` beside it.
    func relationships(of source: String) throws(WorkbookProblem) -> [Relationship] {
        let folder = Self.folder(of: source)
        let file = source.split(separator: "/").last.map(String.init) ?? ""
        let path = folder + "_rels/" + file + ".rels"
        guard let bytes = try part(path) else { return [] }
        return try parse(path, bytes) { scanner throws(XMLError) in
            var found: [Relationship] = []
            while true {
                let event = try scanner.next()
                if event == .endOfDocument { break }
                guard event == .start, scanner.isNamed("Relationship") else { continue }
                if try scanner.attribute("TargetMode") == "External" { continue }
                guard let id = try scanner.attribute("Id"), let target = try scanner.attribute("Target") else { continue }
                let type = try scanner.attribute("Type") ?? ""
                found.append(Relationship(id: id, type: type, target: Self.resolve(target, in: folder)))
            }
            return found
        }
    }

    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// `target` as a part name: absolute (`/xl/…`) or relative to `folder`, with `.` and `..` resolved.
    static func resolve(_ target: String, in folder: String) -> String {
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
        var parts: [Substring] = []
        for piece in path.split(separator: "/", omittingEmptySubsequences: true) {
            if piece == "." { continue }
            if piece == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }

    // MARK: workbook.xml

    struct WorkbookPart {
        struct Sheet {
            let name: String
            let relationship: String
        }

        var sheets: [Sheet] = []
        var date1904 = false

        init(_ scanner: inout XMLScanner) throws(XMLError) {
            while true {
                let event = try scanner.next()
                if event == .endOfDocument { break }
                guard event == .start else { continue }
                if scanner.isNamed("workbookPr") {
                    let value = try scanner.attribute("date1904")
                    date1904 = value == "1" || value == "true"
                } else if scanner.isNamed("sheet") {
                    // r:id, in the relationships namespace whatever its prefix.
                    if let id = try scanner.attribute("id") {
                        sheets.append(Sheet(name: try scanner.attribute("name") ?? "", relationship: id))
                    }
                }
            }
        }
    }

    // MARK: styles.xml

    /// The kind of number format of each cell format (`cellXfs`), by index.
    static func readStyles(_ scanner: inout XMLScanner) throws(XMLError) -> [ExcelNumberFormat] {
        var custom: [Int: ExcelNumberFormat] = [:]
        var formatIDs: [Int] = []
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            guard event == .start else { continue }
            if scanner.isNamed("numFmt") {
                if let id = try scanner.attribute("numFmtId").flatMap({ Int($0) }), let code = try scanner.attribute("formatCode") {
                    custom[id] = ExcelNumberFormat.classify(code: code)
                }
            } else if scanner.isNamed("cellXfs") {
                let depth = scanner.depth
                while true {
                    let inner = try scanner.next()
                    if inner == .endOfDocument || inner == .end && scanner.depth < depth { break }
                    if inner == .start && scanner.isNamed("xf") {
                        formatIDs.append(try scanner.attribute("numFmtId").flatMap { Int($0) } ?? 0)
                        try scanner.skipElement()
                    }
                }
            } else if scanner.isNamed("cellStyleXfs") || scanner.isNamed("dxfs") || scanner.isNamed("extLst") {
                try scanner.skipElement()
            }
        }
        // A format the workbook defines overrides the built-in one of the same id.
        return formatIDs.map { custom[$0] ?? ExcelNumberFormat.builtIn($0) }
    }
}

/// The text of string items: shared strings (`<si>`) and inline strings (`<is>`).
enum WorkbookText {
    /// The items of sharedStrings.xml, in order (a cell's `<v>` is an index into them).
    static func readSharedStrings(_ scanner: inout XMLScanner) throws(XMLError) -> [String] {
        var strings: [String] = []
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            if event == .start && scanner.isNamed("si") {
                strings.append(try readStringItem(&scanner))
            }
        }
        return strings
    }

    /// The text of an `<si>` or `<is>` whose start tag was just read: its `<t>`, or the `<t>` of
    /// each rich-text run `<r>`, joined; phonetic runs (`<rPh>`) are furigana, not the text.
    static func readStringItem(_ scanner: inout XMLScanner) throws(XMLError) -> String {
        var text = ""
        let depth = scanner.depth
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            if event == .end && scanner.depth < depth { break }
            guard event == .start else { continue }
            if scanner.isNamed("rPh") || scanner.isNamed("rPr") || scanner.isNamed("phoneticPr") {
                try scanner.skipElement()
            } else if scanner.isNamed("t") {
                text += try readText(&scanner)
            }
        }
        return SpreadsheetEscapes.decode(text)
    }

    /// The text inside the element whose start tag was just read, up to its end tag.
    static func readText(_ scanner: inout XMLScanner) throws(XMLError) -> String {
        var text = ""
        let depth = scanner.depth
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            if event == .text {
                text += try scanner.text()
            } else if event == .end && scanner.depth < depth {
                break
            } else if event == .start {
                try scanner.skipElement()
            }
        }
        return text
    }
}

/// SpreadsheetML's escape for characters XML cannot hold (ECMA-376 Part 1 §22.9.2.19, ST_Xstring):
/// `_xHHHH_` is the UTF-16 code unit HHHH, and `_x005F_` an underscore, so that `_x005F_x0041_`
/// is the literal text `_x0041_`.
enum SpreadsheetEscapes {
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let units = Array(text.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var i = 0
        while i < units.count {
            if let unit = escape(units, at: i) {
                out.append(unit)
                i += 7
            } else {
                out.append(units[i])
                i += 1
            }
        }
        // Escaped surrogates pair up as UTF-16 does; a lone one is kept as its escape text.
        var result = ""
        var k = 0
        while k < out.count {
            let unit = out[k]
            if UTF16.isLeadSurrogate(unit), k + 1 < out.count, UTF16.isTrailSurrogate(out[k + 1]) {
                result.unicodeScalars.append(Unicode.Scalar(UTF16.decode(UTF16.EncodedScalar([unit, out[k + 1]]))))
                k += 2
            } else if let scalar = Unicode.Scalar(unit) {
                result.unicodeScalars.append(scalar)
                k += 1
            } else {
                result += "_x" + String(unit, radix: 16, uppercase: true) + "_"
                k += 1
            }
        }
        return result
    }

    /// The code unit of an escape starting at `i`, if one does.
    private static func escape(_ units: [UInt16], at i: Int) -> UInt16? {
        guard i + 7 <= units.count, units[i] == 0x5F, units[i + 1] == 0x78, units[i + 6] == 0x5F else { return nil }
        var value: UInt16 = 0
        for k in 2..<6 {
            let u = units[i + k]
            let digit: UInt16
            switch u {
            case 0x30...0x39: digit = u - 0x30
            case 0x41...0x46: digit = u - 0x41 + 10
            case 0x61...0x66: digit = u - 0x61 + 10
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Escapes text for writing: characters XML 1.0 cannot hold, and CR (which XML turns into LF),
    /// become `_xHHHH_`; an underscore that would start something read as an escape becomes `_x005F_`.
    static func encode(_ text: String) -> String {
        // Most text needs nothing: one pass over the bytes says so (all bytes of the characters
        // concerned are below 0x20, 0x5F, or the UTF-8 of U+FFFE/U+FFFF, EF BF BE/BF).
        var needed = false
        for b in text.utf8 where b < 0x20 && b != 0x09 && b != 0x0A || b == 0x5F || b == 0xEF {
            needed = true
            break
        }
        guard needed else { return text }
        let units = Array(text.utf16)
        var out = ""
        var i = 0
        while i < units.count {
            let unit = units[i]
            if unit < 0x20 && unit != 0x09 && unit != 0x0A || unit == 0xFFFE || unit == 0xFFFF {
                out += "_x" + hex4(unit) + "_"
            } else if unit == 0x5F && escape(units, at: i) != nil {
                out += "_x005F_"
            } else if UTF16.isLeadSurrogate(unit), i + 1 < units.count {
                out.unicodeScalars.append(Unicode.Scalar(UTF16.decode(UTF16.EncodedScalar([unit, units[i + 1]]))))
                i += 1
            } else if let scalar = Unicode.Scalar(unit) {
                out.unicodeScalars.append(scalar)
            }
            i += 1
        }
        return out
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

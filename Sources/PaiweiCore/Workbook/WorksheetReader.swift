/// Reads a worksheet part (`xl/worksheets/sheetN.xml`) into text rows, converting each cell's
/// stored value as ``WorkbookReader`` describes and collecting the cells that have none.
///
/// Only `<sheetData>` is read; every other child of `<worksheet>` (views, column widths, merged
/// cells, conditional formats …) is skipped unread. Past ``cellLimit`` cells nothing more is kept
/// and ``overLimit`` is set (the scan still ends, bounded by the part's size).
///
/// - Complexity: O(part size); per cell a few attribute lookups and one string.
struct WorksheetReader {
    let sharedStrings: [String]
    let formats: [ExcelNumberFormat]
    let date1904: Bool
    let cellLimit: Int

    private(set) var rows: [WorkbookSheet.Row] = []
    private(set) var problems: [WorkbookSheet.CellProblem] = []
    private(set) var overLimit = false
    private var cellCount = 0
    private var previousRow = 0

    init(sharedStrings: [String], formats: [ExcelNumberFormat], date1904: Bool, cellLimit: Int) {
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.date1904 = date1904
        self.cellLimit = cellLimit
    }

    static let maxRow = 1_048_576
    static let maxColumn = 16_384

    mutating func read(_ scanner: inout XMLScanner) throws(XMLError) {
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { return }
            guard event == .start else { continue }
            if scanner.isNamed("sheetData") {
                try readSheetData(&scanner)
            } else if scanner.depth > 1 {
                try scanner.skipElement()
            }
        }
    }

    private mutating func readSheetData(_ scanner: inout XMLScanner) throws(XMLError) {
        let depth = scanner.depth
        while true {
            let event = try scanner.next()
            if event == .endOfDocument || event == .end && scanner.depth < depth { return }
            guard event == .start else { continue }
            if scanner.isNamed("row") {
                try readRow(&scanner)
            } else {
                try scanner.skipElement()
            }
        }
    }

    private mutating func readRow(_ scanner: inout XMLScanner) throws(XMLError) {
        var number = previousRow + 1
        if let text = try scanner.attribute("r") {
            if let value = Int(text), value >= 1, value <= Self.maxRow {
                number = value
            } else {
                problems.append(.init(row: number, column: nil, problem: .badRowNumber(text)))
            }
        }
        if number <= previousRow {
            problems.append(.init(row: number, column: nil, problem: .rowOutOfOrder(row: number, previous: previousRow)))
        }
        previousRow = max(previousRow, number)

        var cells: [String] = []
        var lastColumn = -1
        var hasText = false
        var hasProblem = false
        let depth = scanner.depth
        while true {
            let event = try scanner.next()
            if event == .endOfDocument || event == .end && scanner.depth < depth { break }
            guard event == .start else { continue }
            guard scanner.isNamed("c") else {
                try scanner.skipElement()
                continue
            }
            var column = lastColumn + 1
            if let reference = try scanner.attribute("r") {
                if let parsed = Self.column(of: reference), parsed > lastColumn {
                    column = parsed
                } else {
                    problems.append(.init(row: number, column: nil, problem: .badCellReference(reference)))
                    hasProblem = true
                }
            }
            guard column < Self.maxColumn else {
                problems.append(.init(row: number, column: nil, problem: .badCellReference(try scanner.attribute("r") ?? "")))
                hasProblem = true
                try scanner.skipElement()
                continue
            }
            lastColumn = column
            let value = try readCell(&scanner)
            switch value {
            case .success(let text):
                if text.isEmpty { continue }
                if !text.trimmingWhitespace.isEmpty { hasText = true }
                store(text, at: column, in: &cells)
            case .failure(let problem):
                problems.append(.init(row: number, column: column, problem: problem))
                hasProblem = true
                store("", at: column, in: &cells)
            }
        }
        if hasText || hasProblem {
            rows.append(WorkbookSheet.Row(number: number, cells: cells))
        }
    }

    private mutating func store(_ text: String, at column: Int, in cells: inout [String]) {
        let added = column + 1 - cells.count
        cellCount += added
        if cellCount > cellLimit {
            overLimit = true
            return
        }
        if added > 1 { cells.append(contentsOf: repeatElement("", count: added - 1)) }
        cells.append(text)
    }

    /// The text of the `<c>` whose start tag was just read, reading on to its end tag.
    private func readCell(_ scanner: inout XMLScanner) throws(XMLError) -> Result<String, WorkbookProblem> {
        let type = try scanner.attribute("t") ?? "n"
        let style = try scanner.attribute("s").flatMap { Int($0) } ?? 0
        var value: String?
        var inline: String?
        var hasFormula = false
        let depth = scanner.depth
        while true {
            let event = try scanner.next()
            if event == .endOfDocument || event == .end && scanner.depth < depth { break }
            guard event == .start else { continue }
            if scanner.isNamed("v") {
                value = try WorkbookText.readText(&scanner)
            } else if scanner.isNamed("is") {
                inline = try WorkbookText.readStringItem(&scanner)
            } else {
                if scanner.isNamed("f") { hasFormula = true }
                try scanner.skipElement()
            }
        }
        if type == "inlineStr" {
            return .success(inline ?? value.map(SpreadsheetEscapes.decode) ?? "")
        }
        // An empty `<v/>` is no value for anything but a string (a formula may give "").
        guard let value, !value.isEmpty || type == "str" else {
            return hasFormula ? .failure(.formulaWithoutValue) : .success("")
        }
        switch type {
        case "n":
            return number(value, style: style)
        case "s":
            guard let index = Int(value), index >= 0, index < sharedStrings.count else {
                return .failure(.missingSharedString(Int(value) ?? -1))
            }
            return .success(sharedStrings[index])
        case "str":
            return .success(SpreadsheetEscapes.decode(value))
        case "b":
            switch value {
            case "1", "true": return .success("yes")
            case "0", "false": return .success("no")
            default: return .failure(.badBoolean(value))
            }
        case "e":
            return .failure(.errorValue(value))
        case "d":
            return Self.isoDate(value)
        default:
            return .failure(.unknownCellType(type))
        }
    }

    private func number(_ text: String, style: Int) -> Result<String, WorkbookProblem> {
        let format = style >= 0 && style < formats.count ? formats[style] : .number
        // The common case, a plain integer of up to 15 digits, is already its shortest decimal.
        if format == .number, Self.isPlainInteger(text) { return .success(text) }
        guard let number = DecimalText.parse(text) else { return .failure(.badNumber(text)) }
        switch format {
        case .number:
            guard let decimal = DecimalText.shortest(number) else { return .failure(.badNumber(text)) }
            return .success(decimal)
        case .time:
            return .failure(.timeOfDay)
        case .date, .dateTime:
            switch ExcelDate.text(serial: number, date1904: date1904) {
            case .success(let date): return .success(date)
            case .failure(.timeOfDay): return .failure(.timeOfDay)
            case .failure(.outOfRange): return .failure(.dateOutOfRange(DecimalText.shortest(number) ?? text))
            }
        }
    }

    static func isPlainInteger(_ text: String) -> Bool {
        let utf8 = text.utf8
        var digits = 0
        var first: UInt8 = 0
        for (index, b) in utf8.enumerated() {
            if index == 0 && b == UInt8(ascii: "-") && utf8.count > 1 { continue }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return false }
            if digits == 0 { first = b }
            digits += 1
        }
        // "0" yes; "-0", "007" and 16-digit numbers (which may not be exact doubles) no.
        return digits > 0 && digits <= 15 && (first != UInt8(ascii: "0") || text == "0")
    }

    /// An ISO 8601 date cell: `YYYY-MM-DD`, optionally with a time that must be midnight.
    static func isoDate(_ text: String) -> Result<String, WorkbookProblem> {
        let utf8 = Array(text.utf8)
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        guard utf8.count >= 10, utf8[0..<4].allSatisfy(isDigit), utf8[4] == UInt8(ascii: "-"),
              utf8[5..<7].allSatisfy(isDigit), utf8[7] == UInt8(ascii: "-"), utf8[8..<10].allSatisfy(isDigit)
        else { return .failure(.badDate(text)) }
        if utf8.count > 10 {
            guard utf8[10] == UInt8(ascii: "T") else { return .failure(.badDate(text)) }
            // The clock part, up to a zone designator, must be all zeros.
            for b in utf8[11...] {
                if b == UInt8(ascii: "Z") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { break }
                if b == UInt8(ascii: "0") || b == UInt8(ascii: ":") || b == UInt8(ascii: ".") { continue }
                if isDigit(b) { return .failure(.timeOfDay) }
                return .failure(.badDate(text))
            }
        }
        return .success(String(decoding: utf8[0..<10], as: UTF8.self))
    }

    /// The 0-based column of a reference such as `B7` (letters, then a row number), or nil.
    static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        var digits = 0
        for b in reference.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(b - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(b - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "$") where digits == 0:
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                digits += 1
            default:
                return nil
            }
            if letters > 3 { return nil }
        }
        guard letters > 0, digits > 0, column <= maxColumn else { return nil }
        return column - 1
    }
}

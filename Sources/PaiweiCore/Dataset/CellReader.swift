/// A column of a dataset file, resolved by name once per file.
package struct Column: Sendable {
    package let name: String
    /// Its position in the header; nil when the file has no such column (every cell then empty).
    package let index: Int?

    package init(_ name: String, in reader: DataTableReader) {
        self.name = name
        self.index = reader.column(name)
    }
}

/// Reads typed cells out of one record by column, straight from the record's bytes, applying the
/// defaults of SPEC §2 to empty cells and recording a located problem for every cell that does not parse.
package struct CellReader: Sendable {
    package let file: String

    package init(file: String) {
        self.file = file
    }

    /// Records a problem for each required column the header lacks; false if any is missing.
    package func requireColumns(_ columns: [Column], in reader: DataTableReader, into problems: inout ProblemList) -> Bool {
        for column in columns where column.index == nil {
            problems.add(file, reader.headerLine, column.name, Message("required column is missing from the header", "表头中缺少此必需列"))
        }
        return columns.allSatisfy { $0.index != nil }
    }

    package func isEmpty(_ record: CSVRecord, _ column: Column) -> Bool {
        guard let index = column.index else { return true }
        return record.isEmpty(index)
    }

    package func range(_ record: CSVRecord, _ column: Column) -> Range<Int> {
        guard let index = column.index else { return 0..<0 }
        return record.cell(index)
    }

    package func text(_ record: CSVRecord, _ column: Column) -> String {
        guard let index = column.index else { return "" }
        return record.text(index)
    }

    package func identifier(_ record: CSVRecord, _ column: Column) -> Identifier {
        guard let index = column.index else { return "" }
        return Identifier(span: record.bytes.span.extracting(record.cell(index)))
    }

    package func required(_ record: CSVRecord, _ column: Column, _ problems: inout ProblemList) {
        problems.add(file, record.line, column.name, Message("a value is required", "此项必填"))
    }

    package func int(_ record: CSVRecord, _ column: Column, default value: Int?, minimum: Int? = nil,
             _ problems: inout ProblemList) -> Int? {
        let range = range(record, column)
        if range.isEmpty {
            if value == nil { required(record, column, &problems) }
            return value
        }
        guard let parsed = CellSyntax.wholeNumber(record.bytes.span.extracting(range)) else {
            let cell = text(record, column)
            // Digits alone that do not fit are a whole number, only too large: say so.
            let digits = cell.utf8.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
            if !digits.isEmpty && digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                problems.add(file, record.line, column.name, Message("'\(cell)' is too large a number (at most \(NumberText.grouped(Int.max)))",
                                                                     "“\(cell)”数值过大（最大为 \(NumberText.grouped(Int.max))）"))
            } else {
                problems.add(file, record.line, column.name, Message("'\(cell)' is not a whole number", "“\(cell)”不是整数"))
            }
            return nil
        }
        if let minimum, parsed < minimum {
            problems.add(file, record.line, column.name, Message("\(parsed) is below the minimum \(minimum)", "\(parsed) 小于最小值 \(minimum)"))
            return nil
        }
        return parsed
    }

    package func bool(_ record: CSVRecord, _ column: Column, default value: Bool, _ problems: inout ProblemList) -> Bool {
        let range = range(record, column)
        if range.isEmpty { return value }
        if let parsed = CellSyntax.boolean(record.bytes.span.extracting(range)) { return parsed }
        let cell = text(record, column)
        problems.add(file, record.line, column.name, Message("'\(cell)' is not a boolean (use yes or no)", "“\(cell)”不是是否值（请填 yes 或 no）"))
        return value
    }

    package func date(_ record: CSVRecord, _ column: Column, _ problems: inout ProblemList) -> CalendarDate? {
        let range = range(record, column)
        if range.isEmpty { return nil }
        if let date = CalendarDate(bytes: record.bytes.span.extracting(range)) { return date }
        let cell = text(record, column)
        problems.add(file, record.line, column.name, Message("'\(cell)' is not a date (write YYYY-MM-DD)", "“\(cell)”不是日期（请写成 YYYY-MM-DD）"))
        return nil
    }

    /// Points (SPEC §2: `DIGITS`, `DIGITS.D` or `DIGITS.DD`), exactly; an empty cell is 0.
    package func points(_ record: CSVRecord, _ column: Column, _ problems: inout ProblemList) -> Points {
        let range = range(record, column)
        if range.isEmpty { return .zero }
        switch Points.parse(record.bytes[range]) {
        case .success(let points):
            return points
        case .failure(.malformed):
            let cell = text(record, column)
            problems.add(file, record.line, column.name, Message(
                "'\(cell)' is not a number of points (write digits with at most two decimals, such as 85 or 85.5; no sign, exponent or thousands separator)",
                "“\(cell)”不是有效的积分（请写数字，最多两位小数，如 85 或 85.5；不带正负号、指数或千位分隔符）"))
        case .failure(.tooLarge):
            let cell = text(record, column)
            problems.add(file, record.line, column.name, Message(
                "'\(cell)' points exceed the largest accepted, \(Points.maximum)",
                "积分“\(cell)”超过允许的最大值 \(Points.maximum)"))
        }
        return .zero
    }

    package func enumeration<Value: RawRepresentable & CaseIterable>(_ record: CSVRecord, _ column: Column, default value: Value?,
                                                            _ problems: inout ProblemList) -> Value?
    where Value.RawValue == String {
        let range = range(record, column)
        if range.isEmpty {
            if value == nil { required(record, column, &problems) }
            return value
        }
        if let parsed = CellSyntax.keyword(record.bytes.span.extracting(range), Value.self) { return parsed }
        notOneOf(text(record, column), Value.allCases.map(\.rawValue), record, column, &problems)
        return nil
    }

    /// As the generic one, matching the cell against the type's table of keywords.
    package func enumeration<Value: CellKeyword>(_ record: CSVRecord, _ column: Column, default value: Value?,
                                                 _ problems: inout ProblemList) -> Value? {
        let range = range(record, column)
        if range.isEmpty {
            if value == nil { required(record, column, &problems) }
            return value
        }
        if let parsed = Value.keywords.match(record.bytes.span.extracting(range)) { return parsed }
        notOneOf(text(record, column), Value.allCases.map(\.rawValue), record, column, &problems)
        return nil
    }

    package func notOneOf(_ cell: String, _ allowed: [String], _ record: CSVRecord, _ column: Column, _ problems: inout ProblemList) {
        problems.add(file, record.line, column.name, Message("'\(cell)' is not one of: \(allowed.joined(separator: ", "))",
                                                             "“\(cell)”不是以下之一：\(allowed.joined(separator: "、"))"))
    }

    /// The `;`-separated items of a list cell, each trimmed like a cell; empty items are dropped.
    package func listItems(_ record: CSVRecord, _ column: Column) -> [Range<Int>] {
        var items: [Range<Int>] = []
        listItems(record, column) { items.append($0) }
        return items
    }

    /// Calls `body` with each `;`-separated item of a list cell, trimmed like a cell; empty items are
    /// skipped. (No array per cell.)
    @inline(__always)
    package func listItems(_ record: CSVRecord, _ column: Column, _ body: (Range<Int>) -> Void) {
        let range = range(record, column)
        if range.isEmpty { return }
        record.bytes.withUnsafeBufferPointer { bytes in
            var start = range.lowerBound
            for i in range where bytes[i] == UInt8(ascii: ";") {
                let item = UnicodeWhitespace.trimmed(bytes, start..<i)
                if !item.isEmpty { body(item) }
                start = i + 1
            }
            let last = UnicodeWhitespace.trimmed(bytes, start..<range.upperBound)
            if !last.isEmpty { body(last) }
        }
    }

    /// Both `lat` and `lon`, or neither; each a decimal within its range.
    package func coordinate(_ record: CSVRecord, latitude: Column, longitude: Column, _ problems: inout ProblemList) -> Coordinate? {
        let latRange = range(record, latitude), lonRange = range(record, longitude)
        if latRange.isEmpty && lonRange.isEmpty { return nil }
        let lat = degrees(record, latRange, latitude, 90, &problems)
        let lon = degrees(record, lonRange, longitude, 180, &problems)
        guard let lat, let lon else { return nil }
        return Coordinate(latitude: lat, longitude: lon)
    }

    /// One coordinate of ``coordinate(_:latitude:longitude:_:)``: nil, with the problem, unless a decimal
    /// within ±`limit`.
    private func degrees(_ record: CSVRecord, _ range: Range<Int>, _ column: Column, _ limit: Double, _ problems: inout ProblemList) -> Double? {
        if range.isEmpty {
            problems.add(file, record.line, column.name, Message("missing while the other coordinate is given", "另一个坐标已填写，此坐标却为空"))
            return nil
        }
        guard let value = CellSyntax.decimal(record.bytes.span.extracting(range)) else {
            let cell = text(record, column)
            problems.add(file, record.line, column.name, Message("'\(cell)' is not a decimal number of degrees", "“\(cell)”不是以度为单位的十进制数"))
            return nil
        }
        guard abs(value) <= limit else {
            let cell = text(record, column)
            problems.add(file, record.line, column.name, Message("\(cell) is outside −\(Int(limit))…\(Int(limit)) degrees", "\(cell) 超出 −\(Int(limit))…\(Int(limit)) 度的范围"))
            return nil
        }
        return value
    }
}

/// The syntax of typed cells, on bytes (SPEC §2).
enum CellSyntax {
    /// An optional sign, then ASCII digits; nil on anything else or on overflow.
    static func wholeNumber(_ bytes: Span<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < n else { return nil }
        var value = 0
        while i < n {
            let digit = Int(bytes[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !o1 && !o2 else { return nil }
            value = sum
            i += 1
        }
        return value
    }

    /// `yes`/`no`, `true`/`false`, `1`/`0`, in any ASCII case.
    static func boolean(_ bytes: Span<UInt8>) -> Bool? {
        bytes.withUnsafeBufferPointer { u -> Bool? in
            // `b | 0x20` is the lower case of an ASCII letter, and equals one only for that letter in
            // either case.
            func letters(_ word: StaticString) -> Bool {
                word.withUTF8Buffer { w in
                    for i in 0..<w.count where u[i] | 0x20 != w[i] { return false }
                    return true
                }
            }
            switch u.count {
            case 1: return u[0] == UInt8(ascii: "1") ? true : u[0] == UInt8(ascii: "0") ? false : nil
            case 2: return letters("no") ? false : nil
            case 3: return letters("yes") ? true : nil
            case 4: return letters("true") ? true : nil
            case 5: return letters("false") ? false : nil
            default: return nil
            }
        }
    }

    /// The case whose raw value has exactly these bytes.
    static func keyword<Value: RawRepresentable & CaseIterable>(_ bytes: Span<UInt8>, _ type: Value.Type) -> Value?
    where Value.RawValue == String {
        Value.allCases.first { value in
            var raw = value.rawValue
            return raw.withUTF8 { Identifier.equal(bytes, $0) }
        }
    }

    /// A decimal number (digits, one point, an optional sign and exponent), as the nearest double.
    static func decimal(_ bytes: Span<UInt8>) -> Double? {
        if let fast = shortDecimal(bytes) { return fast }
        for i in bytes.indices {
            let b = bytes[i]
            guard (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D || b == 0x2B || b == 0x65 || b == 0x45 else { return nil }
        }
        guard let value = Double(bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }), value.isFinite else { return nil }
        return value
    }

    /// Exact powers of ten: every one up to 10²² is a double.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { value, _ in value * 10 } }

    /// `[-]DIGITS[.DIGITS]` with at most 15 significant digits: the mantissa and 10^fraction are both exact
    /// doubles, so one division gives the correctly rounded value, as `strtod` would (Clinger 1990).
    private static func shortDecimal(_ bytes: Span<UInt8>) -> Double? {
        // Over the bytes in place: a loop over a `Span` here costs several times as much.
        bytes.withUnsafeBufferPointer { u -> Double? in
            let n = u.count
            var i = 0
            let negative = n > 0 && u[0] == UInt8(ascii: "-")
            if negative { i = 1 }
            var mantissa: Int64 = 0
            // The whole degrees, then the fraction after the point; at most 15 digits in all.
            let whole = i
            while i < n {
                let digit = u[i] &- 48
                if digit > 9 { break }
                mantissa = mantissa &* 10 &+ Int64(digit)
                i += 1
            }
            var fraction = 0
            let point = i < n && u[i] == UInt8(ascii: ".")
            if point {
                i += 1
                let first = i
                while i < n {
                    let digit = u[i] &- 48
                    if digit > 9 { break }
                    mantissa = mantissa &* 10 &+ Int64(digit)
                    i += 1
                }
                fraction = i - first
            }
            let digits = i - whole - (point ? 1 : 0)
            guard i == n, digits > 0, digits <= 15 else { return nil }
            let value = Double(mantissa) / powersOfTen[fraction]
            return negative ? -value : value
        }
    }
}

/// An enumeration written in cells by its raw values, with their bytes kept in a table so that a cell
/// is matched without building any text.
package protocol CellKeyword: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    static var keywords: KeywordTable<Self> { get }
}

/// The raw values of an enumeration as bytes, in `allCases` order.
package struct KeywordTable<Value: CellKeyword>: Sendable {
    private let words: [[UInt8]]
    private let values: [Value]

    package init() {
        values = Array(Value.allCases)
        words = values.map { Array($0.rawValue.utf8) }
    }

    /// The value whose raw value has exactly these bytes.
    @inline(__always)
    package func match(_ bytes: Span<UInt8>) -> Value? {
        for k in words.indices where words[k].count == bytes.count {
            if words[k].withUnsafeBufferPointer({ Identifier.equal(bytes, $0) }) { return values[k] }
        }
        return nil
    }
}

extension Hukou: CellKeyword { package static let keywords = KeywordTable<Hukou>() }
extension Housing: CellKeyword { package static let keywords = KeywordTable<Housing>() }
extension CareCategory: CellKeyword { package static let keywords = KeywordTable<CareCategory>() }
extension SchoolKind: CellKeyword { package static let keywords = KeywordTable<SchoolKind>() }
extension ZoneKind: CellKeyword { package static let keywords = KeywordTable<ZoneKind>() }
extension AdmissionLevel: CellKeyword { package static let keywords = KeywordTable<AdmissionLevel>() }

extension CalendarDate {
    /// Parses exactly `YYYY-MM-DD` from bytes.
    init?(bytes u: Span<UInt8>) {
        guard u.count == 10 else { return nil }
        let parsed = u.withUnsafeBufferPointer { u -> (Int, Int, Int)? in
            guard u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    let d = Int(u[i]) &- 48
                    guard d >= 0 && d <= 9 else { return nil }
                    value = value &* 10 &+ d
                }
                return value
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            return (y, m, d)
        }
        guard let parsed else { return nil }
        self.init(year: parsed.0, month: parsed.1, day: parsed.2)
    }
}

/// The identifiers of one column, interned by their bytes: a value repeated down a file (a district,
/// a primary school) is one identifier, made once, not a new one per row.
struct IdentifierInterner {
    private var table = IdentifierTable()
    private var values: [Identifier] = []
    /// The entry of the row before: a value repeated on the next row is not even looked up.
    private var last: Int32 = -1

    mutating func identifier(_ record: CSVRecord, _ column: Column) -> Identifier {
        guard let index = column.index, !record.isEmpty(index) else { return "" }
        let cell = record.bytes.span.extracting(record.cell(index))
        if last >= 0, table.holds(cell, at: last) { return values[Int(last)] }
        let (entry, inserted) = table.insert(cell)
        if inserted { values.append(Identifier(span: cell)) }
        last = entry
        return values[Int(entry)]
    }
}

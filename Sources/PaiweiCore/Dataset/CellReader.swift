/// A column of a dataset file, resolved by name once per file.
package struct Column {
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
package struct CellReader {
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
        return record.starts[index] == record.ends[index]
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
        Identifier(text(record, column))
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
        guard let parsed = CellSyntax.wholeNumber(record.bytes[range]) else {
            let cell = text(record, column)
            problems.add(file, record.line, column.name, Message("'\(cell)' is not a whole number", "“\(cell)”不是整数"))
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
        if let parsed = CellSyntax.boolean(record.bytes[range]) { return parsed }
        let cell = text(record, column)
        problems.add(file, record.line, column.name, Message("'\(cell)' is not a boolean (use yes or no)", "“\(cell)”不是是否值（请填 yes 或 no）"))
        return value
    }

    package func date(_ record: CSVRecord, _ column: Column, _ problems: inout ProblemList) -> CalendarDate? {
        let range = range(record, column)
        if range.isEmpty { return nil }
        if let date = CalendarDate(bytes: record.bytes[range]) { return date }
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
        if let parsed = CellSyntax.keyword(record.bytes[range], Value.self) { return parsed }
        notOneOf(text(record, column), Value.allCases.map(\.rawValue), record, column, &problems)
        return nil
    }

    package func notOneOf(_ cell: String, _ allowed: [String], _ record: CSVRecord, _ column: Column, _ problems: inout ProblemList) {
        problems.add(file, record.line, column.name, Message("'\(cell)' is not one of: \(allowed.joined(separator: ", "))",
                                                             "“\(cell)”不是以下之一：\(allowed.joined(separator: "、"))"))
    }

    /// The `;`-separated items of a list cell, each trimmed like a cell; empty items are dropped.
    package func listItems(_ record: CSVRecord, _ column: Column) -> [Range<Int>] {
        let range = range(record, column)
        if range.isEmpty { return [] }
        return record.bytes.withUnsafeBufferPointer { bytes in
            var items: [Range<Int>] = []
            var start = range.lowerBound
            for i in range where bytes[i] == UInt8(ascii: ";") {
                let item = UnicodeWhitespace.trimmed(bytes, start..<i)
                if !item.isEmpty { items.append(item) }
                start = i + 1
            }
            let last = UnicodeWhitespace.trimmed(bytes, start..<range.upperBound)
            if !last.isEmpty { items.append(last) }
            return items
        }
    }

    /// Both `lat` and `lon`, or neither; each a decimal within its range.
    package func coordinate(_ record: CSVRecord, latitude: Column, longitude: Column, _ problems: inout ProblemList) -> Coordinate? {
        let latRange = range(record, latitude), lonRange = range(record, longitude)
        if latRange.isEmpty && lonRange.isEmpty { return nil }
        var ok = true
        func parse(_ range: Range<Int>, _ column: Column, _ limit: Double) -> Double? {
            if range.isEmpty {
                problems.add(file, record.line, column.name, Message("missing while the other coordinate is given", "另一个坐标已填写，此坐标却为空"))
                ok = false
                return nil
            }
            guard let value = CellSyntax.decimal(record.bytes[range]) else {
                let cell = text(record, column)
                problems.add(file, record.line, column.name, Message("'\(cell)' is not a decimal number of degrees", "“\(cell)”不是以度为单位的十进制数"))
                ok = false
                return nil
            }
            guard abs(value) <= limit else {
                let cell = text(record, column)
                problems.add(file, record.line, column.name, Message("\(cell) is outside −\(Int(limit))…\(Int(limit)) degrees", "\(cell) 超出 −\(Int(limit))…\(Int(limit)) 度的范围"))
                ok = false
                return nil
            }
            return value
        }
        let lat = parse(latRange, latitude, 90)
        let lon = parse(lonRange, longitude, 180)
        guard ok, let lat, let lon else { return nil }
        return Coordinate(latitude: lat, longitude: lon)
    }
}

/// The syntax of typed cells, on bytes (SPEC §2).
enum CellSyntax {
    /// An optional sign, then ASCII digits; nil on anything else or on overflow.
    static func wholeNumber(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        var negative = false
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < bytes.endIndex else { return nil }
        var value = 0
        while i < bytes.endIndex {
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
    static func boolean(_ bytes: ArraySlice<UInt8>) -> Bool? {
        func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
        func equals(_ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            var k = 0
            for b in bytes {
                if lower(b) != word.utf8Start[k] { return false }
                k += 1
            }
            return true
        }
        if equals("yes") || equals("true") || equals("1") { return true }
        if equals("no") || equals("false") || equals("0") { return false }
        return nil
    }

    /// The case whose raw value has exactly these bytes.
    static func keyword<Value: RawRepresentable & CaseIterable>(_ bytes: ArraySlice<UInt8>, _ type: Value.Type) -> Value?
    where Value.RawValue == String {
        Value.allCases.first { $0.rawValue.utf8.elementsEqual(bytes) }
    }

    /// A decimal number (digits, one point, an optional sign and exponent), as the nearest double.
    static func decimal(_ bytes: ArraySlice<UInt8>) -> Double? {
        if let fast = shortDecimal(bytes) { return fast }
        guard bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }),
              let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// Exact powers of ten: every one up to 10²² is a double.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { value, _ in value * 10 } }

    /// `[-]DIGITS[.DIGITS]` with at most 15 significant digits: the mantissa and 10^fraction are both exact
    /// doubles, so one division gives the correctly rounded value, as `strtod` would (Clinger 1990).
    private static func shortDecimal(_ bytes: ArraySlice<UInt8>) -> Double? {
        var i = bytes.startIndex
        var negative = false
        if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        var mantissa: Int64 = 0, digits = 0, fraction = 0, point = false
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                if point { return nil }
                point = true
            } else {
                let digit = Int64(b) - 48
                guard digit >= 0 && digit <= 9 else { return nil }
                mantissa = mantissa * 10 + digit
                digits += 1
                if point { fraction += 1 }
                if digits > 15 { return nil }
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }
}

extension CalendarDate {
    /// Parses exactly `YYYY-MM-DD` from bytes.
    init?(bytes u: ArraySlice<UInt8>) {
        guard u.count == 10 else { return nil }
        let s = u.startIndex
        guard u[s + 4] == UInt8(ascii: "-"), u[s + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = u[s + i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

/// Reads typed cells out of one CSV row by column name, applying the defaults of SPEC §2 to empty
/// cells and recording a located problem for every cell that does not parse.
struct CellReader {
    let table: CSVTable
    let columns: [String: Int]

    init(table: CSVTable) {
        self.table = table
        var columns: [String: Int] = [:]
        for (index, name) in table.header.enumerated() where columns[name] == nil {
            columns[name] = index
        }
        self.columns = columns
    }

    /// Records a problem for each required column the header lacks; false if any is missing.
    func requireColumns(_ names: [String], into problems: inout ProblemList) -> Bool {
        var ok = true
        for name in names where columns[name] == nil {
            problems.add(table.file, 1, name, "required column is missing from the header")
            ok = false
        }
        return ok
    }

    func text(_ row: CSVTable.Row, _ column: String) -> String {
        guard let index = columns[column] else { return "" }
        return row.fields[index].trimmingSpaces
    }

    func int(_ row: CSVTable.Row, _ column: String, default value: Int?, minimum: Int? = nil,
             _ problems: inout ProblemList) -> Int? {
        let cell = text(row, column)
        if cell.isEmpty {
            if value == nil { problems.add(table.file, row.line, column, "a value is required") }
            return value
        }
        guard let parsed = Int(cell) else {
            problems.add(table.file, row.line, column, "'\(cell)' is not a whole number")
            return nil
        }
        if let minimum, parsed < minimum {
            problems.add(table.file, row.line, column, "\(parsed) is below the minimum \(minimum)")
            return nil
        }
        return parsed
    }

    func bool(_ row: CSVTable.Row, _ column: String, default value: Bool, _ problems: inout ProblemList) -> Bool {
        let cell = text(row, column)
        switch cell.lowercased() {
        case "": return value
        case "yes", "true", "1": return true
        case "no", "false", "0": return false
        default:
            problems.add(table.file, row.line, column, "'\(cell)' is not a boolean (use yes or no)")
            return value
        }
    }

    func date(_ row: CSVTable.Row, _ column: String, _ problems: inout ProblemList) -> CalendarDate? {
        let cell = text(row, column)
        if cell.isEmpty { return nil }
        guard let date = CalendarDate(cell) else {
            problems.add(table.file, row.line, column, "'\(cell)' is not a date (write YYYY-MM-DD)")
            return nil
        }
        return date
    }

    func enumeration<Value: RawRepresentable>(_ row: CSVTable.Row, _ column: String, default value: Value?,
                                              _ problems: inout ProblemList) -> Value?
    where Value.RawValue == String, Value: CaseIterable {
        let cell = text(row, column)
        if cell.isEmpty {
            if value == nil { problems.add(table.file, row.line, column, "a value is required") }
            return value
        }
        guard let parsed = Value(rawValue: cell) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            problems.add(table.file, row.line, column, "'\(cell)' is not one of: \(allowed)")
            return nil
        }
        return parsed
    }

    /// `;`-separated list; empty items (from `a;;b` or a trailing `;`) are dropped.
    func list(_ row: CSVTable.Row, _ column: String) -> [String] {
        let cell = text(row, column)
        if cell.isEmpty { return [] }
        return cell.split(separator: ";", omittingEmptySubsequences: true)
            .map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty }
    }

    /// Both `lat` and `lon`, or neither; each a decimal within its range.
    func coordinate(_ row: CSVTable.Row, _ problems: inout ProblemList) -> Coordinate? {
        let latText = text(row, "lat"), lonText = text(row, "lon")
        if latText.isEmpty && lonText.isEmpty { return nil }
        var ok = true
        func parse(_ cell: String, _ column: String, _ limit: Double) -> Double? {
            if cell.isEmpty {
                problems.add(table.file, row.line, column, "missing while the other coordinate is given")
                ok = false
                return nil
            }
            guard let value = Double(cell), value.isFinite, cell.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }) else {
                problems.add(table.file, row.line, column, "'\(cell)' is not a decimal number of degrees")
                ok = false
                return nil
            }
            guard abs(value) <= limit else {
                problems.add(table.file, row.line, column, "\(cell) is outside −\(Int(limit))…\(Int(limit)) degrees")
                ok = false
                return nil
            }
            return value
        }
        let lat = parse(latText, "lat", 90)
        let lon = parse(lonText, "lon", 180)
        guard ok, let lat, let lon else { return nil }
        return Coordinate(latitude: lat, longitude: lon)
    }
}

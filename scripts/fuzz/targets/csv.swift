// libFuzzer target: the CSV reader (CSVTable.read/parse over DataTableReader and CSVScanner).
// Built by scripts/fuzz.sh together with every library source, as module PaiweiKit, so that the
// internal types are visible.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    // The table as the forecast and the tests read it.
    var problems = ProblemList()
    if let table = CSVTable.read(bytes, file: "fuzz.csv", problems: &problems) {
        for row in table.rows {
            precondition(row.fields.count == table.header.count, "a row the reader kept has the wrong number of fields")
            precondition(row.line >= 1, "a row on line \(row.line)")
        }
    }
    _ = problems.sorted
    _ = try? CSVTable.parse(bytes, file: "fuzz.csv")

    // The scanner on its own, from every start a byte-order mark could leave it at: each cell lies in the
    // record's buffer, and lines only go forward.
    for start in 0...min(3, bytes.count) {
        var scanner = CSVScanner(bytes: bytes, start: start)
        var record = CSVRecord()
        var lastLine = 0
        while scanner.next(into: &record) {
            precondition(record.line > lastLine, "record on line \(record.line) after one on line \(lastLine)")
            lastLine = record.line
            precondition(record.count >= 1, "a record without a cell")
            for k in 0..<record.count {
                let cell = record.cell(k)
                precondition(cell.lowerBound >= 0 && cell.upperBound <= record.bytes.count, "a cell outside the record")
                _ = record.text(k)
            }
        }
    }
    return 0
}

/// Writes RFC 4180 CSV: LF line ends, fields quoted only when they must be.
///
/// A row is either appended whole (`append(_:)`) or field by field (`field`, then `endRow()`), the
/// latter writing numbers straight into the bytes for the files with a row per student.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var rowHasFields = false

    public init(header: [String]) {
        append(header)
    }

    public mutating func append(_ fields: [String]) {
        for field in fields { self.field(field) }
        endRow()
    }

    public mutating func field(_ text: String) {
        separate()
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { append(escaping: $0) }
        if written == nil { Array(text.utf8).withUnsafeBufferPointer { append(escaping: $0) } }
    }

    private mutating func append(escaping utf8: UnsafeBufferPointer<UInt8>) {
        var needsQuotes = false
        for b in utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for b in utf8 {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func field(_ value: Int) {
        separate()
        FixedDecimal.append(value, to: &bytes)
    }

    /// `value` with `decimals` decimals as C's `%.*f` writes it (``FixedDecimal``).
    package mutating func field(_ value: Double, decimals: Int) {
        separate()
        FixedDecimal.append(value, decimals: decimals, to: &bytes)
    }

    public mutating func endRow() {
        bytes.append(0x0A)
        rowHasFields = false
    }

    private mutating func separate() {
        if rowHasFields { bytes.append(UInt8(ascii: ",")) }
        rowHasFields = true
    }
}

/// Writes RFC 4180 CSV: LF line ends, fields quoted only when they must be.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]) {
        append(header)
    }

    public mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field)
        }
        bytes.append(0x0A)
    }

    private mutating func appendField(_ field: String) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
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
}

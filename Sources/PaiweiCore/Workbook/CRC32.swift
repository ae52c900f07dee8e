/// CRC-32 as zip and PNG use it (ISO 3309 / ITU-T V.42: reflected polynomial 0xEDB88320,
/// initial value and final XOR 0xFFFFFFFF).
///
/// Slice-by-8: eight 256-entry tables let one step fold eight input bytes with eight table lookups
/// instead of eight dependent shift-and-lookup rounds, which is what makes checking every
/// multi-megabyte worksheet of a workbook cost little next to inflating it.
///
/// Streaming: feed bytes with ``update(_:)`` in any chunking and read ``value`` at any point.
///
/// - Complexity: O(*n*) in the bytes fed; the tables (8 KiB) are built once per process.
public struct CRC32: Sendable, Hashable {
    /// The checksum of everything fed so far.
    public var value: UInt32 { ~state }

    private var state: UInt32 = 0xFFFF_FFFF

    public init() {}

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes.span)
        return crc.value
    }

    public mutating func update(_ bytes: [UInt8]) {
        update(bytes.span)
    }

    public mutating func update(_ bytes: Span<UInt8>) {
        let table = CRC32.tables.span
        var crc = state
        var i = 0
        let n = bytes.count
        while n - i >= 8 {
            let low = crc ^ (UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
            crc = table[7 &* 256 &+ Int(low & 0xFF)]
                ^ table[6 &* 256 &+ Int(low >> 8 & 0xFF)]
                ^ table[5 &* 256 &+ Int(low >> 16 & 0xFF)]
                ^ table[4 &* 256 &+ Int(low >> 24)]
                ^ table[3 &* 256 &+ Int(bytes[i + 4])]
                ^ table[2 &* 256 &+ Int(bytes[i + 5])]
                ^ table[1 &* 256 &+ Int(bytes[i + 6])]
                ^ table[Int(bytes[i + 7])]
            i += 8
        }
        while i < n {
            crc = table[Int((crc ^ UInt32(bytes[i])) & 0xFF)] ^ (crc >> 8)
            i += 1
        }
        state = crc
    }

    /// `tables[k * 256 + b]`: the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for b in 0..<256 {
            var c = UInt32(b)
            for _ in 0..<8 {
                c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1
            }
            tables[b] = c
        }
        for k in 1..<8 {
            for b in 0..<256 {
                let previous = tables[(k - 1) * 256 + b]
                tables[k * 256 + b] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return tables
    }()
}

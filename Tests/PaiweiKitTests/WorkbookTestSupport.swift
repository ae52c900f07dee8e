import Foundation
@testable import PaiweiCore
import PaiweiTestSupport

/// Fixtures of the Workbook tests (made by scripts/make-deflate-fixtures.py and
/// scripts/make-workbook-fixtures.sh), read through #filePath.
enum WorkbookFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    static func names(in subfolder: String, suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path)
            .filter { $0.hasSuffix(suffix) }.sorted()
    }
}

/// Writes bits least significant first, as deflate packs them, for hand-built streams.
struct TestBitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var count = 0

    /// `value`'s low `width` bits, least significant first (header fields, extra bits).
    mutating func bits(_ value: Int, _ width: Int) {
        accumulator |= UInt64(value & (1 << width - 1)) << UInt64(count)
        count += width
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            count -= 8
        }
    }

    /// A Huffman code, most significant bit first (RFC 1951 §3.1.1).
    mutating func code(_ code: Int, _ length: Int) {
        var reversed = 0
        for i in 0..<length where code >> i & 1 == 1 { reversed |= 1 << (length - 1 - i) }
        bits(reversed, length)
    }

    /// Pads to a byte boundary with zero bits.
    mutating func align() {
        if count > 0 { bits(0, 8 - count) }
    }

    mutating func raw(_ more: [UInt8]) {
        precondition(count == 0)
        bytes.append(contentsOf: more)
    }

    mutating func finish() -> [UInt8] {
        align()
        return bytes
    }
}

/// Canonical Huffman codes for a list of code lengths (RFC 1951 §3.2.2), for hand-built blocks.
func canonicalCodes(_ lengths: [Int]) -> [Int] {
    var count = [Int](repeating: 0, count: 16)
    for length in lengths where length > 0 { count[length] += 1 }
    var next = [Int](repeating: 0, count: 16)
    var code = 0
    for length in 1..<16 {
        code = (code + count[length - 1]) << 1
        next[length] = code
    }
    return lengths.map { length in
        guard length > 0 else { return -1 }
        defer { next[length] += 1 }
        return next[length]
    }
}

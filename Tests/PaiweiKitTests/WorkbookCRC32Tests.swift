import Testing
@testable import PaiweiCore
import PaiweiTestSupport

@Suite("CRC-32")
struct WorkbookCRC32Tests {
    @Test func knownValues() {
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("a".utf8)) == 0xE8B7_BE43)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)   // the standard check value
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([UInt8](repeating: 0, count: 32)) == 0x190A_55AD)
        #expect(CRC32.checksum([UInt8](repeating: 0xFF, count: 32)) == 0xFF6C_AB0B)
    }

    /// Any chunking gives the same checksum as one pass (the 8-byte steps and the byte tail agree).
    @Test func chunkingDoesNotMatter() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        let whole = CRC32.checksum(bytes)
        var rng = TestRandom(state: 3)
        for _ in 0..<50 {
            var crc = CRC32()
            var i = 0
            while i < bytes.count {
                let n = min(bytes.count - i, rng.int(20))
                crc.update(Array(bytes[i..<(i + n)]))
                i += n
            }
            #expect(crc.value == whole)
        }
    }
}

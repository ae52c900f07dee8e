import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// The compressor's streams inflate back to their input (zlib reads them too: scripts/check-xlsx.sh
/// has LibreOffice open workbooks made with them), at both efforts, on every kind of input.
@Suite("Deflate")
struct WorkbookDeflateTests {
    static func roundTrip(_ input: [UInt8], _ label: String) throws {
        for effort in [Deflate.Effort.fast, .default, Deflate.Effort(chainLength: 1, goodEnough: 3),
                       Deflate.Effort(chainLength: 1, goodEnough: 3, lazy: false, insertLimit: 3)] {
            let stream = Deflate.compress(input, effort: effort)
            #expect(try Inflate.decompress(stream, limit: input.count) == input, "\(label), chain \(effort.chainLength), lazy \(effort.lazy)")
            #expect(Deflate.compress(input, effort: effort) == stream, "\(label): the same bytes twice")
        }
    }

    @Test func fixtureInputs() throws {
        try Self.roundTrip(WorkbookFixtures.bytes("deflate/text.txt"), "text")
        let xml = try Inflate.decompress(WorkbookFixtures.bytes("deflate/xml.level9.deflate"), limit: 1 << 20)
        try Self.roundTrip(xml, "xml")
        let stream = Deflate.compress(xml)
        #expect(stream.count < xml.count / 3, "spreadsheet XML compresses")
    }

    @Test func edgeCases() throws {
        try Self.roundTrip([], "empty")
        try Self.roundTrip([7], "one byte")
        try Self.roundTrip([7, 7], "two bytes")
        try Self.roundTrip([1, 2, 3, 1, 2, 3], "one match")
        try Self.roundTrip([UInt8](repeating: 0x41, count: 100_000), "a run")
        try Self.roundTrip((0..<70_000).map { UInt8(truncatingIfNeeded: $0 % 251) }, "a long period")
        // A match at the very end, and one of exactly 258 bytes.
        try Self.roundTrip(Array("abcdefgh".utf8) + Array("abcdefgh".utf8), "match at the end")
        try Self.roundTrip([9] + [UInt8](repeating: 5, count: 259), "258-byte match")
    }

    @Test func incompressibleDataIsStored() throws {
        var rng = TestRandom(state: 99)
        let noise = (0..<150_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let stream = Deflate.compress(noise)
        #expect(try Inflate.decompress(stream, limit: noise.count) == noise)
        // Stored blocks: five bytes of framing per 65,535, plus at most one per block of tokens.
        #expect(stream.count <= noise.count + 5 * (noise.count / 65_535 + 2) + 16)
    }

    @Test func randomInputs() throws {
        var rng = TestRandom(state: 2026)
        for round in 0..<40 {
            let alphabet = 1 + rng.int(20)
            let count = rng.int(5000)
            let input = (0..<count).map { _ in UInt8(rng.int(alphabet)) }
            let stream = Deflate.compress(input, effort: round % 2 == 0 ? .fast : .default)
            #expect(try Inflate.decompress(stream, limit: count) == input, "round \(round)")
        }
    }

    /// Lengths from skewed frequencies stay within the limit and form a complete code.
    @Test func lengthLimitedCodes() {
        let fibonacci = (0..<30).reduce(into: [1, 1]) { f, _ in f.append(f[f.count - 1] + f[f.count - 2]) }
        for limit in [7, 15] {
            let lengths = HuffmanCodeBuilder.lengths(frequencies: fibonacci, limit: limit)
            #expect(lengths.allSatisfy { $0 >= 1 && $0 <= limit })
            let kraft = lengths.reduce(0) { $0 + (1 << (limit - Int($1))) }
            #expect(kraft == 1 << limit, "limit \(limit)")
        }
        #expect(HuffmanCodeBuilder.lengths(frequencies: [0, 0, 5, 0], limit: 15) == [1, 0, 1, 0])
        #expect(HuffmanCodeBuilder.lengths(frequencies: [0, 0, 0], limit: 15) == [1, 1, 0])
    }
}

import Foundation
import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// Inflate against zlib's raw deflate streams, hand-built blocks of each type, and corrupt input.
@Suite("Inflate")
struct WorkbookInflateTests {
    struct Expected: Decodable {
        let size: Int
        let crc32: UInt32
    }

    static let expected: [String: Expected] = {
        let data = (try? WorkbookFixtures.bytes("deflate/inputs.json")) ?? []
        return (try? JSONDecoder().decode([String: Expected].self, from: Data(data))) ?? [:]
    }()

    static let streams: [String] = (try? WorkbookFixtures.names(in: "deflate", suffix: ".deflate")) ?? []

    // MARK: zlib's streams

    @Test func everyZlibStreamIsThere() {
        // 7 inputs × (levels 0–9, fixed, Huffman only, RLE, filtered, small window, flushes).
        #expect(Self.streams.count == 7 * 16)
        #expect(Self.expected.count == 7)
    }

    @Test(arguments: streams)
    func zlibStreamInflates(name: String) throws {
        let stream = try WorkbookFixtures.bytes("deflate/\(name)")
        let input = String(name.prefix { $0 != "." })
        let expected = try #require(Self.expected[input])
        let output = try Inflate.decompress(stream, limit: 1 << 20)
        #expect(output.count == expected.size, "\(name)")
        #expect(CRC32.checksum(output) == expected.crc32, "\(name)")
        // The same with a buffer that fills after every few bytes, so that the decoder is
        // suspended and resumed inside literals, matches and stored blocks.
        let resumed = try Inflate.decompress(stream.span, limit: 1 << 20, initialCapacity: 1, growthFloor: 1)
        #expect(resumed == output, "\(name) with a tiny buffer")
        let exact = try Inflate.decompress(stream.span, limit: expected.size, expectedCount: expected.size)
        #expect(exact == output, "\(name) with its exact size as the limit")
    }

    @Test func textStreamEqualsItsInput() throws {
        let text = try WorkbookFixtures.bytes("deflate/text.txt")
        for variant in ["level0", "level1", "level6", "level9", "fixed", "huffman", "flushes"] {
            let stream = try WorkbookFixtures.bytes("deflate/text.\(variant).deflate")
            #expect(try Inflate.decompress(stream, limit: 1 << 20) == text, "\(variant)")
        }
    }

    @Test func outputLimitStopsAZipBomb() throws {
        let stream = try WorkbookFixtures.bytes("deflate/zeros.level9.deflate")   // 40,000 zeros in ~50 bytes
        #expect(stream.count < 100)
        #expect(throws: InflateError.outputLimitExceeded(limit: 39_999)) {
            try Inflate.decompress(stream, limit: 39_999)
        }
        #expect(try Inflate.decompress(stream, limit: 40_000).count == 40_000)
        #expect(throws: InflateError.outputLimitExceeded(limit: 0)) {
            try Inflate.decompress(stream, limit: 0)
        }
        // A declared size that lies low is a hint only: the buffer grows up to the limit.
        #expect(try Inflate.decompress(stream.span, limit: 50_000, expectedCount: 10).count == 40_000)
    }

    // MARK: Hand-built blocks

    @Test func storedBlocks() throws {
        var w = TestBitWriter()
        w.bits(0, 1); w.bits(0, 2); w.align()          // not final, stored
        w.raw([3, 0, 0xFC, 0xFF, 0x61, 0x62, 0x63])
        w.bits(0, 1); w.bits(0, 2); w.align()          // an empty stored block (a sync flush)
        w.raw([0, 0, 0xFF, 0xFF])
        w.bits(1, 1); w.bits(0, 2); w.align()          // final
        w.raw([2, 0, 0xFD, 0xFF, 0xE4, 0xB8])
        let stream = w.finish()
        #expect(try Inflate.decompress(stream, limit: 100) == [0x61, 0x62, 0x63, 0xE4, 0xB8])
        #expect(try Inflate.decompress(stream.span, limit: 100, initialCapacity: 1, growthFloor: 1) == [0x61, 0x62, 0x63, 0xE4, 0xB8])
    }

    /// The largest stored block (65,535 bytes) and one straddling it.
    @Test func fullStoredBlocks() throws {
        var w = TestBitWriter()
        var expected: [UInt8] = []
        for (index, size) in [65_535, 1].enumerated() {
            w.bits(index == 1 ? 1 : 0, 1); w.bits(0, 2); w.align()
            w.raw([UInt8(size & 0xFF), UInt8(size >> 8), UInt8(~size & 0xFF), UInt8(~size >> 8 & 0xFF)])
            let data = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            w.raw(data)
            expected += data
        }
        #expect(try Inflate.decompress(w.finish(), limit: 1 << 20) == expected)
    }

    /// Fixed-Huffman literal/length codes: 0–143 8 bits, 144–255 9 bits, 256–279 7 bits, 280–287 8 bits.
    static func fixedLiteral(_ w: inout TestBitWriter, _ symbol: Int) {
        switch symbol {
        case 0...143: w.code(0x30 + symbol, 8)
        case 144...255: w.code(0x190 + symbol - 144, 9)
        case 256...279: w.code(symbol - 256, 7)
        default: w.code(0xC0 + symbol - 280, 8)
        }
    }

    @Test func fixedBlock() throws {
        var w = TestBitWriter()
        w.bits(1, 1); w.bits(1, 2)
        for byte in Array("xy".utf8) + [0xFF] { Self.fixedLiteral(&w, Int(byte)) }
        // Match of length 10 (symbol 264), distance 3 (code 2): "xy\u{FF}" repeated, overlapping.
        Self.fixedLiteral(&w, 264); w.code(2, 5)
        // Match of length 258 (symbol 285), distance 1: a run.
        Self.fixedLiteral(&w, 285); w.code(0, 5)
        // Length 13 = symbol 266 (base 13, one extra bit 0); distance 5 = code 4 (base 5, one extra bit 0).
        Self.fixedLiteral(&w, 266); w.bits(0, 1); w.code(4, 5); w.bits(0, 1)
        Self.fixedLiteral(&w, 256)
        var expected: [UInt8] = Array("xy".utf8) + [0xFF]
        for _ in 0..<10 { expected.append(expected[expected.count - 3]) }
        for _ in 0..<258 { expected.append(expected[expected.count - 1]) }
        for _ in 0..<13 { expected.append(expected[expected.count - 5]) }
        #expect(try Inflate.decompress(w.finish(), limit: 1000) == expected)
        // zlib's own fixed block for "a".
        #expect(try Inflate.decompress([0x4B, 0x04, 0x00], limit: 10) == [0x61])
    }

    /// A dynamic block header sending each code length as a plain code-length symbol (0–15, four bits each).
    static func dynamicHeader(_ w: inout TestBitWriter, final: Bool, literals: [Int], distances: [Int]) {
        w.bits(final ? 1 : 0, 1); w.bits(2, 2)
        w.bits(literals.count - 257, 5)
        w.bits(distances.count - 1, 5)
        w.bits(19 - 4, 4)
        for symbol in HuffmanCodeLengthOrder.order { w.bits(symbol <= 15 ? 4 : 0, 3) }
        for length in literals + distances { w.code(length, 4) }
    }

    @Test func dynamicBlock() throws {
        var literals = [Int](repeating: 0, count: 258)
        literals[0x61] = 1; literals[0x62] = 2; literals[256] = 3; literals[257] = 3
        let distances = [1]
        let codes = canonicalCodes(literals)
        var w = TestBitWriter()
        Self.dynamicHeader(&w, final: true, literals: literals, distances: distances)
        for symbol in [0x61, 0x62] { w.code(codes[symbol], literals[symbol]) }
        w.code(codes[257], 3); w.code(0, 1)   // length 3, distance 1 (the single one-bit distance code)
        w.code(codes[0x61], 1)
        w.code(codes[256], 3)
        #expect(try Inflate.decompress(w.finish(), limit: 100) == Array("abbbba".utf8))
    }

    /// Codes of 11–15 bits go through the second-level tables.
    @Test func dynamicBlockWithLongCodes() throws {
        var literals = [Int](repeating: 0, count: 257)
        let letters = Array("ABCDEFGHIJKLMN".utf8)
        for (index, letter) in letters.enumerated() { literals[Int(letter)] = index + 1 }
        literals[Int(UInt8(ascii: "O"))] = 15
        literals[256] = 15
        let codes = canonicalCodes(literals)
        var w = TestBitWriter()
        Self.dynamicHeader(&w, final: true, literals: literals, distances: [0])
        let text = Array("NOMALO".utf8)
        for byte in text { w.code(codes[Int(byte)], literals[Int(byte)]) }
        w.code(codes[256], 15)
        #expect(try Inflate.decompress(w.finish(), limit: 100) == text)
    }

    /// A dynamic block's code-length repeats (16, 17, 18) in the header.
    @Test func dynamicHeaderWithRepeats() throws {
        var w = TestBitWriter()
        w.bits(1, 1); w.bits(2, 2)
        w.bits(0, 5); w.bits(0, 5); w.bits(19 - 4, 4)   // 257 literal/length codes, 1 distance code
        // Code-length code: 0, 1, 2, 8, 16, 17, 18 get lengths so that the code is complete:
        // 8 → 2 bits, 0 → 2, 18 → 3, 17 → 3, 16 → 3, 1 → 4, 2 → 4 (1/4+1/4+3/8+2/16 = 1).
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        codeLengthLengths[8] = 2; codeLengthLengths[0] = 2; codeLengthLengths[18] = 3
        codeLengthLengths[17] = 3; codeLengthLengths[16] = 3; codeLengthLengths[1] = 4; codeLengthLengths[2] = 4
        for symbol in HuffmanCodeLengthOrder.order { w.bits(codeLengthLengths[symbol], 3) }
        let c = canonicalCodes(codeLengthLengths)
        func send(_ symbol: Int) { w.code(c[symbol], codeLengthLengths[symbol]) }
        // Literals 0–255 all 8 bits would use 256 codes; here: 'a' (97) and 'b' (98) get 1 and 2 bits,
        // end of block 2 bits; everything else 0.
        send(18); w.bits(97 - 11, 7)        // 97 zeros
        send(1)                              // 'a': 1
        send(2)                              // 'b': 2
        send(18); w.bits(138 - 11, 7)        // 138 zeros (99…236)
        send(17); w.bits(10 - 3, 3)          // 10 zeros (237…246)
        send(0); send(0); send(0); send(0); send(0); send(0); send(0); send(0); send(0)   // 247…255
        send(2)                              // end of block: 2
        send(0)                              // the distance code: empty
        let literalCodes = canonicalCodes([Int](repeating: 0, count: 97) + [1, 2] + [Int](repeating: 0, count: 157) + [2])
        for symbol in [97, 98, 98, 97] { w.code(literalCodes[symbol], symbol == 97 ? 1 : 2) }
        w.code(literalCodes[256], 2)
        #expect(try Inflate.decompress(w.finish(), limit: 100) == Array("abba".utf8))

        // Symbol 16 repeats the previous length: 8, then 16 × … gives 8-bit codes to a run.
        var r = TestBitWriter()
        r.bits(1, 1); r.bits(2, 2)
        r.bits(0, 5); r.bits(0, 5); r.bits(19 - 4, 4)
        for symbol in HuffmanCodeLengthOrder.order { r.bits(codeLengthLengths[symbol], 3) }
        func sendR(_ symbol: Int) { r.code(c[symbol], codeLengthLengths[symbol]) }
        sendR(8)                                                   // literal 0: 8 bits
        for _ in 0..<42 { sendR(16); r.bits(6 - 3, 2) }            // 252 more: 1…252
        sendR(16); r.bits(3 - 3, 2)                                // 3 more: 253…255
        sendR(8)                                                   // end of block: 8 bits (257 codes of 8 bits: over-subscribed)
        sendR(0)
        #expect(throws: InflateError.overSubscribedCode("literal/length")) {
            try Inflate.decompress(r.finish(), limit: 100)
        }
    }

    // MARK: Corrupt streams

    @Test func reservedBlockType() {
        var w = TestBitWriter()
        w.bits(1, 1); w.bits(3, 2)
        #expect(throws: InflateError.invalidBlockType) { try Inflate.decompress(w.finish(), limit: 10) }
    }

    @Test func storedLengthMismatchAndTruncation() {
        #expect(throws: InflateError.storedLengthMismatch) { try Inflate.decompress([0x01, 5, 0, 0, 0], limit: 10) }
        #expect(throws: InflateError.truncated) { try Inflate.decompress([0x01, 5, 0, 0xFA, 0xFF, 0x61, 0x62], limit: 10) }
        #expect(throws: InflateError.truncated) { try Inflate.decompress([0x01, 5, 0], limit: 10) }
        #expect(throws: InflateError.truncated) { try Inflate.decompress([], limit: 10) }
        // A stream whose last block is not final ends too early.
        #expect(throws: InflateError.truncated) { try Inflate.decompress([0x00, 0, 0, 0xFF, 0xFF], limit: 10) }
    }

    @Test func distanceTooFarBack() {
        var w = TestBitWriter()
        w.bits(1, 1); w.bits(1, 2)
        Self.fixedLiteral(&w, 0x61)
        Self.fixedLiteral(&w, 257); w.code(1, 5)       // length 3, distance 2, after one byte
        Self.fixedLiteral(&w, 256)
        #expect(throws: InflateError.distanceTooFarBack(distance: 2, available: 1)) {
            try Inflate.decompress(w.finish(), limit: 100)
        }
    }

    @Test func symbolsThatMayNotOccur() {
        for symbol in [286, 287] {
            var w = TestBitWriter()
            w.bits(1, 1); w.bits(1, 2)
            Self.fixedLiteral(&w, symbol)
            w.bits(0, 30)
            #expect(throws: InflateError.invalidCode("literal/length")) { try Inflate.decompress(w.finish(), limit: 100) }
        }
        for distance in [30, 31] {
            var w = TestBitWriter()
            w.bits(1, 1); w.bits(1, 2)
            Self.fixedLiteral(&w, 0x61)
            Self.fixedLiteral(&w, 257); w.code(distance, 5)
            w.bits(0, 30)
            #expect(throws: InflateError.invalidCode("distance")) { try Inflate.decompress(w.finish(), limit: 100) }
        }
    }

    @Test func badDynamicHeaders() {
        func header(literals: Int, distances: Int, codeLengthLengths: [Int], then: (inout TestBitWriter, [Int]) -> Void) -> [UInt8] {
            var w = TestBitWriter()
            w.bits(1, 1); w.bits(2, 2)
            w.bits(literals - 257, 5); w.bits(distances - 1, 5); w.bits(19 - 4, 4)
            for symbol in HuffmanCodeLengthOrder.order { w.bits(codeLengthLengths[symbol], 3) }
            then(&w, canonicalCodes(codeLengthLengths))
            w.bits(0, 32)
            return w.finish()
        }
        let plain = (0..<19).map { $0 <= 15 ? 4 : 0 }
        #expect(throws: InflateError.tooManySymbols) { try Inflate.decompress(header(literals: 287, distances: 1, codeLengthLengths: plain) { _, _ in }, limit: 10) }
        #expect(throws: InflateError.tooManySymbols) { try Inflate.decompress(header(literals: 257, distances: 31, codeLengthLengths: plain) { _, _ in }, limit: 10) }
        var over = plain
        over[16] = 1
        #expect(throws: InflateError.overSubscribedCode("code-length")) { try Inflate.decompress(header(literals: 257, distances: 1, codeLengthLengths: over) { _, _ in }, limit: 10) }
        var incomplete = plain
        incomplete[15] = 0
        #expect(throws: InflateError.incompleteCode("code-length")) { try Inflate.decompress(header(literals: 257, distances: 1, codeLengthLengths: incomplete) { _, _ in }, limit: 10) }
        // Code-length symbols 16, 17, 18 as four-bit codes: 0–12 and 16–18.
        var repeats = (0..<19).map { $0 <= 12 || $0 >= 16 ? 4 : 0 }
        repeats[0] = 4
        #expect(throws: InflateError.repeatWithoutPreviousLength) {
            try Inflate.decompress(header(literals: 257, distances: 1, codeLengthLengths: repeats) { w, c in w.code(c[16], 4); w.bits(0, 2) }, limit: 10)
        }
        #expect(throws: InflateError.codeLengthsOverrun) {
            try Inflate.decompress(header(literals: 257, distances: 1, codeLengthLengths: repeats) { w, c in
                w.code(c[18], 4); w.bits(127, 7)   // 138
                w.code(c[18], 4); w.bits(127, 7)   // 276 > 258
            }, limit: 10)
        }
        #expect(throws: InflateError.missingEndOfBlockCode) {
            try Inflate.decompress(header(literals: 257, distances: 1, codeLengthLengths: repeats) { w, c in
                w.code(c[1], 4); w.code(c[1], 4)   // 0 and 1: one bit each
                w.code(c[18], 4); w.bits(127, 7)   // 138 zeros
                w.code(c[18], 4); w.bits(116 - 11, 7)   // 116 zeros: 140…255
                w.code(c[0], 4)                    // end of block: no code
                w.code(c[0], 4)
            }, limit: 10)
        }
        #expect(throws: InflateError.incompleteCode("literal/length")) {
            try Inflate.decompress(header(literals: 257, distances: 1, codeLengthLengths: repeats) { w, c in
                w.code(c[2], 4)                    // literal 0: two bits
                w.code(c[18], 4); w.bits(127, 7)        // 138 zeros: 1…138
                w.code(c[18], 4); w.bits(117 - 11, 7)   // 117 zeros: 139…255
                w.code(c[2], 4)                    // end of block: two bits; half the code space unused
                w.code(c[0], 4)
            }, limit: 10)
        }
    }

    /// Every proper prefix of a stream is truncated, and says so.
    @Test(arguments: ["short.level6", "short.fixed", "short.level0", "short.huffman", "noise.level9", "byte.level6", "empty.level6"])
    func everyTruncationIsRefused(name: String) throws {
        let stream = try WorkbookFixtures.bytes("deflate/\(name).deflate")
        let limit = 1 << 16
        for count in 0..<stream.count {
            #expect(throws: InflateError.truncated, "\(name) cut to \(count) bytes") {
                try Inflate.decompress(stream.span.extracting(0..<count), limit: limit)
            }
        }
    }

    /// Every single-bit flip either throws or yields output, which then fails the CRC (or is the
    /// original: the flip hit the padding after the last block).
    @Test(arguments: ["short.level6", "short.fixed", "short.level0", "byte.level6", "zeros.level9"])
    func flippedBitsNeverCrash(name: String) throws {
        let stream = try WorkbookFixtures.bytes("deflate/\(name).deflate")
        let input = String(name.prefix { $0 != "." })
        let expected = try #require(Self.expected[input])
        var caught = 0
        for bit in 0..<(stream.count * 8) {
            var corrupt = stream
            corrupt[bit / 8] ^= 1 << UInt8(bit % 8)
            do {
                let output = try Inflate.decompress(corrupt, limit: 1 << 16)
                #expect(CRC32.checksum(output) != expected.crc32 || output.count == expected.size, "\(name) bit \(bit)")
            } catch {
                caught += 1
            }
        }
        #expect(caught > 0)
    }

    @Test func randomBytesNeverCrash() {
        var rng = TestRandom(state: 14)
        for _ in 0..<3000 {
            let count = rng.int(200)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = try? Inflate.decompress(bytes, limit: 1 << 16)
        }
    }
}

/// The order in which a dynamic header sends the code-length code's lengths (RFC 1951 §3.2.7).
enum HuffmanCodeLengthOrder {
    static let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
}

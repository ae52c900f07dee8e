import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// SHA256TestRNG: a tiny deterministic generator so that "random" chunkings are reproducible.
private struct SHA256TestRNG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Bytes `(i·31 + 7) mod 256` for i in 0..<n: not a repeated single byte, so word order mistakes show.
private func sha256PatternBytes(_ n: Int) -> [UInt8] {
    (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
}

@Suite("SHA-256")
struct SHA256Tests {
    // MARK: FIPS 180-4 / NIST example vectors

    @Test func abc() {
        #expect(SHA256.hash("abc").hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func emptyMessage() {
        let expected = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(SHA256.hash("").hexString == expected)
        #expect(SHA256.hash([UInt8]()).hexString == expected)
        var hasher = SHA256()
        #expect(hasher.finalize().hexString == expected)
    }

    @Test func message448Bits() {
        let text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(text.utf8.count == 56)
        #expect(SHA256.hash(text).hexString == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func message896BitsTwoBlocks() {
        let text = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(text.utf8.count == 112)
        #expect(SHA256.hash(text).hexString == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        // Streamed in 1000-byte array chunks (the whole-block path of update).
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hasher.finalize().hexString == expected)
        // And in one piece.
        #expect(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).hexString == expected)
    }

    @Test func digestIs32Bytes() {
        #expect(SHA256.digestByteCount == 32)
        #expect(SHA256.hash("x").count == 32)
        #expect(SHA256.hash(sha256PatternBytes(1000)).count == 32)
    }

    // MARK: Padding boundaries (expected values from Python's hashlib)

    @Test(arguments: [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"),
        (54, "a3f01b6939256127582ac8ae9fb47a382a244680806a3f613a118851c1ca1d47"),
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        (127, "c57e9278af78fa3cab38667bef4ce29d783787a2f731d4e12200270f0c32320a"),
        (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
        (200, "c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5"),
    ])
    func repeatedA(length: Int, expected: String) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        #expect(SHA256.hash(message).hexString == expected)
        #expect(SHA256.hash(String(repeating: "a", count: length)).hexString == expected)
        var hasher = SHA256()
        hasher.update(message)
        #expect(hasher.finalize().hexString == expected)
    }

    /// SHA-256 of the concatenated digests of every length 0…200, compared with
    /// `hashlib.sha256(b''.join(hashlib.sha256(m(n)).digest() for n in range(201))).hexdigest()`.
    @Test func everyLengthUpTo200MatchesHashlib() {
        var allA: [UInt8] = []
        var allPattern: [UInt8] = []
        for n in 0...200 {
            allA += SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: n))
            allPattern += SHA256.hash(sha256PatternBytes(n))
        }
        #expect(SHA256.hash(allA).hexString == "1be2d7d291484baf4c78d463a65b40a26c255b1946e5205eac8edad606a76fdd")
        #expect(SHA256.hash(allPattern).hexString == "2596dc78bf91fcc2d7cdba569d85e7c20f5d24bdc74fb082da12c7272515aa28")
    }

    @Test func otherHashlibVectors() {
        #expect(SHA256.hash((0...255).map { UInt8($0) }).hexString
                == "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880")
        #expect(SHA256.hash("排位 学生").hexString
                == "9e60b440a915a0a32b06df845e83d294d196d802819037eba522f37b282b3bfd")
        let long = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        #expect(SHA256.hash(long).hexString == "3744f9b6045743a20f15a52fd3da5addd0ecb072618e3b993dec3cc39a634443")
    }

    // MARK: Streaming

    @Test func streamingInRandomChunksEqualsOneShot() {
        var rng = SHA256TestRNG(state: 20_240_601)
        for trial in 0..<60 {
            let length = trial < 30 ? rng.next(below: 300) : rng.next(below: 3000)
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let expected = SHA256.hash(message)
            var hasher = SHA256()
            var index = 0
            var chunkNumber = 0
            while index < length {
                let size = min(length - index, rng.next(below: 150))
                // Alternate between the array overload and the generic sequence overload.
                switch chunkNumber % 3 {
                case 0: hasher.update(Array(message[index..<(index + size)]))
                case 1: hasher.update(message[index..<(index + size)])
                default: hasher.update(message[index..<(index + size)].lazy.map { $0 })
                }
                index += size
                chunkNumber += 1
            }
            #expect(hasher.finalize() == expected, "trial \(trial), length \(length)")
        }
    }

    @Test func streamingEverySplitPointAroundBlockBoundary() {
        let message = sha256PatternBytes(130)
        let expected = SHA256.hash(message)
        for split in 0...message.count {
            var hasher = SHA256()
            hasher.update(Array(message[..<split]))
            hasher.update(Array(message[split...]))
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
    }

    @Test func emptyUpdatesChangeNothing() {
        var hasher = SHA256()
        hasher.update([UInt8]())
        hasher.update(Array("ab".utf8))
        hasher.update([UInt8]())
        hasher.update(EmptyCollection<UInt8>())
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize().hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func copiesAreIndependent() {
        var a = SHA256()
        a.update(Array("ab".utf8))
        var b = a
        a.update(Array("c".utf8))
        b.update(Array("d".utf8))
        #expect(a.finalize() == SHA256.hash("abc"))
        #expect(b.finalize() == SHA256.hash("abd"))
    }

    // MARK: Hex

    @Test func hexStringIsLowercaseTwoDigitsPerByte() {
        #expect([UInt8]().hexString == "")
        #expect([UInt8]([0x00, 0x01, 0x0f, 0x10, 0xab, 0xff]).hexString == "00010f10abff")
        #expect([UInt8]([0xAB, 0xCD])[1...].hexString == "cd")
    }

    @Test func hexRoundTrip() {
        var rng = SHA256TestRNG(state: 7)
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let hex = bytes.hexString
            #expect(hex.utf8.count == 2 * length)
            #expect(bytesFromHex(hex) == bytes)
            #expect(bytesFromHex(hex.uppercased()) == bytes)
        }
        let all = (0...255).map { UInt8($0) }
        #expect(bytesFromHex(all.hexString) == all)
    }

    @Test func bytesFromHexAcceptsEitherCase() {
        #expect(bytesFromHex("") == [])
        #expect(bytesFromHex("00ff") == [0x00, 0xff])
        #expect(bytesFromHex("ABcd") == [0xab, 0xcd])
        #expect(bytesFromHex("0123456789abcdefABCDEF")
                == [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef])
    }

    @Test(arguments: ["0", "abc", "a", "12345", "0g", "g0", "zz", " 00", "00 ", "0x00", "-1", "é0", "٠١", "ａｂ", "00\n"])
    func bytesFromHexRejects(text: String) {
        #expect(bytesFromHex(text) == nil)
    }
}

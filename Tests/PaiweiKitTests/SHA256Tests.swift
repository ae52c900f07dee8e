import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// `n` bytes, the low byte of each TestRandom (SplitMix64) output from `seed`. In Python, for the expected digests:
///
///     def rng_bytes(seed, n):
///         M, out = 2**64 - 1, bytearray()
///         for _ in range(n):
///             seed = (seed + 0x9E3779B97F4A7C15) & M
///             z = ((seed ^ (seed >> 30)) * 0xBF58476D1CE4E5B9) & M
///             z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
///             out.append((z ^ (z >> 31)) & 0xFF)
///         return bytes(out)
private func sha256RandomBytes(seed: UInt64, _ n: Int) -> [UInt8] {
    var rng = TestRandom(state: seed)
    return (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
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

    // MARK: NIST CAVP style (message, digest); digests from Python's hashlib

    /// The first rows of NIST's SHA256ShortMsg.rsp (Len = 0, 8, …, 64 bits), then rows in the same form
    /// around the one-block and two-block boundaries, the messages `rng_bytes(1000 + n, n)`.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("d3", "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1"),
        ("11af", "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98"),
        ("b4190e", "dff2e73091f6c05e528896c4c831b9448653dc2ff043528f6769437bc7b975c2"),
        ("74ba2521", "b16aa56be3880d18cd41e68384cf1ec8c17680c45a02b1575dc1518923ae8b0e"),
        ("c299209682", "f0887fe961c9cd3beab957e8222494abb969b1ce4c6557976df8b0f6d20e9166"),
        ("e1dc724d5621", "eca0a060b489636225b4fa64d267dabbe44273067ac679f20820bddc6b6a90ac"),
        ("06e076f5a442d5", "3fd877e27450e6bbd5d74bb82f9870c64c66e109418baa8e6bbcff355e287926"),
        ("5738c929c4f4ccb6", "963bb88f27f512777aab6c8b1a02c70ec0ad651d428f870036e1917120fb48bf"),
        ("65e5bb4adca347aa53b0f3568293d9391d3cc825", "9087fc15e91c58f3871140e0a38c7b90fd841ef40096e50349af9d8759565133"),
        ("418e38d43dd8bf6041588ab79cf1edf4adb298a3b0fc13d1a781b32e67caff", "9a097f031e55443d8495e55aa71875f03c06f9dbe0ef0a6615b63e93638cf7a6"),
        ("1ccba096119119201bab657acd0c8f3782eecaa84ab8201a76a3550daa159115", "a75c6ec13943f803f2714aaf6fa63592c1881e9c474fd6d3d700f728d2d73d9a"),
        ("9b3eb6006dd67129ac6090965d172366f529394617c4d05949b720934f1fe5b1d4", "046003763c7013d874970973bfe36e8aec5489ef8a8fe604b86b69876aa6bb03"),
        ("890b0e18151554c84e4d8507497d7e4bc30e53134ed95181accd9cf92b36e2bac6d81bb309bccb65c05d8fffd335c2faa1c9a4f42740a2", "95e5b33bbfa71b1e63fa0305158eccb6ea5353a7759661d8a93c61a867bdd760"),
        ("494573c517a0e7b6215e2642a6d40503ed5ae478d502c6cf25a5e56e91863d855c337115645d4655a1cba81b7d263da612beb9974014d08f", "98851fdef6ec1b5fb1fd4d473510d721c74c5085c3542d7ac75bb6eb82478170"),
        ("7eb0988525ec24bb0ea1ecce3f6028aa92ae219871cb2469907626d7958d0c40c2760aa8435d810c5fc19e8fda2048df85b25edefaac62404a", "e82022a2b1d91790ccc29edd00811cd6ee4db9b1d662ceb5f70267bd12c59c9e"),
        ("282f824e49e3c0b66ebc1484adbe20fabd4acee7aab05b960b33737ad223c48363e4e24c04932bb2e9c47c93d890ebe84dbb8c4579226d6efd195732959919", "f922a24056f0b9b64989616103285315512c5f42e6c15dff98d7cbd2bd25652a"),
        ("09c9c5c600f38438e1ec86725a31d5ae3f33c9f799c13d998adbbd5c9da8d7c838adddfe201865a79dd5af9afa754241396a93f2d7b7f1101c5a8582a57dce6c", "deb0af3c9e2f2c93cda927bd7adb14fbf9e21844b2a16b918cac9d084e9deb05"),
    ])
    func shortMessages(message: String, expected: String) throws {
        let bytes = try #require(bytesFromHex(message))
        #expect(SHA256.hash(bytes).hexString == expected)
        #expect(SHA256.digest(bytes).hexString == expected)
        #expect(bytes.withUnsafeBytes { SHA256.hash($0) }.hexString == expected)
        #expect(SHA256.hash(bytes.lazy.map { $0 }).hexString == expected)   // the byte-at-a-time path
        var hasher = SHA256()
        hasher.update(bytes)
        #expect(hasher.finalize().hexString == expected)
    }

    /// SHA256LongMsg-style rows: multi-block messages `rng_bytes(2000 + n, n)`, hashed whole and streamed
    /// in uneven pieces.
    @Test(arguments: [
        (163, "91a1713b076c71a05041376991f73327e6da871cd2defeb60071143b75cff382"),
        (291, "3f132bb0dcd1f9e4441cc1d963e61405a350d992c937c742748575d2d2b26c7d"),
        (555, "5e0af23cdeb1153fb351646502d682c4ec64c27669b9c5178afaf6d79f36731b"),
        (1000, "4ff88d140696e9025e12455248b9382f5e031295e5539c027048b164814af061"),
        (4099, "136edf672dc71d01b84056035a1216423f30a89399c9dabbb38882d160d853b3"),
        (65553, "158bdec4c07635e20daf8586bbe407c7800f836c870515c22377a9b103660f60"),
    ])
    func longMessages(length: Int, expected: String) {
        let message = sha256RandomBytes(seed: UInt64(2000 + length), length)
        #expect(SHA256.hash(message).hexString == expected)
        #expect(SHA256.hash(Data(message)).hexString == expected)
        var hasher = SHA256()
        var index = 0, piece = 1
        while index < length {
            let end = min(length, index + piece)
            hasher.update(message[index..<end])
            index = end
            piece = piece * 3 + 1
        }
        #expect(hasher.finalize().hexString == expected)
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

    /// Every length 0…300 of one message, through each entry point, against
    /// `m = rng_bytes(300, 300); sha256(b''.join(sha256(m[:n]).digest() for n in range(301))).hexdigest()`.
    @Test func everyLengthUpTo300MatchesHashlib() {
        let message = sha256RandomBytes(seed: 300, 300)
        var oneShot: [UInt8] = [], digests: [UInt8] = [], raw: [UInt8] = [], slices: [UInt8] = [], streamed: [UInt8] = []
        var bytewise: [UInt8] = []
        for n in 0...300 {
            let prefix = Array(message[..<n])
            oneShot += SHA256.hash(prefix)
            digests += SHA256.digest(prefix).bytes
            raw += prefix.withUnsafeBytes { SHA256.hash($0) }
            slices += SHA256.hash(message[..<n])
            var hasher = SHA256()
            hasher.update(prefix)
            streamed += hasher.finalize()
            var byByte = SHA256()
            for byte in prefix { byByte.update(CollectionOfOne(byte)) }
            bytewise += byByte.finalize()
        }
        let expected = "64b480b79a610fdb38612f9d0d1dc1c5571f035021b9f983c27f11fc51211d25"
        #expect(SHA256.hash(oneShot).hexString == expected)
        #expect(digests == oneShot)
        #expect(raw == oneShot)
        #expect(slices == oneShot)
        #expect(streamed == oneShot)
        #expect(bytewise == oneShot)
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
        var rng = TestRandom(state: 20_240_601)
        for trial in 0..<60 {
            let length = trial < 30 ? rng.int(300) : rng.int( 3000)
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let expected = SHA256.hash(message)
            var hasher = SHA256()
            var index = 0
            var chunkNumber = 0
            while index < length {
                let size = min(length - index, rng.int(150))
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

    /// A 200-byte message (`rng_bytes(200, 200)`) split in two at every offset, through each overload.
    @Test func streamingSplitAtEveryOffsetOf200Bytes() {
        let message = sha256RandomBytes(seed: 200, 200)
        let expected = "b8073f6fb3e7fa0bdc39735701d1f12c23da3b05308fea0c6c00d61f373cdfcb"
        #expect(SHA256.hash(message).hexString == expected)
        for split in 0...message.count {
            var arrays = SHA256(), slices = SHA256(), raw = SHA256()
            arrays.update(Array(message[..<split]))
            arrays.update(Array(message[split...]))
            slices.update(message[..<split])
            slices.update(message[split...])
            message.withUnsafeBytes { bytes in
                raw.update(UnsafeRawBufferPointer(rebasing: bytes[..<split]))
                raw.update(UnsafeRawBufferPointer(rebasing: bytes[split...]))
            }
            #expect(arrays.finalize().hexString == expected, "split at \(split)")
            #expect(slices.finalize().hexString == expected, "split at \(split)")
            #expect(raw.finalizeDigest().hexString == expected, "split at \(split)")
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

    @Test func emptyAndNilBuffers() {
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(SHA256.hash(none).hexString == empty)
        #expect(SHA256.digest(none).hexString == empty)
        #expect(SHA256.hash(Data()).hexString == empty)
        #expect(SHA256.hash([UInt8]()[...]).hexString == empty)
        var hasher = SHA256()
        hasher.update(none)
        hasher.update(Array("abc".utf8))
        hasher.update(none)
        #expect(hasher.finalize().hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func finalizeLeavesTheHasherAsItWas() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        #expect(hasher.finalize() == SHA256.hash("ab"))
        #expect(hasher.finalizeDigest() == SHA256.digest("ab"))
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize() == SHA256.hash("abc"))
    }

    @Test func digestValue() {
        let digest = SHA256.digest("abc")
        #expect(digest.hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.bytes == SHA256.hash("abc"))
        #expect(digest.word(0) == 0xba78_16bf && digest.word(7) == 0xf200_15ad)
        #expect(digest.littleEndianWord(0) == 0xbf16_78ba && digest.littleEndianWord(1) == 0xeacf_018f)
        #expect(digest == SHA256.digest(Array("abc".utf8)) && digest != SHA256.digest("abd"))
        #expect(Set([digest, SHA256.digest("abc"), SHA256.digest("")]).count == 2)
        // Strings are hashed in place, small, large and not ASCII alike.
        for text in ["", "S000123", "family:F-0042-abcdefghij", "排位 学生", String(repeating: "学", count: 40)] {
            #expect(SHA256.digest(text).bytes == SHA256.hash(Array(text.utf8)), "\(text)")
        }
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
        var rng = TestRandom(state: 7)
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

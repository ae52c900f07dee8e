import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// Expected values below were computed independently in Python (hashlib + a Python Philox4x32-10),
/// following SPEC §4 literally.
@Suite("Lottery protocol")
struct LotteryProtocolTests {
    /// The seed 000102…1f.
    static let seedHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
    static var seed: LotterySeed { LotterySeed(hex: seedHex)! }

    // MARK: Seeds

    @Test func seedFromHex() throws {
        let seed = try #require(LotterySeed(hex: Self.seedHex))
        #expect(seed.bytes == (0..<32).map { UInt8($0) })
        #expect(seed.hex == Self.seedHex)
        #expect(seed.description == Self.seedHex)
        // Upper case is accepted, and printed back in lower case.
        let upper = try #require(LotterySeed(hex: Self.seedHex.uppercased()))
        #expect(upper == seed)
        #expect(upper.hex == Self.seedHex)
    }

    @Test(arguments: [
        String(repeating: "a", count: 63),
        String(repeating: "a", count: 65),
        String(repeating: "a", count: 62),
        String(repeating: "a", count: 66),
        String(repeating: "a", count: 128),
        "",
        String(repeating: "a", count: 63) + "g",
        String(repeating: "a", count: 63) + " ",
        " " + String(repeating: "a", count: 63),
        String(repeating: "0", count: 62) + "0x",
        String(repeating: "é", count: 32),
        String(repeating: "ａ", count: 64),
    ])
    func seedFromHexRejects(text: String) {
        #expect(LotterySeed(hex: text) == nil)
    }

    @Test func seedFromBytes() {
        #expect(LotterySeed(bytes: [UInt8](repeating: 7, count: 32))?.hex == String(repeating: "07", count: 32))
        #expect(LotterySeed(bytes: [UInt8](repeating: 7, count: 31)) == nil)
        #expect(LotterySeed(bytes: [UInt8](repeating: 7, count: 33)) == nil)
        #expect(LotterySeed(bytes: []) == nil)
        #expect(LotterySeed(bytes: (0..<32).map { UInt8($0) }) == Self.seed)
    }

    // MARK: Ceremony

    @Test func ceremonySeed() throws {
        let seed = try LotterySeed(ceremony: ["12", "7", "33"])
        #expect(seed.hex == "4d026ca1ae1c3b67b51eb3a38a0598c96fa71f1fbbb52d40e25f9c50717b174c")
        #expect(try LotterySeed(ceremony: ["42"]).hex == "633ba7e392521197c32ee77e99da9106812e5a04c2d4dc7c534644ec345af282")
        // Order matters.
        #expect(try LotterySeed(ceremony: ["7", "12", "33"]).hex == "77beba58496c2f63dedaf9840bc1acd1988bc53c1b488fc095baed876d8e6379")
    }

    @Test func ceremonyIsSHA256OfTheDocumentedMessage() throws {
        let contributions = ["家长代表 1", "0042", "x y"]
        let message = Array("paiwei-seed-v1\n家长代表 1\n0042\nx y".utf8)
        #expect(try LotterySeed(ceremony: contributions).bytes == SHA256.hash(message))
    }

    @Test func ceremonyWithoutContributionThrows() {
        #expect(throws: CeremonyError.noContribution) { try LotterySeed(ceremony: []) }
    }

    @Test func ceremonyWithEmptyContributionThrows() {
        #expect(throws: CeremonyError.emptyContribution(index: 2)) { try LotterySeed(ceremony: ["1", ""]) }
        #expect(throws: CeremonyError.emptyContribution(index: 1)) { try LotterySeed(ceremony: ["", "1"]) }
    }

    @Test(arguments: ["a\nb", "a\r\nb", "a\rb", "\n", "a\u{2028}b", "a\u{85}b"])
    func ceremonyWithLineBreakThrows(contribution: String) {
        #expect(throws: CeremonyError.lineBreak(index: 1)) { try LotterySeed(ceremony: [contribution]) }
        #expect(throws: CeremonyError.lineBreak(index: 3)) { try LotterySeed(ceremony: ["1", "2", contribution]) }
    }

    @Test func ceremonyErrorTypedThrowAndDescriptions() {
        do throws(CeremonyError) {
            _ = try LotterySeed(ceremony: ["ok", "a\nb"])
            Issue.record("expected a throw")
        } catch {
            // `error` is statically a CeremonyError (typed throws).
            #expect(error == .lineBreak(index: 2))
            #expect(error.description == "ceremony contribution 2 holds a line break")
        }
        #expect(CeremonyError.noContribution.description.contains("at least one"))
        #expect(CeremonyError.emptyContribution(index: 4).description == "ceremony contribution 4 is empty")
    }

    // MARK: Replications

    @Test func replicationSeeds() {
        let seed = Self.seed
        #expect(seed.replication(0).hex == "4a24170ea57471848f1a29bbb2f3eab7797e8b8c4a490c83d63451d59f13c6ab")
        #expect(seed.replication(1).hex == "02c27dbe824503abddab5c87472bcb7740414492a684bf7979ff40400ad1b052")
        #expect(seed.replication(1000).hex == "5b6dcc507c4cec6dbb1d56cbfd3c9ec6390fae0a06f703a509306e57860d9d75")
        #expect(seed.replication(UInt64.max).hex == "88d5bba09f285e089aeb43201c6c4ea60b3654b350d7deee9fcc3ac40b8f5a27")
    }

    @Test func replicationOfACeremonySeed() throws {
        let seed = try LotterySeed(ceremony: ["12", "7", "33"])
        #expect(seed.replication(5).hex == "84a956a355bbf7407c4f9e6a2e4c6579e35f6f980aec5edf25a34d9dbbf38b8b")
    }

    @Test func replicationMessageLayout() {
        let seed = Self.seed
        let r: UInt64 = 0x0102_0304_0506_0708
        let message = seed.bytes + Array("replication".utf8) + [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]
        #expect(seed.replication(r).bytes == SHA256.hash(message))
    }

    // MARK: Keys, counters, numbers

    @Test func keyOfALabel() {
        let key = Self.seed.key(label: "group1/S007")
        #expect(key.0 == 0x2369_d9fe)
        #expect(key.1 == 0xda96_572a)
    }

    @Test func keyIsFirstTwoLittleEndianWordsOfDigest() {
        let digest = SHA256.hash(Self.seed.bytes + Array("任意/标签".utf8))
        let key = Self.seed.key(label: "任意/标签")
        #expect(key.0 == UInt32(digest[0]) | UInt32(digest[1]) << 8 | UInt32(digest[2]) << 16 | UInt32(digest[3]) << 24)
        #expect(key.1 == UInt32(digest[4]) | UInt32(digest[5]) << 8 | UInt32(digest[6]) << 16 | UInt32(digest[7]) << 24)
    }

    @Test func studentCounter() {
        let counter = StudentCounter(studentID: "ST00042")
        #expect(counter.h0 == 0xa3ab_7a4b)
        #expect(counter.h1 == 0x1b3c_c265)
        #expect(StudentCounter(studentID: "ST00042", familyID: "") == counter)
    }

    @Test func familyCounterIgnoresStudentID() {
        let a = StudentCounter(studentID: "ST00042", familyID: "F9")
        let b = StudentCounter(studentID: "ST00043", familyID: "F9")
        #expect(a == b)
        #expect(a == StudentCounter(studentID: "family:F9"))
        #expect(a != StudentCounter(studentID: "F9"))
        #expect(a != StudentCounter(studentID: "ST00042"))
    }

    @Test func lotteryNumbers() {
        let seed = Self.seed
        #expect(formatLotteryNumber(lotteryNumber(seed: seed, label: "group1/S007", studentID: "ST00042")) == "53d3013074e37c1f")
        #expect(lotteryNumber(seed: seed, label: "group1/S007", studentID: "ST00042") == 0x53d3_0130_74e3_7c1f)
        #expect(formatLotteryNumber(lotteryNumber(seed: seed, label: "group2/S001", studentID: "ST00042")) == "76df2c3913b19ea7")
        #expect(formatLotteryNumber(lotteryNumber(seed: seed, label: "批次1/学校", studentID: "学生001")) == "f051608a13ce5e23")
        let zero = LotterySeed(bytes: [UInt8](repeating: 0, count: 32))!
        #expect(formatLotteryNumber(lotteryNumber(seed: zero, label: "", studentID: "A")) == "bdf760ed050e6d98")
    }

    @Test func familyMembersShareANumber() {
        let seed = Self.seed
        let a = lotteryNumber(seed: seed, label: "group1/S007", studentID: "ST00042", familyID: "F9")
        let b = lotteryNumber(seed: seed, label: "group1/S007", studentID: "ST00043", familyID: "F9")
        #expect(formatLotteryNumber(a) == "dcf24407ba9aee84")
        #expect(a == b)
        #expect(a != lotteryNumber(seed: seed, label: "group1/S007", studentID: "ST00042"))
    }

    @Test func numberIsR1HighR0Low() {
        let seed = Self.seed
        let counter = StudentCounter(studentID: "ST00042")
        let key = seed.key(label: "group1/S007")
        let r = Philox4x32.block(counter: (counter.h0, counter.h1, 0, 0), key: key)
        #expect(counter.number(key: key) == UInt64(r.1) << 32 | UInt64(r.0))
        #expect(counter.number(key: key) == lotteryNumber(seed: seed, label: "group1/S007", studentID: "ST00042"))
    }

    @Test func numbersDifferAcrossLabelsSeedsAndStudents() {
        let seed = Self.seed
        let base = lotteryNumber(seed: seed, label: "L", studentID: "S")
        #expect(base != lotteryNumber(seed: seed, label: "L2", studentID: "S"))
        #expect(base != lotteryNumber(seed: seed, label: "L", studentID: "S2"))
        #expect(base != lotteryNumber(seed: seed.replication(0), label: "L", studentID: "S"))
        #expect(base == lotteryNumber(seed: LotterySeed(hex: Self.seedHex)!, label: "L", studentID: "S"))
    }

    // MARK: Formatting

    @Test func formatPadsToSixteenLowercaseDigits() {
        #expect(formatLotteryNumber(0) == "0000000000000000")
        #expect(formatLotteryNumber(1) == "0000000000000001")
        #expect(formatLotteryNumber(0xABC) == "0000000000000abc")
        #expect(formatLotteryNumber(0x0123_4567_89AB_CDEF) == "0123456789abcdef")
        #expect(formatLotteryNumber(UInt64.max) == "ffffffffffffffff")
        #expect(formatLotteryNumber(1 << 63) == "8000000000000000")
        for shift in 0..<64 {
            let text = formatLotteryNumber(UInt64(1) << UInt64(shift))
            #expect(text.utf8.count == 16)
            #expect(UInt64(text, radix: 16) == UInt64(1) << UInt64(shift))
        }
    }
}

import Foundation
import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// FixedDecimal agrees byte for byte with the C library's `%.*f` (glibc on this platform rounds the
/// exact binary value, ties to even) — the formatter the simulation's pinned files were first written
/// with — on random values of every magnitude, on exact ties, on subnormals and on huge integers.
@Suite struct FixedDecimalTests {
    static func printf(_ x: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", x) }

    @Test func handPickedValues() {
        #expect(FixedDecimal.string(0.03125, decimals: 4) == "0.0312")     // a tie: to even
        #expect(FixedDecimal.string(0.09375, decimals: 4) == "0.0938")     // a tie: to even, upwards
        #expect(FixedDecimal.string(-0.0, decimals: 1) == "-0.0")
        #expect(FixedDecimal.string(0, decimals: 0) == "0")
        #expect(FixedDecimal.string(2.5, decimals: 0) == "2")
        #expect(FixedDecimal.string(3.5, decimals: 0) == "4")
        #expect(FixedDecimal.string(0.1, decimals: 17) == "0.10000000000000001")
        #expect(FixedDecimal.string(1e22, decimals: 2) == "10000000000000000000000.00")
        #expect(FixedDecimal.string(.infinity, decimals: 2) == "inf")
        #expect(FixedDecimal.string(-.infinity, decimals: 2) == "-inf")
        #expect(FixedDecimal.string(.nan, decimals: 2) == "nan")
        #expect(FixedDecimal.string(1, decimals: 4) == "1.0000")
        #expect(FixedDecimal.string(0.99995, decimals: 4) == Self.printf(0.99995, 4))
    }

    @Test(arguments: 0..<8)
    func randomValuesAgreeWithPrintf(block: Int) {
        var random = TestRandom(state: 0xDEC1_0000 + UInt64(block))
        for _ in 0..<20_000 {
            let x: Double
            switch random.int(6) {
            case 0: x = Double(random.next() >> 11) / Double(1 << 53)                       // probabilities
            case 1: x = Double(random.int(1_000_001)) / Double(1 + random.int(10_000))      // means of counts
            case 2: x = Double(random.int(1 << 20)) / Double(1 << (1 + random.int(30)))     // exact binary fractions, many ties
            case 3: x = Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)           // any finite magnitude
            case 4: x = Double(bitPattern: random.next() & 0x000F_FFFF_FFFF_FFFF)           // subnormals
            default: x = -Double(random.int(100_000)) / 64
            }
            let decimals = random.int(18)
            let ours = FixedDecimal.string(x, decimals: decimals), theirs = Self.printf(x, decimals)
            #expect(ours == theirs, "\(x.bitPattern) with \(decimals) decimals: \(ours) vs \(theirs)")
            if ours != theirs { return }
        }
    }

    @Test func everyHalfUnitTieAtFourDecimals() {
        // k/2^j for the fractions whose fifth decimal is a 5 followed by nothing: every such tie.
        for numerator in 0..<4096 {
            let x = Double(numerator) / 2048
            #expect(FixedDecimal.string(x, decimals: 4) == Self.printf(x, 4), "\(x)")
        }
    }
}

import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// Fixed-seed arguments from the tests' SplitMix64 (``TestRandom``), the same on every machine.
extension TestRandom {
    /// Uniform in [0, 1), on the grid of multiples of 2⁻⁵³.
    fileprivate mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A random sign and significand with a uniform binary exponent in `exponents`: log-uniform magnitudes.
    fileprivate mutating func logUniform(_ exponents: ClosedRange<Int>) -> Double {
        let bits = next()
        let exponent = exponents.lowerBound + Int(bits % UInt64(exponents.count))
        return Double(sign: bits >> 63 == 0 ? .plus : .minus, exponentBitPattern: UInt(1023 + exponent),
                      significandBitPattern: next() >> 12)
    }
}

/// How many doubles lie between `a` and `b` (0 when equal, ±0 counted equal; NaN only matches NaN).
private func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
    func ordered(_ x: Double) -> Int64 {
        let magnitude = Int64(bitPattern: x.bitPattern & 0x7fff_ffff_ffff_ffff)
        return x.sign == .minus ? -magnitude : magnitude
    }
    let (p, q) = (ordered(a), ordered(b))
    return p > q ? UInt64(bitPattern: p &- q) : UInt64(bitPattern: q &- p)
}

private func hex(_ x: Double) -> String { "0x" + String(x.bitPattern, radix: 16) + " (\(x))" }

@Suite("Portable sin, cos, asin")
struct PortableMathTests {
    typealias Function = (name: String, ours: @Sendable (Double) -> Double, glibc: @Sendable (Double) -> Double)
    static let functions: [Function] = [
        ("sin", { PortableMath.sin($0) }, { Foundation.sin($0) }),
        ("cos", { PortableMath.cos($0) }, { Foundation.cos($0) }),
        ("asin", { PortableMath.asin($0) }, { Foundation.asin($0) }),
    ]

    // MARK: (a) Special values

    @Test func signedZerosAndSubnormals() {
        #expect(PortableMath.sin(0).bitPattern == (0.0).bitPattern)
        #expect(PortableMath.sin(-0.0).bitPattern == (-0.0).bitPattern)
        #expect(PortableMath.asin(0).bitPattern == (0.0).bitPattern)
        #expect(PortableMath.asin(-0.0).bitPattern == (-0.0).bitPattern)
        #expect(PortableMath.cos(0) == 1 && PortableMath.cos(-0.0) == 1)
        for x in [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude.nextDown, Double.leastNormalMagnitude,
                  -Double.leastNonzeroMagnitude, -Double.leastNormalMagnitude.nextDown, 0x1p-28, -0x1p-28] {
            #expect(PortableMath.sin(x).bitPattern == x.bitPattern, "sin \(hex(x))")
            #expect(PortableMath.asin(x).bitPattern == x.bitPattern, "asin \(hex(x))")
            #expect(PortableMath.cos(x) == 1, "cos \(hex(x))")
        }
    }

    @Test func quarterAndHalfTurns() {
        // The doubles nearest π/2 and π; the expected values are the correctly rounded ones (mpmath).
        let halfPi = Double.pi / 2
        #expect(PortableMath.sin(halfPi) == 1)
        #expect(PortableMath.sin(-halfPi) == -1)
        #expect(PortableMath.cos(halfPi) == 0x1.1a62633145c07p-54)   // π/2 − (π/2 rounded), 6.123e-17
        #expect(PortableMath.cos(-halfPi) == 0x1.1a62633145c07p-54)
        #expect(PortableMath.sin(Double.pi) == 0x1.1a62633145c07p-53)  // 1.2246e-16
        #expect(PortableMath.sin(-Double.pi) == -0x1.1a62633145c07p-53)
        #expect(PortableMath.cos(Double.pi) == -1)
        #expect(PortableMath.cos(-Double.pi) == -1)
        #expect(PortableMath.asin(1) == halfPi)
        #expect(PortableMath.asin(-1) == -halfPi)
        #expect(PortableMath.asin(Double(1).nextDown) < halfPi)
    }

    @Test func notANumber() {
        for x in [Double.infinity, -.infinity, .nan, -.nan, .signalingNaN] {
            #expect(PortableMath.sin(x).isNaN, "sin \(x)")
            #expect(PortableMath.cos(x).isNaN, "cos \(x)")
        }
        for x in [Double(1).nextUp, -Double(1).nextUp, 2, -2, 1e300, .greatestFiniteMagnitude, .infinity, -.infinity, .nan] {
            #expect(PortableMath.asin(x).isNaN, "asin \(x)")
        }
    }

    @Test func topOfTheDomainIsAccepted() {
        // The largest double whose high word is below 0x413921fb (2²⁰·π/2 ≈ 1.647e6).
        let top = Double(bitPattern: 0x4139_21fa_ffff_ffff)
        for x in [top, -top] {
            #expect(ulpDistance(PortableMath.sin(x), Foundation.sin(x)) <= 1)
            #expect(ulpDistance(PortableMath.cos(x), Foundation.cos(x)) <= 1)
        }
    }

    @Test func argumentsBeyondTheDomainStop() async {
        await #expect(processExitsWith: .failure) {
            _ = PortableMath.sin(Double(bitPattern: 0x4139_21fb_0000_0000))
        }
        await #expect(processExitsWith: .failure) {
            _ = PortableMath.cos(-1e300)
        }
    }

    @Test func oddAndEven() {
        var random = TestRandom(state: 0x5eed_0000_0000_0001)
        for _ in 0..<10_000 {
            let x = random.unit() * 2 * .pi
            #expect(PortableMath.sin(-x) == -PortableMath.sin(x), "sin \(hex(x))")
            #expect(PortableMath.cos(-x) == PortableMath.cos(x), "cos \(hex(x))")
            let y = random.unit()
            #expect(PortableMath.asin(-y) == -PortableMath.asin(y), "asin \(hex(y))")
        }
    }

    // MARK: (b) Against glibc

    static let glibcSeed: UInt64 = 0x7061_6977_6569_0001 // "paiwei" 1
    static let glibcCount = 200_000

    /// Arguments across `name`'s domain: half in the range distances use, a quarter log-uniform in
    /// magnitude, a quarter near the ends (|x| up to 1.6e6 for sin and cos, |x| near 1 for asin).
    static func argument(_ name: String, _ i: Int, _ random: inout TestRandom) -> Double {
        let asin = name == "asin"
        switch i % 4 {
        case 0, 1: return asin ? random.unit() * 2 - 1 : (random.unit() * 2 - 1) * .pi
        case 2: return asin ? random.logUniform(-30...(-1)) : random.logUniform(-30...19)
        default:
            if asin {
                let x = 1 - random.logUniform(-53...(-2)).magnitude
                return random.next() & 1 == 0 ? x : -x
            }
            return (random.unit() * 2 - 1) * 1.6e6
        }
    }

    @Test(arguments: functions.map(\.name))
    func withinOneUlpOfGlibc(_ name: String) {
        let function = Self.functions.first { $0.name == name }!
        var random = TestRandom(state: Self.glibcSeed)
        var differ = 0, worst: UInt64 = 0
        for i in 0..<Self.glibcCount {
            let x = Self.argument(name, i, &random)
            let ours = function.ours(x), theirs = function.glibc(x)
            let ulps = ulpDistance(ours, theirs)
            if ulps > 0 { differ += 1 }
            worst = max(worst, ulps)
            if ulps > 1 {
                Issue.record("\(name)(\(hex(x))): ours \(hex(ours)), glibc \(hex(theirs)), \(ulps) ulp apart (SplitMix64 seed 0x\(String(Self.glibcSeed, radix: 16)), draw \(i))")
            }
        }
        print("PortableMath.\(name) vs glibc: \(Self.glibcCount) arguments (SplitMix64 seed 0x\(String(Self.glibcSeed, radix: 16))), \(differ) differ, by at most \(worst) ulp")
    }

    // MARK: (c) Against correctly rounded values (mpmath, 50 digits)

    @Test(arguments: ["sin", "cos", "asin"])
    func withinOneUlpOfTheCorrectlyRoundedValue(_ name: String) {
        let function = Self.functions.first { $0.name == name }!
        let table = name == "sin" ? PortableMathVectors.sin : name == "cos" ? PortableMathVectors.cos : PortableMathVectors.asin
        var exact = 0
        for (xBits, expectedBits) in table {
            let x = Double(bitPattern: xBits), expected = Double(bitPattern: expectedBits)
            let ours = function.ours(x)
            let ulps = ulpDistance(ours, expected)
            #expect(ulps <= 1, "\(name)(\(hex(x))): ours \(hex(ours)), correctly rounded \(hex(expected))")
            if ulps == 0 { exact += 1 }
        }
        #expect(table.count > 80)
        print("PortableMath.\(name) vs mpmath: \(exact) of \(table.count) arguments correctly rounded, the rest within 1 ulp")
    }

    // MARK: (d) Pinned distances

    @Test(arguments: DistanceVectors.rows)
    func pinnedDistance(_ row: DistanceVector) {
        let a = Coordinate(latitude: row.lat1, longitude: row.lon1)
        let b = Coordinate(latitude: row.lat2, longitude: row.lon2)
        #expect(distanceMetres(a, b) == row.metres)
        #expect(distanceMetres(b, a) == row.metres)
    }

    @Test func distanceTableCoversTheCases() {
        #expect(DistanceVectors.rows.count >= 40)
        #expect(DistanceVectors.rows.contains { $0.lat1 == $0.lat2 && $0.lon1 == $0.lon2 })
        #expect(DistanceVectors.rows.contains { abs($0.lon1) > 179.9 && abs($0.lon2) > 179.9 && $0.lon1.sign != $0.lon2.sign })
        #expect(DistanceVectors.rows.contains { abs($0.lat1) == 90 })
    }
}

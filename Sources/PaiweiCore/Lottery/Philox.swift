/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw,
/// "Parallel random numbers: as easy as 1, 2, 3" (SC'11, Random123).
///
/// A pure function of a 128-bit counter and a 64-bit key: no state, so any lottery
/// number can be recomputed on its own, in any order, on any thread.
///
/// - Complexity: O(1): ten rounds of two 32×32→64-bit multiplications.
public enum Philox4x32 {
    public typealias Counter = (UInt32, UInt32, UInt32, UInt32)
    public typealias Key = (UInt32, UInt32)

    static let multiplier0: UInt32 = 0xD251_1F53
    static let multiplier1: UInt32 = 0xCD9E_8D57
    static let keyIncrement0: UInt32 = 0x9E37_79B9
    static let keyIncrement1: UInt32 = 0xBB67_AE85

    /// The ten-round output block for `counter` under `key`.
    @inlinable
    public static func block(counter: Counter, key: Key) -> Counter {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        // Ten rounds written out: the loop's round counter and the tuple shuffles cost more than the
        // multiplications themselves.
        round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85; round(&c0, &c1, &c2, &c3, k0, k1)
        return (c0, c1, c2, c3)
    }

    /// One round: two 32×32→64-bit products, their halves crossed with the other words and the key.
    @inlinable @inline(__always)
    static func round(_ c0: inout UInt32, _ c1: inout UInt32, _ c2: inout UInt32, _ c3: inout UInt32, _ k0: UInt32, _ k1: UInt32) {
        let product0 = UInt64(0xD251_1F53) &* UInt64(c0)
        let product1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
        let hi0 = UInt32(truncatingIfNeeded: product0 >> 32), lo0 = UInt32(truncatingIfNeeded: product0)
        let hi1 = UInt32(truncatingIfNeeded: product1 >> 32), lo1 = UInt32(truncatingIfNeeded: product1)
        (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
    }
}

extension Philox4x32 {
    /// Lotteries' numbers four at a time: lane by lane exactly ``StudentCounter/number(key:)`` — the
    /// same ten rounds on (h0, h1, 0, 0) under each lane's key — as vector arithmetic, for the stages that
    /// draw a number for every applicant.
    ///
    /// - Parameters:
    ///   - count: how many numbers.
    ///   - input: the counter and the key of number `i`.
    ///   - output: receives number `i`.
    @inlinable @inline(__always)
    static func numbers(count: Int, input: (Int) -> (StudentCounter, Key), output: (Int, UInt64) -> Void) {
        var i = 0
        while i + 4 <= count {
            let a = input(i), b = input(i + 1), c = input(i + 2), d = input(i + 3)
            var c0 = SIMD4<UInt32>(a.0.h0, b.0.h0, c.0.h0, d.0.h0), c1 = SIMD4<UInt32>(a.0.h1, b.0.h1, c.0.h1, d.0.h1)
            var c2 = SIMD4<UInt32>(repeating: 0), c3 = SIMD4<UInt32>(repeating: 0)
            var k0 = SIMD4<UInt32>(a.1.0, b.1.0, c.1.0, d.1.0), k1 = SIMD4<UInt32>(a.1.1, b.1.1, c.1.1, d.1.1)
            for _ in 0..<10 {
                let product0 = SIMD4<UInt64>(truncatingIfNeeded: c0) &* SIMD4<UInt64>(repeating: 0xD251_1F53)
                let product1 = SIMD4<UInt64>(truncatingIfNeeded: c2) &* SIMD4<UInt64>(repeating: 0xCD9E_8D57)
                let hi0 = SIMD4<UInt32>(truncatingIfNeeded: product0 &>> 32), lo0 = SIMD4<UInt32>(truncatingIfNeeded: product0)
                let hi1 = SIMD4<UInt32>(truncatingIfNeeded: product1 &>> 32), lo1 = SIMD4<UInt32>(truncatingIfNeeded: product1)
                (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
                k0 &+= 0x9E37_79B9
                k1 &+= 0xBB67_AE85
            }
            let r = SIMD4<UInt64>(truncatingIfNeeded: c1) &<< 32 | SIMD4<UInt64>(truncatingIfNeeded: c0)
            output(i, r[0]); output(i + 1, r[1]); output(i + 2, r[2]); output(i + 3, r[3])
            i += 4
        }
        while i < count {
            let (counter, key) = input(i)
            output(i, counter.number(key: key))
            i += 1
        }
    }
}

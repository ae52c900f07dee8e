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
        var c = counter
        var k = key
        for round in 0..<10 {
            if round > 0 {
                k.0 &+= 0x9E37_79B9
                k.1 &+= 0xBB67_AE85
            }
            let product0 = UInt64(0xD251_1F53) &* UInt64(c.0)
            let product1 = UInt64(0xCD9E_8D57) &* UInt64(c.2)
            let hi0 = UInt32(truncatingIfNeeded: product0 >> 32)
            let lo0 = UInt32(truncatingIfNeeded: product0)
            let hi1 = UInt32(truncatingIfNeeded: product1 >> 32)
            let lo1 = UInt32(truncatingIfNeeded: product1)
            c = (hi1 ^ c.1 ^ k.0, lo1, hi0 ^ c.3 ^ k.1, lo0)
        }
        return c
    }
}

import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// The k-th smallest by selection equals the k-th of the sorted values, for every k, on many arrays —
/// random, sorted, reversed, and of few distinct high parts (like keys sharing a tier).
@Suite struct SelectionTests {
    @Test(arguments: Array(UInt64(0)..<UInt64(60)))
    func kthSmallestEqualsTheSortedValue(seed: UInt64) {
        var random = TestRandom(state: seed)
        let n = 1 + random.int(200)
        var values = (0..<n).map { i -> UInt128 in
            switch seed % 4 {
            case 0: UInt128(random.next()) << 32 | UInt128(i)
            case 1: UInt128(i)
            case 2: UInt128(n - i)
            default: UInt128(random.int(3)) << 96 | UInt128(random.next()) << 32 | UInt128(i)
            }
        }
        let sorted = values.sorted()
        for k in 1...n {
            var copy = values
            #expect(Selection.kthSmallest(&copy, k) == sorted[k - 1], "seed \(seed), k \(k)")
            #expect(copy.sorted() == sorted, "seed \(seed): selection must only reorder")
        }
        random.shuffle(&values)
        #expect(Selection.kthSmallest(&values, n) == sorted.last)
    }
}

/// The nearest-rank percentile, the one rule every percentile Paiwei writes follows: the smallest value
/// with at least `percent` % of the values at or below it. In integers, so that a percentile never
/// depends on how a product like 0.95 × n rounds.
package enum NearestRank {
    /// The 1-based rank of the `percent`-th percentile among `count` values (`count` > 0).
    package static func rank(percent: Int, of count: Int) -> Int {
        max(1, (percent * count + 99) / 100)
    }

    /// The `percent`-th percentile of `sorted` (ascending, not empty).
    package static func value(_ sorted: [Int], percent: Int) -> Int {
        sorted[rank(percent: percent, of: sorted.count) - 1]
    }
}

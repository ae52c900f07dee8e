import PaiweiCore
/// How often each whole-number value occurred over the replications: enough for means and
/// percentiles, in memory bounded by the number of distinct values, not by the number of replications.
public struct Histogram: Sendable, Equatable {
    public private(set) var counts: [Int: Int] = [:]
    public private(set) var total = 0
    public private(set) var sum = 0

    public init() {}

    public mutating func add(_ value: Int, times: Int = 1) {
        counts[value, default: 0] += times
        total += times
        sum += value * times
    }

    public mutating func merge(_ other: Histogram) {
        for (value, times) in other.counts { add(value, times: times) }
    }

    public var mean: Double { total == 0 ? 0 : Double(sum) / Double(total) }

    /// The smallest value with at least `percent` % of the observations at or below it (``NearestRank``).
    public func percentile(_ percent: Int) -> Int {
        guard total > 0 else { return 0 }
        let rank = NearestRank.rank(percent: percent, of: total)
        var seen = 0
        for value in counts.keys.sorted() {
            seen += counts[value]!
            if seen >= rank { return value }
        }
        return counts.keys.max()!
    }

    /// `value:times;value:times…` in value order, for tally files.
    func encode(into bytes: inout [UInt8]) {
        for (i, value) in counts.keys.sorted().enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ";")) }
            FixedDecimal.append(value, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            FixedDecimal.append(counts[value]!, to: &bytes)
        }
    }

    init?(encoded: String) {
        for item in encoded.split(separator: ";") {
            let parts = item.split(separator: ":")
            guard parts.count == 2, let value = Int(parts[0]), let times = Int(parts[1]), times > 0 else { return nil }
            add(value, times: times)
        }
    }
}

/// The Wilson score interval for a proportion (95% by default): well-behaved at 0 and 1 and for few
/// replications, unlike the normal approximation.
public func wilsonInterval(successes: Int, trials: Int, z: Double = 1.959964) -> (low: Double, high: Double) {
    guard trials > 0 else { return (0, 1) }
    let n = Double(trials), p = Double(successes) / n
    let denominator = 1 + z * z / n
    let centre = (p + z * z / (2 * n)) / denominator
    let margin = z * ((p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()) / denominator
    return (max(0, centre - margin), min(1, centre + margin))
}

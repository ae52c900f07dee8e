import PaiweiCore
/// How often each whole-number value occurred over the replications: enough for means and
/// percentiles, in memory bounded by the number of distinct values, not by the number of replications.
///
/// Counts are kept in a plain array for the values 0 ..< ``denseValues`` — seats, applicants, students
/// of a zone: nearly every value a simulation counts, thousands of times per replication — and in a
/// dictionary for the rest (negative, or larger, such as metres). Which values go where is fixed, so
/// equal histograms are equal in both parts however they were added up.
public struct Histogram: Sendable, Equatable {
    static let denseValues = 4096
    /// Counts of 0, 1, 2, …, up to the largest such value seen.
    private var dense: [Int] = []
    private var sparse: [Int: Int] = [:]
    public private(set) var total = 0
    public private(set) var sum = 0

    public init() {}

    /// How often each value occurred (values that never did are absent).
    public var counts: [Int: Int] {
        var counts = sparse
        for (value, times) in dense.enumerated() where times > 0 { counts[value] = times }
        return counts
    }

    public mutating func add(_ value: Int, times: Int = 1) {
        if value >= 0 && value < Self.denseValues {
            if value >= dense.count { dense.append(contentsOf: repeatElement(0, count: value + 1 - dense.count)) }
            dense[value] += times
        } else {
            sparse[value, default: 0] += times
        }
        total += times
        sum += value * times
    }

    public mutating func merge(_ other: Histogram) {
        for (value, times) in other.dense.enumerated() where times > 0 { add(value, times: times) }
        for (value, times) in other.sparse { add(value, times: times) }
    }

    public var mean: Double { total == 0 ? 0 : Double(sum) / Double(total) }

    /// (value, times) for every value that occurred, in value order.
    private var ascending: [(value: Int, times: Int)] {
        let sparseValues = sparse.keys.sorted()
        let below = sparseValues.filter { $0 < 0 }.map { ($0, sparse[$0]!) }
        let above = sparseValues.filter { $0 >= 0 }.map { ($0, sparse[$0]!) }
        return below + dense.enumerated().filter { $0.element > 0 }.map { ($0.offset, $0.element) } + above
    }

    /// The smallest value with at least `percent` % of the observations at or below it (``NearestRank``).
    public func percentile(_ percent: Int) -> Int {
        guard total > 0 else { return 0 }
        let rank = NearestRank.rank(percent: percent, of: total)
        var seen = 0
        let values = ascending
        for (value, times) in values {
            seen += times
            if seen >= rank { return value }
        }
        return values.last!.value
    }

    /// `value:times;value:times…` in value order, for tally files.
    func encode(into bytes: inout [UInt8]) {
        for (i, item) in ascending.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ";")) }
            FixedDecimal.append(item.value, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            FixedDecimal.append(item.times, to: &bytes)
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

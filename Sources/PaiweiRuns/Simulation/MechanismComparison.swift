import PaiweiCore
/// The same replications under several multi-zone mechanisms, side by side, on the district's own data
/// and stages (`paiwei simulate --mechanisms immediate_acceptance,deferred_acceptance,parallel:2,…`):
/// per mechanism, how many students get their 1st, 2nd, … counted preference, how many end in overflow
/// or unplaced, how many justified-envy pairs it leaves, and how many students are better and worse off
/// than under the first mechanism.
///
/// `--compare-mechanism`, the two-mechanism shorthand, keeps its own smaller table (``twoWay``):
/// immediate against deferred acceptance, first choices, overflow, unplaced, and better off than under
/// the other.
///
/// A student's result is ranked: placed before the multi-zone stage (the same under all) ties; then a
/// multi-zone placement by its preference rank; then overflow; then unplaced.
public struct MechanismComparison: Sendable, Equatable {
    public static let twoWayMetrics = ["first_choice", "placed_by_overflow", "unplaced", "better_off"]

    /// The mechanisms, in the order given; the first is the one the others are measured against.
    public let mechanisms: [MechanismChoice]
    /// Whether this is the two-mechanism `--compare-mechanism` table.
    public let isTwoWay: Bool
    /// The longest list of counted preferences of any multi-zone stage: `choice_1` … `choice_K`.
    public let longestList: Int
    /// `[mechanism][metric]`, in the order of ``mechanisms`` and ``metrics``.
    public internal(set) var histograms: [[Histogram]]

    /// The two-mechanism table of `--compare-mechanism`.
    public static var twoWay: MechanismComparison {
        MechanismComparison(mechanisms: [.immediateAcceptance, .deferredAcceptance], isTwoWay: true, longestList: 1)
    }

    /// The comparison of `mechanisms` (at least one, no repeats) for a district whose longest list of
    /// counted preferences is `longestList`.
    public init(mechanisms: [MechanismChoice], longestList: Int) {
        self.init(mechanisms: mechanisms, isTwoWay: false, longestList: max(1, longestList))
    }

    private init(mechanisms: [MechanismChoice], isTwoWay: Bool, longestList: Int) {
        precondition(!mechanisms.isEmpty && Set(mechanisms).count == mechanisms.count, "mechanisms to compare: at least one, none twice")
        self.mechanisms = mechanisms
        self.isTwoWay = isTwoWay
        self.longestList = longestList
        let metrics = isTwoWay ? Self.twoWayMetrics.count : longestList + 5
        histograms = Array(repeating: Array(repeating: Histogram(), count: metrics), count: mechanisms.count)
    }

    /// The metrics, as `mechanism_comparison.csv` names them.
    public var metrics: [String] {
        if isTwoWay { return Self.twoWayMetrics }
        return (1...longestList).map { "choice_\($0)" } + ["placed_by_overflow", "unplaced", "justified_envy_pairs", "better_off_than_first", "worse_off_than_first"]
    }

    /// A comparable score per student: smaller is better.
    static func score(_ result: PlacementResult, _ instance: PlacementInstance, _ s: Int) -> Int {
        let school = result.school[s]
        guard school >= 0 else { return Int.max }
        switch instance.policy.stages[Int(result.placingStage[s])].kind {
        case .multiZone: return Int(result.preferenceRank[s])
        case .overflow: return Int.max - 1
        default: return 0
        }
    }

    /// Counts one replication placed under every mechanism: `results[m]` under `mechanisms[m]`, each by
    /// the instance of that mechanism (`instances[m]`).
    public mutating func add(_ results: [PlacementResult], instances: [PlacementInstance]) {
        precondition(results.count == mechanisms.count && instances.count == mechanisms.count, "one result per mechanism")
        let metrics = histograms[0].count
        var counts = Array(repeating: Array(repeating: 0, count: metrics), count: mechanisms.count)
        let instance = instances[0]
        let overflowMetric = isTwoWay ? 1 : longestList, unplacedMetric = overflowMetric + 1
        for s in 0..<results[0].school.count {
            for (m, result) in results.enumerated() {
                if result.school[s] >= 0 {
                    let kind = instance.policy.stages[Int(result.placingStage[s])].kind
                    if kind == .multiZone {
                        let rank = Int(result.preferenceRank[s])
                        if isTwoWay { if rank == 1 { counts[m][0] += 1 } } else if rank >= 1 && rank <= longestList { counts[m][rank - 1] += 1 }
                    }
                    if kind == .overflow { counts[m][overflowMetric] += 1 }
                } else if !instance.screening[s].isIneligible {
                    counts[m][unplacedMetric] += 1
                }
            }
            if isTwoWay {
                let a = Self.score(results[0], instance, s), b = Self.score(results[1], instance, s)
                if a < b { counts[0][3] += 1 } else if b < a { counts[1][3] += 1 }
            } else {
                let first = Self.score(results[0], instance, s)
                for m in 1..<results.count {
                    let mine = Self.score(results[m], instance, s)
                    if mine < first { counts[m][unplacedMetric + 2] += 1 } else if mine > first { counts[m][unplacedMetric + 3] += 1 }
                }
            }
        }
        if !isTwoWay {
            for m in results.indices { counts[m][unplacedMetric + 1] = instances[m].justifiedEnvyPairs(results[m]) }
        }
        for m in counts.indices { for k in 0..<metrics { histograms[m][k].add(counts[m][k]) } }
    }

    /// Adds another slice's counts; both must compare the same mechanisms.
    public mutating func merge(_ other: MechanismComparison) {
        precondition(other.mechanisms == mechanisms && other.isTwoWay == isTwoWay && other.longestList == longestList, "comparisons of different mechanisms")
        for m in histograms.indices { for k in histograms[m].indices { histograms[m][k].merge(other.histograms[m][k]) } }
    }

    /// Whether two slices compared the same mechanisms the same way, so that they can be merged.
    public func fits(_ other: MechanismComparison) -> Bool {
        other.mechanisms == mechanisms && other.isTwoWay == isTwoWay && other.longestList == longestList
    }
}

extension MechanismComparison {
    /// The same comparison with nothing counted yet.
    var emptied: MechanismComparison {
        var empty = self
        for m in empty.histograms.indices { for k in empty.histograms[m].indices { empty.histograms[m][k] = Histogram() } }
        return empty
    }
}

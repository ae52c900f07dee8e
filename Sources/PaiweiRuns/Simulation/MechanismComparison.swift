import PaiweiCore
/// The same replications under immediate acceptance (志愿优先) and deferred acceptance, side by side:
/// how many students get their first choice, how many end in overflow or unplaced, and how many would be
/// better off under each (`--compare-mechanism`).
///
/// A student's result is ranked: placed before the multi-zone stage (the same under both) ties; then a
/// multi-zone placement by its preference rank; then overflow; then unplaced.
public struct MechanismComparison: Sendable, Equatable {
    public static let metrics = ["first_choice", "placed_by_overflow", "unplaced", "better_off"]
    /// The mechanisms compared, in the order of ``histograms``.
    public static let mechanisms: [Mechanism] = [.immediateAcceptance, .deferredAcceptance]
    /// `[mechanism][metric]`, mechanisms in the order of ``mechanisms``.
    public internal(set) var histograms: [[Histogram]] = Array(repeating: Array(repeating: Histogram(), count: 4), count: 2)

    public init() {}

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

    /// Counts one replication placed under both mechanisms.
    public mutating func add(immediate: PlacementResult, deferred: PlacementResult, instance: PlacementInstance) {
        var counts = Array(repeating: Array(repeating: 0, count: 4), count: 2)
        for s in 0..<immediate.school.count {
            for (m, result) in [immediate, deferred].enumerated() {
                if result.school[s] >= 0 {
                    let kind = instance.policy.stages[Int(result.placingStage[s])].kind
                    if kind == .multiZone && result.preferenceRank[s] == 1 { counts[m][0] += 1 }
                    if kind == .overflow { counts[m][1] += 1 }
                } else if !instance.screening[s].isIneligible {
                    counts[m][2] += 1
                }
            }
            let a = Self.score(immediate, instance, s), b = Self.score(deferred, instance, s)
            if a < b { counts[0][3] += 1 } else if b < a { counts[1][3] += 1 }
        }
        for m in 0..<2 { for k in 0..<4 { histograms[m][k].add(counts[m][k]) } }
    }

    public mutating func merge(_ other: MechanismComparison) {
        for m in 0..<2 { for k in 0..<4 { histograms[m][k].merge(other.histograms[m][k]) } }
    }
}

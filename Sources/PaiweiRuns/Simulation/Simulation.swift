import Dispatch
import Foundation
import PaiweiCore

/// The nightly Monte Carlo simulation (SPEC §7): replication *r* is exactly the final placement with
/// seed_r = SHA-256(seed ‖ "replication" ‖ r) (SPEC §4), on an instance prepared once.
///
/// Workers take replications one at a time from a shared counter and each keeps its own tally; the
/// tallies are integer sums, so the result is the same for any number of workers and any scheduling.
/// - Complexity: O(*R* · place) time for *R* replications; memory O(*n* + *m*·*s*) whatever *R* is.
public enum Simulation {
    /// Runs replications `range` of `seed`.
    /// - Parameter progress: called after each replication with the number done so far (from any thread).
    /// - Throws: ``PromiseViolation`` if any replication breaks a promise.
    /// - Parameter comparing: the instance under the other multi-zone mechanism, for `--compare-mechanism`.
    public static func run(instance: PlacementInstance, seed: LotterySeed, replications range: Range<Int>, workers: Int,
                           comparing alternative: PlacementInstance? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(PromiseViolation) -> SimulationTally {
        let immediateFirst = instance.policy.stages.first { $0.kind == .multiZone }?.mechanism != .deferredAcceptance
        var total = try ReplicationRunner.run(
            instance, seed: seed, replications: range, workers: workers,
            makeTally: { SimulationTally(for: instance) },
            count: { tally, result, r throws(PromiseViolation) in
                tally.add(result, replication: r, instance: instance)
                if let alternative {
                    let other = try alternative.place(seed: seed.replication(UInt64(r)))
                    var comparison = tally.comparison ?? MechanismComparison()
                    comparison.add(immediate: immediateFirst ? result : other, deferred: immediateFirst ? other : result, instance: instance)
                    tally.comparison = comparison
                }
            },
            merge: { $0.merge($1) },
            progress: progress)
        total.normalize()
        return total
    }
}

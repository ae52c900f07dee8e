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
    /// - Parameter trial: the mechanisms to run every replication under as well (`--mechanisms`,
    ///   `--compare-mechanism`), each one's promises checked too.
    public static func run(instance: PlacementInstance, seed: LotterySeed, replications range: Range<Int>, workers: Int,
                           comparing trial: MechanismTrial? = nil,
                           progress: (@Sendable (Int) -> Void)? = nil) throws(PromiseViolation) -> SimulationTally {
        return try ReplicationRunner.run(
            instance, seed: seed, replications: range, workers: workers,
            makeTally: { SimulationTally(for: instance) },
            count: { tally, result, r throws(PromiseViolation) in
                tally.addDeferred(result, replication: r, instance: instance)
                if let trial {
                    var results: [PlacementResult] = []
                    for other in trial.instances {
                        if let other { results.append(try other.place(seed: seed.replication(UInt64(r)))) } else { results.append(result) }
                    }
                    var comparison = tally.comparison ?? trial.comparison
                    comparison.add(results, instances: trial.instances.map { $0 ?? instance })
                    tally.comparison = comparison
                }
            },
            finish: { $0.settle() },
            merge: { $0.merge($1) },
            progress: progress)
    }
}

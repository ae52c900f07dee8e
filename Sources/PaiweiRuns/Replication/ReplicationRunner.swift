import Dispatch
import PaiweiCore
import Synchronization

/// Runs replications of a placement on several workers, each into a tally of its own, and adds the
/// tallies up: the one loop the simulation and the forecast share.
///
/// Replication *r* is the placement of `instance` with `seed.replication(r)` (SPEC §4). Workers take
/// replications one at a time from a shared counter, so a slow one never holds up the rest; tallies are
/// integer sums merged in worker order, so the result is the same for any number of workers and any
/// scheduling.
/// - Complexity: O(*R* · place) for *R* replications; memory O(workers · tally) whatever *R* is.
package enum ReplicationRunner {
    /// The replications `range` of `instance` under `seed`, each counted by `count` into a tally made by
    /// `makeTally`, all tallies added up by `merge` into the first worker's.
    /// - Parameter finish: what each worker does to its tally after its last replication, on its own core
    ///   rather than in the merge, which runs on one.
    /// - Parameter progress: called after each replication with the number done so far (from any thread).
    /// - Throws: the first ``PromiseViolation`` any replication raised; the others stop as soon as they see it.
    package static func run<Tally: Sendable>(
        _ instance: PlacementInstance, seed: LotterySeed, replications range: Range<Int>, workers: Int,
        makeTally: @Sendable () -> Tally,
        count: @Sendable (inout Tally, PlacementResult, Int) throws(PromiseViolation) -> Void,
        finish: @Sendable (inout Tally) -> Void = { _ in },
        merge: (inout Tally, Tally) -> Void,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(PromiseViolation) -> Tally {
        let workers = max(1, min(workers, range.count))
        let queue = ReplicationQueue(next: range.lowerBound, end: range.upperBound)
        let tallies = ParallelSlots<Tally>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var tally = makeTally()
            // What this worker's replications share: distances computed once, not per replication.
            let workspace = PlacementWorkspace(instance)
            while let r = queue.take() {
                do throws(PromiseViolation) {
                    let result = try instance.place(seed: seed.replication(UInt64(r)), workspace: workspace)
                    try count(&tally, result, r)
                } catch {
                    queue.fail(error)
                    break
                }
                progress?(queue.finish())
            }
            finish(&tally)
            tallies.set(worker, tally)
        }
        if let failure = queue.failure { throw failure }
        var total = tallies.values[0]!
        for tally in tallies.values.dropFirst() { merge(&total, tally!) }
        return total
    }
}

/// The replication counter the workers share, and the first failure.
final class ReplicationQueue: Sendable {
    private struct State {
        var next: Int
        var done = 0
        var failure: PromiseViolation?
    }

    private let state: Mutex<State>
    private let end: Int

    init(next: Int, end: Int) {
        state = Mutex(State(next: next))
        self.end = end
    }

    /// The next replication to run, or nil when all are taken or one failed.
    func take() -> Int? {
        state.withLock { state in
            guard state.failure == nil, state.next < end else { return nil }
            state.next += 1
            return state.next - 1
        }
    }

    /// Counts one replication done; the number done so far.
    func finish() -> Int {
        state.withLock { state in
            state.done += 1
            return state.done
        }
    }

    func fail(_ error: PromiseViolation) {
        state.withLock { state in
            if state.failure == nil { state.failure = error }
        }
    }

    var failure: PromiseViolation? { state.withLock { $0.failure } }
}

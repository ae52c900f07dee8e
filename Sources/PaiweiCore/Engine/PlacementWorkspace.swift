/// What one worker keeps from one replication to the next: the home-to-school metres of every student
/// an overflow stage has taken in, to each school of their scope.
///
/// Distances do not depend on the seed, so a simulation computes each once per worker instead of once
/// per replication; a single placement fills only what it needs. The stages and the promise checks read
/// the same metres — the distance function is SPEC §3's, not a decision — and each makes its own
/// decisions with them.
///
/// One workspace serves one worker: it is made inside the worker (``ReplicationRunner``) or per call
/// (`place(seed:)`), never shared, so it is not `Sendable`; a class, so that a run fills it while the run
/// itself is passed around by value.
package final class PlacementWorkspace {
    private let instance: PlacementInstance
    /// Per stage index, per position in the stage's overflow plan: metres to each school of the scope, in
    /// the scope's order; empty until first needed; `Int32.max` for a school without coordinates.
    private var metres: [[[Int32]]]

    package init(_ instance: PlacementInstance) {
        self.instance = instance
        metres = instance.plans.map { plan in
            if case .overflow(let overflow) = plan { return Array(repeating: [], count: overflow.students.count) }
            return []
        }
    }

    /// Metres from the home of the student at `position` of overflow stage `stage`'s plan to each school
    /// of their scope, in the scope's order.
    package func metres(stage: Int, position: Int, plan: OverflowPlan) -> [Int32] {
        if metres[stage][position].isEmpty {
            let student = Int(plan.students[position])
            let scope = plan.scopes[Int(plan.scopeOfStudent[position])]
            guard let home = instance.studentSites[student] else { return Array(repeating: Int32.max, count: scope.count) }
            metres[stage][position] = scope.map { school in
                instance.schoolSites[Int(school)].map { Int32(distanceMetres(home, $0)) } ?? Int32.max
            }
        }
        return metres[stage][position]
    }
}

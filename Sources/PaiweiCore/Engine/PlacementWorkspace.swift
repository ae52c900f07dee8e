/// What one worker keeps from one replication to the next: the home-to-school metres of every student
/// an overflow stage has taken in, to each school of their scope, and those schools nearest first.
///
/// Distances do not depend on the seed, so a simulation computes each once per worker instead of once
/// per replication; a single placement fills only what it needs. The stages and the promise checks read
/// the same metres — the distance function is SPEC §3's, not a decision — and each makes its own
/// decisions with them.
///
/// The memory is bounded: a worker keeps at most `reachBudget` (metres, position) pairs in all; a
/// student met once the budget is spent stays unknown, and the stage and its check measure that
/// student's metres to the schools with a free seat as they go (a city-wide scope of thousands of
/// schools and tens of thousands of students in overflow would otherwise hold gigabytes). Both ways
/// decide the same: tested by placing generated districts with no budget, a small one and the default.
///
/// One workspace serves one worker: it is made inside the worker (``ReplicationRunner``) or per call
/// (`place(seed:)`), never shared, so it is not `Sendable`; a class, so that a run fills it while the run
/// itself is passed around by value. A stage asks once for all its students (``reach(stage:positions:plan:)``)
/// and then reads plain arrays: every access to a class's stored property costs a dynamic exclusivity
/// check, too much per student.
package final class PlacementWorkspace {
    private let instance: PlacementInstance
    /// Per stage index: what is known of each position of the stage's overflow plan.
    private var reaches: [OverflowReach]
    /// Pairs the worker may still keep.
    private var budget: Int

    /// (metres, position) pairs a stage may keep, 8 bytes each: 16 Mi of them is 128 MiB per worker, enough
    /// for 150,000 students and 600 schools with every overflow student's scope the whole district.
    package static let defaultReachBudget = 1 << 24

    package init(_ instance: PlacementInstance, reachBudget: Int = PlacementWorkspace.defaultReachBudget) {
        self.instance = instance
        budget = reachBudget
        reaches = instance.plans.map { plan in
            if case .overflow(let overflow) = plan { return OverflowReach(positions: overflow.students.count) }
            return OverflowReach(positions: 0)
        }
    }

    /// The metres and nearest-first orders of overflow stage `stage`, computed for `positions` (of the
    /// stage's plan) where they are not yet known, while the budget lasts (``OverflowReach/known``).
    package func reach(stage: Int, positions: some Sequence<Int>, plan: OverflowPlan) -> OverflowReach {
        var reach = reaches[stage]
        reaches[stage] = OverflowReach(positions: 0)   // the only reference while it is filled: no copy
        for position in positions where !reach.known[position] {
            let pairs = plan.scopes[Int(plan.scopeOfStudent[position])].count
            guard pairs <= budget else { continue }
            budget -= pairs
            reach.fill(position, plan: plan, instance: instance)
        }
        reaches[stage] = reach
        return reach
    }
}

/// Per position of an overflow plan: metres from the student's home to each school of their scope (in
/// the scope's order; `Int32.max` for a school without coordinates), and the positions in the scope of
/// the schools with coordinates ordered by (metres, `school_id`) — the order in which
/// `nearest_by_lottery` looks for a free seat, and in which its promise check looks for envy.
package struct OverflowReach {
    package private(set) var metres: [[Int32]]
    package private(set) var nearestFirst: [[Int32]]
    /// Whether a position's metres and order are kept; when not, the caller measures.
    package private(set) var known: [Bool]

    fileprivate init(positions: Int) {
        metres = Array(repeating: [], count: positions)
        nearestFirst = metres
        known = Array(repeating: false, count: positions)
    }

    fileprivate mutating func fill(_ position: Int, plan: OverflowPlan, instance: PlacementInstance) {
        known[position] = true
        let scope = plan.scopes[Int(plan.scopeOfStudent[position])]
        guard let home = instance.studentSites[Int(plan.students[position])] else {
            metres[position] = Array(repeating: Int32.max, count: scope.count)
            return
        }
        let distances = scope.map { school in
            instance.schoolSites[Int(school)].map { Int32(distanceMetres(home, $0)) } ?? Int32.max
        }
        func before(_ a: Int32, _ b: Int32) -> Bool {
            let da = distances[Int(a)], db = distances[Int(b)]
            return da != db ? da < db : scope[Int(a)] < scope[Int(b)]
        }
        // (metres, position in scope) packed in one word and sorted as integers: scopes list their schools
        // in index (= school_id) order, so this is the (metres, school_id) order (filling cost 4.6 G
        // instructions instead of 6.5 G with a comparing closure, 20 replications of 150,000 students).
        var keys: [UInt64] = []
        keys.reserveCapacity(distances.count)
        for k in distances.indices where distances[k] != Int32.max {
            keys.append(UInt64(UInt32(distances[k])) << 32 | UInt64(k))
        }
        keys.sort()
        let order = keys.map { Int32(truncatingIfNeeded: $0) }
        // The stage and its promise check both walk this order, so it is verified once, here.
        precondition(zip(order, order.dropFirst()).allSatisfy { before($0.0, $0.1) }, "nearest-first order out of order")
        metres[position] = distances
        nearestFirst[position] = order
    }
}

/// What one worker keeps from one replication to the next: the home-to-school metres of every student
/// an overflow stage has taken in, to each school of their scope.
///
/// Distances do not depend on the seed, so a simulation computes each once per worker instead of once
/// per replication; a single placement fills only what it needs. The stages and the promise checks read
/// the same metres — the distance function is SPEC §3's, not a decision — and each makes its own
/// decisions with them.
///
/// The memory is bounded: a worker keeps at most `reachBudget` metres in all; a student met once the
/// budget is spent stays unknown, and the stage and its check measure that student's metres to the
/// schools with a free seat as they go (a city-wide scope of thousands of schools and tens of thousands
/// of students in overflow would otherwise hold gigabytes). Both ways decide the same: tested by placing
/// generated districts with no budget, a small one and the default.
///
/// Of the nearest-first order only the first ``OverflowReach/defaultNearestKept`` schools are kept: the stage
/// and its check walk it and nearly always stop inside it; past it they look at the schools of the scope
/// still with a free seat (``OverflowOpenSchools``). Sorting each student's hundreds of schools (a
/// city-wide scope) cost more than all the walking in 150 replications (150,000 students: 5 G
/// instructions for the full orders).
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

    /// Metres a worker may keep, 4 bytes each: 16 Mi of them is 64 MiB per worker, enough for 150,000
    /// students and 600 schools with every overflow student's scope the whole district.
    package static let defaultReachBudget = 1 << 24

    package init(_ instance: PlacementInstance, reachBudget: Int = PlacementWorkspace.defaultReachBudget,
                 nearestKept: Int = OverflowReach.defaultNearestKept) {
        precondition(nearestKept >= 1)
        self.instance = instance
        budget = reachBudget
        reaches = instance.plans.map { plan in
            if case .overflow(let overflow) = plan { return OverflowReach(positions: overflow.students.count, nearestKept: nearestKept) }
            return OverflowReach(positions: 0, nearestKept: nearestKept)
        }
    }

    /// The metres of overflow stage `stage`, computed for `positions` (of the stage's plan) where they are
    /// not yet known, while the budget lasts (``OverflowReach/known``).
    package func reach(stage: Int, positions: some Sequence<Int>, plan: OverflowPlan) -> OverflowReach {
        var reach = reaches[stage]
        reaches[stage] = OverflowReach(positions: 0, nearestKept: 1)   // the only reference while it is filled: no copy
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

/// Per position of an overflow plan: metres from the student's home to each school of their scope, in
/// the scope's order (`Int32.max` for a school without coordinates), and the first schools of the scope
/// in (metres, `school_id`) order — the order in which `nearest_by_lottery` looks for a free seat, and in
/// which its promise check looks for envy.
package struct OverflowReach {
    package private(set) var metres: [[Int32]]
    /// The nearest schools with coordinates, nearest first, each as its metres and its position in the
    /// scope in one word (``Nearest``): all of them, or, when the scope has more, the first
    /// `nearestKept + 1` (``isComplete(_:)`` tells which). The metres ride along so that walking the
    /// order reads one short array, not also the scope's long one.
    package private(set) var nearestFirst: [[Nearest]]
    /// Whether a position's metres and order are kept; when not, the caller measures.
    package private(set) var known: [Bool]

    /// How many of the nearest schools are kept in order. A student who finds all of them full (or a
    /// check that has not met the student's school among them) goes on through the open schools.
    private let nearestKept: Int
    /// A city-wide scope's students nearly always find a free seat, and their check their school, among
    /// their 32 nearest.
    package static let defaultNearestKept = 32

    fileprivate init(positions: Int, nearestKept: Int) {
        self.nearestKept = nearestKept
        metres = Array(repeating: [], count: positions)
        nearestFirst = Array(repeating: [], count: positions)
        known = Array(repeating: false, count: positions)
    }

    /// Whether the kept order holds every school of the scope with coordinates.
    package func isComplete(_ position: Int) -> Bool { nearestFirst[position].count <= nearestKept }

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
        // The smallest (metres, position in scope) pairs, packed in one word and kept sorted as integers
        // by insertion: scopes list their schools in index (= school_id) order, so this is the
        // (metres, school_id) order. Most schools are further than the last kept and cost one comparison.
        var nearest: [Nearest] = []
        nearest.reserveCapacity(nearestKept + 1)
        for k in distances.indices where distances[k] != Int32.max {
            let key = Nearest(metres: distances[k], position: k)
            if nearest.count == nearestKept + 1 {
                guard key < nearest[nearestKept] else { continue }
                nearest.removeLast()
            }
            var i = nearest.count
            nearest.append(key)
            while i > 0 && nearest[i - 1] > key {
                nearest[i] = nearest[i - 1]
                i -= 1
            }
            nearest[i] = key
        }
        // The stage and its promise check both walk this order, so it is verified once, here: ascending
        // (metres, position) is (metres, school_id), and each school's metres are its own.
        precondition(zip(nearest, nearest.dropFirst()).allSatisfy { $0.0 < $0.1 } && nearest.allSatisfy { distances[$0.position] == $0.metres },
                     "nearest-first order out of order")
        metres[position] = distances
        nearestFirst[position] = nearest
    }
}

/// A school of a student's scope in the nearest-first order: (metres, position in the scope) packed so
/// that comparing words compares metres, then position — and scopes list schools by index (=
/// `school_id` by bytes), so ties go to the smaller `school_id`.
package struct Nearest: Comparable {
    private let word: UInt64

    init(metres: Int32, position: Int) {
        word = UInt64(UInt32(metres)) << 32 | UInt64(UInt32(position))
    }

    package var metres: Int32 { Int32(truncatingIfNeeded: word >> 32) }
    package var position: Int { Int(UInt32(truncatingIfNeeded: word)) }

    package static func < (a: Nearest, b: Nearest) -> Bool { a.word < b.word }
}

/// What one worker keeps from one replication to the next: for every student an overflow stage has
/// taken in, the nearest schools of their scope in (metres, `school_id`) order, with their metres.
///
/// Distances do not depend on the seed, so a simulation computes them once per worker instead of once
/// per replication; a single placement keeps none. The stages and the promise checks read the same
/// order — the distance function is SPEC §3's, not a decision — and each makes its own decisions with it.
///
/// Only the first ``OverflowReach/defaultNearestKept`` schools are kept: the stage and its check walk
/// them and nearly always stop there; past them they measure the schools of the scope still with a free
/// seat (``OverflowOpenSchools``), the chord ruling out the far ones unmeasured (``ChordBound``). Finding
/// them measures few schools too: the chord picks the nearest candidates and only those are measured.
/// (Sorting each student's hundreds of schools of a city-wide scope, or keeping all their metres, cost
/// more than all the walking in 150 replications.)
///
/// The memory is bounded: a worker keeps at most `reachBudget` schools in all; a student met once the
/// budget is spent stays unknown, and the stage and its check measure that student's metres to the
/// schools with a free seat as they go. Every way decides the same: tested by placing generated
/// districts with no budget, a small one and the default, and with one or two schools kept.
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
    /// Schools the worker may still keep.
    private var budget: Int

    /// Schools a worker may keep, 8 bytes each: 16 Mi of them is 128 MiB per worker (and 8 bytes per
    /// position of each overflow plan), the 33 nearest of some 500,000 students — every student of a
    /// 250,000-student district in each of two overflow stages.
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

    /// The nearest schools of overflow stage `stage`, found for `positions` (of the stage's plan) where
    /// they are not yet known, while the budget lasts (``OverflowReach/known``).
    package func reach(stage: Int, positions: some Sequence<Int>, plan: OverflowPlan) -> OverflowReach {
        var reach = reaches[stage]
        reaches[stage] = OverflowReach(positions: 0, nearestKept: 1)   // the only reference while it is filled: no copy
        for position in positions where !reach.isKnown(position) {
            guard reach.nearestKept + 1 <= budget else { continue }
            budget -= reach.fill(position, plan: plan, instance: instance)
        }
        reaches[stage] = reach
        return reach
    }
}

/// Per position of an overflow plan: the nearest schools of the student's scope in (metres, `school_id`)
/// order — the order in which `nearest_by_lottery` looks for a free seat, and in which its promise check
/// looks for envy.
///
/// All positions' schools lie in one array, each position's a run of it (``span(_:)``): a stage walks its
/// students in lottery order, so each student's schools are a random read; one array of runs makes that
/// one cache miss, where an array per student made it two (the array's header, then its elements) and
/// an allocation each.
package struct OverflowReach {
    /// The kept schools of every position filled so far, one position's after another: each as its
    /// metres and its position in the scope in one word (``Nearest``).
    package private(set) var nearest: [Nearest] = []
    /// Per position: where its schools start in ``nearest`` (-1: not known) and how many there are.
    private var spans: [Span]

    private struct Span {
        var start: Int32
        var count: Int32
    }

    /// How many of the nearest schools are kept in order. A student who finds all of them full (or a
    /// check that has not met the student's school among them) goes on through the open schools.
    fileprivate let nearestKept: Int
    /// A city-wide scope's students nearly always find a free seat, and their check their school, among
    /// their 32 nearest.
    package static let defaultNearestKept = 32

    fileprivate init(positions: Int, nearestKept: Int) {
        self.nearestKept = nearestKept
        spans = Array(repeating: Span(start: -1, count: 0), count: positions)
    }

    /// Whether a position's order is kept; when not, the caller measures.
    @inline(__always)
    package func isKnown(_ position: Int) -> Bool { spans[position].start >= 0 }

    /// The indices in ``nearest`` of a known position's schools, nearest first: all the schools of the
    /// scope with coordinates or, when the scope has more, the first `nearestKept + 1`
    /// (``isComplete(_:)`` tells which).
    @inline(__always)
    package func span(_ position: Int) -> Range<Int> {
        let span = spans[position]
        return Int(span.start)..<Int(span.start) + Int(span.count)
    }

    /// Whether the kept order holds every school of the scope with coordinates.
    package func isComplete(_ position: Int) -> Bool { Int(spans[position].count) <= nearestKept }

    /// Finds and keeps the nearest schools of `position`; returns how many were kept.
    fileprivate mutating func fill(_ position: Int, plan: OverflowPlan, instance: PlacementInstance) -> Int {
        precondition(nearest.count < Int(Int32.max), "overflow reach beyond 2^31 schools")
        spans[position] = Span(start: Int32(nearest.count), count: 0)
        let scope = plan.scopes[Int(plan.scopeOfStudent[position])]
        guard let home = instance.studentSites[Int(plan.students[position])] else { return 0 }
        let point = ChordBound.Point(home)
        let wanted = nearestKept + 1
        // The chord to every school of the scope (infinite without coordinates), in the scope's order.
        // Sound: each of the `count` elements is written before the array is used.
        let count = scope.count
        let chords = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count { buffer[k] = instance.schoolPoints[Int(scope[k])].map { point.chordSquared(to: $0) } ?? .infinity }
            initialized = count
        }
        // Every school as near by the formula as the `wanted`-th nearest by chord is within the chord's
        // slack of it (ChordBound): only those are measured, and the nearest by metres kept. The metres
        // of a chord, rounded up, bound the formula's metres of any school that near.
        var bound = ChordBound()
        if count > wanted {
            // The `wanted`-th smallest chord (more than `wanted` schools: the list is full).
            let threshold = withUnsafeTemporaryAllocation(of: Double.self, capacity: wanted) { smallest -> Double in
                var kept = 0
                for chord in chords { keepSmallest(chord, in: smallest, count: &kept) }
                return smallest[wanted - 1]
            }
            if threshold.isFinite { bound.within(ChordBound.metres(ofChordSquared: threshold)) }
        }
        let kept = withUnsafeTemporaryAllocation(of: Nearest.self, capacity: wanted) { smallest -> Int in
            var kept = 0
            for (k, school) in scope.enumerated() where chords[k] <= bound.limit && chords[k].isFinite {
                keepSmallest(Nearest(metres: Int32(distanceMetres(home, instance.schoolSites[Int(school)]!)), position: k), in: smallest, count: &kept)
            }
            // The stage and its promise check both walk this order, so it is verified once, here:
            // ascending (metres, position) is (metres, school_id).
            precondition(zip(smallest[0..<kept], smallest[0..<kept].dropFirst()).allSatisfy { $0.0 < $0.1 }, "nearest-first order out of order")
            nearest.append(contentsOf: smallest[0..<kept])
            return kept
        }
        spans[position].count = Int32(kept)
        return kept
    }
}

/// Puts `value` into `smallest[0 ..< count]`, which stays ascending and at most as long as `smallest`
/// (a value not below the last of a full list is left out): the few smallest of many, most of them
/// costing one comparison. Sound for plain values only (the places past `count` are written, never read).
@inline(__always)
private func keepSmallest<Value: Comparable & BitwiseCopyable>(_ value: Value, in smallest: UnsafeMutableBufferPointer<Value>, count: inout Int) {
    if count == smallest.count {
        guard value < smallest[count - 1] else { return }
    } else {
        count += 1
    }
    var i = count - 1
    while i > 0 && smallest[i - 1] > value {
        smallest[i] = smallest[i - 1]
        i -= 1
    }
    smallest[i] = value
}

/// A school of a student's scope in the nearest-first order: (metres, position in the scope) packed so
/// that comparing words compares metres, then position — and scopes list schools by index (=
/// `school_id` by bytes), so ties go to the smaller `school_id`.
package struct Nearest: Comparable, BitwiseCopyable {
    private let word: UInt64

    init(metres: Int32, position: Int) {
        word = UInt64(UInt32(metres)) << 32 | UInt64(UInt32(position))
    }

    package var metres: Int32 { Int32(truncatingIfNeeded: word >> 32) }
    package var position: Int { Int(UInt32(truncatingIfNeeded: word)) }

    package static func < (a: Nearest, b: Nearest) -> Bool { a.word < b.word }
}

/// `multi_zone` under student-proposing deferred acceptance (Gale and Shapley 1962): students propose
/// down their counted preferences; each school holds the best applicants so far in admission order
/// (tier, lottery number, `student_id`) up to its free seats and rejects the rest, until nobody is left
/// to propose.
///
/// The result is the student-optimal stable matching — no justified envy, no wasted seat a student
/// wants — and truthful ranking is a dominant strategy (Dubins and Freedman 1981; Roth 1982). With a
/// single tie-break the zone's one lottery orders every school alike; with multiple tie-break each school
/// draws its own.
/// - Complexity: O(*p* log *c*) for *p* proposals and seats per school *c*, plus one lottery draw per
///   student (single tie-break) or per proposal (multiple).
extension PlacementRun {
    mutating func runDeferredAcceptance(_ plan: MultiZonePlan, stage: Int) {
        var taking: [Int32] = []
        taking.reserveCapacity(plan.students.count)
        for i in plan.students.indices where isAvailable(plan.students[i]) {
            taking.append(Int32(i))
            result.tookPart[Int(plan.students[i])] = true
        }
        let matching = DeferredAcceptanceMatching(plan: plan, proposers: taking, seats: general,
                                                  counters: instance.counters, keys: keys,
                                                  points: instance.policy.stages[stage].ordersByPoints ? instance.points : nil)
        admit(matching.held, stage: stage)
        for (application, _) in matching.held { general[Int(application.school)] -= 1 }
        bar(taking.map { plan.students[Int($0)] }, stage: stage)
        result.stages[stage].applications = matching.proposals
    }
}

/// Student-proposing deferred acceptance over a multi-zone plan, on flat arrays.
///
/// The schools' held applicants live in one array, each school's a max-heap in the slice its seats
/// reserve. A slot is eight bytes — the preference it holds and a 32-bit prefix of its deciding key
/// (tier, then the top of the lottery number; where the stage orders by points, tier, then the top of
/// the points) — so that the heaps stay in cache as a hand-written C matching's would; equal prefixes,
/// rare under a lottery, are settled by the whole key (tier, points, number, `student_id`).
/// The matching allocates nothing while it runs and draws a number only when a student proposes (under a
/// single tie-break, once per student).
struct DeferredAcceptanceMatching {
    /// Every application, in the order proposed.
    private(set) var proposals: [Application] = []
    /// The applications held at the end, school by school, each with the student's 1-based rank of the school.
    private(set) var held: [(Application, Int)] = []

    private struct Slot {
        /// Tier in the top 8 bits, the number's (or the points') top 24 bits below.
        var prefix: UInt32
        var preference: Int32
    }

    /// Tiers are priority rules' positions: far fewer than 255. Where the stage orders by points, the 24
    /// bits below the tier are the top of (2³⁰ − 1 − points), which grows as points fall, so that a smaller
    /// prefix still means an earlier key; points never exceed 2³⁰ − 1 (``Points/maximum``).
    @inline(__always)
    private static func prefix(_ key: AdmissionKey, byPoints: Bool) -> UInt32 {
        let low = byPoints ? ((1 << 30) - 1 - key.points) >> 6 : UInt32(truncatingIfNeeded: key.number >> 40)
        return UInt32(truncatingIfNeeded: key.tier) << 24 | low
    }

    /// - Parameters:
    ///   - proposers: plan indices of the students taking part.
    ///   - seats: free seats per school.
    ///   - counters, keys: each student's Philox counter and each label's key, for the lottery numbers.
    ///   - points: each student's points in hundredths where the stage orders by points; nil elsewhere.
    init(plan: MultiZonePlan, proposers: [Int32], seats: [Int32], counters: [StudentCounter], keys: [Philox4x32.Key],
         points: [UInt32]? = nil) {
        precondition(plan.preferences.allSatisfy { $0.tier < 255 }, "more priority tiers than a key prefix holds")
        let schoolCount = seats.count
        var start = [Int](repeating: 0, count: schoolCount + 1)
        for k in 0..<schoolCount { start[k + 1] = start[k] + max(0, Int(seats[k])) }
        var heap = [Slot](repeating: Slot(prefix: 0, preference: 0), count: start[schoolCount])
        var count = [Int](repeating: 0, count: schoolCount)
        let single = plan.singleTieBreak
        // The deciding key of every preference proposed, by preference. Only those are written and read, so
        // the memory is left uninitialised rather than cleared per replication (AdmissionKey is plain data).
        let decided = UnsafeMutableBufferPointer<AdmissionKey>.allocate(capacity: plan.preferences.count)
        defer { decided.deallocate() }
        var numbers = [UInt64](repeating: 0, count: single ? plan.students.count : 0)
        if single {
            for i in proposers {
                let first = plan.preferences[Int(plan.offsets[Int(i)])]
                numbers[Int(i)] = counters[Int(first.student)].number(key: keys[Int(first.label)])
            }
        }
        // The next preference of each free student, the first to propose on top.
        var free = proposers.reversed().map { plan.offsets[Int($0)] }
        var made = 0
        // Sound: the buffers are passed down, not captured, and used only inside the closures; see `propose`.
        // `order` is initialised exactly in its first `made` elements, which is the count it is given.
        let byPoints = points != nil
        let order = [Int32](unsafeUninitializedCapacity: plan.preferences.count) { order, initialized in
            plan.preferences.withUnsafeBufferPointer { preferences in
                plan.owner.withUnsafeBufferPointer { owner in
                    plan.offsets.withUnsafeBufferPointer { offsets in
                        counters.withUnsafeBufferPointer { counters in
                            keys.withUnsafeBufferPointer { keys in
                                numbers.withUnsafeBufferPointer { numbers in
                                    start.withUnsafeBufferPointer { start in
                                        count.withUnsafeMutableBufferPointer { count in
                                            heap.withUnsafeMutableBufferPointer { heap in
                                                free.withUnsafeMutableBufferPointer { free in
                                                    (points ?? []).withUnsafeBufferPointer { points in
                                                        made = Self.propose(preferences: preferences, owner: owner, offsets: offsets, counters: counters,
                                                                            keys: keys, numbers: single ? numbers : nil, points: byPoints ? points : nil,
                                                                            start: start, count: count, heap: heap, free: free, decided: decided, order: order)
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            initialized = made
        }
        proposals = order.map { p in
            let candidate = plan.preferences[Int(p)]
            return Application(student: candidate.student, school: candidate.school, key: decided[Int(p)], label: candidate.label)
        }
        held.reserveCapacity(heap.count)
        for k in 0..<schoolCount {
            for slot in heap[start[k]..<start[k] + count[k]] {
                let p = Int(slot.preference)
                let candidate = plan.preferences[p]
                let rank = p - Int(plan.offsets[Int(plan.owner[p])]) + 1
                held.append((Application(student: candidate.student, school: candidate.school, key: decided[p], label: candidate.label), rank))
            }
        }
    }

    /// The proposal loop. Every index it reads stays in bounds by construction: a preference index comes
    /// from `offsets` and stays below its owner's next offset, so it indexes `preferences`, `owner` and
    /// `decided`; the school, student and label of a candidate are valid indices by the plan's
    /// construction (and `points`, when given, holds one entry per student of the dataset); heap slots stay within `start[k]..<start[k + 1]`, and `start` was summed from the seats
    /// the heap was sized by; the free stack holds at most one entry per proposer (a student is pushed back
    /// only when popped or displaced), and each preference is proposed at most once, so `order` (sized by
    /// the preferences) never overflows.
    /// - Returns: the number of proposals made.
    private static func propose(
        preferences: UnsafeBufferPointer<Candidate>, owner: UnsafeBufferPointer<Int32>, offsets: UnsafeBufferPointer<Int32>,
        counters: UnsafeBufferPointer<StudentCounter>, keys: UnsafeBufferPointer<Philox4x32.Key>, numbers: UnsafeBufferPointer<UInt64>?,
        points: UnsafeBufferPointer<UInt32>?, start: UnsafeBufferPointer<Int>, count: UnsafeMutableBufferPointer<Int>, heap: UnsafeMutableBufferPointer<Slot>,
        free: UnsafeMutableBufferPointer<Int32>, decided: UnsafeMutableBufferPointer<AdmissionKey>, order: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
        /// Whether slot `a` comes before slot `b` in the deciding order.
        @inline(__always) func before(_ a: Slot, _ b: Slot) -> Bool {
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            return decided[Int(a.preference)] < decided[Int(b.preference)]
        }
        var top = free.count, made = 0
        while top > 0 {
            top -= 1
            let p = free[top]
            let candidate = preferences[Int(p)]
            let number: UInt64
            if let numbers { number = numbers[Int(owner[Int(p)])] } else { number = counters[Int(candidate.student)].number(key: keys[Int(candidate.label)]) }
            let key = AdmissionKey(tier: candidate.tier, points: points.map { $0[Int(candidate.student)] } ?? 0, number: number, student: candidate.student)
            (decided.baseAddress! + Int(p)).initialize(to: key)
            order[made] = p
            made += 1
            let slot = Slot(prefix: prefix(key, byPoints: points != nil), preference: p)
            let k = Int(candidate.school)
            let base = start[k], size = start[k + 1] - base
            var rejected: Int32 = -1
            if count[k] < size {
                // Sift up from the new last slot.
                var child = count[k]
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard before(heap[base + parent], slot) else { break }
                    heap[base + child] = heap[base + parent]
                    child = parent
                }
                heap[base + child] = slot
                count[k] += 1
            } else if size > 0, before(slot, heap[base]) {
                // Displace the worst held and sift the new one down from the root.
                rejected = heap[base].preference
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var larger = -1, largerSlot = slot
                    if left < size, before(largerSlot, heap[base + left]) { larger = left; largerSlot = heap[base + left] }
                    if right < size, before(largerSlot, heap[base + right]) { larger = right }
                    if larger < 0 { break }
                    heap[base + parent] = heap[base + larger]
                    parent = larger
                }
                heap[base + parent] = slot
            } else {
                rejected = p
            }
            // The rejected student proposes next to their next preference, if any.
            if rejected >= 0, rejected + 1 < offsets[Int(owner[Int(rejected)]) + 1] {
                free[top] = rejected + 1
                top += 1
            }
        }
        return made
    }
}

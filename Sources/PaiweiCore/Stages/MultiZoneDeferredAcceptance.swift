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
        let taking = takeIn(plan)
        let matching = DeferredAcceptanceMatching(plan: plan, proposers: taking, seats: general,
                                                  counters: instance.counters, keys: keys,
                                                  points: instance.policy.stages[stage].ordersByPoints ? instance.points : nil)
        admit(matching.held, stage: stage)
        for (k, held) in matching.heldPerSchool.enumerated() { general[k] -= held }
        bar(taking.lazy.map { plan.students[Int($0)] }, stage: stage)
        result.stages[stage].record(matching.proposals)
    }
}

/// Student-proposing deferred acceptance over a multi-zone plan, on flat arrays.
///
/// The schools' held applicants live in one array, each school's in the slice its seats reserve: filled
/// in proposal order while the school has seats to spare, a max-heap from its first rejection on. A slot
/// is eight bytes — the preference it holds and a 32-bit prefix of its deciding key (tier, then the top of
/// the lottery number; where the stage orders by points, tier, then the top of the points) — so that the
/// heaps stay in cache as a hand-written C matching's would; equal prefixes, rare under a lottery, are
/// settled by the whole key (tier, points, number, `student_id`), rebuilt from the plan and the numbers drawn. The matching allocates nothing while it runs and draws
/// a number only when a student proposes (under a single tie-break, once per student, before it starts).
struct DeferredAcceptanceMatching {
    /// Every application, in the order proposed.
    private(set) var proposals: [Application] = []
    /// The students held at the end, school by school, each with the rank of the school among their
    /// counted preferences.
    private(set) var held: [AdmittedStudent] = []
    /// Per school, how many of `held` are there.
    private(set) var heldPerSchool: [Int32] = []

    private struct Slot {
        /// Tier in the top 8 bits, the number's (or the points') top 24 bits below.
        var prefix: UInt32
        var preference: Int32
    }

    /// Tiers are positions among a stage's priority rules, which are never repeated (`Policy.validate`,
    /// run for every instance): at most a dozen or so, far below the 255 the prefix holds.
    @inline(__always)
    private static func prefix(tier: Int32, number: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: tier) << 24 | UInt32(truncatingIfNeeded: number >> 40)
    }

    /// The prefix where the stage orders by points: below the tier, the top 24 bits of (2³⁰ − 1 − points),
    /// which grows as points fall, so that a smaller prefix still means an earlier key; points never exceed
    /// 2³⁰ − 1 (``Points/maximum``).
    @inline(__always)
    private static func prefix(tier: Int32, points: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: tier) << 24 | ((1 << 30) - 1 - points) >> 6
    }

    /// - Parameters:
    ///   - proposers: plan indices of the students taking part.
    ///   - seats: free seats per school.
    ///   - counters, keys: each student's Philox counter and each label's key, for the lottery numbers.
    ///   - points: each student's points in hundredths where the stage orders by points; nil elsewhere.
    ///   - block: for one round of the parallel mechanism, the round (written into every key) and the
    ///     counted preferences it considers, `first ..< first + count` of each student's (0-based; every
    ///     proposer must have at least the first); nil: all of them, in round 0 (deferred acceptance).
    init(plan: MultiZonePlan, proposers: [Int32], seats: [Int32], counters: [StudentCounter], keys: [Philox4x32.Key],
         points: [UInt32]? = nil, block: (round: Int32, first: Int, count: Int)? = nil) {
        let schoolCount = seats.count
        var start = [Int](repeating: 0, count: schoolCount + 1)
        for k in 0..<schoolCount { start[k + 1] = start[k] + max(0, Int(seats[k])) }
        var heap = [Slot](repeating: Slot(prefix: 0, preference: 0), count: start[schoolCount])
        var count = [Int](repeating: 0, count: schoolCount)
        let single = plan.singleTieBreak
        // The lottery number of each proposal: per student under a single tie-break (drawn here, once),
        // per preference otherwise (drawn when proposed; only those proposed are written and read).
        var numbers = [UInt64](unsafeUninitializedCapacity: single ? plan.students.count : plan.preferences.count) { buffer, initialized in
            if single {
                // Sound: only proposers' entries are written here and only proposers' are read.
                Philox4x32.numbers(count: proposers.count, input: { j in
                    let first = plan.preferences[Int(plan.offsets[Int(proposers[j])])]
                    return (counters[Int(first.student)], keys[Int(first.label)])
                }, output: { j, number in buffer[Int(proposers[j])] = number })
            }
            initialized = buffer.count
        }
        let first = block?.first ?? 0
        var free = proposers.reversed().map { plan.offsets[Int($0)] + Int32(first) }
        // Where each student's block ends, as an offset from their first counted preference.
        let blockEnd = block.map { $0.first + $0.count } ?? Int(Int32.max)
        let round = block?.round ?? 0
        let byPoints = points != nil, points = points ?? []
        // Sound: the buffers are passed down, not captured, and used only inside the closures; see
        // `propose`. `proposals` is initialised exactly in its first `made` elements, the count it is given.
        proposals = [Application](unsafeUninitializedCapacity: plan.preferences.count) { proposals, initialized in
            plan.preferences.withUnsafeBufferPointer { preferences in
                plan.owner.withUnsafeBufferPointer { owner in
                    plan.offsets.withUnsafeBufferPointer { offsets in
                        counters.withUnsafeBufferPointer { counters in
                            keys.withUnsafeBufferPointer { keys in
                                numbers.withUnsafeMutableBufferPointer { numbers in
                                    start.withUnsafeBufferPointer { start in
                                        count.withUnsafeMutableBufferPointer { count in
                                            heap.withUnsafeMutableBufferPointer { heap in
                                                free.withUnsafeMutableBufferPointer { free in
                                                    points.withUnsafeBufferPointer { points in
                                                        initialized = Self.propose(preferences: preferences, owner: owner, offsets: offsets, counters: counters,
                                                                                   keys: keys, single: single, numbers: numbers, byPoints: byPoints, points: points,
                                                                                   round: round, blockEnd: blockEnd,
                                                                                   start: start, count: count, heap: heap, free: free, proposals: proposals)
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
        }
        held.reserveCapacity(heap.count)
        heldPerSchool = (0..<schoolCount).map { Int32(min(count[$0], start[$0 + 1] - start[$0])) }
        for k in 0..<schoolCount {
            for slot in heap[start[k]..<start[k] + Int(heldPerSchool[k])] {
                let p = Int(slot.preference), i = Int(plan.owner[p])
                let candidate = plan.preferences[p]
                held.append(AdmittedStudent(student: candidate.student, school: candidate.school, label: candidate.label,
                                      rank: Int16(p - Int(plan.offsets[i]) + 1), number: numbers[single ? i : p]))
            }
        }
    }

    /// The proposal loop. Every index it reads stays in bounds by construction: a preference index comes
    /// from `offsets` and stays below its owner's next offset, so it indexes `preferences`, `owner` and
    /// (under multiple tie-break) `numbers`; the school, student and label of a candidate are valid indices
    /// by the plan's construction (and `points`, where the stage orders by them, holds one entry per student
    /// of the dataset); heap slots stay within `start[k]..<start[k + 1]` (a school's count
    /// exceeds its seats only as the mark of a heap, never as an index), and `start` was summed from the
    /// seats the heap was sized by; the free stack holds at most one entry per proposer (a student is
    /// pushed back only when popped or displaced), and each preference is proposed at most once, so
    /// `proposals` (sized by the preferences) never overflows.
    /// - Returns: the number of proposals made.
    private static func propose(
        preferences: UnsafeBufferPointer<Candidate>, owner: UnsafeBufferPointer<Int32>, offsets: UnsafeBufferPointer<Int32>,
        counters: UnsafeBufferPointer<StudentCounter>, keys: UnsafeBufferPointer<Philox4x32.Key>, single: Bool,
        numbers: UnsafeMutableBufferPointer<UInt64>, byPoints: Bool, points: UnsafeBufferPointer<UInt32>,
        round: Int32, blockEnd: Int, start: UnsafeBufferPointer<Int>, count: UnsafeMutableBufferPointer<Int>,
        heap: UnsafeMutableBufferPointer<Slot>, free: UnsafeMutableBufferPointer<Int32>, proposals: UnsafeMutableBufferPointer<Application>
    ) -> Int {
        @inline(__always) func number(_ p: Int32) -> UInt64 { numbers[single ? Int(owner[Int(p)]) : Int(p)] }
        @inline(__always) func pointsOf(_ student: Int32) -> UInt32 { byPoints ? points[Int(student)] : 0 }
        /// Whether slot `a` comes before slot `b` in the deciding order.
        @inline(__always) func before(_ a: Slot, _ b: Slot) -> Bool {
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            let ca = preferences[Int(a.preference)], cb = preferences[Int(b.preference)]
            return AdmissionKey(tier: ca.tier, points: pointsOf(ca.student), number: number(a.preference), student: ca.student)
                < AdmissionKey(tier: cb.tier, points: pointsOf(cb.student), number: number(b.preference), student: cb.student)
        }
        /// Puts `slot` at the root of the heap `heap[base..<base + size]` and sifts it down.
        @inline(__always) func siftDown(_ slot: Slot, _ base: Int, _ size: Int, from root: Int = 0) {
            var parent = root
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
        }
        /// Orders `heap[base..<base + size]` into a max-heap (the worst held at the root), bottom up.
        func heapify(_ base: Int, _ size: Int) {
            for root in stride(from: size / 2 - 1, through: 0, by: -1) {
                siftDown(heap[base + root], base, size, from: root)
            }
        }
        var top = free.count, made = 0
        while top > 0 {
            top -= 1
            let p = free[top]
            let candidate = preferences[Int(p)]
            if !single { numbers[Int(p)] = counters[Int(candidate.student)].number(key: keys[Int(candidate.label)]) }
            let drawn = number(p)
            (proposals.baseAddress! + made).initialize(to: Application(
                student: candidate.student, school: candidate.school,
                key: AdmissionKey(round: round, tier: candidate.tier, points: pointsOf(candidate.student), number: drawn, student: candidate.student),
                label: candidate.label))
            made += 1
            let slot = Slot(prefix: byPoints ? prefix(tier: candidate.tier, points: points[Int(candidate.student)])
                                             : prefix(tier: candidate.tier, number: drawn), preference: p)
            let k = Int(candidate.school)
            let base = start[k], size = start[k + 1] - base
            var rejected: Int32 = -1
            if count[k] < size {
                // While a school has seats to spare it holds everyone: its slots are simply filled, and
                // ordered into a heap only when the first proposal beyond its seats arrives.
                heap[base + count[k]] = slot
                count[k] += 1
            } else if size > 0 {
                if count[k] == size {
                    heapify(base, size)
                    count[k] = size + 1   // marks the slice as a heap
                }
                if before(slot, heap[base]) {
                    // Displace the worst held and sift the new one down from the root.
                    rejected = heap[base].preference
                    siftDown(slot, base, size)
                } else {
                    rejected = p
                }
            } else {
                rejected = p
            }
            // The rejected student proposes next to their next preference, if any (in the block).
            if rejected >= 0, Int(rejected) + 1 < min(Int(offsets[Int(owner[Int(rejected)]) + 1]), Int(offsets[Int(owner[Int(rejected)])]) + blockEnd) {
                free[top] = rejected + 1
                top += 1
            }
        }
        return made
    }
}

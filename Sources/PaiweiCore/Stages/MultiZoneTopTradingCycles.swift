/// `multi_zone` under school-choice top trading cycles (Abdulkadiroğlu and Sönmez 2003, "School choice: a
/// mechanism design approach", AER 93(3)): every school with a free seat points to its first remaining
/// applicant in admission order (tier, points where the stage orders by them, lottery number,
/// `student_id`), every student to their best remaining counted preference with a free seat; every cycle
/// trades — each student in it takes the school they point to — and the seats and students it used leave;
/// a student whose remaining preferences have no free seat leaves unplaced; repeat.
///
/// Pareto-efficient (no group of its students could trade or take free seats so that each gets a school
/// they rank higher) and strategy-proof; not stable: a student may be refused at a school that admitted
/// someone later in its order, who traded a place elsewhere for it. So its promise is "no Pareto
/// improvement" (``PlacementInstance/checkNoParetoImprovement(_:stage:plan:)``), not "no justified envy".
/// As for the other mechanisms, numbers drawn under different zones' labels are compared as they are.
///
/// Cycles are found by following pointers from one student at a time on a stack (each cycle that forms
/// stays until it trades, so the order in which cycles are traded does not change the outcome, and this
/// is the assignment of the rounds of the paper, all cycles of a round at once). Pointers only move
/// forward: a student's down their list past full schools, a school's down its applicants past those
/// who left.
/// - Complexity: O(*p* log *p* + *n* + *m*) for *p* counted preferences, *n* students, *m* schools; one
///   lottery draw per preference.
extension PlacementRun {
    mutating func runTopTradingCycles(_ plan: MultiZonePlan, stage: Int) {
        let taking = takeIn(plan)
        let trading = TopTradingCycles(plan: plan, proposers: taking, seats: general, counters: instance.counters, keys: keys,
                                       points: instance.policy.stages[stage].ordersByPoints ? instance.points : nil)
        admit(trading.held, stage: stage)
        for admission in trading.held { general[Int(admission.school)] -= 1 }
        bar(taking.lazy.map { plan.students[Int($0)] }, stage: stage)
        result.stages[stage].record(trading.applications)
        result.stages[stage].trades = trading.trades
    }
}

/// Top trading cycles over a multi-zone plan, on flat arrays.
struct TopTradingCycles {
    /// Per student taking part, their counted preferences from the first down to the school they got (all of
    /// them if none): the schools they pointed to, each full by the time they moved on.
    private(set) var applications: [Application] = []
    private(set) var held: [AdmittedStudent] = []
    private(set) var trades: [Trade] = []

    /// - Parameters:
    ///   - proposers: plan indices of the students taking part.
    ///   - seats: free seats per school.
    ///   - counters, keys: each student's Philox counter and each label's key, for the lottery numbers.
    ///   - points: each student's points in hundredths where the stage orders by points; nil elsewhere.
    init(plan: MultiZonePlan, proposers: [Int32], seats: [Int32], counters: [StudentCounter], keys: [Philox4x32.Key], points: [UInt32]?) {
        let schoolCount = seats.count
        let offsets = plan.offsets, preferences = plan.preferences
        // The preferences in play, and each one's deciding key at its school (one draw per preference).
        var inPlay: [Int32] = []
        inPlay.reserveCapacity(preferences.count)
        for i in proposers { for p in offsets[Int(i)]..<offsets[Int(i) + 1] { inPlay.append(p) } }
        var key = [AdmissionKey](repeating: AdmissionKey(tier: 0, number: 0, student: 0), count: preferences.count)
        Philox4x32.numbers(count: inPlay.count, input: { j in
            let candidate = preferences[Int(inPlay[j])]
            return (counters[Int(candidate.student)], keys[Int(candidate.label)])
        }, output: { j, number in
            let p = Int(inPlay[j]), candidate = preferences[p]
            key[p] = AdmissionKey(tier: candidate.tier, points: points.map { $0[Int(candidate.student)] } ?? 0, number: number, student: candidate.student)
        })
        // Each school's applicants (preference indices), in its admission order.
        var start = [Int](repeating: 0, count: schoolCount + 1)
        for p in inPlay { start[Int(preferences[Int(p)].school) + 1] += 1 }
        for k in 0..<schoolCount { start[k + 1] += start[k] }
        var fill = start
        var applicants = [Int32](repeating: 0, count: inPlay.count)
        for p in inPlay {
            let k = Int(preferences[Int(p)].school)
            applicants[fill[k]] = p
            fill[k] += 1
        }
        for k in 0..<schoolCount where start[k + 1] - start[k] > 1 {
            applicants[start[k]..<start[k + 1]].sort { key[Int($0)] < key[Int($1)] }
        }

        var free = seats.map { max(0, $0) }
        // Per plan student: still in play (neither placed nor gone), and the preference they point to.
        var active = [Bool](repeating: false, count: plan.students.count), placed = active
        var pointer = [Int32](repeating: 0, count: plan.students.count)
        for i in proposers {
            active[Int(i)] = true
            pointer[Int(i)] = offsets[Int(i)]
        }
        // Per school, the position in its applicants of the one it points to.
        var schoolPointer = start
        // Where each node sits on the stack, or -1. Nodes: students as plan indices, schools as −1 − k.
        var studentOnStack = [Int32](repeating: -1, count: plan.students.count)
        var schoolOnStack = [Int32](repeating: -1, count: schoolCount)
        var stack: [Int32] = []
        var cycles: Int32 = 0

        /// The student's best remaining preference with a free seat, or nil (they leave: nothing is left).
        func target(_ i: Int) -> Int32? {
            var p = pointer[i]
            let end = offsets[i + 1]
            while p < end && free[Int(preferences[Int(p)].school)] == 0 { p += 1 }
            pointer[i] = p
            return p < end ? p : nil
        }
        /// The school's first remaining applicant (a plan index); the school has one whenever a student
        /// points to it.
        func first(_ k: Int) -> Int32 {
            var q = schoolPointer[k]
            while q < start[k + 1] && !active[Int(plan.owner[Int(applicants[q])])] { q += 1 }
            schoolPointer[k] = q
            precondition(q < start[k + 1], "a school pointed to by a student has that student as an applicant")
            return plan.owner[Int(applicants[q])]
        }
        func pop() {
            let node = stack.removeLast()
            if node >= 0 { studentOnStack[Int(node)] = -1 } else { schoolOnStack[Int(-1 - node)] = -1 }
        }

        for origin in proposers where active[Int(origin)] {
            stack.append(origin)
            studentOnStack[Int(origin)] = 0
            while let top = stack.last {
                let next: Int32
                if top >= 0 {
                    guard let p = target(Int(top)) else {
                        // Nothing left with a free seat: the student leaves unplaced.
                        active[Int(top)] = false
                        pop()
                        continue
                    }
                    next = -1 - preferences[Int(p)].school
                } else {
                    let k = Int(-1 - top)
                    if free[k] == 0 {
                        pop()
                        continue
                    }
                    next = first(k)
                }
                let seen = next >= 0 ? studentOnStack[Int(next)] : schoolOnStack[Int(-1 - next)]
                if seen < 0 {
                    if next >= 0 { studentOnStack[Int(next)] = Int32(stack.count) } else { schoolOnStack[Int(-1 - next)] = Int32(stack.count) }
                    stack.append(next)
                    continue
                }
                // A cycle: stack[seen...] followed by `next` = stack[seen]. Each student takes the school after them.
                let cycle = Int(seen)
                let length = (stack.count - cycle) / 2
                for position in cycle..<stack.count where stack[position] >= 0 {
                    let i = Int(stack[position])
                    let p = Int(pointer[i])
                    let k = preferences[p].school
                    let after = position + 1 < stack.count ? stack[position + 1] : stack[cycle]
                    precondition(after == -1 - k, "a student in a cycle is followed by the school they point to")
                    // The school that pointed to this student: the node before them, round the cycle.
                    let before = position > cycle ? stack[position - 1] : stack[stack.count - 1]
                    let partnerPosition = position + 2 < stack.count ? position + 2 : cycle + (position + 2 - stack.count)
                    held.append(AdmittedStudent(student: preferences[p].student, school: k, label: preferences[p].label,
                                                rank: Int16(p - Int(offsets[i]) + 1), number: key[p].number))
                    trades.append(Trade(student: preferences[p].student, school: k, partner: plan.students[Int(stack[partnerPosition])],
                                        offered: -1 - before, cycle: cycles, cycleLength: Int32(length)))
                    free[Int(k)] -= 1
                    active[i] = false
                    placed[i] = true
                }
                cycles += 1
                while stack.count > cycle { pop() }
            }
        }

        // Applications: each student's preferences down to the one they got (all, if none).
        applications.reserveCapacity(inPlay.count)
        for i in proposers {
            for p in offsets[Int(i)]..<offsets[Int(i) + 1] {
                let candidate = preferences[Int(p)]
                applications.append(Application(student: candidate.student, school: candidate.school, key: key[Int(p)], label: candidate.label))
                if placed[Int(i)] && p == pointer[Int(i)] { break }
            }
        }
    }
}

/// `multi_zone` under the parallel mechanism (平行志愿; Chen and Kesten 2017, "Chinese college admissions
/// and school choice reforms: a theoretical analysis", JPE 125(1)): in round *t* every student not yet
/// placed takes part in student-proposing deferred acceptance over their counted preferences
/// (*t*−1)·*e*+1 … *t*·*e* against the seats still free; whoever holds a seat at the end of the round
/// keeps it for good.
///
/// *e* = 1 is immediate acceptance, *e* ≥ the longest list deferred acceptance; in between the family
/// interpolates: fewer students are punished for ranking honestly than under immediate acceptance (the
/// mechanism is strategy-proof only for *e* ≥ the longest list), and it is stable within each round.
/// A school's deciding order is (round, tier, points where the stage orders by them, lottery number,
/// `student_id`), as for immediate acceptance. Each round runs ``DeferredAcceptanceMatching`` over the
/// block, on its flat arrays.
/// - Complexity: O(*r* · (*n* + *m*) + *p* log *c*) for *r* rounds (the longest list over *e*), *n*
///   students, *m* schools, *p* proposals and seats per school *c*; one lottery draw per student and round
///   (single tie-break) or per proposal (multiple).
extension PlacementRun {
    mutating func runParallel(_ plan: MultiZonePlan, choicesPerRound e: Int, stage: Int) {
        precondition(e >= 1, "the parallel mechanism takes at least one choice per round")
        let taking = takeIn(plan)
        let points = instance.policy.stages[stage].ordersByPoints ? instance.points : nil
        var all: [Application] = []
        var active = taking
        var round: Int32 = 0
        while true {
            let first = Int(round) * e
            // Those still unplaced with a preference in this round's block.
            active.removeAll { Int(plan.offsets[Int($0)]) + first >= Int(plan.offsets[Int($0) + 1]) || result.school[Int(plan.students[Int($0)])] >= 0 }
            if active.isEmpty { break }
            let matching = DeferredAcceptanceMatching(plan: plan, proposers: active, seats: general, counters: instance.counters, keys: keys,
                                                      points: points, block: (round: round, first: first, count: e))
            admit(matching.held, stage: stage)
            for (k, held) in matching.heldPerSchool.enumerated() { general[k] -= held }
            all.append(contentsOf: matching.proposals)
            round += 1
        }
        bar(taking.lazy.map { plan.students[Int($0)] }, stage: stage)
        result.stages[stage].record(all)
    }
}

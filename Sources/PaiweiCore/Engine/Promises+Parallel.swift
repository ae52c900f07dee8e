extension PlacementInstance {
    /// The rounds of a `parallel` stage, checked from the plan rather than from the mechanism's code
    /// (promise 4 with its deciding order, SPEC §3):
    ///
    /// - each student taking part applied down their counted preferences in order, with no gap and no
    ///   repeat, preference *j* (0-based) in round ⌊*j* / *e*⌋, with the tier the plan gives it;
    /// - a student placed by the stage was placed at the last school they applied to; one left out applied
    ///   to every counted preference;
    /// - nobody was refused at a school in a round at whose end the school still had a free seat.
    ///
    /// With the envy check over (round, tier, points, number, `student_id`) keys
    /// (``checkNoJustifiedEnvy(_:)``) this pins the outcome down: within each round the held seats form the
    /// stable matching of that round's block, and seats never move between rounds.
    /// - Complexity: O(*a* + *n* + *m*) for *a* applications, *n* students, *m* schools.
    func checkParallelRounds(_ result: PlacementResult, stage index: Int, plan: MultiZonePlan, choicesPerRound e: Int) throws(PromiseViolation) {
        let name = policy.stages[index].name
        func fail(_ english: String, _ chinese: String) -> PromiseViolation {
            PromiseViolation(promise: "no justified envy", detail: Message("parallel stage '\(name)': \(english)", "平行志愿阶段“\(name)”：\(chinese)"))
        }
        let applications = result.stages[index].applications
        var planIndex = [Int32](repeating: -1, count: dataset.students.count)
        for (i, s) in plan.students.enumerated() { planIndex[Int(s)] = Int32(i) }
        // The next counted preference each student should apply to, by plan index.
        var next = [Int32](repeating: 0, count: plan.students.count)
        // Per school and round, those the stage placed there in that round; per school, the first round it refused someone.
        var rounds = 0
        for application in applications { rounds = max(rounds, Int(application.key.round) + 1) }
        var admittedInRound = [Int32](repeating: 0, count: dataset.schools.count * max(rounds, 1))
        var firstRefusal = [Int32](repeating: Int32.max, count: dataset.schools.count)
        // Applications are recorded round by round; within a round, a student's follow each other in order.
        for application in applications {
            let s = Int(application.student)
            let i = Int(planIndex[s])
            guard i >= 0 else { throw fail("'\(dataset.students[s].id)' applied without taking part", "“\(dataset.students[s].id)”未参加却有申请") }
            let preferences = plan.preferences(of: i)
            let j = Int(next[i])
            guard j < preferences.count, preferences[preferences.startIndex + j].school == application.school else {
                throw fail("'\(dataset.students[s].id)' applied to '\(dataset.schools[Int(application.school)].id)' out of the order of their counted preferences",
                       "“\(dataset.students[s].id)”申请“\(dataset.schools[Int(application.school)].id)”不合其有效志愿的顺序")
            }
            let candidate = preferences[preferences.startIndex + j]
            guard Int(application.key.round) == j / e, application.key.tier == candidate.tier, application.label == candidate.label else {
                throw fail("'\(dataset.students[s].id)' applied to their preference \(j + 1) in round \(application.key.round + 1) (tier \(application.key.tier)), not round \(j / e + 1) (tier \(candidate.tier))",
                       "“\(dataset.students[s].id)”在第 \(application.key.round + 1) 轮（优先类别 \(application.key.tier)）申请第 \(j + 1) 志愿，应为第 \(j / e + 1) 轮（优先类别 \(candidate.tier)）")
            }
            next[i] += 1
            let k = Int(application.school)
            if result.isPlaced(s, byStage: index) && result.school[s] == application.school {
                admittedInRound[k * rounds + Int(application.key.round)] += 1
            } else {
                firstRefusal[k] = min(firstRefusal[k], application.key.round)
            }
        }
        for (i, s) in plan.students.enumerated() where next[i] > 0 {
            let count = plan.preferences(of: i).count
            if result.isPlaced(Int(s), byStage: index) {
                guard Int(result.preferenceRank[Int(s)]) == Int(next[i]) else {
                    throw fail("'\(dataset.students[Int(s)].id)' was placed at their preference \(result.preferenceRank[Int(s)]) after applying to \(next[i])",
                           "“\(dataset.students[Int(s)].id)”申请了 \(next[i]) 个志愿，却被第 \(result.preferenceRank[Int(s)]) 志愿录取")
                }
            } else if Int(next[i]) != count {
                throw fail("'\(dataset.students[Int(s)].id)' was left out after applying to \(next[i]) of \(count) counted preferences",
                       "“\(dataset.students[Int(s)].id)”只申请了 \(count) 个有效志愿中的 \(next[i]) 个就未被录取")
            }
        }
        for s in result.school.indices where result.isPlaced(s, byStage: index) && (planIndex[s] < 0 || next[Int(planIndex[s])] == 0) {
            throw fail("'\(dataset.students[s].id)' was placed without applying", "“\(dataset.students[s].id)”未申请却被录取")
        }
        // Seats free at the end of each round: none where someone was refused in that round (seats only
        // fill as rounds go on, so the first round that refused someone is the one to check).
        let free = generalSeats(atStartOf: index) { stage, school in Int(result.stages[stage].seatsTaken[school]) }
        for k in dataset.schools.indices where firstRefusal[k] != Int32.max {
            var left = Int(free[k])
            for t in 0...Int(firstRefusal[k]) { left -= Int(admittedInRound[k * rounds + t]) }
            if left > 0 {
                throw fail("'\(dataset.schools[k].id)' refused an applicant in round \(firstRefusal[k] + 1) with \(left) seats still free at its end",
                       "“\(dataset.schools[k].id)”在第 \(firstRefusal[k] + 1) 轮拒绝了申请者，而该轮结束时仍有 \(left) 个空余学位")
            }
        }
    }
}

extension PlacementInstance {
    /// Promise 4 for a `top_trading_cycles` stage (SPEC §6): no Pareto improvement among its students —
    /// no set of them could trade seats, or take free ones, so that each gets a school they rank higher.
    ///
    /// Checked from the plan and the outcome alone, not from the trades the mechanism recorded. Draw a
    /// graph: each student of the stage points to every counted preference they rank above the school the
    /// stage gave them (all of them if it gave none), each school to the students the stage placed there.
    /// An improvement is a set of moves, each student to a school they prefer, each into a seat that is
    /// free or that a moving student leaves: it exists exactly when some student prefers a school with a
    /// seat still free at the end of the stage, or the graph has a cycle (a chain of moves that ends in a
    /// free seat ends with a student who prefers a school with a free seat). The cycle is looked for by
    /// peeling nodes that nothing points to (Kahn 1962).
    /// - Complexity: O(*p* + *n* + *m*) for *p* counted preferences, *n* students, *m* schools.
    package func checkNoParetoImprovement(_ result: PlacementResult, stage index: Int, plan: MultiZonePlan) throws(PromiseViolation) {
        let name = policy.stages[index].name
        func fail(_ english: String, _ chinese: String) -> PromiseViolation {
            PromiseViolation(promise: "no Pareto improvement", detail: Message("top trading cycles stage '\(name)': \(english)", "顶层交易循环阶段“\(name)”：\(chinese)"))
        }
        let schoolCount = dataset.schools.count
        // The stage's students: those it recorded an application for (each applies at least to their first choice).
        var taking = [Bool](repeating: false, count: plan.students.count)
        var planIndex = [Int32](repeating: -1, count: dataset.students.count)
        for (i, s) in plan.students.enumerated() { planIndex[Int(s)] = Int32(i) }
        for application in result.stages[index].applications {
            let i = planIndex[Int(application.student)]
            guard i >= 0 else { throw fail("'\(dataset.students[Int(application.student)].id)' applied without taking part", "“\(dataset.students[Int(application.student)].id)”未参加却有申请") }
            taking[Int(i)] = true
        }
        // Seats free when the stage ended.
        var free = generalSeats(atStartOf: index) { stage, school in Int(result.stages[stage].seatsTaken[school]) }
        for k in 0..<schoolCount { free[k] -= result.stages[index].seatsTaken[k] }
        // How many counted preferences each student ranks above what they got, and who sits where.
        var above = [Int32](repeating: 0, count: plan.students.count)
        var seated = [Int](repeating: 0, count: schoolCount + 1)
        for s in result.school.indices where result.isPlaced(s, byStage: index) {
            let i = Int(planIndex[s])
            guard i >= 0, taking[i] else { throw fail("'\(dataset.students[s].id)' was placed without taking part", "“\(dataset.students[s].id)”未参加却被录取") }
            guard let rank = plan.preferences(of: i).firstIndex(where: { $0.school == result.school[s] }) else {
                throw fail("'\(dataset.students[s].id)' was placed at '\(dataset.schools[Int(result.school[s])].id)', not one of their counted preferences",
                       "“\(dataset.students[s].id)”被“\(dataset.schools[Int(result.school[s])].id)”录取，而该校不是其有效志愿")
            }
            above[i] = Int32(rank - plan.preferences(of: i).startIndex)
            seated[Int(result.school[s]) + 1] += 1
        }
        for (i, s) in plan.students.enumerated() where taking[i] && !result.isPlaced(Int(s), byStage: index) {
            above[i] = plan.offsets[i + 1] - plan.offsets[i]
        }
        for i in plan.students.indices where taking[i] {
            for candidate in plan.preferences(of: i).prefix(Int(above[i])) where free[Int(candidate.school)] > 0 {
                throw fail("'\(dataset.students[Int(plan.students[i])].id)' ranks '\(dataset.schools[Int(candidate.school)].id)' higher than what they got, and a seat there is still free",
                           "“\(dataset.students[Int(plan.students[i])].id)”把“\(dataset.schools[Int(candidate.school)].id)”排在所得结果之前，而该校仍有空余学位")
            }
        }
        // Schools → the students seated there, flat.
        for k in 0..<schoolCount { seated[k + 1] += seated[k] }
        var fill = Array(seated[0..<schoolCount])
        var sitting = [Int32](repeating: 0, count: seated[schoolCount])
        for s in result.school.indices where result.isPlaced(s, byStage: index) {
            sitting[fill[Int(result.school[s])]] = planIndex[s]
            fill[Int(result.school[s])] += 1
        }
        // Kahn: in-degrees, then peel. Students are nodes 0..<n, school k is node n + k.
        let n = plan.students.count
        var indegree = [Int32](repeating: 0, count: n + schoolCount)
        for i in 0..<n where taking[i] {
            for candidate in plan.preferences(of: i).prefix(Int(above[i])) { indegree[n + Int(candidate.school)] += 1 }
        }
        for k in 0..<schoolCount { for j in seated[k]..<seated[k + 1] { indegree[Int(sitting[j])] += 1 } }
        var ready: [Int] = (0..<(n + schoolCount)).filter { indegree[$0] == 0 }
        var peeled = 0
        while let node = ready.popLast() {
            peeled += 1
            if node < n {
                guard taking[node] else { continue }
                for candidate in plan.preferences(of: node).prefix(Int(above[node])) {
                    let target = n + Int(candidate.school)
                    indegree[target] -= 1
                    if indegree[target] == 0 { ready.append(target) }
                }
            } else {
                let k = node - n
                for j in seated[k]..<seated[k + 1] {
                    let target = Int(sitting[j])
                    indegree[target] -= 1
                    if indegree[target] == 0 { ready.append(target) }
                }
            }
        }
        if peeled < n + schoolCount {
            let stuck = (0..<n).filter { indegree[$0] > 0 && taking[$0] }
            let ids = stuck.prefix(4).map { "'\(dataset.students[Int(plan.students[$0])].id)'" }.joined(separator: ", ")
            throw fail("\(stuck.count) students could trade seats so that each gets a school they rank higher (among them \(ids))",
                       "\(stuck.count) 名学生可以互换学位，使每人都得到更想去的学校（其中有 \(ids)）")
        }
    }
}

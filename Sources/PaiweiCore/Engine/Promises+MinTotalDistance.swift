/// The promises for `min_total_distance` overflow stages, checked independently of the code that placed:
/// who was kept follows the admission order (promise 4, in the form SPEC §3 gives it for this method),
/// and the assignment is of least total distance (its certificate holds).
extension PlacementInstance {
    /// Promise 4 for a `min_total_distance` stage: going through the students in admission order, each
    /// was kept exactly when everyone kept before them and they could all be seated in their scopes.
    ///
    /// Being left out only gets more certain as more students are kept, so per scope only its first
    /// student left out is tested, with a maximum flow (Edmonds–Karp) from scopes to schools, and nobody
    /// of that scope may be kept after them. That everyone kept fits is the capacity and certificate checks.
    /// - Complexity: one maximum flow on scopes × schools per scope that ran out of seats.
    func checkKeptInAdmissionOrder(_ result: PlacementResult, stage index: Int, plan: OverflowPlan) throws(PromiseViolation) {
        let name = policy.stages[index].name
        let entries = result.stages[index].overflowEntries
        for (a, b) in zip(entries, entries.dropFirst()) where !(a.key < b.key) {
            throw PromiseViolation(promise: "no justified envy", detail: Message("stage '\(name)' did not take its students in admission order", "阶段“\(name)”没有按录取顺序处理学生"))
        }
        let seats = generalSeats(atStartOf: index) { stage, school in Int(result.stages[stage].seatsTaken[school]) }
        func kept(_ entry: OverflowEntry) -> Bool {
            result.isPlaced(Int(entry.student), byStage: index)
        }
        var firstLeftOut = [Int](repeating: -1, count: plan.scopes.count)
        for (position, entry) in entries.enumerated() {
            let g = Int(entry.scope)
            if kept(entry) {
                if firstLeftOut[g] >= 0 {
                    let earlier = dataset.students[Int(entries[firstLeftOut[g]].student)].id
                    throw PromiseViolation(promise: "no justified envy",
                                           detail: Message("stage '\(name)' placed '\(dataset.students[Int(entry.student)].id)' but left out '\(earlier)', of the same scope and earlier in the admission order", "阶段“\(name)”安排了“\(dataset.students[Int(entry.student)].id)”，却漏掉了同一统筹范围内录取顺序在前的“\(earlier)”"))
                }
            } else if firstLeftOut[g] < 0 && studentSites[Int(entry.student)] != nil {
                firstLeftOut[g] = position
            }
        }

        var flow = ScopeFlow(scopes: plan.scopes, seats: seats)
        for (g, position) in firstLeftOut.enumerated() where position >= 0 {
            var demand = [Int](repeating: 0, count: plan.scopes.count)
            for entry in entries[..<position] where kept(entry) { demand[Int(entry.scope)] += 1 }
            demand[g] += 1
            if flow.maximum(demand: demand) == demand.reduce(0, +) {
                throw PromiseViolation(promise: "no justified envy",
                                       detail: Message("stage '\(name)' left out '\(dataset.students[Int(entries[position].student)].id)', who could have been seated with everyone kept before them", "阶段“\(name)”漏掉了“\(dataset.students[Int(entries[position].student)].id)”，而在保留其前所有人的情况下本可以为其安排学位"))
            }
        }
    }

    /// Every `min_total_distance` stage's assignment is optimal: its certificate holds, with the seats
    /// it states equal to those the earlier stages left.
    public func checkOverflowOptimality(_ result: PlacementResult) throws(PromiseViolation) {
        for (index, plan) in OverflowCertificate.stages(self) {
            let name = policy.stages[index].name
            let record = result.stages[index]
            guard let certificate = record.overflowCertificate else {
                throw PromiseViolation(promise: "minimum total distance", detail: Message("stage '\(name)' has no certificate", "阶段“\(name)”没有最优性证明"))
            }
            let seats = generalSeats(atStartOf: index) { stage, school in Int(result.stages[stage].seatsTaken[school]) }
            let listed = OverflowCertificate.listedSchools(self, plan: plan, entries: record.overflowEntries)
            for k in dataset.schools.indices where listed[k] && seats[k] != certificate.seats[k] {
                throw PromiseViolation(promise: "minimum total distance",
                                       detail: Message("stage '\(name)' counts \(certificate.seats[k]) free seats at '\(dataset.schools[k].id)', not \(seats[k])", "阶段“\(name)”记“\(dataset.schools[k].id)”有 \(certificate.seats[k]) 个空余学位，而不是 \(seats[k]) 个"))
            }
            var placed: [(student: Int32, school: Int32)] = []
            for s in result.school.indices where result.isPlaced(s, byStage: index) {
                placed.append((Int32(s), result.school[s]))
                let d = distanceMetres(studentSites[s]!, schoolSites[Int(result.school[s])]!)
                if d != Int(result.overflowDistance[s]) {
                    throw PromiseViolation(promise: "minimum total distance",
                                           detail: Message("stage '\(name)' records \(result.overflowDistance[s]) m for '\(dataset.students[s].id)', not \(d) m", "阶段“\(name)”记录“\(dataset.students[s].id)”的距离为 \(result.overflowDistance[s]) 米，而不是 \(d) 米"))
                }
            }
            if let problem = certificate.problems(stage: name, instance: self, plan: plan, listed: listed, placed: placed).first {
                throw PromiseViolation(promise: "minimum total distance", detail: problem)
            }
        }
    }
}

/// A maximum flow source → scopes → schools → sink, each scope with a demand, each school with its
/// seats, every school of a scope's list open to it: how many of the demanded students can be seated.
/// Edmonds–Karp (shortest augmenting paths, by breadth-first search), kept plain on purpose: it checks
/// ``AdmissionOrderSeating`` and must not share its code.
private struct ScopeFlow {
    /// Nodes: 0 source, 1…G scopes, G+1…G+M schools, G+M+1 sink. Edges in pairs (forward, backward).
    var head: [[Int]]
    var to: [Int] = []
    var capacity: [Int] = []
    var base: [Int] = []
    let scopes: Int
    let sink: Int

    init(scopes lists: [[Int32]], seats: [Int32]) {
        scopes = lists.count
        sink = lists.count + seats.count + 1
        head = Array(repeating: [], count: sink + 1)
        func edge(_ a: Int, _ b: Int, _ c: Int) {
            head[a].append(to.count); to.append(b); capacity.append(c)
            head[b].append(to.count); to.append(a); capacity.append(0)
        }
        for g in lists.indices { edge(0, 1 + g, 0) }
        for (g, list) in lists.enumerated() {
            for school in list { edge(1 + g, 1 + lists.count + Int(school), Int.max / 4) }
        }
        for (k, seat) in seats.enumerated() { edge(1 + lists.count + k, sink, max(0, Int(seat))) }
        base = capacity
    }

    mutating func maximum(demand: [Int]) -> Int {
        capacity = base
        for g in 0..<scopes { capacity[2 * g] = demand[g] }
        var total = 0
        while true {
            var via = [Int](repeating: -1, count: sink + 1)
            via[0] = -2
            var queue = [0], headIndex = 0
            while headIndex < queue.count && via[sink] == -1 {
                let v = queue[headIndex]
                headIndex += 1
                for e in head[v] where capacity[e] > 0 && via[to[e]] == -1 {
                    via[to[e]] = e
                    queue.append(to[e])
                }
            }
            guard via[sink] != -1 else { return total }
            var push = Int.max, v = sink
            while v != 0 {
                push = min(push, capacity[via[v]])
                v = to[via[v] ^ 1]
            }
            v = sink
            while v != 0 {
                capacity[via[v]] -= push
                capacity[via[v] ^ 1] += push
                v = to[via[v] ^ 1]
            }
            total += push
        }
    }
}

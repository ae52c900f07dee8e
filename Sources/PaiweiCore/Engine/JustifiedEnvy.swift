extension PlacementInstance {
    /// The justified-envy pairs of the multi-zone stages of `result`: students *i* and *j* such that a
    /// stage placed *j* at a school *i* ranks above what *i* got from it (or *i* got nothing from it), and
    /// *i* comes before *j* in that school's admission order (tier, points where the stage orders by them,
    /// lottery number, `student_id`; the round of immediate acceptance is not part of a priority). What a
    /// comparison of mechanisms counts: zero under deferred acceptance, usually many under immediate
    /// acceptance and top trading cycles.
    ///
    /// Reads the plan and the seed, never the keys the mechanism recorded (its applications only say who
    /// took part).
    /// - Complexity: O(*p* log *p*) for *p* counted preferences, plus one lottery draw per preference
    ///   ranked above a student's outcome.
    public func justifiedEnvyPairs(_ result: PlacementResult) -> Int {
        var pairs = 0
        for (index, plan) in plans.enumerated() {
            guard case .multiZone(let multi) = plan else { continue }
            let byPoints = policy.stages[index].ordersByPoints
            var keys: [Int32: Philox4x32.Key] = [:]
            func key(_ candidate: Candidate) -> AdmissionKey {
                let label = keys[candidate.label] ?? result.seed.key(label: labels[Int(candidate.label)])
                keys[candidate.label] = label
                return AdmissionKey(tier: candidate.tier, points: byPoints ? points[Int(candidate.student)] : 0,
                                    number: counters[Int(candidate.student)].number(key: label), student: candidate.student)
            }
            // Per school, the keys of those the stage placed there, sorted.
            var admitted = [[AdmissionKey]](repeating: [], count: dataset.schools.count)
            for i in multi.students.indices {
                let s = Int(multi.students[i])
                guard result.isPlaced(s, byStage: index) else { continue }
                if let candidate = multi.preferences(of: i).first(where: { $0.school == result.school[s] }) {
                    admitted[Int(candidate.school)].append(key(candidate))
                }
            }
            for k in admitted.indices { admitted[k].sort() }
            // Only the students who took part (placed earlier, or barred by an earlier stage's losers rule,
            // they did not): those the stage recorded an application for.
            var tookPart = [Bool](repeating: false, count: dataset.students.count)
            for application in result.stages[index].applications { tookPart[Int(application.student)] = true }
            for i in multi.students.indices {
                let s = Int(multi.students[i])
                guard tookPart[s] else { continue }
                for candidate in multi.preferences(of: i) {
                    if result.isPlaced(s, byStage: index) && candidate.school == result.school[s] { break }
                    let held = admitted[Int(candidate.school)]
                    guard let worst = held.last else { continue }
                    let mine = key(candidate)
                    guard mine < worst else { continue }
                    // Those admitted after this student in the school's order.
                    var low = 0, high = held.count
                    while low < high {
                        let mid = (low + high) / 2
                        if held[mid] < mine { low = mid + 1 } else { high = mid }
                    }
                    pairs += held.count - low
                }
            }
        }
        return pairs
    }
}

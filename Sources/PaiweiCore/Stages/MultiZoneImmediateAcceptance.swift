/// `multi_zone` under immediate acceptance (志愿优先; the "Boston mechanism", Abdulkadiroğlu and
/// Sönmez 2003): in round *k* every student not yet placed applies to their *k*-th counted preference,
/// and each school admits the round's applicants in admission order up to its free seats, for good.
///
/// A school's deciding order is (round of application, tier, lottery number, `student_id`), so nobody is
/// refused in favour of someone later in that order. Not strategy-proof: ranking a popular school first
/// can cost a safer second choice, which is why the policy texts call it "志愿优先".
/// - Complexity: O(*p* log *p*) for *p* counted preferences.
extension PlacementRun {
    mutating func runImmediateAcceptance(_ plan: MultiZonePlan, together: Bool, stage: Int) {
        var active = takeIn(plan).map(Int.init)
        // Room for every application the rounds can make (a student applies once per counted preference).
        var all: [Application] = []
        var round: Int32 = 0
        var applications: [Application] = []
        applications.reserveCapacity(active.count)
        all.reserveCapacity(plan.preferences.count)
        let byPoints = instance.policy.stages[stage].ordersByPoints
        while !active.isEmpty {
            applications.removeAll(keepingCapacity: true)
            var next: [Int] = []
            next.reserveCapacity(active.count)
            for i in active {
                guard let candidate = plan.preference(Int(round), of: i) else { continue }
                let key = AdmissionKey(round: round, tier: candidate.tier, points: points(candidate.student, if: byPoints),
                                       number: 0, student: candidate.student)
                applications.append(Application(student: candidate.student, school: candidate.school, key: key, label: candidate.label))
                next.append(i)
            }
            drawNumbers(&applications)
            admitBySchool(&applications, pool: .general, together: together, stage: stage, rank: Int(round) + 1)
            all.append(contentsOf: applications)
            active = next.filter { result.school[Int(plan.students[$0])] < 0 }
            round += 1
        }
        bar(plan.students.filter { result.tookPart[Int($0)] }, stage: stage)
        result.stages[stage].record(all)
    }
}

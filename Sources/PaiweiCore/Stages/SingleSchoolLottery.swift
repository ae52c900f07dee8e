/// `single_choice_lottery`, `feeder` and `single_zone` (SPEC §3): each student applies to one school;
/// a school with enough seats takes all its applicants, otherwise the first in admission order
/// (priority tier, points where the stage orders by them, lottery number, `student_id`).
///
/// Strategy-proof and free of justified envy trivially: there is one application per student.
/// - Complexity: O(*a* log *a*) for *a* applicants.
extension PlacementRun {
    mutating func runSingleSchool(_ candidates: [Candidate], pool: SeatPool, stage: Int) {
        var applications: [Application] = []
        applications.reserveCapacity(candidates.count)
        let byPoints = instance.policy.stages[stage].ordersByPoints
        for candidate in candidates where isAvailable(candidate.student) {
            let key = AdmissionKey(tier: candidate.tier, points: points(candidate.student, if: byPoints), number: 0, student: candidate.student)
            applications.append(Application(student: candidate.student, school: candidate.school, key: key, label: candidate.label))
        }
        do {
            // Through the span: the array checked for unique ownership once, not per student.
            var tookPart = result.tookPart.mutableSpan
            for application in applications { tookPart[Int(application.student)] = true }
        }
        drawNumbers(&applications)
        admitBySchool(&applications, pool: pool, together: instance.policy.stages[stage].families == .together, stage: stage)
        bar(applications.lazy.map(\.student), stage: stage)
        result.stages[stage].record(applications)
    }
}

/// `multi_zone` under student-proposing deferred acceptance (Gale and Shapley 1962): students propose
/// down their counted preferences; each school holds the best applicants so far in admission order
/// (tier, lottery number, `student_id`) up to its free seats and rejects the rest, until nobody is left
/// to propose.
///
/// The result is the student-optimal stable matching — no justified envy, no wasted seat a student
/// wants — and truthful ranking is a dominant strategy (Dubins and Freedman 1981; Roth 1982). With a
/// single tie-break the zone's one lottery orders every school alike; with multiple tie-break each school
/// draws its own.
/// - Complexity: O(*p* log *c*) for *p* counted preferences and seats per school *c*.
extension PlacementRun {
    mutating func runDeferredAcceptance(_ plan: MultiZonePlan, stage: Int) {
        let schoolCount = general.count
        var held = Array(repeating: HeldApplicants(), count: schoolCount)
        var nextChoice = Array(repeating: Int32(0), count: plan.students.count)
        var proposing: [Int] = []
        for i in plan.students.indices.reversed() where isAvailable(plan.students[i]) {
            proposing.append(i)
            result.tookPart[Int(plan.students[i])] = true
        }
        let taking = proposing
        var proposals: [Application] = []
        while let i = proposing.popLast() {
            let preferences = plan.preferences(of: i)
            guard nextChoice[i] < preferences.count else { continue }
            let candidate = preferences[preferences.startIndex + Int(nextChoice[i])]
            nextChoice[i] += 1
            let key = AdmissionKey(tier: candidate.tier, number: number(candidate.student, candidate.label), student: candidate.student)
            let application = Application(student: candidate.student, school: candidate.school, key: key, label: candidate.label)
            proposals.append(application)
            let school = Int(candidate.school)
            let seats = Int(general[school])
            if held[school].count < seats {
                held[school].insert(application, planIndex: i)
            } else if seats > 0, key < held[school].worst.key {
                let rejected = held[school].replaceWorst(application, planIndex: i)
                proposing.append(rejected)
            } else {
                proposing.append(i)
            }
        }
        for school in 0..<schoolCount {
            for (application, planIndex) in held[school].entries {
                admit(application, stage: stage, rank: Int(nextChoice[planIndex]))
            }
            general[school] -= Int32(held[school].count)
        }
        bar(taking.map { plan.students[$0] }, stage: stage)
        result.stages[stage].applications = proposals
    }
}

/// The applicants a school holds during deferred acceptance: a max-heap on the deciding key, so the
/// worst held applicant is the one a better proposal displaces.
struct HeldApplicants {
    private(set) var entries: [(Application, Int)] = []

    var count: Int { entries.count }
    var worst: Application { entries[0].0 }

    mutating func insert(_ application: Application, planIndex: Int) {
        entries.append((application, planIndex))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[parent].0.key < entries[child].0.key else { break }
            entries.swapAt(parent, child)
            child = parent
        }
    }

    /// Puts `application` in place of the worst held one and returns the displaced plan index.
    mutating func replaceWorst(_ application: Application, planIndex: Int) -> Int {
        let displaced = entries[0].1
        entries[0] = (application, planIndex)
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var largest = parent
            if left < entries.count, entries[largest].0.key < entries[left].0.key { largest = left }
            if right < entries.count, entries[largest].0.key < entries[right].0.key { largest = right }
            if largest == parent { break }
            entries.swapAt(parent, largest)
            parent = largest
        }
        return displaced
    }
}

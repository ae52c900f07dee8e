import Dispatch

/// A dataset and a policy prepared once for any number of placements: screening done, zones
/// resolved, counted preferences, priority tiers and lottery labels worked out per stage, the
/// policy-dependent data rules of SPEC §3 checked. A placement then only draws lotteries and runs
/// the stages (``place(seed:workers:)``), which is what the nightly simulation repeats.
///
/// - Complexity: O(*n*·*k* + *m*·*z*) for *n* students with *k* preferences, *m* schools, *z* zones,
///   plus one SHA-256 per student.
public struct PlacementInstance: Sendable {
    public let dataset: Dataset
    public let policy: Policy
    /// Per student, what screening decided.
    public let screening: [ScreeningOutcome]
    /// Per student, the zone that counts for every stage: the parent for redirected students.
    public let effectiveZone: [Int32]
    /// Every lottery label of the policy that some student takes part in (SPEC §4), by label id.
    public let labels: [String]
    /// Per student, the Philox counter of their draw (shared by a family).
    let counters: [StudentCounter]
    /// Per student, an index shared by siblings of one cohort (same `family_id`, two or more students); -1 otherwise.
    let family: [Int32]
    let plans: [StagePlan]
    let studentSites: [Site?]
    let schoolSites: [Site?]
    /// What was skipped, for `warnings.csv`.
    public let warnings: [PlacementWarning]

    /// Prepares `dataset` for `policy`.
    /// - Parameter workers: threads hashing the students' counters; the result does not depend on it.
    /// - Throws: ``InputProblems`` for every data rule of SPEC §3 that the policy makes the data break.
    public init(dataset: Dataset, policy: Policy, workers: Int = 1) throws(InputProblems) {
        var problems = ProblemList()
        var warnings: [PlacementWarning] = []
        let students = dataset.students, schools = dataset.schools, zones = dataset.zones
        let studentsFile = Dataset.studentsFile

        // Choices must name a school the stage reading the column can place into.
        var columnsRead = Set<ChoiceColumn>()
        for stage in policy.stages where stage.kind == .singleChoiceLottery {
            guard let column = stage.choice else { continue }
            columnsRead.insert(column)
            for student in students {
                guard let school = student.choice(column) else { continue }
                if !stage.schoolFilter.admits(schools[school]) {
                    problems.add(studentsFile, student.line, column.rawValue,
                                 "school '\(schools[school].id)' (\(schools[school].describedForFilter)) cannot be chosen here: stage '\(stage.name)' places only into \(stage.schoolFilter.described)")
                }
            }
        }
        if policy.stages.contains(where: { $0.kind == .overflow }) {
            for student in students where student.location == nil {
                problems.add(studentsFile, student.line, "lat", "home coordinates are required: the policy has an overflow stage, which places by distance")
            }
            for school in schools where school.overflow && school.location == nil {
                problems.add(Dataset.schoolsFile, school.line, "lat", "coordinates are required for a school taking overflow students (overflow=yes)")
            }
        }
        try problems.throwIfAny()

        let locked = policy.screening.lockedAddresses(dataset.addressUsage, level: policy.level, year: policy.year)
        let screening = students.map { policy.screening.screen($0, lockedAddresses: locked, zones: zones) }
        let effectiveZone: [Int32] = students.indices.map { index in
            let zone = students[index].zone
            if screening[index] == .redirected, let parent = zones[zone].parent { return Int32(parent) }
            return Int32(zone)
        }

        for (index, student) in students.enumerated() {
            for column in ChoiceColumn.allCases where student.choice(column) != nil && !columnsRead.contains(column) {
                warnings.append(PlacementWarning(file: studentsFile, line: student.line, studentID: student.id,
                                                 message: "\(column.rawValue) '\(schools[student.choice(column)!].id)' skipped: no stage of policy '\(policy.name)' reads this column"))
            }
            guard !screening[index].isIneligible else { continue }
            let zone = zones[Int(effectiveZone[index])]
            var seen = Set<Int>()
            for school in student.preferences {
                if !seen.insert(school).inserted {
                    warnings.append(PlacementWarning(file: studentsFile, line: student.line, studentID: student.id,
                                                     message: "preference '\(schools[school].id)' listed twice; the later one skipped"))
                } else if !zone.schools.contains(school) {
                    warnings.append(PlacementWarning(file: studentsFile, line: student.line, studentID: student.id,
                                                     message: "preference '\(schools[school].id)' skipped: it does not serve zone '\(zone.id)'"))
                }
            }
        }

        var labels = LabelTable()
        var plans: [StagePlan] = []
        let context = PlanContext(dataset: dataset, screening: screening, effectiveZone: effectiveZone)
        for stage in policy.stages {
            plans.append(context.plan(stage, labels: &labels))
        }

        self.dataset = dataset
        self.policy = policy
        self.screening = screening
        self.effectiveZone = effectiveZone
        self.labels = labels.names
        self.plans = plans
        self.counters = Self.counters(students, workers: workers)
        var members: [String: [Int]] = [:]
        for (index, student) in students.enumerated() where !student.familyID.isEmpty { members[student.familyID, default: []].append(index) }
        var family = [Int32](repeating: -1, count: students.count)
        // Numbered in order of their first member, so that nothing depends on dictionary order.
        var next: Int32 = 0
        for index in students.indices where family[index] < 0 && !students[index].familyID.isEmpty {
            let siblings = members[students[index].familyID]!
            guard siblings.count > 1 else { continue }
            for sibling in siblings { family[sibling] = next }
            next += 1
        }
        self.family = family
        self.studentSites = students.map { $0.location.map(Site.init) }
        self.schoolSites = schools.map { $0.location.map(Site.init) }
        self.warnings = warnings.sorted()
    }

    /// One SHA-256 per student: the costliest part of preparing, split over `workers` in fixed chunks.
    private static func counters(_ students: [Student], workers: Int) -> [StudentCounter] {
        let chunk = 4096
        let chunks = (students.count + chunk - 1) / chunk
        guard workers > 1, chunks > 1 else {
            return students.map { StudentCounter(studentID: $0.id, familyID: $0.familyID) }
        }
        let slots = ParallelSlots<[StudentCounter]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = c * chunk..<min(students.count, (c + 1) * chunk)
            slots.set(c, students[range].map { StudentCounter(studentID: $0.id, familyID: $0.familyID) })
        }
        return slots.values.flatMap { $0! }
    }
}

/// Interns lottery labels so that each is hashed into a key once per seed.
struct LabelTable {
    var names: [String] = []
    var ids: [String: Int32] = [:]

    mutating func id(_ label: String) -> Int32 {
        if let id = ids[label] { return id }
        let id = Int32(names.count)
        names.append(label)
        ids[label] = id
        return id
    }
}

extension School {
    var describedForFilter: String {
        if let lotteryGroup { return "\(kind.rawValue), lottery group \(lotteryGroup)" }
        return kind.rawValue
    }
}

extension SchoolFilter {
    var described: String {
        var parts: [String] = []
        if let kinds { parts.append(kinds.map(\.rawValue).joined(separator: " or ") + " schools") }
        if let lotteryGroups { parts.append("of lottery group " + lotteryGroups.map(String.init).joined(separator: " or ")) }
        return parts.isEmpty ? "any school" : parts.joined(separator: " ")
    }
}

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
    package let counters: [StudentCounter]
    /// Per student, an index shared by siblings of one cohort (same `family_id`, two or more students); -1 otherwise.
    package let family: [Int32]
    /// Per student, their points in hundredths (0 when none are given), for stages ordering by points.
    package let points: [UInt32]
    package let plans: [StagePlan]
    package let studentSites: [Site?]
    package let schoolSites: [Site?]
    /// Each student's zone of residence (`students.csv`), dense, for what is counted per replication.
    package let homeZone: [Int32]
    /// Each school's place on the unit sphere, for ``ChordBound``.
    package let schoolPoints: [ChordBound.Point?]
    /// What was skipped, for `warnings.csv`.
    public let warnings: [PlacementWarning]

    /// Prepares `dataset` for `policy`.
    /// - Parameter workers: threads hashing the students' counters; the result does not depend on it.
    /// - Throws: ``InputProblems`` for a rule the policy breaks (``Policy/validate()``, as `policy`), and for
    ///   every data rule of SPEC §3 that the policy makes the data break.
    public init(dataset: Dataset, policy: Policy, workers: Int = 1) throws(InputProblems) {
        let invalid = policy.validate().map { InputProblem(file: "policy", line: nil, column: $0.path, message: $0.message) }
        if !invalid.isEmpty { throw InputProblems(invalid) }
        let problems = dataset.problems(under: policy)
        if !problems.isEmpty { throw InputProblems(problems) }
        var warnings: [PlacementWarning] = []
        let students = dataset.students, schools = dataset.schools, zones = dataset.zones
        let studentsFile = dataset.fileName(of: Dataset.studentsFile)
        let columnsRead = Set(policy.stages.compactMap { $0.kind == .singleChoiceLottery ? $0.choice : nil })

        let locked = policy.screening.lockedAddresses(dataset.addressUsage, level: policy.level, year: policy.year)
        let screening = students.map { policy.screening.screen($0, lockedAddresses: locked, zones: zones) }
        let effectiveZone: [Int32] = students.indices.map { index in
            let zone = students[index].zone
            if screening[index] == .redirected, let parent = zones[zone].parent { return Int32(parent) }
            return Int32(zone)
        }

        // By index, fields read in place: `for student in students` copies each one (ids and preferences).
        for index in students.indices {
            for column in ChoiceColumn.allCases where students[index].choice(column) != nil && !columnsRead.contains(column) {
                warnings.append(PlacementWarning(file: studentsFile, line: students[index].line, studentID: students[index].id,
                                                 message: Message("\(column.rawValue) '\(schools[students[index].choice(column)!].id)' skipped: no stage of policy '\(policy.name)' reads this column",
                                                                  "已略过 \(column.rawValue)“\(schools[students[index].choice(column)!].id)”：政策“\(policy.name)”没有读取此列的阶段")))
            }
            guard !screening[index].isIneligible else { continue }
            let zone = zones[Int(effectiveZone[index])]
            // Not serving the zone comes first: SPEC §3 skips and lists every such preference, each time it
            // is written; "listed twice" is only for a school that counts, written again (a school written
            // before serves the zone too, so the earlier preferences are where to look: a handful, no set).
            let preferences = students[index].preferences
            for (k, school) in preferences.enumerated() {
                if !zone.schools.contains(school) {
                    warnings.append(PlacementWarning(file: studentsFile, line: students[index].line, studentID: students[index].id,
                                                     message: Message("preference '\(schools[school].id)' skipped: it does not serve zone '\(zone.id)'",
                                                                      "已略过志愿“\(schools[school].id)”：该校不招收片区“\(zone.id)”的学生")))
                } else if preferences[..<k].contains(school) {
                    warnings.append(PlacementWarning(file: studentsFile, line: students[index].line, studentID: students[index].id,
                                                     message: Message("preference '\(schools[school].id)' listed twice; the later one skipped",
                                                                      "志愿“\(schools[school].id)”填报了两次；已略过后一次")))
                }
            }
        }

        let context = PlanContext(dataset: dataset, screening: screening, effectiveZone: effectiveZone)
        let (plans, labelNames, counters) = Self.plansAndCounters(context, policy.stages, students, workers: workers)

        self.dataset = dataset
        self.policy = policy
        self.screening = screening
        self.effectiveZone = effectiveZone
        self.labels = labelNames
        self.plans = plans
        self.counters = counters
        var members: [Identifier: [Int]] = [:]
        for index in students.indices where !students[index].familyID.isEmpty { members[students[index].familyID, default: []].append(index) }
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
        self.points = students.map(\.points.hundredths)
        self.studentSites = students.map { $0.location.map(Site.init) }
        self.homeZone = students.map { Int32($0.zone) }
        self.schoolSites = schools.map { $0.location.map(Site.init) }
        self.schoolPoints = schoolSites.map { $0.map(ChordBound.Point.init) }
        self.warnings = warnings.sorted()
    }

    /// One SHA-256 per student: the costliest part of preparing, split over `workers` in fixed chunks.
    /// The stage plans and the students' counters (one SHA-256 each), side by side: the plans on one
    /// thread (labels are numbered in order of first use, stage by stage), the counters in chunks on
    /// the others. Neither depends on the other, and neither on the number of workers.
    private static func plansAndCounters(_ context: PlanContext, _ stages: [Stage], _ students: [Student],
                                         workers: Int) -> ([StagePlan], [String], [StudentCounter]) {
        @Sendable func plan() -> ([StagePlan], [String]) {
            var labels = LabelTable()
            let plans = stages.map { context.plan($0, labels: &labels) }
            return (plans, labels.names)
        }
        @Sendable func counter(_ student: Student) -> StudentCounter {
            StudentCounter(studentID: student.id.text, familyID: student.familyID.text)
        }
        let chunk = 4096
        let chunks = (students.count + chunk - 1) / chunk
        guard workers > 1, chunks > 1 else {
            let (plans, labels) = plan()
            return (plans, labels, students.map(counter))
        }
        let planned = ParallelSlots<([StagePlan], [String])>(count: 1)
        let counted = ParallelSlots<[StudentCounter]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks + 1) { k in
            guard k > 0 else { return planned.set(0, plan()) }
            let range = (k - 1) * chunk..<min(students.count, k * chunk)
            counted.set(k - 1, students[range].map(counter))
        }
        let (plans, labels) = planned.values[0]!
        return (plans, labels, counted.values.flatMap { $0! })
    }
}

/// Interns lottery labels so that each is hashed into a key once per seed.
///
/// Labels are byte strings like the ids they are made of: two labels that differ in any byte are two
/// lotteries, even when canonically equivalent.
struct LabelTable {
    var names: [String] = []
    var ids: [Identifier: Int32] = [:]

    mutating func id(_ label: String) -> Int32 {
        if let id = ids[Identifier(label)] { return id }
        let id = Int32(names.count)
        names.append(label)
        ids[Identifier(label)] = id
        return id
    }
}

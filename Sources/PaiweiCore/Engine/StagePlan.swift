/// One student's application to one school in a stage, as far as it is known before any lottery:
/// who, where, in which priority tier, in which lottery.
package struct Candidate: Sendable {
    package var student: Int32
    package var school: Int32
    package var tier: Int32
    package var label: Int32
}

/// What a stage will do, prepared once from the dataset and the policy.
package enum StagePlan: Sendable {
    /// `single_choice_lottery`, `feeder` and `single_zone`: each student applies to one school.
    case singleSchool(candidates: [Candidate], pool: SeatPool)
    case multiZone(MultiZonePlan)
    case overflow(OverflowPlan)
}

/// The students of a `multi_zone` stage and their counted preferences, flat: student `i`'s
/// preferences are `preferences[offsets[i]..<offsets[i + 1]]`, best first.
package struct MultiZonePlan: Sendable {
    package var mechanism: MultiZoneMechanism
    /// One lottery per zone (every preference of a student carries the same label), not one per school.
    package var singleTieBreak: Bool
    package var students: [Int32] = []
    package var offsets: [Int32] = [0]
    /// `school` is the preferred school; `label` its lottery (the zone's, or the zone-and-school's).
    package var preferences: [Candidate] = []
    /// Per preference, the plan index of the student it belongs to.
    package var owner: [Int32] = []

    package func preferences(of i: Int) -> ArraySlice<Candidate> {
        preferences[Int(offsets[i])..<Int(offsets[i + 1])]
    }

    /// Student `i`'s preference `round` (0: the first), if they counted that many: read in place, where
    /// a slice of ``preferences(of:)`` would hold the array (a retain and a release per student and round).
    @inline(__always)
    package func preference(_ round: Int, of i: Int) -> Candidate? {
        let index = Int(offsets[i]) + round
        return index < Int(offsets[i + 1]) ? preferences[index] : nil
    }
}

/// The students an `overflow` stage may take, each with the schools of their scope.
package struct OverflowPlan: Sendable {
    package var assignment: OverflowAssignment
    package var students: [Int32] = []
    package var tiers: [Int32] = []
    package var labels: [Int32] = []
    /// Index into `scopes` per student.
    package var scopeOfStudent: [Int32] = []
    /// Schools with `overflow=yes` passing the stage's filter, per scope (service area, district or all),
    /// each list ascending.
    package var scopes: [[Int32]] = []
}

/// What building the plans needs to know.
struct PlanContext {
    let dataset: Dataset
    let screening: [ScreeningOutcome]
    let effectiveZone: [Int32]

    func tier(_ rules: [PriorityRule], student index: Int, school: Int?) -> Int32 {
        // Fields read in place: a copy of the student (ids, preferences) per call costs more than the rule.
        for (position, rule) in rules.enumerated() {
            let met: Bool
            switch rule {
            case .disabled: met = dataset.students[index].disabled
            case .care: met = dataset.students[index].care != 0
            case .careCategory(let category): met = dataset.students[index].hasCare(category)
            case .inDistrict: met = school.map { dataset.schools[$0].district == dataset.students[index].district } ?? false
            case .feeder: met = school.map { !dataset.students[index].primarySchool.isEmpty && dataset.schools[$0].feeders.contains(dataset.students[index].primarySchool) } ?? false
            case .zone:
                met = school.map { screening[index].hasZoneRight && dataset.zones[Int(effectiveZone[index])].schools.contains($0) } ?? false
            case .sibling: met = school.map { dataset.students[index].siblingSchool == $0 } ?? false
            }
            if met { return Int32(position) }
        }
        return Int32(rules.count)
    }

    func plan(_ stage: Stage, labels: inout LabelTable) -> StagePlan {
        let students = dataset.students, schools = dataset.schools, zones = dataset.zones
        // Labels are interned on first use, per school or zone, rather than built per student.
        var schoolLabels = [Int32](repeating: -1, count: schools.count)
        var zoneLabels = [Int32](repeating: -1, count: zones.count)
        func schoolLabel(_ school: Int) -> Int32 {
            if schoolLabels[school] < 0 { schoolLabels[school] = labels.id(stage.name + "/" + schools[school].id.text) }
            return schoolLabels[school]
        }
        func zoneLabel(_ zone: Int) -> Int32 {
            if zoneLabels[zone] < 0 { zoneLabels[zone] = labels.id(stage.name + "/" + zones[zone].id.text) }
            return zoneLabels[zone]
        }
        func candidate(_ index: Int, _ school: Int) -> Candidate {
            Candidate(student: Int32(index), school: Int32(school), tier: tier(stage.priority, student: index, school: school), label: schoolLabel(school))
        }

        switch stage.rule {
        case .singleChoice(let column, let pool, _):
            var candidates: [Candidate] = []
            for index in students.indices where !screening[index].isIneligible {
                if let school = students[index].choice(column), stage.schoolFilter.admits(schools[school]) {
                    candidates.append(candidate(index, school))
                }
            }
            return .singleSchool(candidates: candidates, pool: pool)

        case .feeder:
            var owner: [Identifier: Int] = [:]
            for (index, school) in schools.enumerated() where stage.schoolFilter.admits(school) {
                for primary in school.feeders { owner[primary] = index }
            }
            var candidates: [Candidate] = []
            for index in students.indices where screening[index].hasZoneRight && students[index].acceptFeeder {
                if !students[index].primarySchool.isEmpty, let school = owner[students[index].primarySchool] {
                    candidates.append(candidate(index, school))
                }
            }
            return .singleSchool(candidates: candidates, pool: .general)

        case .singleZone:
            var candidates: [Candidate] = []
            for index in students.indices where screening[index] == .eligible {
                let zone = zones[Int(effectiveZone[index])]
                if zone.kind == .single, let school = zone.schools.first, stage.schoolFilter.admits(schools[school]) {
                    candidates.append(candidate(index, school))
                }
            }
            return .singleSchool(candidates: candidates, pool: .general)

        case .multiZone(let multi):
            var plan = MultiZonePlan(mechanism: multi.mechanism, singleTieBreak: multi.tieBreak == .single)
            for index in students.indices where screening[index].hasZoneRight {
                let zoneIndex = Int(effectiveZone[index])
                let zone = zones[zoneIndex]
                guard zone.kind == .multi else { continue }
                let start = plan.preferences.count
                for school in students[index].preferences
                where zone.schools.contains(school) && stage.schoolFilter.admits(schools[school])
                    && !plan.preferences[start...].contains(where: { $0.school == Int32(school) }) {
                    let label = multi.tieBreak == .single
                        ? zoneLabel(zoneIndex)
                        : labels.id(stage.name + "/" + zone.id.text + "/" + schools[school].id.text)
                    plan.preferences.append(Candidate(student: Int32(index), school: Int32(school),
                                                      tier: tier(stage.priority, student: index, school: school), label: label))
                }
                if plan.preferences.count > start {
                    plan.owner += Array(repeating: Int32(plan.students.count), count: plan.preferences.count - start)
                    plan.students.append(Int32(index))
                    plan.offsets.append(Int32(plan.preferences.count))
                }
            }
            return .multiZone(plan)

        case .overflow(let overflow):
            var plan = OverflowPlan(assignment: overflow.assignment)
            var scopeIDs: [Identifier: Int32] = [:]
            var scopeLabels: [Int32] = []
            func scope(_ key: Identifier, _ schoolsInScope: () -> [Int]) -> Int32 {
                if let id = scopeIDs[key] { return id }
                let id = Int32(plan.scopes.count)
                // Sorted by index (= school_id by bytes): nearest-by-lottery takes the first of equal
                // distances, so a zone row's written order must never decide (SPEC §3).
                plan.scopes.append(schoolsInScope().filter { schools[$0].overflow && stage.schoolFilter.admits(schools[$0]) }.sorted().map { Int32($0) })
                scopeLabels.append(overflow.scope == .all ? labels.id(stage.name) : labels.id(stage.name + "/" + key.text))
                scopeIDs[key] = id
                return id
            }
            for index in students.indices where !screening[index].isIneligible {
                let key: Identifier
                let scopeID: Int32
                switch overflow.scope {
                case .zone:
                    guard screening[index].hasZoneRight else { continue }
                    let zone = zones[Int(effectiveZone[index])]
                    let area = zone.parent.map { zones[$0] } ?? zone
                    key = area.id
                    scopeID = scope(key) { area.schools }
                case .district:
                    key = students[index].district
                    scopeID = scope(key) { schools.indices.filter { schools[$0].district == students[index].district } }
                case .all:
                    key = ""
                    scopeID = scope(key) { Array(schools.indices) }
                }
                plan.students.append(Int32(index))
                plan.tiers.append(tier(stage.priority, student: index, school: nil))
                plan.labels.append(scopeLabels[Int(scopeID)])
                plan.scopeOfStudent.append(scopeID)
            }
            return .overflow(plan)
        }
    }
}

extension PlacementInstance {
    /// The longest list of counted preferences of any student in any multi-zone stage (0 without one).
    public var longestCountedPreferences: Int {
        var longest = 0
        for plan in plans {
            guard case .multiZone(let multi) = plan else { continue }
            for i in multi.students.indices { longest = max(longest, Int(multi.offsets[i + 1] - multi.offsets[i])) }
        }
        return longest
    }
}

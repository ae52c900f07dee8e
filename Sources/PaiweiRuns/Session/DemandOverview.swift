import PaiweiCore

/// What an official asks before the run (`paiwei check`): per zone (片区) and per school, how many
/// students, how many seats (学位), how many want the school first (第一志愿), and whether a zone is
/// short of seats — figures of the prepared instance, before any lottery.
///
/// - A student's **first choice** is the school of the first stage, in the policy's order, that
///   takes the student in as a candidate after screening: a single choice (民办, 寄宿, a first-batch
///   group), the feeder school (对口直升), the school of the single zone (单校划片), or the first
///   counted preference in the multi zone (多校划片). Overflow (统筹安排) is nobody's choice, and an
///   ineligible student or one no stage takes has none. Each student counts once.
/// - A zone's **students** are those who live in it (`zone_id`); its **seats** the capacity of the
///   schools serving it (a school serving several zones counts in each, so zone seats can add up to
///   more than the district's); its **first-choice demand** the residents whose first choice is one
///   of its schools. A zone is **short** when it has more students than seats.
/// - A school's **first-choice demand** is the students whose first choice it is; it is
///   **oversubscribed** when that is more than its seats.
///
/// - Complexity: O(*n* + *p* + *m*·*z*) for *n* students, *p* counted preferences, *m* schools and
///   *z* zones.
public struct DemandOverview: Sendable {
    public struct ZoneFigures: Sendable, Equatable {
        public let id: Identifier
        public let kind: ZoneKind
        public let students: Int
        public let seats: Int
        public let firstChoice: Int
        /// Seats missing for the zone's students (0 when it has enough).
        public var shortBy: Int { max(0, students - seats) }
        public var isShort: Bool { students > seats }
    }

    public struct SchoolFigures: Sendable, Equatable {
        public let id: Identifier
        public let name: String
        public let kind: SchoolKind
        public let seats: Int
        public let firstChoice: Int
        public var isOversubscribed: Bool { firstChoice > seats }
    }

    /// In zone id order (the dataset's, by bytes).
    public let zones: [ZoneFigures]
    /// In school id order.
    public let schools: [SchoolFigures]
    public let students: Int
    public let seats: Int
    /// Students with a first choice (the rest are ineligible or taken by no stage but overflow).
    public let withFirstChoice: Int

    public init(_ instance: PlacementInstance) {
        let dataset = instance.dataset
        let firstChoice = Self.firstChoices(instance)
        var demand = Array(repeating: 0, count: dataset.schools.count)
        for school in firstChoice where school >= 0 { demand[Int(school)] += 1 }
        var residents = Array(repeating: 0, count: dataset.zones.count)
        var residentsChoosingZone = Array(repeating: 0, count: dataset.zones.count)
        var serves = Array(repeating: Set<Int>(), count: dataset.zones.count)
        for (z, zone) in dataset.zones.enumerated() { serves[z] = Set(zone.schools) }
        for (s, student) in dataset.students.enumerated() where student.zone >= 0 {
            residents[student.zone] += 1
            if firstChoice[s] >= 0 && serves[student.zone].contains(Int(firstChoice[s])) { residentsChoosingZone[student.zone] += 1 }
        }
        zones = dataset.zones.enumerated().map { z, zone in
            ZoneFigures(id: zone.id, kind: zone.kind, students: residents[z],
                        seats: zone.schools.reduce(0) { $0 + dataset.schools[$1].capacity }, firstChoice: residentsChoosingZone[z])
        }
        schools = dataset.schools.enumerated().map { s, school in
            SchoolFigures(id: school.id, name: school.name, kind: school.kind, seats: school.capacity, firstChoice: demand[s])
        }
        students = dataset.students.count
        seats = dataset.schools.reduce(0) { $0 + $1.capacity }
        withFirstChoice = firstChoice.count { $0 >= 0 }
    }

    /// Per student, the school of the first stage that takes them in as a candidate, or -1.
    static func firstChoices(_ instance: PlacementInstance) -> [Int32] {
        var first = Array(repeating: Int32(-1), count: instance.dataset.students.count)
        for plan in instance.plans {
            switch plan {
            case .singleSchool(let candidates, _):
                for candidate in candidates where first[Int(candidate.student)] < 0 {
                    first[Int(candidate.student)] = candidate.school
                }
            case .multiZone(let zonePlan):
                for (i, student) in zonePlan.students.enumerated() where first[Int(student)] < 0 {
                    if let preference = zonePlan.preferences(of: i).first { first[Int(student)] = preference.school }
                }
            case .overflow:
                continue
            }
        }
        return first
    }
}

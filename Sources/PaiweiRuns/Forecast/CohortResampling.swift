import PaiweiCore
/// Builds a forecast year's cohort from this year's students: each zone's children are copied, whole
/// rows (choices, flags, home), until the zone has its projected number.
///
/// With *n* children this year and *P* projected, every child is copied ⌊P/n⌋ times and P mod n of them
/// once more: those with the smallest numbers in the lottery `cohort/<zone_id>` drawn with the year's
/// seed (SPEC §4 numbers: Philox keyed by SHA-256(seed_Y ‖ label), the counter from the `student_id`).
/// The zone's mix of choices, homes and priorities thus stays as it is now, to within one copy per
/// child, and the count is exact.
///
/// Copies are named `<year>-<zone_id>-<k>` (k = 1…P, zero-padded), which never begins with `family:`
/// and is unique: the year and the trailing number are fixed-form, so the zone id between them is
/// recovered unambiguously. Twins stay twins within one round of copies: their `family_id` becomes
/// `<year>-<zone_id>-<round>:<family_id>` (a sibling copied alone in the last round is then simply a
/// family of one, which draws like any student).
///
/// - Complexity: O(*n* log *n*) plus one SHA-256 per child of a zone whose count is not a whole multiple.
enum CohortResampling {
    static func label(zone: String) -> String { "cohort/\(zone)" }

    /// The cohort of `plan.year`, sorted by `student_id` as a ``Dataset`` requires.
    static func students(of base: Dataset, residents: [[Int]], plan: ForecastYearPlan, seed: LotterySeed) -> [Student] {
        var cohort: [Student] = []
        cohort.reserveCapacity(plan.cohort.reduce(0, +))
        for (z, zone) in base.zones.enumerated() {
            let children = residents[z]
            let projected = plan.cohort[z]
            guard projected > 0, !children.isEmpty else { continue }
            let rounds = projected / children.count
            let extra = projected % children.count
            var lastRound: [Int] = []
            if extra > 0 {
                let key = seed.key(label: label(zone: zone.id.text))
                let drawn = children.map { (number: StudentCounter(studentID: base.students[$0].id.text).number(key: key), index: $0) }
                    .sorted { ($0.number, $0.index) < ($1.number, $1.index) }
                // Back into id order (indices follow ids), so that copy numbers follow this year's ids.
                lastRound = drawn.prefix(extra).map(\.index).sorted()
            }
            let width = String(projected).count
            var k = 0
            func copy(_ index: Int, round: Int) {
                k += 1
                var student = base.students[index]
                let number = String(k)
                student.id = Identifier("\(plan.year)-\(zone.id)-" + String(repeating: "0", count: width - number.count) + number)
                if !student.familyID.isEmpty {
                    student.familyID = Identifier("\(plan.year)-\(zone.id)-\(round):\(student.familyID)")
                }
                cohort.append(student)
            }
            for round in 0..<rounds {
                for index in children { copy(index, round: round) }
            }
            for index in lastRound { copy(index, round: rounds) }
        }
        cohort.sort { $0.id < $1.id }
        return cohort
    }

    /// Per zone, its students' indices in `dataset` (in id order).
    static func residents(of dataset: Dataset) -> [[Int]] {
        var residents = Array(repeating: [Int](), count: dataset.zones.count)
        for (index, student) in dataset.students.enumerated() { residents[student.zone].append(index) }
        return residents
    }
}

import PaiweiCore
import PaiweiRuns
/// Each student's chance of their first choice over a simulation's replications: how many families face
/// worse than even odds.
///
/// A student's **first choice** is the school of the first stage, in the policy's order, in which they
/// name a school: a single-choice lottery they enter (private, boarding, a first-batch group) or, in a
/// multi-school zone, their first counted preference (第一志愿). Feeder and single-zone seats are rights,
/// not choices. Students who name no school, and ineligible students, have no first choice and are not
/// counted. The chance is the share of replications in which a lottery or zone stage placed the student
/// at that school: integer counts over the replications, compared exactly.
struct FirstChoiceOdds {
    /// Per student, the school of their first choice; -1 for none.
    let firstChoice: [Int32]
    /// Per student with a first choice, the replications that placed them there.
    let hits: [Int]
    let replications: Int

    init(instance: PlacementInstance, tally: SimulationTally) {
        let students = instance.dataset.students.count
        var first = [Int32](repeating: -1, count: students)
        for (index, stage) in instance.policy.stages.enumerated() {
            switch (stage.kind, instance.plans[index]) {
            case (.singleChoiceLottery, .singleSchool(let candidates, _)):
                for candidate in candidates where first[Int(candidate.student)] < 0 {
                    first[Int(candidate.student)] = candidate.school
                }
            case (.multiZone, .multiZone(let plan)):
                for (i, student) in plan.students.enumerated() where first[Int(student)] < 0 {
                    if let preference = plan.preferences(of: i).first { first[Int(student)] = preference.school }
                }
            default:
                continue
            }
        }
        for s in 0..<students where instance.screening[s].isIneligible { first[s] = -1 }
        firstChoice = first
        hits = (0..<students).map { s in
            guard first[s] >= 0 else { return 0 }
            return Int(tally.placed[s].first { $0.school == first[s] }?.count ?? 0)
        }
        replications = tally.replications
    }

    /// Students with a first choice.
    var students: Int { firstChoice.count { $0 >= 0 } }

    /// Students whose chance is below one half (hits · 2 < replications).
    var worseThanEven: Int {
        firstChoice.indices.count { firstChoice[$0] >= 0 && hits[$0] * 2 < replications }
    }

    /// Bin labels of ``bins``: never, then tenths of the way up, then always (percent).
    static let labels = ["0", "0–10", "10–20", "20–30", "30–40", "40–50", "50–60", "60–70", "70–80", "80–90", "90–100", "100"]

    /// Students per bin: never placed at their first choice; then by tenths of a chance strictly between
    /// (bin 1 + ⌊10 · hits / n⌋); then always.
    var bins: [Int] {
        var bins = [Int](repeating: 0, count: Self.labels.count)
        guard replications > 0 else { return bins }
        for s in firstChoice.indices where firstChoice[s] >= 0 {
            let h = hits[s]
            bins[h == 0 ? 0 : h >= replications ? 11 : 1 + h * 10 / replications] += 1
        }
        return bins
    }
}

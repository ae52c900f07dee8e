import PaiweiCore
import PaiweiRuns

/// One school in one lottery stage, as `cutoffs.csv` and the public page publish it: the seats the stage
/// could fill there, its applicants and admitted, and — when someone who applied there was refused — the
/// cutoff: the round (immediate acceptance only), priority tier, points (stages ordering by points only) and number of the last student admitted,
/// and the lottery that number was drawn in.
///
/// The figures are those of the stage's columns in `schools.csv`: both come from
/// ``PlacementResult/schoolSummaries(stage:schools:)``. Overflow stages (统筹安排) have no cutoff — they
/// take students in admission order to the nearest free seat, or by the least total distance — and no rows.
struct LotteryCutoff: Equatable {
    var stage: Int
    var school: Int
    var seats: Int
    var applicants: Int
    var admitted: Int
    /// 1-based round of the last admitted, for stages that decide by round.
    var round: Int?
    /// Priority tier of the last admitted (`none` when the stage has no priority that applied).
    var tier: String?
    /// Points of the last admitted, two decimals, where the stage orders by points (积分); nil elsewhere.
    var points: String?
    var number: UInt64?
    /// Label id of the lottery the last admitted drew in.
    var label: Int?

    /// Every school with applicants in every stage but overflow, in stage order, then `school_id` order.
    ///
    /// - Complexity: O(*a* + *m* · stages) for *a* applications and *m* schools.
    static func all(_ instance: PlacementInstance, _ result: PlacementResult) -> [LotteryCutoff] {
        let files = PlacementFiles(instance: instance, result: result)
        let schools = instance.dataset.schools.count
        var rows: [LotteryCutoff] = []
        for (index, stage) in instance.policy.stages.enumerated() where stage.kind != .overflow {
            let summaries = result.schoolSummaries(stage: index, schools: schools)
            let seats = instance.seatsOffered(stage: index, in: result)
            for school in 0..<schools where summaries[school].applicants > 0 {
                let summary = summaries[school]
                let cutoff = summary.cutoff
                rows.append(LotteryCutoff(
                    stage: index, school: school, seats: seats[school], applicants: summary.applicants, admitted: summary.admitted,
                    round: stage.decidesByRound ? cutoff.map { Int($0.round) + 1 } : nil,
                    tier: cutoff.map { files.tierName($0.tier, stage: stage) },
                    points: stage.ordersByPoints ? cutoff.map { Points(hundredths: $0.points).description } : nil,
                    number: cutoff?.number,
                    label: summary.cutoffLabel.map(Int.init)))
            }
        }
        return rows
    }
}

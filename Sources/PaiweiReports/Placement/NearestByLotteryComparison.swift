import PaiweiCore
/// What `nearest_by_lottery` would have done in place of a placement's `min_total_distance` overflow
/// stages: the same dataset, the same policy with only those stages' assignment switched (their scope
/// kept), placed with the same seed. Shown in `report.html` beside the placement's own journeys, and
/// said there to be a comparison: it is never the placement.
enum NearestByLotteryComparison {
    /// Whether some overflow stage of `policy` minimises distance.
    static func applies(to policy: Policy) -> Bool {
        policy.stages.contains { stage in
            if case .overflow(let rule) = stage.rule, case .minTotalDistance = rule.assignment { return true }
            return false
        }
    }

    /// The policy with every `min_total_distance` stage made `nearest_by_lottery`.
    static func policy(_ policy: Policy) -> Policy {
        var switched = policy
        for index in switched.stages.indices {
            if case .overflow(let rule) = switched.stages[index].rule, case .minTotalDistance = rule.assignment {
                switched.stages[index].rule = .overflow(OverflowRule(assignment: .nearestByLottery, scope: rule.scope))
            }
        }
        return switched
    }

    /// The comparison placement; nil when no stage minimises distance, or (a bug) when it cannot be made.
    static func place(_ instance: PlacementInstance, seed: LotterySeed) -> PlacementResult? {
        guard applies(to: instance.policy) else { return nil }
        guard let other = try? PlacementInstance(dataset: instance.dataset, policy: policy(instance.policy)) else { return nil }
        return try? other.place(seed: seed)
    }
}

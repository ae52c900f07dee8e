import PaiweiCore

/// What a simulation needs to run every replication under several multi-zone mechanisms: the empty
/// comparison and, per mechanism, the instance that places under it (the simulated instance itself for
/// the mechanism its policy already has, so that replication *r* is still exactly the final placement).
public struct MechanismTrial: Sendable {
    public let comparison: MechanismComparison
    /// Per mechanism, its instance; nil: the simulated instance.
    let instances: [PlacementInstance?]

    /// Why a comparison cannot be run.
    public enum Refusal: BilingualError, Sendable, CustomStringConvertible {
        /// The policy has no multi-zone stage: there is nothing to compare.
        case noMultiZoneStage
        /// A stage cannot run under a mechanism asked for (families together), by name.
        case refused(MechanismRefusal)
        case invalid(InputProblems)

        public var message: Message {
            switch self {
            case .noMultiZoneStage: Message("comparing mechanisms needs a policy with a multi_zone stage", "比较录取机制需要政策中有 multi_zone 阶段")
            case .refused(let refusal): refusal.message
            case .invalid(let problems): Message(problems.description(in: .english), problems.description(in: .chinese))
            }
        }

        public var description: String { message.english }
    }

    /// The comparison of `mechanisms` (in that order, the first the reference) on `instance`'s data and stages.
    public static func prepare(_ instance: PlacementInstance, mechanisms: [MechanismChoice], workers: Int = 1) throws(Refusal) -> MechanismTrial {
        try prepare(instance, comparison: MechanismComparison(mechanisms: mechanisms, longestList: instance.longestCountedPreferences), workers: workers)
    }

    /// `--compare-mechanism`: immediate against deferred acceptance, whichever the policy has.
    public static func twoWay(_ instance: PlacementInstance, workers: Int = 1) throws(Refusal) -> MechanismTrial {
        try prepare(instance, comparison: .twoWay, workers: workers)
    }

    private static func prepare(_ instance: PlacementInstance, comparison: MechanismComparison, workers: Int) throws(Refusal) -> MechanismTrial {
        let own = instance.policy.stages.compactMap { $0.multiZoneRule.map { MechanismChoice($0.mechanism) } }
        guard !own.isEmpty else { throw .noMultiZoneStage }
        var instances: [PlacementInstance?] = []
        for choice in comparison.mechanisms {
            let policy: Policy
            do throws(MechanismRefusal) {
                policy = try instance.policy.replacingMultiZoneMechanism(with: choice)
            } catch {
                throw .refused(error)
            }
            if policy == instance.policy {
                instances.append(nil)
                continue
            }
            do throws(InputProblems) {
                instances.append(try PlacementInstance(dataset: instance.dataset, policy: policy, workers: workers))
            } catch {
                throw .invalid(error)
            }
        }
        return MechanismTrial(comparison: comparison, instances: instances)
    }
}

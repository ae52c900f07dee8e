import Foundation
import PaiweiCore

/// A dataset folder and a policy, loaded, checked and prepared for placing: what `place`, `check`,
/// `simulate` and `demo` start from.
public struct PlacementSession: Sendable {
    public let inputs: PlacementInputs
    /// Everything that does not depend on the seed, prepared once.
    public let instance: PlacementInstance
    public let loadTime: Duration
    public let prepareTime: Duration

    /// Loads the dataset in `data` and the policy `policy` (a preset name or a file), and prepares them.
    /// - Parameter workers: threads for preparing; the result does not depend on it.
    /// - Throws: ``InputProblems`` with every problem of the files and of the policy at once.
    public static func prepare(data: URL, policy: String, workers: Int) throws(InputProblems) -> PlacementSession {
        let clock = ContinuousClock()
        let start = clock.now
        let inputs = try PlacementInputs.load(data: data, policy: policy)
        let loaded = clock.now
        let instance = try PlacementInstance(dataset: inputs.dataset, policy: inputs.policy, workers: workers)
        return PlacementSession(inputs: inputs, instance: instance, loadTime: loaded - start, prepareTime: clock.now - loaded)
    }
}

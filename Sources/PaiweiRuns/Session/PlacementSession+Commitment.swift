import Foundation
import PaiweiCore

extension PlacementInputs {
    /// Reads the dataset folder and takes the policy from the commitment (SPEC §4: `place --commitment`):
    /// refuses, naming each file, when the data are not exactly those committed, or when a policy given
    /// as well (`--policy`) does not have the bytes of `policy_text`.
    /// - Parameters:
    ///   - commitment: the commitment file, already read and checked in itself.
    ///   - policy: a preset name or a policy file given beside the commitment, or nil.
    /// - Throws: ``InputProblems`` with every problem at once: each file that differs, and every problem
    ///   a placement from the committed data would meet.
    public static func load(data directory: URL, commitment: CommitmentFile, policy: String?) throws(InputProblems) -> PlacementInputs {
        var fileProblems = ProblemList()
        let files = Dataset.readFiles(from: directory, problems: &fileProblems)
        fileProblems.add(contentsOf: commitment.problems(files: files))
        if let policy {
            let given = Policy.text(named: policy)
            if let text = given.text {
                if !text.utf8.elementsEqual(commitment.policyText.utf8) {
                    fileProblems.add(policy, nil, "", Message(
                        "is not the committed policy: its bytes differ from policy_text in \(CommitmentFile.fileName) (leave out --policy to place with the committed one)",
                        "不是承诺的政策：其字节与 \(CommitmentFile.fileName) 中的 policy_text 不同（不给 --policy 即按承诺的政策派位）"))
                }
            } else {
                fileProblems.add(contentsOf: given.problems)
            }
        }
        let reading = Policy.read(commitment.policyText, file: "\(CommitmentFile.fileName) (policy_text)")
        return try check(files: files, fileProblems: fileProblems.problems, policy: reading)
    }
}

extension PlacementSession {
    /// Loads the dataset in `data` held to `commitment`, with the committed policy, and prepares them.
    /// - Throws: ``InputProblems`` naming every file that differs from the commitment, with every other problem.
    public static func prepare(data: URL, commitment: CommitmentFile, policy: String?, workers: Int) throws(InputProblems) -> PlacementSession {
        let clock = ContinuousClock()
        let start = clock.now
        let inputs = try PlacementInputs.load(data: data, commitment: commitment, policy: policy)
        let loaded = clock.now
        let instance = try PlacementInstance(dataset: inputs.dataset, policy: inputs.policy, workers: workers)
        return PlacementSession(inputs: inputs, instance: instance, loadTime: loaded - start, prepareTime: clock.now - loaded)
    }
}

import Foundation
import PaiweiCore

/// A dataset folder and a policy, read and checked together, so that one run lists every problem in
/// both (SPEC §6.5): a problem in one file never hides one in another, and the data rules that depend on
/// the policy are checked with every part of the policy that could be read.
public struct PlacementInputs: Sendable {
    public let dataset: Dataset
    public let policy: Policy
    /// The raw bytes of every dataset file read (name → bytes), for the copies and digests of a run.
    public let files: [String: [UInt8]]

    public init(dataset: Dataset, policy: Policy, files: [String: [UInt8]]) {
        self.dataset = dataset
        self.policy = policy
        self.files = files
    }

    /// Reads the dataset folder and the policy (a preset name or a file path).
    /// - Throws: ``InputProblems`` with every problem of both.
    public static func load(data directory: URL, policy name: String) throws(InputProblems) -> PlacementInputs {
        var fileProblems = ProblemList()
        let files = Dataset.readFiles(from: directory, problems: &fileProblems)
        return try check(files: files, fileProblems: fileProblems.problems, policy: Policy.read(named: name))
    }

    /// Reads in-memory dataset files against a policy read as far as it could be.
    /// - Throws: ``InputProblems`` with every problem of both.
    public static func check(files: [String: [UInt8]], fileProblems: [InputProblem] = [],
                             policy reading: (policy: Policy?, problems: [InputProblem])) throws(InputProblems) -> PlacementInputs {
        let dataset = Dataset.read(files: files)
        var problems = fileProblems + reading.problems + dataset.problems
        if let policy = reading.policy {
            // A cell already reported (a latitude without a longitude, say) is not reported again for the policy.
            let reported = Set(dataset.problems.map { CellAddress($0) })
            problems += dataset.dataset.problems(under: policy).filter { !reported.contains(CellAddress($0)) }
        }
        if !problems.isEmpty { throw InputProblems(problems.sorted()) }
        return PlacementInputs(dataset: dataset.dataset, policy: reading.policy!, files: files)
    }
}

/// The cell a problem is about; the two coordinates of a place count as one cell.
private struct CellAddress: Hashable {
    let file: Identifier
    let line: Int?
    let column: Identifier

    init(_ problem: InputProblem) {
        file = Identifier(problem.file)
        line = problem.line
        column = Identifier(problem.column == "lon" ? "lat" : problem.column)
    }
}

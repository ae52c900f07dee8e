import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei explain`: one student's placement, stage by stage, in Chinese and English.
enum ExplainCommand {
    static let help = """
    Usage: paiwei explain --out DIR --student ID [--data DATA]

    Re-runs the placement in the output folder DIR (from its audit record and the input copies in
    DIR/inputs, or the dataset folder DATA) and says, for one student, what screening decided, each
    stage they took part in, their priority tier and lottery number there, the school's cutoff, and
    why they were or were not admitted.
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["out", "student", "data", "workers"])
        let folder = URL(fileURLWithPath: try arguments.required("out"))
        let studentID = try arguments.required("student")
        let data = try arguments.value("data").map { URL(fileURLWithPath: $0) }
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let published = try PublishedPlacement.open(folder: folder, data: data, workers: workers)
        guard let explanation = Explanation(instance: published.instance, result: published.result, studentID: studentID) else {
            throw UsageError("no student '\(studentID)' in this placement")
        }
        print(explanation.text(), terminator: "")
        return .ok
    }
}

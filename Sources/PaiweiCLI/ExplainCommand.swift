import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei explain`: one student's placement, stage by stage, in Chinese and English.
enum ExplainCommand {
    static let help = Message("""
    Usage: paiwei explain --out DIR --student ID [--data DATA]

    Re-runs the placement in the output folder DIR (from its audit record and the input copies in
    DIR/inputs, or the dataset folder DATA) and says, for one student, what screening decided, each
    stage they took part in, their priority tier and lottery number there, the school's cutoff, and
    why they were or were not admitted, in the language of the other messages (--lang zh for Chinese).
    """, """
    用法：paiwei explain --out DIR --student ID [--data DATA]

    从审计记录和 DIR/inputs 中的输入副本（或数据文件夹 DATA）重新运行结果文件夹 DIR 中的派位，
    并说明某个学生的资格审核结果、参加的每个阶段、在该阶段的优先类别和随机号、学校的录取线，
    以及被录取或未被录取的原因，所用语言与其他提示信息相同（--lang en 为英文）。
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["out", "student", "data", "workers"])
        let folder = URL(fileURLWithPath: try arguments.required("out"))
        let studentID = try arguments.required("student")
        let data = try arguments.value("data").map { URL(fileURLWithPath: $0) }
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let published = try PublishedPlacement.open(folder: folder, data: data, workers: workers)
        guard let explanation = Explanation(instance: published.instance, result: published.result, studentID: studentID) else {
            throw UsageError(Message("no student '\(studentID)' in this placement", "此次派位中没有学生“\(studentID)”"))
        }
        print(explanation.text(in: Console.language), terminator: "")
        return .ok
    }
}

import Foundation
import PaiweiCore

/// A placement re-made from its output folder: the audit record, the inputs (checked against their
/// recorded digests) and the standing run. What `explain` works from.
public struct PublishedPlacement: Sendable {
    public let record: AuditRecord
    public let instance: PlacementInstance
    public let result: PlacementResult

    /// - Throws: ``InputProblems`` when the record is unreadable or an input is missing or changed.
    public static func open(folder: URL, data: URL? = nil, workers: Int = 1) throws(InputProblems) -> PublishedPlacement {
        let auditURL = folder.appendingPathComponent(AuditRecord.fileName)
        guard let bytes = FileManager.default.contents(atPath: auditURL.path), let text = String(validating: bytes, as: UTF8.self) else {
            throw InputProblems([InputProblem(file: auditURL.path, line: nil, column: "", message: Message("no readable audit record here: is this the output folder of 'paiwei place'?", "此处没有可读的审计记录：这是 'paiwei place' 的结果文件夹吗？"))])
        }
        let record = try AuditRecord.parse(text).record
        var inputs: [String: [UInt8]] = [:]
        var problems = ProblemList()
        for input in record.inputs {
            let url = data?.appendingPathComponent(input.name) ?? folder.appendingPathComponent(AuditRecord.inputsFolder).appendingPathComponent(input.name)
            guard let contents = FileManager.default.contents(atPath: url.path) else {
                problems.add(url.path, nil, "", Message("missing", "缺失"))
                continue
            }
            if SHA256.hash(contents).hexString != input.sha256 {
                problems.add(url.path, nil, "", Message("differs from the input recorded in audit.json; run 'paiwei verify' to see what changed", "与 audit.json 中记录的输入不同；运行 'paiwei verify' 查看改动了什么"))
            }
            inputs[input.name] = Array(contents)
        }
        try problems.throwIfAny()
        let instance = try PlacementInstance(dataset: Dataset.parse(files: inputs), policy: record.policy, workers: workers)
        do {
            let result = try instance.place(seed: record.seedDraw.standing)
            return PublishedPlacement(record: record, instance: instance, result: result)
        } catch {
            throw InputProblems([InputProblem(file: auditURL.path, line: nil, column: "", message: error.message)])
        }
    }
}

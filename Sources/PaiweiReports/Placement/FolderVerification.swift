import Foundation
import PaiweiCore
import PaiweiRuns

/// `paiwei verify`: re-runs a placement from its output folder and checks, file by file, that every
/// input and output is exactly what the audit record says (SPEC §5).
///
/// Three things are compared: each file in the folder against the digest recorded for it; a fresh run
/// from the recorded inputs, policy and seed against the same digests; and the audit record rebuilt
/// from that run against the folder's `audit.json`, byte for byte. A changed byte anywhere shows up
/// in at least one of them, and the report names the file. Besides, `overflow_certificate.json` (when
/// the policy has a `min_total_distance` stage) is checked against `placements.csv` and the inputs on
/// its own, in linear time and without solving anything; and a placement bound to a commitment (SPEC §4)
/// has its commitment recomputed, held to the inputs placed and to the folder's `commitment.json`, and its
/// seed v2 recomputed from the commitment and the contributions.
public struct Verification: Sendable {
    /// One file and what was found wrong with it (nothing when it matches).
    public struct FileResult: Sendable, Equatable {
        public var file: String
        public var problems: [Message]
        public var matches: Bool { problems.isEmpty }
    }

    public private(set) var files: [FileResult] = []
    /// What the verifier could not do, in plain words (a failure is always also on some file).
    public private(set) var notes: [Message] = []
    /// Summary facts of the record, for the person reading the report.
    public private(set) var policyName = ""
    public private(set) var seed = ""
    public private(set) var version = ""
    /// The commitment digest the placement is bound to, as recorded; nil without one.
    public private(set) var commitment: String?
    /// The placement re-made from the recorded inputs, policy and seed, when it could be re-run: what
    /// `paiwei publish` publishes from once the folder verifies.
    package private(set) var rerun: FinalPlacement?

    public var verified: Bool { files.allSatisfy(\.matches) }
    public var mismatched: [String] { files.filter { !$0.matches }.map(\.file) }

    private mutating func note(_ file: String, _ problem: Message? = nil) {
        if let index = files.firstIndex(where: { $0.file == file }) {
            if let problem { files[index].problems.append(problem) }
        } else {
            files.append(FileResult(file: file, problems: problem.map { [$0] } ?? []))
        }
    }

    /// Verifies `folder`, reading the inputs from `data` when given, else from the folder's own copies.
    /// - Parameter commitment: the commitment file as published before the ceremony, to hold the folder's to.
    /// - Throws: ``InputProblems`` when the audit record is missing or unreadable (nothing to verify against).
    public static func run(folder: URL, data: URL? = nil, commitment published: URL? = nil, workers: Int = 1) throws(InputProblems) -> Verification {
        var report = Verification()
        let auditURL = folder.appendingPathComponent(AuditRecord.fileName)
        guard let auditData = FileManager.default.contents(atPath: auditURL.path) else {
            throw InputProblems([InputProblem(file: auditURL.path, line: nil, column: "", message: Message("no audit record here: is this the output folder of 'paiwei place'?", "此处没有审计记录（audit.json）：这是 'paiwei place' 的输出文件夹吗？"))])
        }
        guard let auditText = String(validating: auditData, as: UTF8.self) else {
            throw InputProblems([InputProblem(file: auditURL.path, line: nil, column: "", message: Message("is not UTF-8 text", "不是 UTF-8 文本"))])
        }
        let parsed = try AuditRecord.parse(auditText)
        let record = parsed.record
        report.policyName = record.policy.name
        report.seed = parsed.recordedSeed
        report.version = record.version

        // The record's own claims.
        let audit = AuditRecord.fileName
        if record.product != Product.name || record.version != Product.version {
            report.note(audit, Message("made by \(record.product) \(record.version); this is \(Product.name) \(Product.version) — verify with the version that made it",
                                       "由 \(record.product) \(record.version) 生成；本程序是 \(Product.name) \(Product.version)，请用生成它的版本核验"))
        }
        if record.policy.sha256 != parsed.recordedPolicyDigest {
            report.note(audit, Message("the recorded policy does not have the recorded SHA-256 \(parsed.recordedPolicyDigest.prefix(12))…",
                                       "记录的政策与记录的 SHA-256 \(parsed.recordedPolicyDigest.prefix(12))… 不符"))
        }
        if record.seedDraw.standing.hex != parsed.recordedSeed {
            report.note(audit, Message("the recorded seed draw gives seed \(record.seedDraw.standing.hex.prefix(12))…, not the recorded \(parsed.recordedSeed.prefix(12))…",
                                       "按记录的方式得到的随机种子是 \(record.seedDraw.standing.hex.prefix(12))…，而不是记录的 \(parsed.recordedSeed.prefix(12))…"))
        }
        if let ceremonySeed = parsed.recordedCeremonySeed, ceremonySeed != record.seedDraw.base.hex {
            report.note(audit, Message("the ceremony contributions give seed \(record.seedDraw.base.hex.prefix(12))…, not the recorded \(ceremonySeed.prefix(12))…",
                                       "由派位仪式的公开输入得到的随机种子是 \(record.seedDraw.base.hex.prefix(12))…，而不是记录的 \(ceremonySeed.prefix(12))…"))
        }
        if record.seedDraw.candidateRuns > 0,
           parsed.recordedCandidateSeeds != (1...record.seedDraw.candidateRuns).map({ record.seedDraw.candidate($0).hex }) {
            report.note(audit, Message("the recorded candidate seeds do not follow from the ceremony", "记录的候选派位随机种子不是由派位仪式得出的"))
        }

        // The commitment (SPEC §4): recomputed from what the record says, held to the inputs placed and to
        // the folder's commitment.json (and to the one published before the ceremony, when given).
        let committed = report.checkCommitment(parsed, folder: folder, published: published)

        // Inputs: the given dataset folder, or the copies in the output folder.
        var inputs: [String: [UInt8]] = [:]
        var inputsIntact = true
        for input in record.inputs {
            let url = data?.appendingPathComponent(input.name) ?? folder.appendingPathComponent(AuditRecord.inputsFolder).appendingPathComponent(input.name)
            let label = data == nil ? "\(AuditRecord.inputsFolder)/\(input.name)" : url.path
            guard let bytes = FileManager.default.contents(atPath: url.path) else {
                report.note(label, Message("missing", "缺失"))
                inputsIntact = false
                continue
            }
            let digest = SHA256.hash(bytes).hexString
            if digest == input.sha256 {
                report.note(label)
            } else {
                report.note(label, changed(digest, input.sha256))
                if data == nil {
                    // Both are in the folder: the copy or the record of it was changed, and nothing tells which.
                    report.note(audit, Message("records another SHA-256 for \(label): that file or this record was changed",
                                               "记录的 \(label) 的 SHA-256 与之不同：该文件或此记录被改动过"))
                }
                inputsIntact = false
            }
            inputs[input.name] = Array(bytes)
        }
        if let data {
            for name in Dataset.tableFiles.flatMap(Dataset.fileNames(of:))
            where !record.inputs.contains(where: { $0.name == name }) && FileManager.default.fileExists(atPath: data.appendingPathComponent(name).path) {
                report.note(data.appendingPathComponent(name).path, Message("present in the dataset but not among the recorded inputs", "在数据文件夹中，但不在记录的输入文件之列"))
                inputsIntact = false
            }
        }

        // Outputs as they are in the folder.
        var present: [String: [UInt8]] = [:]
        for output in record.outputs {
            guard let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(output.name).path) else {
                report.note(output.name, Message("missing", "缺失"))
                continue
            }
            present[output.name] = Array(bytes)
            let digest = SHA256.hash(bytes).hexString
            if digest == output.sha256 {
                report.note(output.name)
            } else {
                report.note(output.name, changed(digest, output.sha256))
            }
        }
        for name in Self.filesBelow(folder) where name != audit && !record.outputs.contains(where: { $0.name == name }) {
            report.note(name, Message("not part of the record", "不在记录之中"))
        }

        // The re-run, when the inputs are the recorded ones.
        if inputsIntact, committed.usable {
            let dataset = try Dataset.parse(files: inputs)
            let instance = try PlacementInstance(dataset: dataset, policy: record.policy, workers: workers)
            // The optimality certificate is checked on its own, from the published files, without solving.
            let certificate = OverflowCertificate.fileName
            if let bytes = present[certificate], let placements = present["placements.csv"] {
                for problem in OverflowCertificate.verify(instance: instance, certificate: bytes, placements: placements) {
                    report.note(certificate, Message("the certificate does not hold: ", "最优性证明不成立：") + problem)
                }
            }
            do {
                let placement = try FinalPlacement(instance: instance, inputs: inputs, draw: record.seedDraw, commitment: committed.file)
                report.rerun = placement
                var rerun: [(name: String, bytes: [UInt8])] = []
                do throws(WorkbookWriterError) {
                    rerun = try PlacementFolder(placement).files()
                } catch {
                    report.note(audit, Message("the re-run could not make its files: \(error.text.english)", "重新运行无法生成其文件：\(error.text.chinese)"))
                }
                var rendered: [String: [UInt8]] = [:]
                for file in rerun { rendered[file.name] = file.bytes }
                for output in record.outputs {
                    guard let bytes = rendered[output.name] else {
                        report.note(output.name, Message("the re-run does not make this file", "重新运行不生成此文件"))
                        continue
                    }
                    let digest = SHA256.hash(bytes).hexString
                    if digest != output.sha256 {
                        report.note(output.name, Message("the re-run gives SHA-256 \(digest.prefix(12))…, the record says \(output.sha256.prefix(12))…",
                                                         "重新运行得到的 SHA-256 为 \(digest.prefix(12))…，记录的是 \(output.sha256.prefix(12))…"))
                    }
                }
                for file in rerun where file.name != audit && !record.outputs.contains(where: { $0.name == file.name }) {
                    report.note(audit, Message("the re-run also makes \(file.name), which the record does not list", "重新运行还生成了记录中没有的 \(file.name)"))
                }
                if rendered[audit] != Array(auditData) {
                    report.note(audit, Message("differs from the audit record the re-run makes", "与重新运行生成的审计记录不同"))
                }
            } catch {
                report.note(audit, Message("the re-run broke a promise: ", "重新运行违反了一项保证：") + error.message)
            }
        } else if !inputsIntact {
            report.notes.append(Message("The placement was not re-run: the inputs are not the recorded ones.", "未重新运行派位：输入文件不是记录的那些。"))
        } else {
            report.notes.append(Message("The placement was not re-run: the folder's commitment.json is not the commitment recorded.",
                                        "未重新运行派位：文件夹中的 commitment.json 不是记录的承诺。"))
        }
        if !report.files.contains(where: { $0.file == audit }) { report.note(audit) }
        return report
    }

    /// "Its SHA-256 is …, the record says …".
    private static func changed(_ digest: String, _ recorded: String) -> Message {
        Message("its SHA-256 is \(digest.prefix(12))…, the record says \(recorded.prefix(12))…",
                "其 SHA-256 为 \(digest.prefix(12))…，记录的是 \(recorded.prefix(12))…")
    }

    /// Checks the commitment a record is bound to: its digest recomputed from the recorded policy digest
    /// and file digests; its files the same as the inputs placed; the folder's `commitment.json` the same
    /// commitment, with `policy_text` the policy placed; and the published commitment, when given, the
    /// same file. The seed v2 itself is recomputed with the other seed claims (the draw derives it from
    /// the recorded digest and the contributions).
    /// - Returns: the folder's commitment file for the re-run, and whether a re-run can use it (a
    ///   record without a commitment needs none).
    private mutating func checkCommitment(_ parsed: AuditRecord.Parsed, folder: URL, published: URL?) -> (file: CommitmentFile?, usable: Bool) {
        let audit = AuditRecord.fileName, name = CommitmentFile.fileName
        guard let commitment = parsed.record.commitment else {
            if let published {
                note(audit, Message("the placement is not bound to a commitment, yet \(published.path) was given",
                                    "此次派位未与承诺绑定，但给出了 \(published.path)"))
            }
            return (nil, true)
        }
        let recorded = parsed.recordedCommitment ?? ""
        self.commitment = recorded
        if commitment.digest != recorded {
            note(audit, Message("the recorded commitment \(recorded.prefix(12))… is not the digest of the recorded policy and file digests, which is \(commitment.digest.prefix(12))…",
                                "记录的承诺值 \(recorded.prefix(12))… 不是记录的政策摘要与各文件摘要所得的承诺值（应为 \(commitment.digest.prefix(12))…）"))
        }
        let placed = Commitment(policySHA256: commitment.policySHA256, files: parsed.record.inputs.map { Commitment.File(name: $0.name, sha256: $0.sha256) })
        if placed.files != commitment.files {
            let differing = Set(placed.files.map(\.name) + commitment.files.map(\.name))
                .filter { name in placed.files.first { $0.name == name } != commitment.files.first { $0.name == name } }
                .sorted(by: utf8Less)
            note(audit, Message("the committed files are not the inputs placed: \(differing.joined(separator: ", ")) differ",
                                "承诺的文件不是派位所用的输入文件：\(differing.joined(separator: "、")) 不同"))
        }
        var file: CommitmentFile?
        if let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) {
            do {
                let read = try CommitmentFile.parse(Array(bytes), file: name)
                file = read
                if read.commitment != commitment || read.digest != recorded {
                    note(name, Message("is not the commitment recorded in audit.json", "不是 audit.json 中记录的承诺"))
                }
                if (try? Policy.parse(read.policyText, file: name))?.sha256 != parsed.record.policy.sha256 {
                    note(name, Message("its policy_text is not the policy placed", "其 policy_text 不是派位所用的政策"))
                }
            } catch {
                for problem in error.problems { note(name, Message(problem.description(in: .english), problem.description(in: .chinese))) }
            }
        }
        // A missing commitment.json is named by the outputs check.
        if let published {
            if let bytes = FileManager.default.contents(atPath: published.path) {
                let digest = SHA256.hash(Array(bytes)).hexString
                if let file, SHA256.hash(file.bytes).hexString != digest {
                    note(name, Message("is not the commitment published as \(published.path): its SHA-256 is \(SHA256.hash(file.bytes).hexString.prefix(12))…, the published file's \(digest.prefix(12))…",
                                       "不是以 \(published.path) 公布的承诺：其 SHA-256 为 \(SHA256.hash(file.bytes).hexString.prefix(12))…，公布的文件为 \(digest.prefix(12))…"))
                }
            } else {
                note(published.path, Message("cannot be read", "无法读取"))
            }
        }
        return (file, file?.digest == recorded)
    }

    /// Every regular file under `folder`, as paths relative to it, sorted.
    static func filesBelow(_ folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                names.append(name)
            }
        }
        return names.sorted()
    }
}

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
/// its own, in linear time and without solving anything.
public struct Verification: Sendable {
    /// One file and what was found wrong with it (nothing when it matches).
    public struct FileResult: Sendable, Equatable {
        public var file: String
        public var problems: [String]
        public var matches: Bool { problems.isEmpty }
    }

    public private(set) var files: [FileResult] = []
    /// What the verifier could not do, in plain words (a failure is always also on some file).
    public private(set) var notes: [String] = []
    /// Summary facts of the record, for the person reading the report.
    public private(set) var policyName = ""
    public private(set) var seed = ""
    public private(set) var version = ""

    public var verified: Bool { files.allSatisfy(\.matches) }
    public var mismatched: [String] { files.filter { !$0.matches }.map(\.file) }

    private mutating func note(_ file: String, _ problem: String? = nil) {
        if let index = files.firstIndex(where: { $0.file == file }) {
            if let problem { files[index].problems.append(problem) }
        } else {
            files.append(FileResult(file: file, problems: problem.map { [$0] } ?? []))
        }
    }

    /// Verifies `folder`, reading the inputs from `data` when given, else from the folder's own copies.
    /// - Throws: ``InputProblems`` when the audit record is missing or unreadable (nothing to verify against).
    public static func run(folder: URL, data: URL? = nil, workers: Int = 1) throws(InputProblems) -> Verification {
        var report = Verification()
        let auditURL = folder.appendingPathComponent(AuditRecord.fileName)
        guard let auditData = FileManager.default.contents(atPath: auditURL.path) else {
            throw InputProblems([InputProblem(file: auditURL.path, line: nil, column: "", message: "no audit record here: is this the output folder of 'paiwei place'?")])
        }
        guard let auditText = String(validating: auditData, as: UTF8.self) else {
            throw InputProblems([InputProblem(file: auditURL.path, line: nil, column: "", message: "is not UTF-8 text")])
        }
        let parsed = try AuditRecord.parse(auditText)
        let record = parsed.record
        report.policyName = record.policy.name
        report.seed = parsed.recordedSeed
        report.version = record.version

        // The record's own claims.
        let audit = AuditRecord.fileName
        if record.product != Product.name || record.version != Product.version {
            report.note(audit, "made by \(record.product) \(record.version); this is \(Product.name) \(Product.version) — verify with the version that made it")
        }
        if record.policy.sha256 != parsed.recordedPolicyDigest {
            report.note(audit, "the recorded policy does not have the recorded SHA-256 \(parsed.recordedPolicyDigest.prefix(12))…")
        }
        if record.seedDraw.standing.hex != parsed.recordedSeed {
            report.note(audit, "the recorded seed draw gives seed \(record.seedDraw.standing.hex.prefix(12))…, not the recorded \(parsed.recordedSeed.prefix(12))…")
        }
        if let ceremonySeed = parsed.recordedCeremonySeed, ceremonySeed != record.seedDraw.base.hex {
            report.note(audit, "the ceremony contributions give seed \(record.seedDraw.base.hex.prefix(12))…, not the recorded \(ceremonySeed.prefix(12))…")
        }
        if record.seedDraw.candidateRuns > 0,
           parsed.recordedCandidateSeeds != (1...record.seedDraw.candidateRuns).map({ record.seedDraw.candidate($0).hex }) {
            report.note(audit, "the recorded candidate seeds do not follow from the ceremony")
        }

        // Inputs: the given dataset folder, or the copies in the output folder.
        var inputs: [String: [UInt8]] = [:]
        var inputsIntact = true
        for input in record.inputs {
            let url = data?.appendingPathComponent(input.name) ?? folder.appendingPathComponent(AuditRecord.inputsFolder).appendingPathComponent(input.name)
            let label = data == nil ? "\(AuditRecord.inputsFolder)/\(input.name)" : url.path
            guard let bytes = FileManager.default.contents(atPath: url.path) else {
                report.note(label, "missing")
                inputsIntact = false
                continue
            }
            let digest = SHA256.hash(Array(bytes)).hexString
            if digest == input.sha256 {
                report.note(label)
            } else {
                report.note(label, "its SHA-256 is \(digest.prefix(12))…, the record says \(input.sha256.prefix(12))…")
                if data == nil {
                    // Both are in the folder: the copy or the record of it was changed, and nothing tells which.
                    report.note(audit, "records another SHA-256 for \(label): that file or this record was changed")
                }
                inputsIntact = false
            }
            inputs[input.name] = Array(bytes)
        }
        if let data {
            for name in Dataset.tableFiles.flatMap(Dataset.fileNames(of:))
            where !record.inputs.contains(where: { $0.name == name }) && FileManager.default.fileExists(atPath: data.appendingPathComponent(name).path) {
                report.note(data.appendingPathComponent(name).path, "present in the dataset but not among the recorded inputs")
                inputsIntact = false
            }
        }

        // Outputs as they are in the folder.
        var present: [String: [UInt8]] = [:]
        for output in record.outputs {
            guard let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(output.name).path) else {
                report.note(output.name, "missing")
                continue
            }
            present[output.name] = Array(bytes)
            let digest = SHA256.hash(Array(bytes)).hexString
            if digest == output.sha256 {
                report.note(output.name)
            } else {
                report.note(output.name, "its SHA-256 is \(digest.prefix(12))…, the record says \(output.sha256.prefix(12))…")
            }
        }
        for name in Self.filesBelow(folder) where name != audit && !record.outputs.contains(where: { $0.name == name }) {
            report.note(name, "not part of the record")
        }

        // The re-run, when the inputs are the recorded ones.
        if inputsIntact {
            let dataset = try Dataset.parse(files: inputs)
            let instance = try PlacementInstance(dataset: dataset, policy: record.policy, workers: workers)
            // The optimality certificate is checked on its own, from the published files, without solving.
            let certificate = OverflowCertificate.fileName
            if let bytes = present[certificate], let placements = present["placements.csv"] {
                for problem in OverflowCertificate.verify(instance: instance, certificate: bytes, placements: placements) {
                    report.note(certificate, "the certificate does not hold: " + problem)
                }
            }
            do {
                let rerun = try PlacementFolder(FinalPlacement(instance: instance, inputs: inputs, draw: record.seedDraw)).files()
                var rendered: [String: [UInt8]] = [:]
                for file in rerun { rendered[file.name] = file.bytes }
                for output in record.outputs {
                    guard let bytes = rendered[output.name] else {
                        report.note(output.name, "the re-run does not make this file")
                        continue
                    }
                    let digest = SHA256.hash(bytes).hexString
                    if digest != output.sha256 {
                        report.note(output.name, "the re-run gives SHA-256 \(digest.prefix(12))…, the record says \(output.sha256.prefix(12))…")
                    }
                }
                for file in rerun where file.name != audit && !record.outputs.contains(where: { $0.name == file.name }) {
                    report.note(audit, "the re-run also makes \(file.name), which the record does not list")
                }
                if rendered[audit] != Array(auditData) {
                    report.note(audit, "differs from the audit record the re-run makes")
                }
            } catch {
                report.note(audit, "the re-run broke a promise: \(error)")
            }
        } else {
            report.notes.append("The placement was not re-run: the inputs are not the recorded ones.")
        }
        if !report.files.contains(where: { $0.file == audit }) { report.note(audit) }
        return report
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

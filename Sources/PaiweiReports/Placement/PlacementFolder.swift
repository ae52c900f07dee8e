import Dispatch
import PaiweiCore
import PaiweiRuns

/// Every file of a final placement's output folder (SPEC §5): the results, the pages, the candidate runs,
/// the commitment it was held to (`commitment.json`, when there was one), the copies of the inputs, and
/// `audit.json` over them all.
///
/// The same inputs, policy and seed draw give the same bytes in every file, which is what
/// ``FolderVerification`` relies on.
public struct PlacementFolder: Sendable {
    public let placement: FinalPlacement

    public init(_ placement: FinalPlacement) {
        self.placement = placement
    }

    /// Every file of the output folder, `audit.json` last (it holds the digests of all the others).
    ///
    /// The files are rendered side by side, each hashed by the worker that rendered it while its bytes
    /// are still in cache; the inputs are not hashed again (reading the dataset hashed these very bytes).
    /// The list and every byte are the same for any number of cores.
    public func files() -> [(name: String, bytes: [UInt8])] {
        let instance = placement.instance, result = placement.result, inputs = placement.inputs
        // The result tables once, then their CSV files and results.xlsx side by side.
        let rendered = PlacementFiles(instance: instance, result: result), tables = rendered.tables()
        var renderers: [@Sendable () -> [(name: String, bytes: [UInt8])]] = [
            { rendered.csvFiles(tables) },
            { PlacementFiles.workbookFile(tables) },
            { OverflowCertificate.file(instance, result).map { [(OverflowCertificate.fileName, $0)] } ?? [] },
            { [("report.html", Array(PlacementReportPage(instance: instance, result: result).html().utf8))] },
            { [("rosters.html", RosterPages(instance: instance, result: result).bytes())] },
        ]
        for (k, candidate) in placement.candidates.enumerated() {
            renderers.append {
                let rendered = PlacementFiles(instance: instance, result: candidate)
                return [("candidates/\(k + 1)/placements.csv", rendered.placementsCSV()),
                        ("candidates/\(k + 1)/summary.json", Array(rendered.summary().rendered().utf8))]
            }
        }
        let jobs = renderers, slots = ParallelSlots<[HashedFile]>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { job in
            slots.set(job, jobs[job]().map { HashedFile(name: $0.name, bytes: $0.bytes, sha256: SHA256.hash($0.bytes).hexString) })
        }
        var files = slots.values.flatMap { $0! }
        if let commitment = placement.commitment {
            files.append(HashedFile(name: CommitmentFile.fileName, bytes: commitment.bytes, sha256: SHA256.hash(commitment.bytes).hexString))
        }
        let inputDigests = Self.inputDigests(placement)
        for name in inputs.keys.sorted() {
            files.append(HashedFile(name: "\(AuditRecord.inputsFolder)/\(name)", bytes: inputs[name]!, sha256: inputDigests[name]!))
        }
        let record = AuditRecord(inputs: inputs.keys.sorted().map {
                                     FileDigest(name: $0, sha256: inputDigests[$0]!, encoding: instance.dataset.fileEncodings[$0])
                                 },
                                 policy: instance.policy, seedDraw: placement.draw, commitment: placement.commitment?.commitment,
                                 outputs: files.map { FileDigest(name: $0.name, sha256: $0.sha256) })
        return files.map { ($0.name, $0.bytes) } + [(AuditRecord.fileName, record.bytes)]
    }

    /// Each input file's SHA-256 (hex): the digest reading the dataset took where it read that file
    /// (the session's files are the very bytes it read), computed here for any other.
    private static func inputDigests(_ placement: FinalPlacement) -> [String: String] {
        var digests: [String: String] = [:]
        for (name, bytes) in placement.inputs {
            digests[name] = (placement.instance.dataset.fileDigests[name] ?? SHA256.hash(bytes)).hexString
        }
        return digests
    }
}

/// An output file with its SHA-256 (hex), for the audit record.
private struct HashedFile: Sendable {
    let name: String
    let bytes: [UInt8]
    let sha256: String
}

import PaiweiCore
import PaiweiRuns

/// Every file of a final placement's output folder (SPEC §5): the results, the pages, the candidate runs,
/// the copies of the inputs, and `audit.json` over them all.
///
/// The same inputs, policy and seed draw give the same bytes in every file, which is what
/// ``FolderVerification`` relies on.
public struct PlacementFolder: Sendable {
    public let placement: FinalPlacement

    public init(_ placement: FinalPlacement) {
        self.placement = placement
    }

    /// Every file of the output folder, `audit.json` last (it holds the digests of all the others).
    public func files() -> [(name: String, bytes: [UInt8])] {
        let instance = placement.instance, result = placement.result, inputs = placement.inputs
        var files = PlacementFiles(instance: instance, result: result).render()
        if let certificate = OverflowCertificate.file(instance, result) { files.append((OverflowCertificate.fileName, certificate)) }
        files += Self.extraPages(instance, result)
        for (k, candidate) in placement.candidates.enumerated() {
            let rendered = PlacementFiles(instance: instance, result: candidate)
            files.append(("candidates/\(k + 1)/placements.csv", rendered.placementsCSV()))
            files.append(("candidates/\(k + 1)/summary.json", Array(rendered.summary().rendered().utf8)))
        }
        for name in inputs.keys.sorted() {
            files.append(("\(AuditRecord.inputsFolder)/\(name)", inputs[name]!))
        }
        files.append((AuditRecord.fileName, audit(outputs: files).bytes))
        return files
    }

    /// The audit record over `outputs` (every file but the record itself).
    public func audit(outputs: [(name: String, bytes: [UInt8])]) -> AuditRecord {
        let inputs = placement.inputs
        return AuditRecord(
            inputs: inputs.keys.sorted().map { name in
                FileDigest(name: name, bytes: inputs[name]!, encoding: placement.instance.dataset.fileEncodings[name])
            },
            policy: placement.instance.policy, seedDraw: placement.draw,
            outputs: outputs.map { FileDigest(name: $0.name, bytes: $0.bytes) })
    }

    /// The printable pages: the report for the bureau and the rosters for the notary.
    static func extraPages(_ instance: PlacementInstance, _ result: PlacementResult) -> [(name: String, bytes: [UInt8])] {
        [
            ("report.html", Array(PlacementReportPage(instance: instance, result: result).html().utf8)),
            ("rosters.html", Array(RosterPages(instance: instance, result: result).html().utf8)),
        ]
    }
}

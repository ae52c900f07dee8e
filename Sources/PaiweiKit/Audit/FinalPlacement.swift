/// The final, notarized placement (SPEC §5): the standing run, any candidate runs of a ceremony, and
/// every file of the output folder — results, the copies of the inputs, and the audit record over them.
///
/// The same inputs, policy and seed draw give the same bytes in every file, which is what
/// ``Verification`` relies on.
public struct FinalPlacement: Sendable {
    public let instance: PlacementInstance
    public let draw: SeedDraw
    /// The raw input files (name → bytes), copied into the output folder under `inputs/`.
    public let inputs: [String: [UInt8]]
    /// The placement that stands.
    public let result: PlacementResult
    /// Candidate runs of a ceremony, in order (empty without candidate runs).
    public let candidates: [PlacementResult]

    /// Places with the standing seed and every candidate seed.
    /// - Throws: ``PromiseViolation`` if any run breaks a promise.
    public init(instance: PlacementInstance, inputs: [String: [UInt8]], draw: SeedDraw) throws(PromiseViolation) {
        self.instance = instance
        self.inputs = inputs
        self.draw = draw
        var candidates: [PlacementResult] = []
        if draw.candidateRuns > 0 {
            for k in 1...draw.candidateRuns {
                candidates.append(try instance.place(seed: draw.candidate(k)))
            }
            result = candidates[draw.drawnIndex - 1]
        } else {
            result = try instance.place(seed: draw.base)
        }
        self.candidates = candidates
    }

    /// Every file of the output folder, `audit.json` last (it holds the digests of all the others).
    public func files() -> [(name: String, bytes: [UInt8])] {
        var files = PlacementFiles(instance: instance, result: result).render()
        if let certificate = OverflowCertificate.file(instance, result) { files.append((OverflowCertificate.fileName, certificate)) }
        files += Self.extraPages(instance, result)
        for (k, candidate) in candidates.enumerated() {
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
        AuditRecord(
            inputs: inputs.keys.sorted().map { FileDigest(name: $0, bytes: inputs[$0]!) },
            policy: instance.policy, seedDraw: draw,
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

import Dispatch
import Synchronization
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
    /// The list and every byte are the same for any number of cores.
    /// - Throws: ``WorkbookWriterError`` for a results.xlsx over zip's limits (4 GiB); collecting cannot
    ///   fail otherwise.
    public func files() throws(WorkbookWriterError) -> [(name: String, bytes: [UInt8])] {
        let collected = Mutex<[String: [UInt8]]>([:])
        let names: [String]
        do {
            names = try render(deliver: { name, bytes in collected.withLock { $0[name] = bytes } },
                               segments: { name, produce in
                                   var bytes: [UInt8] = []
                                   try produce { bytes.append(contentsOf: $0) }
                                   collected.withLock { $0[name] = bytes }
                               })
        } catch let error as WorkbookWriterError {
            throw error
        } catch {
            preconditionFailure("collecting files failed: \(error)")
        }
        return collected.withLock { files in names.map { ($0, files[$0]!) } }
    }

    /// Writes every file of the output folder to `sink` as soon as it is made, `audit.json` last, and
    /// returns their names in the folder's order; a placement of a million students never holds all its
    /// outputs at once. Rethrows the first error of `sink`.
    public func write(to sink: OutputFolder.FolderSink) throws {
        _ = try render(deliver: { name, bytes in try sink.add(name, bytes) },
                       segments: { name, produce in try sink.add(name, segments: produce) })
    }

    /// A job of the rendering: files made whole, or one file made a segment at a time, each segment
    /// written and hashed as it comes — rosters.html (some 175 MB at a million students) and results.xlsx
    /// (its worksheets deflated as they are laid out, then handed over as they are, never copied into
    /// one archive). `prepare` does what comes before the first segment; nil: no such file.
    private enum Job {
        case files(@Sendable () -> [(name: String, bytes: [UInt8])])
        case segments(prepare: @Sendable () -> StreamedFile?)
    }

    private struct StreamedFile {
        let name: String
        let write: (_ take: @escaping ([UInt8]) -> Void) throws -> Void
    }

    /// The files are rendered side by side, each hashed by the worker that rendered it while its bytes
    /// are still in cache, then handed to `deliver` from that worker and dropped; the inputs are not
    /// hashed again (reading the dataset hashed these very bytes).
    private func render(deliver: @Sendable (String, [UInt8]) throws -> Void,
                        segments deliverSegments: @Sendable (String, (_ take: @escaping ([UInt8]) -> Void) throws -> Void) throws -> Void) throws -> [String] {
        let instance = placement.instance, result = placement.result, inputs = placement.inputs
        // The CSV files and results.xlsx in two jobs, each making the rows of the result tables as it
        // writes them (a row costs less than holding a million of them).
        let rendered = PlacementFiles(instance: instance, result: result)
        var renderers: [Job] = [
            .files { rendered.csvFiles(rendered.tables()) },
            .segments {
                PlacementFiles.workbookWriter(rendered.tables()).map { writer in
                    StreamedFile(name: PlacementFiles.workbookName) { take in try writer.write(to: take) }
                }
            },
            .files { OverflowCertificate.file(instance, result).map { [(OverflowCertificate.fileName, $0)] } ?? [] },
            .files { [("report.html", Array(PlacementReportPage(instance: instance, result: result).html().utf8))] },
            .segments { StreamedFile(name: "rosters.html") { take in RosterPages(instance: instance, result: result).write(to: take) } },
        ]
        for (k, candidate) in placement.candidates.enumerated() {
            renderers.append(.files {
                let rendered = PlacementFiles(instance: instance, result: candidate)
                return [("candidates/\(k + 1)/placements.csv", rendered.placementsCSV()),
                        ("candidates/\(k + 1)/summary.json", Array(rendered.summary().rendered().utf8))]
            })
        }
        let jobs = renderers, slots = ParallelSlots<[FileDigest]>(count: jobs.count)
        let failure = Mutex<(any Error)?>(nil)
        // Started longest first (results.xlsx, the rosters, the CSV files, the report), so that the
        // workers finish together; then the copies of the inputs, written while the last pages render.
        // The digests keep the renderers' order whatever the order of work.
        let longest = [1, 4, 0, 3]
        let order = longest + jobs.indices.filter { !longest.contains($0) } + [jobs.count]
        let inputNames = inputs.keys.sorted()
        DispatchQueue.concurrentPerform(iterations: order.count) { k in
            let job = order[k]
            guard job < jobs.count else {
                for name in inputNames {
                    do { try deliver("\(AuditRecord.inputsFolder)/\(name)", inputs[name]!) } catch { failure.withLock { $0 = $0 ?? error } }
                }
                return
            }
            var digests: [FileDigest] = []
            switch jobs[job] {
            case .files(let make):
                for file in make() {
                    digests.append(FileDigest(name: file.name, sha256: SHA256.hash(file.bytes).hexString))
                    do { try deliver(file.name, file.bytes) } catch { failure.withLock { $0 = $0 ?? error } }
                }
            case .segments(let prepare):
                guard let file = prepare() else { break }
                var hasher = SHA256()
                do {
                    try deliverSegments(file.name) { take in
                        try file.write { segment in
                            hasher.update(segment)
                            take(segment)
                        }
                    }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
                digests.append(FileDigest(name: file.name, sha256: hasher.finalize().hexString))
            }
            slots.set(job, digests)
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var files = slots.values.flatMap { $0! }
        if let commitment = placement.commitment {
            files.append(FileDigest(name: CommitmentFile.fileName, sha256: SHA256.hash(commitment.bytes).hexString))
            try deliver(CommitmentFile.fileName, commitment.bytes)
        }
        let inputDigests = Self.inputDigests(placement)
        for name in inputNames {
            files.append(FileDigest(name: "\(AuditRecord.inputsFolder)/\(name)", sha256: inputDigests[name]!))
        }
        let record = AuditRecord(inputs: inputNames.map {
                                     FileDigest(name: $0, sha256: inputDigests[$0]!, encoding: instance.dataset.fileEncodings[$0])
                                 },
                                 policy: instance.policy, seedDraw: placement.draw, commitment: placement.commitment?.commitment,
                                 outputs: files)
        try deliver(AuditRecord.fileName, record.bytes)
        return files.map(\.name) + [AuditRecord.fileName]
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

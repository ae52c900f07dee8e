import Foundation
import PaiweiCore
import PaiweiRuns

/// The public bundle of SPEC §5: what a bureau puts on its website once the placement verifies.
///
/// - `results.csv`: `student_id, outcome, school_id, stage, lottery_label, lottery_number` — the columns of
///   `placements.csv` that a family needs to check its own result, and nothing else about any student
///   (no preference rank, no reason code, no family id);
/// - `cutoffs.csv`: one row per school in each lottery stage (``LotteryCutoff``);
/// - `audit.json` and `commitment.json` (when the placement was bound to one), copied byte for byte;
/// - `index.html`: one self-contained page (``PublicPage``) where a family finds its row and sees its
///   number recomputed from the published seed by the page's own SHA-256 and Philox.
///
/// Every file follows from the placement alone, so publishing the same folder twice gives the same bytes.
public struct PublicBundle: Sendable {
    public let placement: FinalPlacement
    /// The placement folder's `audit.json`, as verified.
    public let audit: [UInt8]

    public static let resultsFile = "results.csv"
    public static let cutoffsFile = "cutoffs.csv"
    public static let pageFile = "index.html"
    /// The columns of `results.csv`, exactly (SPEC §5).
    public static let resultsHeader = ["student_id", "outcome", "school_id", "stage", "lottery_label", "lottery_number"]
    public static let cutoffsHeader = ["stage", "school_id", "seats", "applicants", "admitted",
                                       "cutoff_round", "cutoff_tier", "cutoff_number", "cutoff_lottery_label"]
    /// The columns of `cutoffs.csv` for a policy with a stage ordering by points: `cutoff_points` after the
    /// tier (only then, so that every other bundle keeps its columns).
    public static let cutoffsHeaderWithPoints = ["stage", "school_id", "seats", "applicants", "admitted",
                                                 "cutoff_round", "cutoff_tier", "cutoff_points", "cutoff_number", "cutoff_lottery_label"]

    public init(placement: FinalPlacement, audit: [UInt8]) {
        self.placement = placement
        self.audit = audit
    }

    /// The bundle of the placement folder `folder`, once it verifies (``Verification``): published from the
    /// verifier's own re-run, so that what is published is what the recorded inputs, policy and seed give.
    /// - Throws: ``PublishError/notVerified(_:)`` naming each file that does not match; ``InputProblems``
    ///   when there is no readable audit record.
    public static func make(from folder: URL, workers: Int = 1) throws -> PublicBundle {
        let report = try Verification.run(folder: folder, workers: workers)
        guard report.verified, let placement = report.rerun,
              let audit = FileManager.default.contents(atPath: folder.appendingPathComponent(AuditRecord.fileName).path) else {
            throw PublishError.notVerified(report.mismatched)
        }
        return PublicBundle(placement: placement, audit: Array(audit))
    }

    /// Every file of the bundle, in the order listed to the user.
    public func files() -> [(name: String, bytes: [UInt8])] {
        let rows = self.rows()
        let cutoffs = LotteryCutoff.all(placement.instance, placement.result)
        var files: [(name: String, bytes: [UInt8])] = [
            (Self.resultsFile, Self.resultsCSV(rows, placement.instance)),
            (Self.cutoffsFile, cutoffsCSV(cutoffs)),
            (AuditRecord.fileName, audit),
        ]
        if let commitment = placement.commitment {
            files.append((CommitmentFile.fileName, commitment.bytes))
        }
        files.append((Self.pageFile, PublicPage(placement: placement, rows: rows, cutoffs: cutoffs).bytes()))
        return files
    }

    // MARK: results.csv

    /// One published row: the cells of `results.csv`, with the indices the page's data refer to.
    struct Row {
        var studentID: String
        var outcome: PlacementOutcome
        /// School index, or -1.
        var school: Int
        /// Stage index (the published stage: the one that placed, else the last overflow taken part in), or -1.
        var stage: Int
        /// Label index (``PlacementInstance/labels``), or -1.
        var label: Int
        var number: UInt64
    }

    /// The published rows, one per student in `student_id` order: the same stage, label and number as
    /// `placements.csv` (``PlacementFiles``), without anything else.
    func rows() -> [Row] {
        let instance = placement.instance, result = placement.result
        return instance.dataset.students.indices.map { s in
            let outcome = instance.outcome(s, in: result)
            let label = Int(result.label[s])
            return Row(studentID: instance.dataset.students[s].id.text, outcome: outcome, school: Int(result.school[s]),
                       stage: outcome == .ineligible ? -1 : result.publishedStage(s) ?? -1,
                       label: label, number: label >= 0 ? result.number[s] : 0)
        }
    }

    static func cells(_ row: Row, _ instance: PlacementInstance) -> [String] {
        [
            row.studentID,
            row.outcome.rawValue,
            row.school >= 0 ? instance.dataset.schools[row.school].id.text : "",
            row.stage >= 0 ? instance.policy.stages[row.stage].name : "",
            row.label >= 0 ? instance.labels[row.label] : "",
            row.label >= 0 ? formatLotteryNumber(row.number) : "",
        ]
    }

    static func resultsCSV(_ rows: [Row], _ instance: PlacementInstance) -> [UInt8] {
        var csv = CSVWriter(header: resultsHeader)
        for row in rows { csv.append(cells(row, instance)) }
        return csv.bytes
    }

    // MARK: cutoffs.csv

    func cutoffsCSV(_ cutoffs: [LotteryCutoff]) -> [UInt8] {
        let instance = placement.instance
        let byPoints = instance.policy.stages.contains(where: \.ordersByPoints)
        var csv = CSVWriter(header: byPoints ? Self.cutoffsHeaderWithPoints : Self.cutoffsHeader)
        for cutoff in cutoffs {
            var row = [
                instance.policy.stages[cutoff.stage].name,
                instance.dataset.schools[cutoff.school].id.text,
                String(cutoff.seats), String(cutoff.applicants), String(cutoff.admitted),
                cutoff.round.map { String($0) } ?? "",
                cutoff.tier ?? "",
            ]
            if byPoints { row.append(cutoff.points ?? "") }
            row += [cutoff.number.map(formatLotteryNumber) ?? "", cutoff.label.map { instance.labels[$0] } ?? ""]
            csv.append(row)
        }
        return csv.bytes
    }
}

/// Why `paiwei publish` refused.
public enum PublishError: BilingualError, CustomStringConvertible {
    /// The folder does not verify: these files differ from the record (or the re-run could not be made).
    case notVerified([String])

    public var message: Message {
        switch self {
        case .notVerified(let files):
            let list = files.isEmpty ? "" : ": " + files.joined(separator: ", ")
            return Message("the folder does not verify\(list); nothing was published (run 'paiwei verify' to see why)",
                           "该文件夹未通过核验\(files.isEmpty ? "" : "：" + files.joined(separator: "、"))；未公布任何文件（运行 'paiwei verify' 查看原因）")
        }
    }

    public var description: String { message.english }
}

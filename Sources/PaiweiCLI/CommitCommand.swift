import Foundation
import PaiweiCore
import PaiweiRuns
import PaiweiReports

/// `paiwei commit`: the commitment of SPEC §4, published before the ceremony.
enum CommitCommand {
    static let help = """
    Usage: paiwei commit --data DIR --policy NAME|FILE --out FILE

    Writes the commitment to publish before the lottery ceremony (on the bureau's website, in the
    notary's file): the policy in full (policy_text: the bytes of the policy file, or what 'paiwei policy
    show' prints for a preset) and its SHA-256, the name and SHA-256 of every dataset file a placement
    reads, and the commitment digest over them. The data and policy are checked as 'paiwei place'
    would; nothing is placed.

    At the ceremony, 'paiwei place --data DIR --commitment FILE --ceremony C … --out OUT' refuses data
    or a policy that differ from the committed ones by a single byte, naming each file, and derives the
    seed from the commitment and the contributions (seed v2), so that nobody can change a student's data
    after seeing the seed. See docs/lottery-protocol.md.

    Options:
      --data DIR     dataset folder (schools.csv, zones.csv, students.csv, address_usage.csv)
      --policy P     preset name (see 'paiwei policy list') or policy JSON file
      --out FILE     the commitment file to write (commitment.json); must not exist
      --workers N    threads for checking (default: all cores)
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "policy", "out", "workers"])
        let data = try arguments.required("data")
        let policy = try arguments.required("policy")
        let out = try arguments.required("out")
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        try PlacementReport.refuseExisting(out)
        let file = try CommitmentFile.make(data: URL(fileURLWithPath: data), policy: policy, workers: workers)
        try OutputFolder.writeFile(file.bytes, to: URL(fileURLWithPath: out))
        let commitment = file.commitment
        Console.out(Message("Commitment \(commitment.digest)", "承诺值 \(commitment.digest)"))
        Console.out(Message("  policy       \(commitment.policySHA256)  (\(policy))", "  政策         \(commitment.policySHA256)  （\(policy)）"))
        let width = commitment.files.map(\.name.count).max() ?? 0
        for committed in commitment.files {
            Console.out("  \(committed.name.padding(toLength: max(width, 12), withPad: " ", startingAt: 0)) \(committed.sha256)")
        }
        Console.out(Message("Written to \(out). Publish it before the ceremony; then place with --commitment \(out) --ceremony ….",
                            "已写入 \(out)。请在派位仪式之前公布；派位时使用 --commitment \(out) --ceremony …。"))
        return .ok
    }
}

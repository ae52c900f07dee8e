import Foundation
import PaiweiCore
import PaiweiRuns
import PaiweiReports

/// `paiwei commit`: the commitment of SPEC §4, published before the ceremony.
enum CommitCommand {
    static let help = Message("""
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
    """, """
    用法：paiwei commit --data DIR --policy NAME|FILE --out FILE

    写出在摇号仪式之前公布的承诺（公布在教育部门网站上，并交公证员存档）：完整的政策
    （policy_text：政策文件的字节，或预设政策时 'paiwei policy show' 显示的内容）及其 SHA-256、
    派位读取的每个数据文件的名称和 SHA-256，以及覆盖这些内容的承诺值。数据和政策按
    'paiwei place' 的方式检查；不派位。

    派位仪式上，'paiwei place --data DIR --commitment FILE --ceremony C … --out OUT' 拒绝与承诺
    相差哪怕一个字节的数据或政策，并列出每个文件；随机种子由承诺与公开输入得到（种子 v2），
    因此任何人都无法在看到随机种子之后修改学生的数据。见 docs/lottery-protocol.md。

    选项：
      --data DIR     数据文件夹（schools.csv、zones.csv、students.csv、address_usage.csv）
      --policy P     预设政策名（见 'paiwei policy list'）或政策 JSON 文件
      --out FILE     要写出的承诺文件（commitment.json）；不能已存在
      --workers N    检查用的线程数（默认：全部核心）
    """)

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
            Console.out(verbatim: "  \(committed.name.padding(toLength: max(width, 12), withPad: " ", startingAt: 0)) \(committed.sha256)")
        }
        Console.out(Message("Written to \(out). Publish it before the ceremony; then place with --commitment \(out) --ceremony ….",
                            "已写入 \(out)。请在派位仪式之前公布；派位时使用 --commitment \(out) --ceremony …。"))
        return .ok
    }
}

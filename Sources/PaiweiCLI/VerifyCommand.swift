import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei verify`: re-runs a published placement and checks every file against its audit record.
enum VerifyCommand {
    static let help = Message("""
    Usage: paiwei verify DIR [--data DATA] [--commitment FILE]

    Re-runs the placement in DIR (an output folder of 'paiwei place') from the inputs, policy and seed
    recorded in DIR/audit.json, and checks file by file that every input and output is exactly what the
    record says. Inputs are read from DIR/inputs, or from the dataset folder DATA when given. When the
    policy has an overflow stage using min_total_distance, DIR/overflow_certificate.json is also checked
    against DIR/placements.csv on its own, in one pass and without solving anything.

    A placement bound to a commitment (place --commitment) also has its commitment recomputed from the
    recorded policy and file digests and held to the inputs placed and to DIR/commitment.json, and its
    seed v2 recomputed from the commitment and the ceremony contributions. --commitment FILE holds
    DIR/commitment.json to the commitment published before the ceremony as well.

    Exit status: 0 every file matches; 1 some file does not (each is named); 2 no readable audit record.
    """, """
    用法：paiwei verify DIR [--data DATA] [--commitment FILE]

    用 DIR/audit.json 中记录的输入、政策和随机种子，重新运行 DIR（'paiwei place' 的结果文件夹）中的
    派位，并逐个文件核验每个输入和输出与记录完全一致。输入从 DIR/inputs 读取，给出 DATA 时从
    数据文件夹 DATA 读取。政策的统筹安排阶段使用 min_total_distance 时，还会单独对照
    DIR/placements.csv 核验 DIR/overflow_certificate.json，只需一遍，无需求解。

    与承诺绑定的派位（place --commitment）还会由记录的政策和文件摘要重新计算承诺，并与所派位的
    输入和 DIR/commitment.json 对照，由承诺和派位仪式的公开输入重新计算随机种子 v2。
    --commitment FILE 还会把 DIR/commitment.json 与派位仪式之前公布的承诺对照。

    退出状态：0 每个文件都一致；1 有文件不一致（逐个列出）；2 没有可读的审计记录。
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "workers", "commitment"], positionals: 1)
        guard let folder = arguments.positionals.first else { throw UsageError(Message("name the output folder to verify", "请给出要核验的结果文件夹")) }
        let data = try arguments.value("data").map { URL(fileURLWithPath: $0) }
        let commitment = try arguments.value("commitment").map { URL(fileURLWithPath: $0) }
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let report = try Verification.run(folder: URL(fileURLWithPath: folder), data: data, commitment: commitment, workers: workers)
        let seed = report.seed.prefix(16)
        Console.out(Message("Verifying \(folder): policy '\(report.policyName)', seed \(seed)…, made by paiwei \(report.version)",
                            "正在核验 \(folder)：政策“\(report.policyName)”，随机种子 \(seed)…，由 paiwei \(report.version) 生成"))
        if let digest = report.commitment {
            Console.out(Message("  bound to commitment \(digest)", "  与承诺 \(digest) 绑定"))
        }
        let width = report.files.map(\.file.count).max() ?? 0
        for file in report.files {
            let name = file.file.padding(toLength: width, withPad: " ", startingAt: 0)
            if file.matches {
                Console.out(Message("  ok       \(file.file)", "  一致     \(file.file)"))
            } else {
                for problem in file.problems { Console.out(Message("  CHANGED  \(name)  ", "  已改动   \(name)  ") + problem) }
            }
        }
        for note in report.notes { Console.out(note) }
        if report.verified {
            Console.out(Message("Verified: all \(report.files.count) files match the record, and the re-run gives the same results.",
                                "已通过核验：全部 \(report.files.count) 个文件与记录一致，重新运行得到相同的结果。"))
            return .ok
        }
        let names = report.mismatched
        Console.out(Message("NOT verified: \(names.count) file\(names.count == 1 ? "" : "s") differ: \(names.joined(separator: ", "))",
                            "未通过核验：\(names.count) 个文件不一致：\(names.joined(separator: "、"))"))
        return .failure
    }
}

import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei demo`: the whole placement on the bundled sample district, for a first look.
enum DemoCommand {
    /// The demo's seed comes from a one-word ceremony, the way a notarized run would make it.
    static let ceremony = ["paiwei-demo"]
    static let policy = PolicyPreset.chaoyang2023Middle
    /// How `datasets/sample` was made (datasets/README.md); used when the folder cannot be found.
    static let sampleStudents = 2000
    static let sampleSeed: UInt64 = 2023

    static let help = Message("""
    Usage: paiwei demo [--out DIR]

    Places the bundled sample district (datasets/sample: \(sampleStudents) students, made by
    'paiwei generate --preset chaoyang --students \(sampleStudents) --seed \(sampleSeed)') with the
    \(policy.rawValue) policy and a fixed seed, prints a summary, and writes the results
    to ./demo-output (replaced on every run) or DIR.
    """, """
    用法：paiwei demo [--out DIR]

    用 \(policy.rawValue) 政策和固定的随机种子，对随附的示例区县（datasets/sample：\(sampleStudents) 名
    学生，由 'paiwei generate --preset chaoyang --students \(sampleStudents) --seed \(sampleSeed)' 生成）
    派位，显示摘要，并把结果写到 ./demo-output（每次运行都会替换）或 DIR。
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["out"])
        let out = URL(fileURLWithPath: try arguments.value("out") ?? "demo-output")
        let data: URL
        if let sample = findSample() {
            data = sample
            Console.out(Message("Sample district: \(sample.path)", "示例区县：\(sample.path)"))
        } else {
            // Outside a checkout: make the same sample again, in a temporary folder.
            data = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-sample-\(ProcessInfo.processInfo.processIdentifier)")
            try? FileManager.default.removeItem(at: data)
            try OutputFolder.write(DistrictGenerator(preset: .chaoyang, students: sampleStudents, seed: sampleSeed).makeFiles(), to: data)
            Console.out(Message("Sample district (regenerated, datasets/sample not found): \(data.path)", "示例区县（未找到 datasets/sample，已重新生成）：\(data.path)"))
        }
        let draw = try SeedDraw(ceremony: ceremony)
        let seed = draw.base
        Console.out(Message("Policy: \(policy.rawValue); seed from ceremony contribution '\(ceremony[0])': \(seed.hex)",
                            "政策：\(policy.rawValue)；由公开输入“\(ceremony[0])”得到的随机种子：\(seed.hex)"))
        Console.out(verbatim: "")
        let session = try PlacementSession.prepare(data: data, policy: policy.rawValue, workers: ProcessInfo.processInfo.activeProcessorCount)
        Console.readingNotices(session.inputs.dataset)
        if FileManager.default.fileExists(atPath: out.path) { try FileManager.default.removeItem(at: out) }
        try PlacementReport.place(session, draw, out: out)
        Console.out(verbatim: "")
        let command = "paiwei place --data \(data.path) --policy \(policy.rawValue) --ceremony \(ceremony[0]) --out"
        Console.out(Message("The same run by hand: \(command) <new folder>", "手动进行同样的派位：\(command) <新文件夹>"))
        return .ok
    }

    /// `datasets/sample` in the working directory or above it, or above the executable.
    static func findSample() -> URL? {
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        for start in starts {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent("datasets/sample")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("students.csv").path) { return candidate }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}

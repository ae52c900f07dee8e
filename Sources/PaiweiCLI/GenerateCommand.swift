import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei generate`: a synthetic district for trying things out, testing and benchmarking.
enum GenerateCommand {
    static let help = Message("""
    Usage: paiwei generate --preset NAME --students N --seed S --out DIR

    Writes a synthetic dataset folder shaped like a real district (schools, zones, students,
    address usage). The same arguments always give byte-identical files.

    Options:
      --preset NAME     \(GeneratorPreset.allCases.map(\.rawValue).joined(separator: " | "))
      --students N      number of students (1 to 10,000,000)
      --seed S          a whole number choosing the district (0 to 2^64−1)
      --out DIR         the new folder to write; must not exist
    """, """
    用法：paiwei generate --preset NAME --students N --seed S --out DIR

    写出一个模拟的数据文件夹，形如真实区县（学校、片区、学生、房产地址使用记录）。相同的参数
    总是得到逐字节相同的文件。

    选项：
      --preset NAME     \(GeneratorPreset.allCases.map(\.rawValue).joined(separator: " | "))
      --students N      学生人数（1 到 10,000,000）
      --seed S          选定区县的整数（0 到 2^64−1）
      --out DIR         要写出的新文件夹；不能已存在
    """)

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["preset", "students", "seed", "out"])
        let presetName = try arguments.required("preset")
        guard let preset = GeneratorPreset(rawValue: presetName) else {
            let presets = GeneratorPreset.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(Message("no generator preset '\(presetName)'; presets: \(presets)", "没有名为“\(presetName)”的生成预设；可用的预设：\(presets)"))
        }
        let students = try arguments.integer("students", default: -1, range: 1...10_000_000)
        guard students > 0 else { throw UsageError(Message("--students is required", "必须给出 --students")) }
        let seedText = try arguments.required("seed")
        guard let seed = UInt64(seedText) else {
            throw UsageError(Message("--seed must be a whole number from 0 to 2^64−1, not '\(seedText)'", "--seed 必须是 0 到 2^64−1 之间的整数，而不是“\(seedText)”"))
        }
        let out = try arguments.required("out")
        let files = DistrictGenerator(preset: preset, students: students, seed: seed).makeFiles()
        try OutputFolder.write(files, to: URL(fileURLWithPath: out))
        let names = files.map(\.name).joined(separator: ", ")
        Console.out(Message("Wrote a synthetic '\(preset.rawValue)' district of \(Console.count(students)) students to \(out)/ (\(names)).",
                            "已把一个模拟的“\(preset.rawValue)”区县（\(Console.count(students)) 名学生）写到 \(out)/（\(names)）。"))
        return .ok
    }
}

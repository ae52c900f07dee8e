import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei generate`: a synthetic district for trying things out, testing and benchmarking.
enum GenerateCommand {
    static let help = """
    Usage: paiwei generate --preset NAME --students N --seed S --out DIR

    Writes a synthetic dataset folder shaped like a real district (schools, zones, students,
    address usage). The same arguments always give byte-identical files.

    Options:
      --preset NAME     \(GeneratorPreset.allCases.map(\.rawValue).joined(separator: " | "))
      --students N      number of students (1 to 10,000,000)
      --seed S          a whole number choosing the district (0 to 2^64−1)
      --out DIR         the new folder to write; must not exist
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["preset", "students", "seed", "out"])
        let presetName = try arguments.required("preset")
        guard let preset = GeneratorPreset(rawValue: presetName) else {
            throw UsageError("no generator preset '\(presetName)'; presets: \(GeneratorPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let students = try arguments.integer("students", default: -1, range: 1...10_000_000)
        guard students > 0 else { throw UsageError("--students is required") }
        let seedText = try arguments.required("seed")
        guard let seed = UInt64(seedText) else { throw UsageError("--seed must be a whole number from 0 to 2^64−1, not '\(seedText)'") }
        let out = try arguments.required("out")
        let files = DistrictGenerator(preset: preset, students: students, seed: seed).makeFiles()
        try OutputFolder.write(files, to: URL(fileURLWithPath: out))
        Console.out("Wrote a synthetic '\(preset.rawValue)' district of \(Console.count(students)) students to \(out)/ (\(files.map(\.name).joined(separator: ", "))).")
        return .ok
    }
}

import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei verify`: re-runs a published placement and checks every file against its audit record.
enum VerifyCommand {
    static let help = """
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
    """

    static func run(_ rest: ArraySlice<String>) throws -> ExitStatus {
        let arguments = try Arguments(rest, options: ["data", "workers", "commitment"], positionals: 1)
        guard let folder = arguments.positionals.first else { throw UsageError("name the output folder to verify") }
        let data = try arguments.value("data").map { URL(fileURLWithPath: $0) }
        let commitment = try arguments.value("commitment").map { URL(fileURLWithPath: $0) }
        let workers = try arguments.integer("workers", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...1024)
        let report = try Verification.run(folder: URL(fileURLWithPath: folder), data: data, commitment: commitment, workers: workers)
        Console.out("Verifying \(folder): policy '\(report.policyName)', seed \(report.seed.prefix(16))…, made by paiwei \(report.version)")
        if let digest = report.commitment {
            Console.out(Message("  bound to commitment \(digest)", "  与承诺 \(digest) 绑定"))
        }
        let width = report.files.map(\.file.count).max() ?? 0
        for file in report.files {
            let name = file.file.padding(toLength: width, withPad: " ", startingAt: 0)
            if file.matches {
                Console.out("  ok       \(file.file)")
            } else {
                for problem in file.problems { Console.out("  CHANGED  \(name)  \(problem.text(in: Console.language))") }
            }
        }
        for note in report.notes { Console.out(note) }
        if report.verified {
            Console.out("Verified: all \(report.files.count) files match the record, and the re-run gives the same results.")
            return .ok
        }
        let names = report.mismatched
        Console.out("NOT verified: \(names.count) file\(names.count == 1 ? "" : "s") differ: \(names.joined(separator: ", "))")
        return .failure
    }
}

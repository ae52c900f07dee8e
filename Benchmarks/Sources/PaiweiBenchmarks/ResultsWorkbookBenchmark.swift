import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

let resultsWorkbookPhases = ["tables", "csv_files", "xlsx_deflate_fast", "xlsx_stored", "sha256_deflate_fast", "sha256_stored"]

/// What results.xlsx adds to `paiwei place`: the workbook of the three result tables, deflated at the
/// fast effort (what place writes) and stored, with the SHA-256 that audit.json takes of each, on
/// generated Chaoyang-shaped districts; and the rendering of the CSV files beside it for scale.
/// Writes Benchmarks/results/results-xlsx.json.
func resultsWorkbookBenchmark(_ options: Options, scratch: URL) throws -> JSONValue {
    let seed = LotterySeed(hex: String(repeating: "a5", count: 32))!
    let policy = PolicyPreset.chaoyang2023Middle.policy
    var results: [JSONValue] = []
    for students in options.sizes {
        FileHandle.standardError.write(Data("\(students) students: generating and placing…\n".utf8))
        let files = Dictionary(uniqueKeysWithValues: DistrictGenerator(preset: .chaoyang, students: students, seed: 1).makeFiles().map { ($0.name, $0.bytes) })
        let instance = try PlacementInstance(dataset: Dataset.parse(files: files), policy: policy, workers: ProcessInfo.processInfo.activeProcessorCount)
        let result = try instance.place(seed: seed)
        let rendered = PlacementFiles(instance: instance, result: result)
        // Wall-clock and this thread's CPU time: on a shared machine the CPU time is the steadier figure.
        var wall: [String: [Double]] = [:], cpu: [String: [Double]] = [:]
        func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let w0 = clock.now, c0 = threadCPUMilliseconds()
            let value = try body()
            cpu[name, default: []].append(threadCPUMilliseconds() - c0)
            wall[name, default: []].append(milliseconds(clock.now - w0))
            return value
        }
        var fastBytes = 0, storedBytes = 0
        for r in 0..<options.repetitions {
            FileHandle.standardError.write(Data("\(students) students: run \(r + 1) of \(options.repetitions)\n".utf8))
            let tables = measure("tables") { [rendered.placementTable(), rendered.schoolTable(), rendered.warningTable()] }
            let csv = measure("csv_files") { tables.map(\.csv) }
            precondition(csv.count == 3)
            let deflated = measure("xlsx_deflate_fast") { PlacementFiles.workbook(tables, method: .deflated(.fast))! }
            let stored = measure("xlsx_stored") { PlacementFiles.workbook(tables, method: .stored)! }
            // What audit.json costs for each: the file's SHA-256.
            _ = measure("sha256_deflate_fast") { SHA256.hash(deflated) }
            _ = measure("sha256_stored") { SHA256.hash(stored) }
            fastBytes = deflated.count
            storedBytes = stored.count
        }
        results.append(.object([
            ("students", .int(students)),
            ("wall", .object(resultsWorkbookPhases.map { ($0, statistics(wall[$0]!)) })),
            ("thread_cpu", .object(resultsWorkbookPhases.map { ($0, statistics(cpu[$0]!)) })),
            ("xlsx_deflate_fast_bytes", .int(fastBytes)),
            ("xlsx_stored_bytes", .int(storedBytes)),
        ]))
    }
    return report(.string("results.xlsx of paiwei place, chaoyang-2023-middle on generated chaoyang districts"), [
        ("notes", .string("tables = the tables of placements, schools and warnings (the schools' and warnings' rows as text; a placement row is made when the CSV file or the workbook writes it, so each of those includes making them); csv_files = the rows as CSV bytes; xlsx_* = the workbook from the same rows (shared strings, sheet XML, zip), stored or deflated at the fast effort; sha256_* = the digest audit.json takes of each.")),
        ("results", .array(results)),
    ])
}

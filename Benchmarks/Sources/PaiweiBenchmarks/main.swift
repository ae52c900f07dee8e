import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

// Speed of Paiwei, measured: writes Benchmarks/results/place.json, simulate.json, overflow.json, forecast.json,
// deferred-acceptance.json, sha256.json, mechanisms.json, read.json and (--suite xlsx, not part of all) results-xlsx.json.
// Run from the package root, after `swift build -c release`:
//
//     swift run -c release paiwei-benchmarks [--suite place|simulate|overflow|forecast|da|sha256|mechanisms|read|xlsx|all] [--sizes 30000,150000]
//         [--repeat 7] [--students 2000,5000,20000] [--schools 100,400] [--export DIR] [--profile]
//
// `--suite overflow --export DIR` also writes each instance's distance matrix for the OR-Tools and SciPy
// baselines; Benchmarks/run-overflow-comparison.sh runs all three. `--suite overflow --profile` times the
// solver alone (for callgrind and perf); `--suite read --profile` reads each size's students.csv once.

let options = Options(Array(CommandLine.arguments.dropFirst()))
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-bench-\(ProcessInfo.processInfo.processIdentifier)")
try? FileManager.default.removeItem(at: scratch)
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

func save(_ report: JSONValue, _ name: String) throws {
    let url = URL(fileURLWithPath: "Benchmarks/results/\(name)")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(report.rendered().utf8).write(to: url)
    print(report.rendered())
}

if options.suite == "place" || options.suite == "all" { try save(try placeBenchmark(options, scratch: scratch), "place.json") }
if options.suite == "simulate" || options.suite == "all" { try save(try simulateBenchmark(options, scratch: scratch), "simulate.json") }
if options.suite == "overflow" || options.suite == "all" { try save(try overflowBenchmark(options), "overflow.json") }
if options.suite == "forecast" || options.suite == "all" { try save(try forecastBenchmark(options, scratch: scratch), "forecast.json") }
if options.suite == "xlsx" { try save(try resultsWorkbookBenchmark(options, scratch: scratch), "results-xlsx.json") }
if options.suite == "da" || options.suite == "all" { try save(try deferredAcceptanceBenchmark(options, scratch: scratch), "deferred-acceptance.json") }
if options.suite == "sha256" || options.suite == "all" { try save(try sha256Benchmark(options, scratch: scratch), "sha256.json") }
if options.suite == "mechanisms" || options.suite == "all" { try save(try mechanismsBenchmark(options), "mechanisms.json") }
if options.suite == "read" || options.suite == "all" {
    // `--profile` reads once per size, for callgrind (Benchmarks/read-callgrind.sh), and saves nothing.
    let report = try readBenchmark(options, scratch: scratch)
    if !options.profile { try save(report, "read.json") }
}

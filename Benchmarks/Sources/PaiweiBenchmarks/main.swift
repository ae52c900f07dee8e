import Foundation
import PaiweiKit

// Measures `paiwei place` on generated Chaoyang-shaped districts: loading, preparing (screening,
// plans, counters), placing (lotteries and stages), writing, and the whole `paiwei place` process.
// Writes Benchmarks/results/place.json. Run from the package root:
//
//     swift run -c release paiwei-benchmarks [--sizes 30000,150000] [--repeat 7] [--out Benchmarks/results/place.json]

struct Options {
    var sizes = [30_000, 150_000]
    var repetitions = 7
    var output = "Benchmarks/results/place.json"

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--sizes": sizes = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--repeat": repetitions = Int(iterator.next() ?? "") ?? repetitions
            case "--out": output = iterator.next() ?? output
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let clock = ContinuousClock()
let seed = LotterySeed(hex: String(repeating: "a5", count: 32))!
let policy = PolicyPreset.chaoyang2023Middle.policy
let workers = ProcessInfo.processInfo.activeProcessorCount
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-bench-\(ProcessInfo.processInfo.processIdentifier)")
try? FileManager.default.removeItem(at: scratch)
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

func statistics(_ samples: [Double]) -> JSONValue {
    let sorted = samples.sorted()
    let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    func round(_ x: Double) -> JSONValue { .double((x * 100).rounded() / 100) }
    return .object([("median_ms", round(median)), ("min_ms", round(sorted.first!)), ("max_ms", round(sorted.last!)), ("samples", .int(samples.count))])
}

func shell(_ path: String, _ arguments: [String]) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return "" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

func machine() -> JSONValue {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) } ?? "unknown"
    return .object([
        ("cpu", .string(model)),
        ("cores", .int(ProcessInfo.processInfo.activeProcessorCount)),
        ("memory_gib", .int(Int(ProcessInfo.processInfo.physicalMemory >> 30))),
        ("os", .string(shell("/bin/uname", ["-srm"]))),
        ("swift", .string(shell("/usr/bin/env", ["swift", "--version"]).split(separator: "\n").first.map(String.init) ?? "unknown")),
    ])
}

// The `paiwei` binary built next to this one, for whole-process timings.
let paiwei = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("paiwei")
guard FileManager.default.isExecutableFile(atPath: paiwei.path) else {
    FileHandle.standardError.write(Data("build paiwei first: swift build -c release\n".utf8))
    exit(1)
}

var results: [JSONValue] = []
for students in options.sizes {
    let repetitions = students > 100_000 ? max(3, options.repetitions / 2) : options.repetitions
    FileHandle.standardError.write(Data("\(students) students: generating…\n".utf8))
    let data = scratch.appendingPathComponent("district-\(students)")
    try OutputFolder.write(DistrictGenerator(preset: .chaoyang, students: students, seed: 1).makeFiles(), to: data)

    var load: [Double] = [], prepare: [Double] = [], place: [Double] = [], write: [Double] = [], process: [Double] = []
    var placed = 0
    for r in 0..<repetitions {
        FileHandle.standardError.write(Data("\(students) students: run \(r + 1) of \(repetitions)\n".utf8))
        let t0 = clock.now
        let dataset = try Dataset.load(from: data)
        let t1 = clock.now
        let instance = try PlacementInstance(dataset: dataset, policy: policy, workers: workers)
        let t2 = clock.now
        let result = try instance.place(seed: seed)
        let t3 = clock.now
        let out = scratch.appendingPathComponent("out-\(students)-\(r)")
        try OutputFolder.write(PlacementFiles(instance: instance, result: result).render(), to: out)
        let t4 = clock.now
        load.append(milliseconds(t1 - t0))
        prepare.append(milliseconds(t2 - t1))
        place.append(milliseconds(t3 - t2))
        write.append(milliseconds(t4 - t3))
        placed = result.school.filter { $0 >= 0 }.count

        let processOut = scratch.appendingPathComponent("process-\(students)-\(r)")
        let child = Process()
        child.executableURL = paiwei
        child.arguments = ["place", "--data", data.path, "--policy", policy.name, "--seed", seed.hex, "--out", processOut.path]
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        let p0 = clock.now
        try child.run()
        child.waitUntilExit()
        process.append(milliseconds(clock.now - p0))
        guard child.terminationStatus == 0 else {
            FileHandle.standardError.write(Data("paiwei place failed with status \(child.terminationStatus)\n".utf8))
            exit(1)
        }
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: processOut)
    }
    let engine = zip(prepare, place).map { $0 + $1 }
    results.append(.object([
        ("students", .int(students)),
        ("placed", .int(placed)),
        ("load", statistics(load)),
        ("prepare", statistics(prepare)),
        ("place", statistics(place)),
        ("engine_prepare_and_place", statistics(engine)),
        ("write", statistics(write)),
        ("whole_process", statistics(process)),
    ]))
}

let report = JSONValue.object([
    ("benchmark", .string("paiwei place, chaoyang-2023-middle on generated chaoyang districts")),
    ("command", .string("swift run -c release paiwei-benchmarks " + CommandLine.arguments.dropFirst().joined(separator: " "))),
    ("date", .string(ISO8601DateFormatter().string(from: Date()))),
    ("machine", machine()),
    ("workers", .int(workers)),
    ("notes", .string("load = read and validate the CSV folder; prepare = screening, stage plans, one SHA-256 per student; place = lotteries and stages, promises checked; write = render and write the output folder; whole_process = `paiwei place` as a child process, start to exit.")),
    ("results", .array(results)),
])
let url = URL(fileURLWithPath: options.output)
try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
try Data(report.rendered().utf8).write(to: url)
print(report.rendered())

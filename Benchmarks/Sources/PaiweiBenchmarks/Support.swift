import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

// Shared by the benchmarks: options, timing statistics, the machine description.

struct Options {
    var suite = "all"
    var sizes = [30_000, 150_000]
    var repetitions = 7
    /// `--suite overflow`: instance sizes, and a folder to write the instances to for the SciPy baseline.
    var overflowStudents = [2_000, 5_000, 20_000]
    var overflowSchools = [100, 400]
    var export: String?
    /// `--profile`: only Paiwei's side of a comparison, for running under callgrind.
    var profile = false

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--sizes": sizes = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--repeat": repetitions = Int(iterator.next() ?? "") ?? repetitions
            case "--suite": suite = iterator.next() ?? suite
            case "--students": overflowStudents = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--schools": overflowSchools = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--export": export = iterator.next()
            case "--profile": profile = true
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
                exit(2)
            }
        }
    }
}

let clock = ContinuousClock()

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

/// The median of `samples` (the mean of the middle two for an even count).
func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func statistics(_ samples: [Double]) -> JSONValue {
    let sorted = samples.sorted()
    func round(_ x: Double) -> JSONValue { .double((x * 100).rounded() / 100) }
    return .object([("median_ms", round(median(samples))), ("min_ms", round(sorted.first!)), ("max_ms", round(sorted.last!)), ("samples", .int(samples.count))])
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

/// A suite's results file: what it measured, the command that ran it, when and on what machine, then
/// the suite's own fields.
func report(_ benchmark: JSONValue, _ fields: [(String, JSONValue)]) -> JSONValue {
    .object([
        ("benchmark", benchmark),
        ("command", .string("swift run -c release paiwei-benchmarks " + CommandLine.arguments.dropFirst().joined(separator: " "))),
        ("date", .string(ISO8601DateFormatter().string(from: Date()))),
        ("machine", machine()),
    ] + fields)
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

/// CPU time of the calling thread, in milliseconds: what a benchmark on a shared machine is charged for
/// its own work, whatever else runs (`CLOCK_THREAD_CPUTIME_ID`).
func threadCPUMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
}

/// The 1, 5 and 15 minute load averages, from `/proc/loadavg` (empty where there is none).
func loadAverage() -> JSONValue {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return .array(text.split(separator: " ").prefix(3).compactMap { Double($0) }.map { .double($0) })
}

/// Runs `arguments` (the program looked up in PATH) with its standard output written to `output`, and waits
/// for it: wall milliseconds from spawn to exit, the child's user + system CPU milliseconds and its peak
/// resident memory in KiB; nil unless it ran and exited with status 0. (posix_spawn and wait4 directly: `Process.waitUntilExit` polls its run loop
/// and would add tens of milliseconds to a 150 ms run.)
func spawnAndWait(_ arguments: [String], output: URL) -> (wall: Double, cpu: Double, maxResidentKiB: Int)? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var pid: pid_t = 0
    let start = clock.now
    guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    var usage = rusage()
    guard wait4(pid, &status, 0, &usage) == pid else { return nil }
    let wall = milliseconds(clock.now - start)
    guard status == 0 else { return nil }
    func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
    return (wall, ms(usage.ru_utime) + ms(usage.ru_stime), usage.ru_maxrss)
}

/// Wall and CPU milliseconds of repeated runs on this thread.
struct Samples {
    var wall: [Double] = []
    var cpu: [Double] = []

    /// Times `body` on this thread.
    mutating func measure(_ body: () throws -> Void) rethrows {
        let cpu0 = threadCPUMilliseconds(), wall0 = clock.now
        try body()
        wall.append(milliseconds(clock.now - wall0))
        cpu.append(threadCPUMilliseconds() - cpu0)
    }
}

/// The ratio of the medians, to two decimals.
func ratio(_ numerator: [Double], _ denominator: [Double]) -> JSONValue {
    .double((median(numerator) / median(denominator) * 100).rounded() / 100)
}

/// `bytes` at the median of `samples` (milliseconds), in MB/s (10⁶ bytes), to one decimal.
func megabytesPerSecond(_ bytes: Int, _ samples: [Double]) -> JSONValue {
    .double((Double(bytes) / (median(samples) / 1000) / 1e6 * 10).rounded() / 10)
}

import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiRuns
import PaiweiReports

/// `paiwei place` on generated Chaoyang-shaped districts: loading, preparing (screening, plans,
/// counters), placing (lotteries and stages), writing, and the whole `paiwei place` process.
func placeBenchmark(_ options: Options, scratch: URL) throws -> JSONValue {
    let seed = LotterySeed(hex: String(repeating: "a5", count: 32))!
    let policy = PolicyPreset.chaoyang2023Middle.policy
    let workers = ProcessInfo.processInfo.activeProcessorCount
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
        var processCPU: [Double] = [], processMemory: [Int] = [], loadAverages: [JSONValue] = []
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
            loadAverages.append(loadAverage())
            // posix_spawn and wait4: start to exit, the child's CPU time and its peak resident memory.
            guard let run = spawnAndWait([paiwei.path, "place", "--data", data.path, "--policy", policy.name, "--seed", seed.hex,
                                          "--out", processOut.path], output: URL(fileURLWithPath: "/dev/null")) else {
                FileHandle.standardError.write(Data("paiwei place failed\n".utf8))
                exit(1)
            }
            process.append(run.wall)
            processCPU.append(run.cpu)
            processMemory.append(run.maxResidentKiB)
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
            ("whole_process_cpu", statistics(processCPU)),
            ("whole_process_peak_resident_mib", .int((processMemory.max() ?? 0) / 1024)),
            ("load_average_before_each_run", .array(loadAverages)),
        ] + placeTarget(students, medianMilliseconds: median(process), peakMiB: (processMemory.max() ?? 0) / 1024)))
    }

    let placeReport = report(.string("paiwei place, chaoyang-2023-middle on generated chaoyang districts"), [
        ("workers", .int(workers)),
        ("notes", .string("In process: load = read and validate the CSV folder; prepare = screening, stage plans, one SHA-256 per student; place = lotteries and stages, promises checked; write = render and write the result files (CSV, summary.json, results.xlsx). whole_process = `paiwei place` as a child process (posix_spawn to wait4), every output written (results, results.xlsx, report, rosters, input copies, audit record): wall, CPU (user + system, all threads) and peak resident memory (ru_maxrss). Targets of issue 13: 30,000 students <= 150 ms, 150,000 <= 800 ms, 1,000,000 <= 6 s in <= 1 GiB; medians compared.")),
        ("results", .array(results)),
    ])
    return placeReport
}

/// Issue 13's target for a district of `students`, if it has one, and whether the medians meet it.
private func placeTarget(_ students: Int, medianMilliseconds: Double, peakMiB: Int) -> [(String, JSONValue)] {
    let targets: [Int: (milliseconds: Double, mib: Int?)] = [30_000: (150, nil), 150_000: (800, nil), 1_000_000: (6000, 1024)]
    guard let target = targets[students] else { return [] }
    var fields: [(String, JSONValue)] = [("target_whole_process_ms", .double(target.milliseconds))]
    var met = medianMilliseconds <= target.milliseconds
    if let mib = target.mib {
        fields.append(("target_peak_resident_mib", .int(mib)))
        met = met && peakMiB <= mib
    }
    fields.append(("within_target", .bool(met)))
    return fields
}

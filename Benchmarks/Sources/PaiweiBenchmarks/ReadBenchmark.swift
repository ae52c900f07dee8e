import Foundation
import PaiweiCore
import PaiweiGenerator
import PaiweiReports
#if canImport(Glibc)
import Glibc
#endif

/// Reading `students.csv` (issue 13: at least 150 MB/s) on one thread, from bytes in memory to the sorted,
/// validated students, beside `wc -l` and `cat` on the same file and a newline count in this process, in the
/// same run; and the whole `Dataset.read(files:)` of the folder (every file, digests included).
///
/// `--profile`: reads each size's `students.csv` once and nothing else, for callgrind
/// (`StudentReadingProbe.read()` inclusive, over the file's bytes, is the instructions per byte).
func readBenchmark(_ options: Options, scratch: URL) throws -> JSONValue {
    let repetitions = max(7, options.repetitions)
    let loadAtStart = loadAverage()
    var results: [JSONValue] = []
    for students in options.sizes {
        FileHandle.standardError.write(Data("read: \(students) students, generating…\n".utf8))
        let folder = scratch.appendingPathComponent("read-\(students)")
        try OutputFolder.write(DistrictGenerator(preset: .chaoyang, students: students, seed: 1).makeFiles(), to: folder)
        var problems = ProblemList()
        let files = Dataset.readFiles(from: folder, problems: &problems)
        guard problems.problems.isEmpty, let bytes = files[Dataset.studentsFile] else { fatalError("cannot read \(folder.path)") }
        let file = folder.appendingPathComponent(Dataset.studentsFile)
        let probe = StudentReadingProbe(files: files)
        if options.profile {
            let (read, found) = probe.read()
            print("\(students) students: \(bytes.count) bytes, \(read.count) read, \(found) problems")
            continue
        }

        // Taken in turns, so that whatever else runs on the machine weighs on all alike.
        var paiwei = Samples(), whole = Samples(), newlines = Samples(), wc = Samples(), cat = Samples()
        var read = 0, lines = 0
        let totalBytes = files.values.reduce(0) { $0 + $1.count }
        let wcOutput = scratch.appendingPathComponent("wc.txt")
        for run in 0..<repetitions {
            FileHandle.standardError.write(Data("read: \(students) students, run \(run + 1) of \(repetitions)\n".utf8))
            paiwei.measure {
                let (list, found) = probe.read()
                guard found == 0 else { fatalError("\(found) problems in a generated students.csv") }
                read = list.count
            }
            whole.measure {
                let reading = Dataset.read(files: files)
                guard reading.problems.isEmpty, reading.dataset.students.count == read else { fatalError("Dataset.read disagrees") }
            }
            newlines.measure { lines = countLineFeeds(bytes) }
            guard let w = spawnAndWait(["wc", "-l", file.path], output: wcOutput) else { fatalError("cannot run wc") }
            wc.wall.append(w.wall)
            wc.cpu.append(w.cpu)
            guard let c = spawnAndWait(["cat", file.path], output: URL(fileURLWithPath: "/dev/null")) else { fatalError("cannot run cat") }
            cat.wall.append(c.wall)
            cat.cpu.append(c.cpu)
        }
        let wcLines = Int(((try? String(contentsOf: wcOutput, encoding: .utf8)) ?? "").split(separator: " ").first ?? "") ?? -1
        guard wcLines == lines, read == students else { fatalError("wc -l says \(wcLines) lines, Paiwei counts \(lines); \(read) students read") }
        try? FileManager.default.removeItem(at: wcOutput)

        func figures(_ samples: Samples, _ count: Int) -> [(String, JSONValue)] {
            [("mb_per_second_median", megabytesPerSecond(count, samples.wall)),
             ("mb_per_cpu_second_median", megabytesPerSecond(count, samples.cpu)),
             ("wall", statistics(samples.wall)), ("cpu", statistics(samples.cpu))]
        }
        results.append(.object([
            ("students", .int(students)),
            ("students_csv_bytes", .int(bytes.count)),
            ("lines", .int(lines)),
            ("paiwei_students_csv", .object(figures(paiwei, bytes.count))),
            ("paiwei_dataset_read_all_files", .object([("bytes", .int(totalBytes))] + figures(whole, totalBytes))),
            ("baseline_count_line_feeds_in_process", .object(figures(newlines, bytes.count))),
            ("baseline_wc_l", .object(figures(wc, bytes.count))),
            ("baseline_cat_to_dev_null", .object(figures(cat, bytes.count))),
            ("paiwei_over_wc_l_speed", ratio(wc.wall, paiwei.wall)),
            ("paiwei_over_wc_l_speed_cpu", ratio(wc.cpu, paiwei.cpu)),
        ]))
    }

    return report(.string("Reading students.csv: Paiwei on one thread against wc -l and cat on the same file"), [
        ("load_average", .object([("start", loadAtStart), ("end", loadAverage())])),
        ("wc", .string(shell("/usr/bin/env", ["wc", "--version"]).split(separator: "\n").first.map(String.init) ?? "unknown")),
        ("notes", .string("MB = 10^6 bytes. Data: DistrictGenerator(preset: .chaoyang, students: N, seed: 1), as `paiwei generate --preset chaoyang --students N --seed 1`. load_average: /proc/loadavg (1, 5, 15 minutes) before and after; on this 2-core machine other builds may run beside, and wall times suffer first. Every figure is the median of \(repetitions) samples, taken in turns, by wall time (per_second) and by CPU time (per_cpu_second: this thread's, or the child's user + system time for wc and cat). paiwei_students_csv: the bytes of students.csv already in memory (the page cache read is not timed) to the sorted, validated [Student], on one thread, exactly as Dataset.read(files:) reads them (schools.csv and zones.csv read once before: StudentReadingProbe). paiwei_dataset_read_all_files: Dataset.read(files:) of the folder's four files in memory (schools, zones, students, address usage, and the SHA-256 digest of every file), MB/s over all their bytes. baseline_count_line_feeds_in_process: memchr for every line feed of the same bytes in this process. baseline_wc_l and baseline_cat_to_dev_null: the programs run as child processes on the file (posix_spawn to wait4, so process start-up is in their times; output to a file or /dev/null); wc's line count is checked equal to ours. Speed ratios are of the medians.")),
        ("sizes", .array(results)),
    ])
}

/// The line feeds in `bytes`, found with `memchr`.
@inline(never)
private func countLineFeeds(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return 0 }
        var count = 0, offset = 0
        while offset < raw.count, let hit = memchr(base + offset, 0x0A, raw.count - offset) {
            count += 1
            offset = base.distance(to: UnsafeRawPointer(hit)) + 1
        }
        return count
    }
}


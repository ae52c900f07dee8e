import Foundation
import PaiweiCore
import PaiweiTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Paiwei's SHA-256 on one thread: bulk throughput on in-memory buffers and on a real file, beside
/// `sha256sum` on the same file in the same run, and short messages (student ids, lottery labels) per second.
func sha256Benchmark(_ options: Options, scratch: URL) throws -> JSONValue {
    let repetitions = max(7, options.repetitions)
    let loadAtStart = loadAverage()
    let fileBytes = 64 << 20
    let buffer = sha256BenchmarkBytes(fileBytes)
    let expected = SHA256.hash(buffer).hexString

    // In-memory buffers. Every sample hashes 64 MiB in all, so the small buffer is hashed many times.
    var bulk: [JSONValue] = []
    for size in [1 << 20, 16 << 20, 64 << 20] {
        let piece = Array(buffer[0..<size])
        let times = fileBytes / size
        var samples = Samples()
        var check: UInt8 = 0
        for run in 0..<repetitions {
            FileHandle.standardError.write(Data("sha256: \(size >> 20) MiB buffer, run \(run + 1) of \(repetitions)\n".utf8))
            samples.measure { for _ in 0..<times { check ^= SHA256.hash(piece)[0] } }
        }
        blackHole(check)
        bulk.append(.object([
            ("bytes", .int(size)),
            ("hashed_per_sample", .int(times * size)),
            ("mb_per_second_median", megabytesPerSecond(times * size, samples.wall)),
            ("mb_per_cpu_second_median", megabytesPerSecond(times * size, samples.cpu)),
            ("wall", statistics(samples.wall)),
            ("cpu", statistics(samples.cpu)),
        ]))
    }

    // The same 64 MiB as a file: Paiwei reads and hashes it in 128 KiB chunks, and `sha256sum` on it.
    let file = scratch.appendingPathComponent("sha256-64MiB.bin")
    try Data(buffer).write(to: file)
    let sumOutput = scratch.appendingPathComponent("sha256sum.txt")
    // Taken in turns, so that whatever else runs on the machine weighs on both alike.
    var paiweiFile = Samples(), sha256sum = Samples()
    for run in 0..<repetitions {
        FileHandle.standardError.write(Data("sha256: the file, Paiwei then sha256sum, run \(run + 1) of \(repetitions)\n".utf8))
        var digest = ""
        try paiweiFile.measure { digest = try sha256OfFile(file) }
        guard digest == expected else { fatalError("the file digest differs from the buffer digest") }
        guard let (wall, cpu, _) = spawnAndWait(["sha256sum", file.path], output: sumOutput) else { fatalError("cannot run sha256sum") }
        sha256sum.wall.append(wall)
        sha256sum.cpu.append(cpu)
        let output = (try? String(contentsOf: sumOutput, encoding: .utf8)) ?? ""
        guard output.hasPrefix(expected) else { fatalError("sha256sum says \(output), Paiwei says \(expected)") }
    }
    try? FileManager.default.removeItem(at: file)
    try? FileManager.default.removeItem(at: sumOutput)

    // Short messages: ids as in students.csv, and one-block messages; 1,024 distinct messages of each length, cycled.
    let count = 200_000
    var short: [JSONValue] = []
    for length in [7, 20, 55, 64] {
        // "S000123" for 7 bytes: an S, then i in decimal padded with zeros to the length.
        let strings = (0..<1024).map { i in "S" + String(repeating: "0", count: length - 1 - String(i).count) + String(i) }
        let messages = strings.map { Array($0.utf8) }
        var bytesSamples = Samples(), stringSamples = Samples(), digestSamples = Samples()
        var check: UInt8 = 0
        for run in 0..<repetitions {
            FileHandle.standardError.write(Data("sha256: \(length)-byte messages, run \(run + 1) of \(repetitions)\n".utf8))
            bytesSamples.measure { for i in 0..<count { check ^= SHA256.hash(messages[i & 1023])[0] } }
            stringSamples.measure { for i in 0..<count { check ^= SHA256.hash(strings[i & 1023])[0] } }
            digestSamples.measure { for i in 0..<count { check ^= UInt8(truncatingIfNeeded: SHA256.digest(strings[i & 1023]).word(0)) } }
        }
        blackHole(check)
        short.append(.object([
            ("bytes", .int(length)),
            ("hashes_per_sample", .int(count)),
            ("hash_bytes_per_second_median", hashesPerSecond(count, bytesSamples.wall)),
            ("hash_bytes_per_cpu_second_median", hashesPerSecond(count, bytesSamples.cpu)),
            ("hash_string_per_second_median", hashesPerSecond(count, stringSamples.wall)),
            ("hash_string_per_cpu_second_median", hashesPerSecond(count, stringSamples.cpu)),
            ("digest_string_per_second_median", hashesPerSecond(count, digestSamples.wall)),
            ("digest_string_per_cpu_second_median", hashesPerSecond(count, digestSamples.cpu)),
        ]))
    }

    // What placing and simulating do per student, per label and per replication.
    let seed = LotterySeed(hex: String(repeating: "a5", count: 32))!
    let ids = (0..<1024).map { "S" + String(1_000_000 + $0) }
    var counterSamples = Samples(), keySamples = Samples(), replicationSamples = Samples()
    var check: UInt64 = 0
    for run in 0..<repetitions {
        FileHandle.standardError.write(Data("sha256: counters, keys and replication seeds, run \(run + 1) of \(repetitions)\n".utf8))
        counterSamples.measure { for i in 0..<count { check ^= UInt64(StudentCounter(studentID: ids[i & 1023]).h0) } }
        keySamples.measure { for i in 0..<count { check ^= UInt64(seed.key(label: ids[i & 1023]).0) } }
        replicationSamples.measure { for i in 0..<count { check ^= UInt64(seed.replication(UInt64(i)).bytes[0]) } }
    }
    blackHole(UInt8(truncatingIfNeeded: check))

    return report(.string("SHA-256: Paiwei's implementation on one thread against sha256sum on the same file"), [
        ("load_average", .object([("start", loadAtStart), ("end", loadAverage())])),
        ("sha256sum", .string(shell("/usr/bin/env", ["sha256sum", "--version"]).split(separator: "\n").first.map(String.init) ?? "unknown")),
        ("notes", .string("MB = 10^6 bytes. load_average: /proc/loadavg (1, 5, 15 minutes) before and after; on this 2-core machine other builds may run beside, and wall times suffer first. Every figure is single-threaded and the median of \(repetitions) samples, by wall time (per_second) and by CPU time (per_cpu_second: this thread's, or the child's user + system time for sha256sum; steadier when other work shares the cores). bulk: SHA256.hash([UInt8]) of a generated buffer, hashed 64 MiB / size times per sample. file: the same 64 MiB written to a temporary file (in the page cache); Paiwei reads it with read(2) in 128 KiB chunks into one reused buffer and streams them into one SHA256 (update(UnsafeRawBufferPointer), no copy), sha256sum is run as a child process on the same file (posix_spawn to wait4, output to a file; CPU time from wait4's rusage), the two taken in turns, and both digests are checked equal; speed ratios are of the medians. short: \(count) hashes per sample of 1,024 distinct messages of the length; hash_bytes = SHA256.hash([UInt8]) -> [UInt8], hash_string = SHA256.hash(String) -> [UInt8], digest_string = SHA256.digest(String) -> SHA256.Digest (no allocation). per_call: StudentCounter(studentID:) (one SHA-256 of an 8-byte id, per student when preparing), LotterySeed.key(label:) (SHA-256 of seed and label, per lottery label per seed) and LotterySeed.replication(_:) (per replication of a simulation).")),
        ("bulk", .array(bulk)),
        ("file", .object([
            ("bytes", .int(fileBytes)),
            ("paiwei_mb_per_second_median", megabytesPerSecond(fileBytes, paiweiFile.wall)),
            ("sha256sum_mb_per_second_median", megabytesPerSecond(fileBytes, sha256sum.wall)),
            ("paiwei_over_sha256sum_speed", ratio(sha256sum.wall, paiweiFile.wall)),
            ("paiwei_mb_per_cpu_second_median", megabytesPerSecond(fileBytes, paiweiFile.cpu)),
            ("sha256sum_mb_per_cpu_second_median", megabytesPerSecond(fileBytes, sha256sum.cpu)),
            ("paiwei_over_sha256sum_speed_cpu", ratio(sha256sum.cpu, paiweiFile.cpu)),
            ("paiwei_wall", statistics(paiweiFile.wall)),
            ("sha256sum_wall", statistics(sha256sum.wall)),
            ("paiwei_cpu", statistics(paiweiFile.cpu)),
            ("sha256sum_cpu", statistics(sha256sum.cpu)),
        ])),
        ("short", .array(short)),
        ("per_call", .object([
            ("calls_per_sample", .int(count)),
            ("student_counter_per_second_median", hashesPerSecond(count, counterSamples.wall)),
            ("student_counter_per_cpu_second_median", hashesPerSecond(count, counterSamples.cpu)),
            ("lottery_key_per_second_median", hashesPerSecond(count, keySamples.wall)),
            ("lottery_key_per_cpu_second_median", hashesPerSecond(count, keySamples.cpu)),
            ("replication_seed_per_second_median", hashesPerSecond(count, replicationSamples.wall)),
            ("replication_seed_per_cpu_second_median", hashesPerSecond(count, replicationSamples.cpu)),
        ])),
    ])
}

/// `count` bytes from SplitMix64 with a fixed seed.
private func sha256BenchmarkBytes(_ count: Int) -> [UInt8] {
    var random = TestRandom(state: 0x5EED_5EED)
    return [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
        var i = 0
        while i < count {
            let z = random.next()
            for k in 0..<min(8, count - i) { bytes[i + k] = UInt8(truncatingIfNeeded: z >> (8 * k)) }
            i += 8
        }
        initialized = count
    }
}

/// The hex SHA-256 of the file, read with read(2) in 128 KiB chunks into one reused buffer and hashed in place.
private func sha256OfFile(_ url: URL) throws -> String {
    let fd = open(url.path, O_RDONLY)
    guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
    defer { close(fd) }
    var hasher = SHA256()
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 128 << 10, alignment: 64)
    defer { chunk.deallocate() }
    while true {
        let count = read(fd, chunk.baseAddress, chunk.count)
        guard count >= 0 else { throw CocoaError(.fileReadUnknown) }
        if count == 0 { break }
        hasher.update(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
    }
    return hasher.finalize().hexString
}


private func hashesPerSecond(_ count: Int, _ samples: [Double]) -> JSONValue {
    .int(Int((Double(count) / (median(samples) / 1000)).rounded()))
}

/// Keeps a result alive so the optimizer cannot drop the loop that made it.
@inline(never)
private func blackHole(_ value: UInt8) {
    if value == 0x5A && ProcessInfo.processInfo.environment["PAIWEI_BENCH_NEVER"] != nil { print(value) }
}

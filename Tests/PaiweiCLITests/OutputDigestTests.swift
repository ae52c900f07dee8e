import Foundation
import Testing

/// The bytes every bundled dataset places, simulates and forecasts to, pinned by SHA-256 so that a
/// restructuring or a speed-up that changes one byte of any output fails here.
///
/// The table lives in `Fixtures/output-digests.txt`. When an output is meant to change, regenerate it
/// with `PAIWEI_PIN_DIGESTS=write swift test --filter OutputDigestTests` and say in the commit why the
/// bytes changed.
@Suite struct OutputDigestTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixture = repository.appendingPathComponent("Tests/PaiweiCLITests/Fixtures/output-digests.txt")
    static let seed = String(repeating: "5a", count: 32)

    /// One command per case, run in a fresh folder; every file it writes is pinned, except `audit.json`,
    /// which holds the product version beside the digests of the others.
    static var cases: [(name: String, arguments: (String) -> [String])] {
        let data = { (name: String) in repository.appendingPathComponent("datasets/\(name)").path }
        var cases: [(String, (String) -> [String])] = []
        for preset in ["chaoyang-2020-middle", "chaoyang-2020-primary", "chaoyang-2021-middle", "chaoyang-2021-primary",
                       "chaoyang-2023-middle", "chaoyang-2023-primary", "jilin-2023-middle", "jilin-2023-primary",
                       "yanqing-2023-middle", "yanqing-2023-primary"] {
            cases.append(("place/\(preset)", { ["place", "--data", data(preset), "--policy", preset, "--seed", seed, "--out", $0] }))
        }
        cases.append(("place/sample", { ["place", "--data", data("sample"), "--policy", "chaoyang-2023-middle", "--seed", seed, "--out", $0] }))
        let minTotal = repository.appendingPathComponent("Tests/PaiweiCLITests/Fixtures/min-total-distance-policy.json").path
        cases.append(("place/sample-min-total-distance", { ["place", "--data", data("sample"), "--policy", minTotal, "--seed", seed, "--out", $0] }))
        cases.append(("place/sample-ceremony-candidates", {
            ["place", "--data", data("sample"), "--policy", "chaoyang-2023-middle", "--ceremony", "17", "--ceremony", "42",
             "--candidate-runs", "3", "--drawn-index", "2", "--out", $0]
        }))
        cases.append(("simulate/sample", {
            ["simulate", "--data", data("sample"), "--policy", "chaoyang-2023-middle", "--seed", seed, "--replications", "40",
             "--workers", "2", "--compare-mechanism", "--out", $0]
        }))
        // The mechanisms of the 2026-12-01 revision: a points district under the parallel mechanism, top
        // trading cycles with one lottery per school, and the comparison of all four.
        let points = repository.appendingPathComponent("docs/points-district-policy.json").path
        cases.append(("place/sample-points-parallel", { ["place", "--data", data("sample"), "--policy", points, "--seed", seed, "--out", $0] }))
        let trading = repository.appendingPathComponent("Tests/PaiweiCLITests/Fixtures/top-trading-cycles-policy.json").path
        cases.append(("place/sample-top-trading-cycles", { ["place", "--data", data("sample"), "--policy", trading, "--seed", seed, "--out", $0] }))
        cases.append(("simulate/sample-mechanisms", {
            ["simulate", "--data", data("sample"), "--policy", "chaoyang-2023-middle", "--seed", seed, "--replications", "8",
             "--workers", "2", "--mechanisms", "immediate_acceptance,deferred_acceptance,parallel:2,top_trading_cycles", "--out", $0]
        }))
        cases.append(("forecast/forecast-sample", {
            ["forecast", "--data", data("forecast-sample"), "--policy", "chaoyang-2023-middle", "--years", "2024-2026",
             "--replications", "20", "--workers", "2", "--out", $0]
        }))
        return cases
    }

    /// `case file sha256` lines for every file every case writes, sorted.
    static func digests() throws -> [String] {
        var lines: [String] = []
        for (name, arguments) in cases {
            let scratch = try Scratch()
            let out = scratch.path("out")
            let run = try Paiwei.run(arguments(out))
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let root = URL(fileURLWithPath: out)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                if relative == "audit.json" || relative.hasPrefix("inputs/") { continue }
                let bytes = try Data(contentsOf: url)
                lines.append("\(name) \(relative) \(sha256Hex(bytes))")
            }
        }
        return lines.sorted()
    }

    @Test func everyOutputIsByteIdenticalToThePinnedDigests() throws {
        let actual = try Self.digests()
        if ProcessInfo.processInfo.environment["PAIWEI_PIN_DIGESTS"] == "write" {
            try (actual.joined(separator: "\n") + "\n").write(to: Self.fixture, atomically: true, encoding: .utf8)
            return
        }
        let pinned = try String(contentsOf: Self.fixture, encoding: .utf8).split(separator: "\n").map(String.init)
        let missing = Set(pinned).subtracting(actual).sorted()
        let unexpected = Set(actual).subtracting(pinned).sorted()
        #expect(missing.isEmpty && unexpected.isEmpty,
                "outputs changed.\npinned, not produced:\n\(missing.joined(separator: "\n"))\nproduced, not pinned:\n\(unexpected.joined(separator: "\n"))")
    }
}

/// SHA-256 of `data` as lowercase hex, by the system's `sha256sum`: an implementation independent
/// of the product's own, so that a fault in the product's SHA-256 cannot hide a changed file.
func sha256Hex(_ data: Data) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try? process.run()
    // Write on another thread: a large file would fill the pipe while nobody reads the answer.
    let writer = Thread { input.fileHandleForWriting.write(data); try? input.fileHandleForWriting.close() }
    writer.start()
    let answer = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: answer.prefix(64), as: UTF8.self)
}

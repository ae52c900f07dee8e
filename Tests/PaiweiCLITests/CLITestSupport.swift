import Foundation
import Synchronization
import Testing

/// Runs the built `paiwei` binary, as a user would, and captures what it says.
struct Paiwei {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The binary sits next to the test bundle in the build folder.
    static let binary: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("paiwei")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("paiwei")
    }()

    /// The variables that choose the language of messages (SPEC §7).
    static let localeVariables = ["LC_ALL", "LC_MESSAGES", "LANG"]

    /// Runs `paiwei` with this process's environment less the locale variables, so that the tests read
    /// English whatever the machine's locale, plus `environment`.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment.filter { !localeVariables.contains($0.key) }
        variables.merge(environment) { _, given in given }
        process.environment = variables
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once: a child that fills one (64 KiB) while we wait on the other would stall.
        let stderr = PipeDrain(err)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own.
final class PipeDrain: Sendable {
    private let data = Mutex(Data())
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread {
            let bytes = handle.readDataToEndOfFile()
            self.data.withLock { $0 = bytes }
            self.done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data.withLock { $0 }
    }
}

/// A fresh temporary folder per test, removed afterwards.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    func write(_ name: String, _ data: Data) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// A small valid district under `name`.
    func district(_ name: String = "data") throws {
        try write("\(name)/schools.csv", "school_id,kind,capacity,lottery_group,batch1_seats,lat,lon\nA,public,2,1,1,39.90,116.40\nB,public,2,,0,39.91,116.40\nP,private,1,,0,39.92,116.40\n")
        try write("\(name)/zones.csv", "zone_id,kind,schools\nZA,single,A\nM,multi,A;B\n")
        try write("\(name)/students.csv", """
        student_id,zone_id,private_choice,group1_choice,preferences,lat,lon
        s1,ZA,P,,,39.90,116.40
        s2,ZA,P,A,,39.90,116.40
        s3,M,,A,B;A,39.91,116.40
        s4,M,,,A,39.91,116.40
        s5,M,,,A;B,39.91,116.40

        """)
    }
}

let seedHex = String(repeating: "0f", count: 32)

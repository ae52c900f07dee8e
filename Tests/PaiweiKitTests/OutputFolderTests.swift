import Foundation
import Testing
@testable import PaiweiReports

/// A run killed before its rename leaves `.NAME.paiwei-incomplete-PID` behind; the next write of NAME
/// removes such leftovers whose process is gone, and nothing else (issue #11, kill safety).
@Suite struct OutputFolderTests {
    /// A PID that surely belonged to a process that has ended: one we started and waited for.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paiwei-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A folder with one file in it, as a killed run leaves its temporary sibling.
    static func makeFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data("half a result".utf8).write(to: url.appendingPathComponent("placements.csv"))
    }

    @Test func theNextWriteRemovesALeftoverOfADeadProcessOnly() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let dead = try Self.deadPID()
        #expect(!OutputFolder.isAlive(dead))
        #expect(OutputFolder.isAlive(getpid()) && OutputFolder.isAlive(1))

        let stale = parent.appendingPathComponent(OutputFolder.temporaryName(for: "out", pid: dead))
        // PID 1 is always alive: a run still writing its folder.
        let running = parent.appendingPathComponent(OutputFolder.temporaryName(for: "out", pid: 1))
        // Hidden folders that are not this folder's leftovers.
        let unrelated = [".out", ".out.partial-\(dead)", ".other\(OutputFolder.incompleteMarker)\(dead)",
                         ".out\(OutputFolder.incompleteMarker)\(dead)x", ".out\(OutputFolder.incompleteMarker)",
                         ".out\(OutputFolder.incompleteMarker)-\(dead)", ".git", ".cache"]
            .map { parent.appendingPathComponent($0) }
        for folder in [stale, running] + unrelated { try Self.makeFolder(folder) }
        // A file and a symbolic link under a leftover's name are not what a run leaves: kept.
        let deadFile = parent.appendingPathComponent(OutputFolder.temporaryName(for: "out", pid: dead + 1))
        try Data().write(to: deadFile)
        let link = parent.appendingPathComponent(OutputFolder.temporaryName(for: "out", pid: dead + 2))
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: parent.appendingPathComponent(".cache"))

        let out = parent.appendingPathComponent("out")
        try OutputFolder.write([("a.csv", Array("x\n".utf8)), ("inputs/b.csv", Array("y\n".utf8))], to: out)

        let manager = FileManager.default
        #expect(!manager.fileExists(atPath: stale.path), "a leftover of a dead process is removed")
        #expect(manager.fileExists(atPath: running.appendingPathComponent("placements.csv").path), "a live process's folder is kept")
        for folder in unrelated {
            #expect(manager.fileExists(atPath: folder.appendingPathComponent("placements.csv").path), "\(folder.lastPathComponent) is kept")
        }
        #expect(manager.fileExists(atPath: deadFile.path) && manager.fileExists(atPath: link.path))
        #expect(manager.fileExists(atPath: parent.appendingPathComponent(".cache/placements.csv").path), "a link's target is kept")
        #expect(try Data(contentsOf: out.appendingPathComponent("inputs/b.csv")) == Data("y\n".utf8))
        #expect(!manager.fileExists(atPath: parent.appendingPathComponent(OutputFolder.temporaryName(for: "out", pid: getpid())).path),
                "the write leaves no sibling of its own")
    }

    @Test func removeLeftoversWorksBeforeAnythingIsWritten() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let dead = try Self.deadPID()
        let stale = parent.appendingPathComponent(OutputFolder.temporaryName(for: "run 1", pid: dead))
        try Self.makeFolder(stale)
        let removed = OutputFolder.removeLeftovers(of: parent.appendingPathComponent("run 1"))
        #expect(removed == [stale.path])
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        // A parent that does not exist has no leftovers.
        #expect(OutputFolder.removeLeftovers(of: parent.appendingPathComponent("missing/out")).isEmpty)
    }

    @Test func anExistingFolderIsRefusedAndLeftAlone() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("out")
        try Self.makeFolder(out)
        #expect(throws: OutputFolder.WriteError.self) { try OutputFolder.write([("a.csv", [])], to: out) }
        #expect(try Data(contentsOf: out.appendingPathComponent("placements.csv")) == Data("half a result".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }
}

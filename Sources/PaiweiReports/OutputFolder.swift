import Foundation
import Glibc
import Synchronization
import PaiweiCore
import PaiweiRuns

/// Writes a run's files as one new folder, completely or not at all (SPEC §5): everything goes into a
/// hidden temporary sibling, which is renamed into place only once every file is written and on disk.
///
/// The sibling is named `.NAME.paiwei-incomplete-PID` (NAME the folder's name, PID the writing
/// process's), so that a run killed before the rename leaves nothing that looks like a result: hidden,
/// and saying what it is. Every later write to a folder of the same name in the same parent removes
/// such leftovers whose process is gone (``removeLeftovers(of:)``), and nothing else.
///
/// After a kill or a power cut at any moment the folder therefore either does not exist or is complete:
/// each file and each folder is fsync'ed before the rename (without it a power cut after the rename can
/// leave the renamed folder with empty or short files, since the file system may write the rename to
/// disk before the data), the rename is one rename(2) within the parent, and the parent is fsync'ed
/// after it so that the new name itself survives.
public enum OutputFolder {
    public enum WriteError: BilingualError, CustomStringConvertible {
        case exists(String)
        /// The path, and why in the system's words (English: strerror and Foundation speak it).
        case failed(String, String)

        public var description: String { message.english }

        public var message: Message {
            switch self {
            case .exists(let path):
                Message("\(path) already exists; choose a new folder (Paiwei never overwrites a result)",
                        "\(path) 已存在；请另选一个新文件夹（Paiwei 从不覆盖已有结果）")
            case .failed(let path, let why):
                Message("cannot write \(path): \(why)", "无法写出 \(path)：\(why)")
            }
        }
    }

    /// What stands between the folder's name and the PID in the name of its temporary sibling.
    public static let incompleteMarker = ".paiwei-incomplete-"

    /// The name of the temporary sibling that process `pid` writes folder `name` in.
    public static func temporaryName(for name: String, pid: Int32) -> String {
        ".\(name)\(incompleteMarker)\(pid)"
    }

    public static func write(_ files: [(name: String, bytes: [UInt8])], to folder: URL) throws(WriteError) {
        try write(to: folder) { sink in
            for file in files { try sink.add(file.name, file.bytes) }
        }
    }

    /// Writes the folder whose files `make` hands to its sink one by one — from any thread, as each is
    /// made — so that a large run never holds all its outputs at once; renamed into place once `make`
    /// returns. If `make` throws, nothing is left behind and the error is rethrown as it was.
    public static func write(to folder: URL, _ make: (FolderSink) throws -> Void) throws(WriteError) {
        let manager = FileManager.default
        let path = folder.standardizedFileURL.path
        removeLeftovers(of: folder)
        if manager.fileExists(atPath: path) { throw .exists(path) }
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        let name = folder.standardizedFileURL.lastPathComponent
        let temporary = parent.appendingPathComponent(temporaryName(for: name, pid: getpid()))
        do {
            // A sibling with this very PID is a leftover of an earlier process that had the same PID.
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            try makeDirectory(temporary.path)
            let sink = FolderSink(temporary)
            try make(sink)
            for directory in sink.folders.sorted(by: { $0.count > $1.count }) { try sync(directory) }
            // rename(2) replaces an existing empty folder, so check first; the window between the check
            // and the rename can at worst replace an empty folder made in it, never a result (a folder
            // with files in it makes the rename fail with ENOTEMPTY). Linux's RENAME_NOREPLACE would
            // close it, but Glibc does not export renameat2 to Swift.
            if manager.fileExists(atPath: path) { throw WriteError.exists(path) }
            guard rename(temporary.path, path) == 0 else { throw SystemError("rename to \(path)") }
            try sync(parent.path)
        } catch let error as WriteError {
            try? manager.removeItem(at: temporary)
            throw error
        } catch {
            try? manager.removeItem(at: temporary)
            throw .failed(path, (error as? SystemError)?.description ?? error.localizedDescription)
        }
    }

    /// Where ``write(to:_:)`` puts files: each written and fsync'ed when added, its folders made as needed.
    /// Safe to add to from several threads at once.
    public final class FolderSink: Sendable {
        private let root: URL
        private let made: Mutex<Set<String>>

        fileprivate init(_ root: URL) {
            self.root = root
            made = Mutex([root.path])
        }

        fileprivate var folders: Set<String> { made.withLock { $0 } }

        /// Writes `bytes` as `name` (a path inside the folder, `/`-separated).
        public func add(_ name: String, _ bytes: [UInt8]) throws {
            try add(name) { take in take(bytes) }
        }

        /// Writes as `name` the segments `produce` hands to the function it is given, one after another,
        /// each written as it comes: a file of hundreds of megabytes is never whole in memory. Rethrows
        /// what `produce` throws (the folder is then not made, as for any failure).
        public func add(_ name: String, segments produce: (_ take: @escaping ([UInt8]) -> Void) throws -> Void) throws {
            if name.contains("/") {
                try made.withLock { made in
                    var inner = root
                    for component in name.split(separator: "/").dropLast() {
                        inner.appendPathComponent(String(component))
                        if made.insert(inner.path).inserted { try OutputFolder.makeDirectory(inner.path) }
                    }
                }
            }
            let path = root.appendingPathComponent(name).path
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw SystemError("open \(path)") }
            defer { close(fd) }
            // The first failure is kept and thrown once `produce` is done; later segments are not written.
            var failure: (any Error)?
            try produce { segment in
                guard failure == nil else { return }
                do { try OutputFolder.writeAll(segment, to: fd, path: path) } catch { failure = error }
            }
            if let failure { throw failure }
            guard fsync(fd) == 0 else { throw SystemError("fsync \(path)") }
        }
    }

    /// Removes the temporary siblings `.NAME.paiwei-incomplete-PID` that runs killed before finishing
    /// left beside `folder` (NAME its name), each only when process PID no longer exists; returns their
    /// paths. Nothing else is touched: not a sibling of another name, not one whose process is alive (a
    /// run still writing it), not a symbolic link, not a file.
    @discardableResult
    public static func removeLeftovers(of folder: URL) -> [String] {
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        let prefix = "." + folder.standardizedFileURL.lastPathComponent + incompleteMarker
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return [] }
        var removed: [String] = []
        for entry in entries where entry.hasPrefix(prefix) {
            let digits = entry.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let pid = Int32(digits), pid > 0, !isAlive(pid) else { continue }
            let path = parent.appendingPathComponent(entry).path
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }

    /// Whether process `pid` exists: kill(pid, 0) fails with ESRCH only when there is no such process
    /// (EPERM means it exists but belongs to someone else). A PID reused since by another process keeps
    /// its leftover for a while longer: the safe side.
    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    private struct SystemError: Error, CustomStringConvertible {
        let description: String
        init(_ what: String) { description = "\(what): \(String(cString: strerror(errno)))" }
    }

    fileprivate static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o777) == 0 else { throw SystemError("mkdir \(path)") }
    }

    /// Writes a new file and waits until its bytes are on disk.
    fileprivate static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SystemError("write \(path)")
                }
                offset += n
            }
        }
    }

    /// fsync of a folder: its entries (the names of the files in it) reach the disk.
    private static func sync(_ directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("open \(directory)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SystemError("fsync \(directory)") }
    }
}

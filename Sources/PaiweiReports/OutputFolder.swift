import Foundation
import PaiweiCore
import PaiweiRuns

/// Writes a run's files as one new folder, completely or not at all (SPEC §5): everything goes into a
/// hidden temporary sibling, which is renamed into place only once every file is written.
public enum OutputFolder {
    public enum WriteError: Error, CustomStringConvertible {
        case exists(String)
        case failed(String, String)

        public var description: String {
            switch self {
            case .exists(let path): "\(path) already exists; choose a new folder (Paiwei never overwrites a result)"
            case .failed(let path, let why): "cannot write \(path): \(why)"
            }
        }
    }

    public static func write(_ files: [(name: String, bytes: [UInt8])], to folder: URL) throws(WriteError) {
        let manager = FileManager.default
        let path = folder.standardizedFileURL.path
        if manager.fileExists(atPath: path) { throw .exists(path) }
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? manager.removeItem(at: temporary)
            try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
            for file in files {
                let url = temporary.appendingPathComponent(file.name)
                if file.name.contains("/") {
                    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                }
                try Data(file.bytes).write(to: url)
            }
            try manager.moveItem(at: temporary, to: folder)
        } catch {
            try? manager.removeItem(at: temporary)
            throw .failed(path, error.localizedDescription)
        }
    }
}

import Foundation

extension OutputFolder {
    /// Writes one new file, completely or not at all: into a hidden temporary sibling, then renamed into
    /// place (what `paiwei commit` writes `commitment.json` with). An existing file is never overwritten.
    public static func writeFile(_ bytes: [UInt8], to file: URL) throws(WriteError) {
        let manager = FileManager.default
        let path = file.standardizedFileURL.path
        if manager.fileExists(atPath: path) { throw .exists(path) }
        let temporary = file.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? manager.removeItem(at: temporary)
            try Data(bytes).write(to: temporary)
            // link(2) fails when the name exists, so a file made meanwhile is not replaced.
            if link(temporary.path, path) != 0 {
                let why = String(cString: strerror(errno))
                try? manager.removeItem(at: temporary)
                throw WriteError.failed(path, why)
            }
            try? manager.removeItem(at: temporary)
        } catch let error as WriteError {
            throw error
        } catch {
            try? manager.removeItem(at: temporary)
            throw .failed(path, error.localizedDescription)
        }
    }
}

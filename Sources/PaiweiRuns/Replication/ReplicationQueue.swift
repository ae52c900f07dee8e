import Foundation
import PaiweiCore

/// The replication counter workers share, and the first failure, behind one lock: workers take
/// replications one at a time, so a slow one never holds up the rest.
final class ReplicationQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next: Int
    private var done = 0
    private(set) var failure: PromiseViolation?

    init(next: Int) { self.next = next }

    func take(below end: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, next < end else { return nil }
        next += 1
        return next - 1
    }

    func finish() -> Int {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        return done
    }

    func fail(_ error: PromiseViolation) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }
}

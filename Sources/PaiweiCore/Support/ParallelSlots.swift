import Foundation

/// Results of a `DispatchQueue.concurrentPerform` loop, one slot per iteration.
///
/// Each iteration writes only its own slot, and the slots are read only after the loop returns, so
/// results never depend on how iterations were scheduled. The lock makes that safe under Swift 6.
package final class ParallelSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    package init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    package func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    package var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

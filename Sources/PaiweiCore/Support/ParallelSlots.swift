import Synchronization

/// Results of a `DispatchQueue.concurrentPerform` loop, one slot per iteration.
///
/// Each iteration writes only its own slot, and the slots are read only after the loop returns, so
/// results never depend on how iterations were scheduled.
package final class ParallelSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    package init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    package func set(_ index: Int, _ value: sending Value) {
        slots.withLock { $0[index] = value }
    }

    package var values: [Value?] {
        slots.withLock { $0 }
    }
}

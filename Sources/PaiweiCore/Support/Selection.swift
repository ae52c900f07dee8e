/// The *k*-th smallest of many distinct values without sorting them all (introselect: quickselect with a
/// median-of-three pivot, falling back to sorting a part that partitions badly, so that the worst case
/// stays O(*n* log *n*)). What a school needs to admit its best `free` applicants: the cutoff, not the order.
package enum Selection {
    /// The `k`-th smallest value of `values` (1-based, 1 ≤ k ≤ count), reordering `values`.
    /// - Complexity: O(*n*) expected, O(*n* log *n*) at worst, for *n* values.
    package static func kthSmallest<Value: Comparable>(_ values: inout [Value], _ k: Int) -> Value {
        precondition(k >= 1 && k <= values.count)
        var low = 0, high = values.count - 1, target = k - 1
        var budget = 2 * (Int.bitWidth - values.count.leadingZeroBitCount)
        while high > low {
            if budget == 0 {
                values[low...high].sort()
                return values[target]
            }
            budget -= 1
            // Median of three as the pivot, moved to the end.
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            values.swapAt(middle, high)
            let pivot = values[high]
            var store = low
            for i in low..<high where values[i] < pivot {
                values.swapAt(i, store)
                store += 1
            }
            values.swapAt(store, high)
            if store == target { return values[store] }
            if store < target { low = store + 1 } else { high = store - 1 }
        }
        return values[target]
    }
}

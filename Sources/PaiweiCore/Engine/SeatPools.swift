/// The seat pools of SPEC §3: a school's `batch1` pool holds `batch1_seats`, its `general` pool the
/// rest; only single-choice lotteries with `pool: batch1` draw on batch one, and right after the last of
/// them the seats left there join `general` (from the start, when no stage draws on it).
extension Stage {
    /// Whether the stage draws on the `batch1` pool.
    public var drawsOnBatchOne: Bool { kind == .singleChoiceLottery && pool == .batch1 }
}

extension Policy {
    /// Index of the last stage drawing on the `batch1` pool; its leftover seats join `general` right after it.
    public var lastBatch1Stage: Int? {
        stages.lastIndex { $0.drawsOnBatchOne }
    }
}

extension PlacementInstance {
    /// The `general` seats free per school at the start of stage `index`, from the seats each earlier stage
    /// took (`taken(stage, school)`): the capacity, less what earlier stages filled, less the first-batch
    /// seats still held back before the roll-over.
    package func generalSeats(atStartOf index: Int, taken: (Int, Int) -> Int) -> [Int32] {
        let lastBatch1 = policy.lastBatch1Stage
        return dataset.schools.indices.map { k in
            let school = dataset.schools[k]
            var free = school.capacity
            if let lastBatch1, index <= lastBatch1 {
                free -= school.batch1Seats
                for stage in 0..<index where !policy.stages[stage].drawsOnBatchOne { free -= taken(stage, k) }
            } else {
                for stage in 0..<index { free -= taken(stage, k) }
            }
            return Int32(free)
        }
    }
}

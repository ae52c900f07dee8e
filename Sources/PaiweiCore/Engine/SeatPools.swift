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

extension PlacementInstance {
    /// The seats stage `index` could fill at each school when it began, in `result`: the first-batch seats
    /// still free for a stage drawing on batch one, the `general` seats free otherwise. What `cutoffs.csv`
    /// publishes beside each lottery's applicants and admitted.
    ///
    /// - Complexity: O(*m* · stages) for *m* schools.
    public func seatsOffered(stage index: Int, in result: PlacementResult) -> [Int] {
        let taken = { (stage: Int, school: Int) in Int(result.stages[stage].seatsTaken[school]) }
        guard policy.stages[index].drawsOnBatchOne else {
            return generalSeats(atStartOf: index, taken: taken).map(Int.init)
        }
        return dataset.schools.indices.map { k in
            var free = dataset.schools[k].batch1Seats
            for stage in 0..<index where policy.stages[stage].drawsOnBatchOne { free -= taken(stage, k) }
            return free
        }
    }
}

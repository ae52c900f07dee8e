/// Per scope of an overflow plan, the schools a student of that scope can still be sent to by
/// `nearest_by_lottery`: those with coordinates and a free seat, as positions in the scope, in the scope's
/// order (school index = `school_id` by bytes, so the first of equal distances is the smaller `school_id`).
///
/// Within a stage a seat once taken is never given back, so schools only leave: each student looks at the
/// schools still open, not at the whole scope (a city-wide scope has hundreds of schools, most of them
/// full by the time the last students are taken in).
struct OverflowOpenSchools {
    private var open: [[Int32]]

    init(_ plan: OverflowPlan, schoolSites: [Site?], hasSeat: (Int) -> Bool) {
        open = plan.scopes.map { scope in
            var positions: [Int32] = []
            for (k, school) in scope.enumerated() where schoolSites[Int(school)] != nil && hasSeat(Int(school)) {
                positions.append(Int32(k))
            }
            return positions
        }
    }

    /// The open schools of scope `scope`, as positions in it.
    func positions(inScope scope: Int) -> [Int32] { open[scope] }

    /// Drops from scope `scope` the schools `hasSeat` says are full, keeping the order, and returns the rest.
    mutating func remaining(inScope scope: Int, of schools: [Int32], hasSeat: (Int) -> Bool) -> [Int32] {
        var positions = open[scope]
        open[scope] = []   // the only reference while it is compacted: no copy
        var kept = 0
        for i in positions.indices where hasSeat(Int(schools[Int(positions[i])])) {
            positions[kept] = positions[i]
            kept += 1
        }
        positions.removeLast(positions.count - kept)
        open[scope] = positions
        return positions
    }
}

extension OverflowPlan {
    /// The position of `school` in scope `scope`, if it is there (scopes are ascending).
    func position(of school: Int, inScope scope: Int) -> Int? {
        let schools = scopes[scope]
        var low = 0, high = schools.count
        while low < high {
            let middle = (low + high) / 2
            if schools[middle] < Int32(school) { low = middle + 1 } else { high = middle }
        }
        return low < schools.count && schools[low] == Int32(school) ? low : nil
    }
}

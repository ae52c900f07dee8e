/// Admitting one school's applicants in its deciding order up to its free seats — one by one, or with
/// `families: together` family by family.
extension PlacementRun {
    /// Admits from `applications[range]` (one school's applications, sorted in its deciding order) up to
    /// `free` seats and returns the number of seats taken.
    ///
    /// With families together, siblings applying here together are one unit, ranked by their best member;
    /// a unit larger than the seats left is refused as a whole and the school goes on to the next applicant
    /// who fits ("skip to the next who fits"), so no seat is left empty that a later applicant could take.
    mutating func admitInOrder(_ applications: [Application], _ range: Range<Int>, free: Int, together: Bool, stage: Int, rank: Int = 0) -> Int {
        guard together else {
            let admitted = min(free, range.count)
            for i in range.lowerBound..<range.lowerBound + admitted { admit(applications[i], stage: stage, rank: rank) }
            return admitted
        }
        var taken = 0
        var decided = Set<Int32>()
        for i in range where taken < free {
            let family = instance.family[Int(applications[i].student)]
            if family < 0 {
                admit(applications[i], stage: stage, rank: rank)
                taken += 1
                continue
            }
            guard decided.insert(family).inserted else { continue }
            let unit = range.filter { instance.family[Int(applications[$0].student)] == family }
            if unit.count <= free - taken {
                for j in unit { admit(applications[j], stage: stage, rank: rank) }
                taken += unit.count
            }
        }
        return taken
    }
}

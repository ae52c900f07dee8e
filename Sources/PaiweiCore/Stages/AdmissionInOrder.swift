/// Admitting one school's applicants in its deciding order up to its free seats — one by one, or with
/// `families: together` family by family.
extension PlacementRun {
    /// Sorts `applications` by school and deciding order, and admits at each school up to the free seats
    /// of `pool` there, taking them from the pool.
    mutating func admitBySchool(_ applications: inout [Application], pool: SeatPool, together: Bool, stage: Int, rank: Int = 0) {
        applications.sort { ($0.school, $0.key) < ($1.school, $1.key) }
        var start = 0
        while start < applications.count {
            let school = Int(applications[start].school)
            var end = start
            while end < applications.count && applications[end].school == applications[start].school { end += 1 }
            let free = Int(pool == .batch1 ? batch1[school] : general[school])
            let admitted = admitInOrder(applications, start..<end, free: free, together: together, stage: stage, rank: rank)
            if pool == .batch1 { batch1[school] -= Int32(admitted) } else { general[school] -= Int32(admitted) }
            start = end
        }
    }

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

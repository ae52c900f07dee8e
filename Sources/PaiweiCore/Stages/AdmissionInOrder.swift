/// Admitting one school's applicants in its deciding order up to its free seats — one by one, or with
/// `families: together` family by family.
extension PlacementRun {
    /// Groups `applications` by school (a counting sort, in the order given within a school) and admits
    /// at each school up to the free seats of `pool` there, taking them from the pool. A school's
    /// applicants are sorted into its deciding order only when families are admitted as units; when they
    /// simply outnumber the seats, the school's cutoff is found by selection.
    /// - Complexity: O(*a* + *m*) for *a* applications and *m* schools, plus O(*s* log *s*) per school
    ///   with *s* applicants where it is oversubscribed.
    mutating func admitBySchool(_ applications: inout [Application], pool: SeatPool, together: Bool, stage: Int, rank: Int = 0) {
        let schools = general.count
        var start = [Int](repeating: 0, count: schools + 1)
        for application in applications { start[Int(application.school) + 1] += 1 }
        for k in 0..<schools { start[k + 1] += start[k] }
        var next = start
        // Sound: the counting sort writes each of the `count` places exactly once (the schools' ranges
        // `start[k] ..< start[k + 1]` partition them), and an application is plain data.
        var grouped = [Application](unsafeUninitializedCapacity: applications.count) { buffer, initialized in
            for application in applications {
                let k = Int(application.school)
                (buffer.baseAddress! + next[k]).initialize(to: application)
                next[k] += 1
            }
            initialized = applications.count
        }
        var admitted: [AdmittedStudent] = []
        admitted.reserveCapacity(applications.count)
        var keys: [UInt128] = []
        // Points do not fit a packed key: a stage ordering by them selects on whole keys.
        let byPoints = instance.policy.stages[stage].ordersByPoints
        var wholeKeys: [AdmissionKey] = []
        for k in 0..<schools where start[k] < start[k + 1] {
            let range = start[k]..<start[k + 1]
            let free = Int(pool == .batch1 ? batch1[k] : general[k])
            var taken = 0
            if together {
                grouped[range].sort { $0.key < $1.key }
                taken = admitInOrder(grouped, range, free: free, together: true, into: &admitted, rank: rank)
            } else if range.count <= free {
                for i in range { admitted.append(AdmittedStudent(grouped[i], rank: rank)) }
                taken = range.count
            } else if free > 0 && byPoints {
                wholeKeys.removeAll(keepingCapacity: true)
                for i in range { wholeKeys.append(grouped[i].key) }
                let cutoff = Selection.kthSmallest(&wholeKeys, free)
                for i in range where !(cutoff < grouped[i].key) { admitted.append(AdmittedStudent(grouped[i], rank: rank)) }
                taken = free
            } else if free > 0 {
                // The best `free` applicants: those at or before the free-th smallest key (keys are distinct).
                keys.removeAll(keepingCapacity: true)
                for i in range { keys.append(grouped[i].key.packed) }
                let cutoff = Selection.kthSmallest(&keys, free)
                for i in range where grouped[i].key.packed <= cutoff { admitted.append(AdmittedStudent(grouped[i], rank: rank)) }
                taken = free
            }
            if pool == .batch1 { batch1[k] -= Int32(taken) } else { general[k] -= Int32(taken) }
        }
        admit(admitted, stage: stage)
        applications = grouped
    }

    /// Admits from `applications[range]` (one school's applications, sorted in its deciding order unless
    /// they all fit and families are separate) up to `free` seats, appending them to `admitted`, and
    /// returns the number of seats taken.
    ///
    /// With families together, siblings applying here together are one unit, ranked by their best member;
    /// a unit larger than the seats left is refused as a whole and the school goes on to the next applicant
    /// who fits ("skip to the next who fits"), so no seat is left empty that a later applicant could take.
    mutating func admitInOrder(_ applications: [Application], _ range: Range<Int>, free: Int, together: Bool,
                               into admitted: inout [AdmittedStudent], rank: Int = 0) -> Int {
        guard together else {
            let taken = min(free, range.count)
            for i in range.lowerBound..<range.lowerBound + taken { admitted.append(AdmittedStudent(applications[i], rank: rank)) }
            return taken
        }
        var taken = 0
        var decided = Set<Int32>()
        for i in range where taken < free {
            let family = instance.family[Int(applications[i].student)]
            if family < 0 {
                admitted.append(AdmittedStudent(applications[i], rank: rank))
                taken += 1
                continue
            }
            guard decided.insert(family).inserted else { continue }
            let unit = range.filter { instance.family[Int(applications[$0].student)] == family }
            if unit.count <= free - taken {
                for j in unit { admitted.append(AdmittedStudent(applications[j], rank: rank)) }
                taken += unit.count
            }
        }
        return taken
    }
}

import PaiweiCore
/// What a run of replications adds up to: per student, how often each outcome happened; per school and
/// stage, how often it was oversubscribed and the distribution of applicants and admissions; per zone,
/// the distribution of students sent to overflow or left unplaced.
///
/// Only integer counts, so tallies of any split of the replications add up to exactly the tally of the
/// whole (worker count and shards cannot change a result), and memory does not grow with the number of
/// replications.
public struct SimulationTally: Sendable, Equatable {
    public struct OutcomeCount: Sendable, Equatable {
        public var school: Int32
        public var count: Int32
    }

    public let students: Int
    public let schools: Int
    public let stages: Int
    public let zones: Int
    /// The replications counted, as half-open ranges in order.
    public internal(set) var ranges: [Range<Int>] = []
    public var replications: Int { ranges.reduce(0) { $0 + $1.count } }

    /// Per student: schools they were placed at by a lottery or zone stage, with counts.
    public internal(set) var placed: [[OutcomeCount]]
    /// Per student: schools they were placed at by an overflow stage, with counts.
    public internal(set) var overflow: [[OutcomeCount]]
    public internal(set) var unplaced: [Int]
    /// Per stage and school (`stage · schools + school`): replications in which someone was refused.
    public internal(set) var oversubscribed: [Int]
    public internal(set) var applicants: [Histogram]
    public internal(set) var admitted: [Histogram]
    /// Per stage and school: applicants the stage's seats could not take (applicants − admitted), the
    /// excess demand whose spread (5th to 95th percentile) the report draws. A tally read from a
    /// version-1 `tally.txt` lacks it for those replications: its total is then below ``replications``.
    public internal(set) var excess: [Histogram]
    /// Per school: seats taken at the end.
    public internal(set) var filled: [Histogram]
    /// Per residence zone: its students placed by overflow, and left unplaced.
    public internal(set) var zoneOverflow: [Histogram]
    public internal(set) var zoneUnplaced: [Histogram]
    /// Both mechanisms side by side, when the simulation compares them.
    public internal(set) var comparison: MechanismComparison?
    /// Outcomes counted by ``addDeferred(_:replication:instance:)`` but not yet written into `placed`
    /// and `overflow` (coded by ``pendingOutcome(school:byOverflow:)``); nil when nothing is pending.
    /// Every way out of a worker settles them (``settle()``).
    private var pending: PendingOutcomes?

    public init(students: Int, schools: Int, stages: Int, zones: Int) {
        self.students = students
        self.schools = schools
        self.stages = stages
        self.zones = zones
        placed = Array(repeating: [], count: students)
        overflow = Array(repeating: [], count: students)
        unplaced = Array(repeating: 0, count: students)
        oversubscribed = Array(repeating: 0, count: stages * schools)
        applicants = Array(repeating: Histogram(), count: stages * schools)
        admitted = Array(repeating: Histogram(), count: stages * schools)
        excess = Array(repeating: Histogram(), count: stages * schools)
        filled = Array(repeating: Histogram(), count: schools)
        zoneOverflow = Array(repeating: Histogram(), count: zones)
        zoneUnplaced = Array(repeating: Histogram(), count: zones)
    }

    public init(for instance: PlacementInstance) {
        self.init(students: instance.dataset.students.count, schools: instance.dataset.schools.count,
                  stages: instance.policy.stages.count, zones: instance.dataset.zones.count)
    }

    /// Adds `count` outcomes at `school` to `list`. A school new to the list goes before the first with
    /// a larger `school_id` index: lists stay in school order, so that equal tallies compare equal
    /// however they were summed, with no sort.
    @inline(__always)
    private static func bump(_ list: inout [OutcomeCount], _ school: Int32, by count: Int32 = 1) {
        var after = list.count
        for i in list.indices {
            if list[i].school == school {
                list[i].count += count
                return
            }
            if list[i].school > school && after == list.count { after = i }
        }
        list.insert(OutcomeCount(school: school, count: count), at: after)
    }

    /// Counts replication `replication`'s result.
    public mutating func add(_ result: PlacementResult, replication: Int, instance: PlacementInstance) {
        addDeferred(result, replication: replication, instance: instance)
        settle()
    }

    /// Whether every outcome counted is in `placed` and `overflow`.
    package var isSettled: Bool { pending == nil }

    /// A pending outcome: placed at `school`, by an overflow stage or not — both kinds in one record per
    /// student, so that a replication writes one pass of records, not two.
    private static func pendingOutcome(school: Int32, byOverflow: Bool) -> Int32 { school << 1 | (byOverflow ? 1 : 0) }

    /// Adds a run of pending outcomes to the student's list of its kind.
    private mutating func bump(_ s: Int, outcome: Int32, by count: Int32) {
        if outcome & 1 == 1 { Self.bump(&overflow[s], outcome >> 1, by: count) } else { Self.bump(&placed[s], outcome >> 1, by: count) }
    }

    /// Writes the outcomes ``addDeferred(_:replication:instance:)`` kept pending into the lists.
    package mutating func settle() {
        guard let pending else { return }
        for s in 0..<students {
            for run in pending.runs(of: s) { bump(s, outcome: run.outcome, by: run.count) }
        }
        self.pending = nil
    }

    /// ``add(_:replication:instance:)`` with the per-student outcomes left pending until ``settle()``
    /// (which ``merge(_:)`` and ``normalize()`` do first): the path of a simulation's workers.
    package mutating func addDeferred(_ result: PlacementResult, replication: Int, instance: PlacementInstance) {
        addRange(replication..<replication + 1)
        var overflowByZone = Array(repeating: 0, count: zones)
        var unplacedByZone = Array(repeating: 0, count: zones)
        // Read once, not per student: a stage or a student is a large value to reach into 150,000 times.
        let byOverflow = instance.policy.stages.map { $0.kind == .overflow }
        let homeZone = instance.homeZone
        let school = result.school, stage = result.placingStage
        var pending = self.pending ?? PendingOutcomes(students: students)
        self.pending = nil   // the only reference while it counts: no copy
        // One pass over the students for all that is counted per student.
        let spills = pending.count(students: students) { s in
            let school = school[s]
            if school >= 0 {
                let byOverflow = byOverflow[Int(stage[s])]
                if byOverflow { overflowByZone[Int(homeZone[s])] += 1 }
                return Self.pendingOutcome(school: school, byOverflow: byOverflow)
            }
            if !instance.screening[s].isIneligible {
                unplaced[s] += 1
                unplacedByZone[Int(homeZone[s])] += 1
            }
            return -1
        }
        for spill in spills { bump(spill.student, outcome: spill.outcome, by: spill.count) }
        self.pending = pending
        // Seats taken per school are what the stages recorded (the capacity check holds them equal to the
        // students placed there).
        var taken = Array(repeating: 0, count: schools)
        for record in result.stages {
            for school in 0..<schools { taken[school] += Int(record.seatsTaken[school]) }
        }
        for school in 0..<schools { filled[school].add(taken[school]) }
        for zone in 0..<zones {
            zoneOverflow[zone].add(overflowByZone[zone])
            zoneUnplaced[zone].add(unplacedByZone[zone])
        }
        for (stage, definition) in instance.policy.stages.enumerated() {
            // Overflow has no applicants as such: count its admissions in both, so every cell holds one value per replication.
            if definition.kind == .overflow {
                for school in 0..<schools {
                    let taken = Int(result.stages[stage].seatsTaken[school])
                    applicants[stage * schools + school].add(taken)
                    admitted[stage * schools + school].add(taken)
                    excess[stage * schools + school].add(0)
                }
                continue
            }
            // Applicants and admissions are what the stage recorded per school (each placed student applied
            // there once, and the applications add up to those counts: checked with the promises, before any
            // replication is counted).
            let record = result.stages[stage]
            for school in 0..<schools {
                let cell = stage * schools + school, applied = Int(record.applicants[school]), admittedHere = Int(record.seatsTaken[school])
                applicants[cell].add(applied)
                admitted[cell].add(admittedHere)
                excess[cell].add(applied - admittedHere)
                if applied > admittedHere { oversubscribed[cell] += 1 }
            }
        }
    }

    /// Adds another tally of the same instance over other replications.
    public mutating func merge(_ other: SimulationTally) {
        precondition(other.students == students && other.schools == schools && other.stages == stages && other.zones == zones)
        settle()
        var other = other
        other.settle()
        for range in other.ranges { addRange(range) }
        for s in 0..<students {
            for item in other.placed[s] { Self.bump(&placed[s], item.school, by: item.count) }
            for item in other.overflow[s] { Self.bump(&overflow[s], item.school, by: item.count) }
            unplaced[s] += other.unplaced[s]
        }
        for cell in oversubscribed.indices {
            oversubscribed[cell] += other.oversubscribed[cell]
            applicants[cell].merge(other.applicants[cell])
            admitted[cell].merge(other.admitted[cell])
            excess[cell].merge(other.excess[cell])
        }
        for school in 0..<schools { filled[school].merge(other.filled[school]) }
        for zone in 0..<zones {
            zoneOverflow[zone].merge(other.zoneOverflow[zone])
            zoneUnplaced[zone].merge(other.zoneUnplaced[zone])
        }
        if let theirs = other.comparison {
            var mine = comparison ?? theirs.emptied
            mine.merge(theirs)
            comparison = mine
        }
    }

    /// Keeps ranges sorted and joined, so that tallies of the same replications have the same ranges.
    private mutating func addRange(_ range: Range<Int>) {
        ranges.append(range)
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var joined: [Range<Int>] = []
        for r in ranges {
            if let last = joined.last, last.upperBound == r.lowerBound {
                joined[joined.count - 1] = last.lowerBound..<r.upperBound
            } else {
                joined.append(r)
            }
        }
        ranges = joined
    }

    /// Settles the outcomes left pending (``settle()``): what a tally needs after replications were
    /// added one by one, before it is compared, merged or written. (Outcome lists are always in school
    /// order.)
    public mutating func normalize() {
        settle()
    }

    /// True when `other` counts any replication this tally counts.
    public func overlaps(_ other: SimulationTally) -> Bool {
        ranges.contains { mine in other.ranges.contains { $0.overlaps(mine) } }
    }
}

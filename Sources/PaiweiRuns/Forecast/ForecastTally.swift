import PaiweiCore
/// What one forecast year's replications add up to, per school and per zone: only what the warnings
/// and their explanation need (unlike ``SimulationTally``, nothing per student).
///
/// Integer sums and histograms only, so the tallies of the workers add up to the same total whatever
/// the number of workers and however the replications were shared out.
public struct ForecastTally: Sendable, Equatable {
    public private(set) var replications = 0

    // MARK: Per school, summed over replications
    /// Distinct students who asked the school for a seat in a lottery, feeder or zone stage.
    public private(set) var applicants: [Int]
    /// Distinct students who claimed a seat at the school through a zone or feeder right (feeder,
    /// single-zone and multi-zone stages), admitted or not.
    public private(set) var claimants: [Int]
    /// Of the applicants, the students who did not end up at the school.
    public private(set) var turnedAway: [Int]
    /// Replications in which some stage refused someone at the school.
    public private(set) var oversubscribed: [Int]
    /// Seats taken at the end.
    public private(set) var filled: [Int]
    /// Seats taken by overflow coordination (统筹安排).
    public private(set) var overflowIn: [Int]
    /// Seats taken by single-choice lotteries (private, boarding, first-batch groups).
    public private(set) var lotteryTaken: [Int]

    // MARK: Per zone (its children by the zone that counts for them in the placement — a redirected
    // child's is the multi zone — a multi zone's including those of its single zones), summed
    /// Children not ineligible and not placed by a single-choice lottery or a feeder stage: those
    /// needing a zone seat.
    public private(set) var zoneDemand: [Int]
    /// Of those, the children placed at one of the zone's schools (by a zone or overflow stage).
    public private(set) var zoneSeated: [Int]
    /// Seats at the zone's schools taken by others' children in a stage after the zone's own stage
    /// (its first single-zone or multi-zone stage, by its kind): seats its children came first for.
    public private(set) var zoneLaterOthers: [Int]
    public private(set) var zoneOverflow: [Int]
    public private(set) var zoneUnplaced: [Int]
    /// Replications in which some child of the zone was sent to overflow or left unplaced.
    public private(set) var zoneShort: [Int]
    /// Home-to-school metres of every overflow placement of the zone's children, over all replications.
    public private(set) var zoneDistance: [Histogram]

    public init(schools: Int, zones: Int) {
        applicants = Array(repeating: 0, count: schools)
        claimants = applicants
        turnedAway = applicants
        oversubscribed = applicants
        filled = applicants
        overflowIn = applicants
        lotteryTaken = applicants
        zoneDemand = Array(repeating: 0, count: zones)
        zoneSeated = zoneDemand
        zoneLaterOthers = zoneDemand
        zoneOverflow = zoneDemand
        zoneUnplaced = zoneDemand
        zoneShort = zoneDemand
        zoneDistance = Array(repeating: Histogram(), count: zones)
    }

    /// Counts one replication of `counting`'s instance.
    mutating func add(_ result: PlacementResult, _ counting: ForecastCounting) {
        replications += 1
        let schools = applicants.count, students = result.school.count
        let kinds = counting.stageKinds

        // Applications of every stage but overflow, bucketed by school (counting sort), so that each
        // school's distinct applicants and claimants are counted with a stamp per student. An entry is
        // the student times two, plus one for a claim (a feeder or zone stage's application). The sizes
        // come from the stages' counts: a school refused someone where a stage had more applicants there
        // than it took (each student it placed had one application admitted: checked with the promises).
        var offsets = [Int](repeating: 0, count: schools + 1)
        var refused = [Bool](repeating: false, count: schools)
        for (stage, kind) in kinds.enumerated() where kind != .overflow {
            let record = result.stages[stage]
            for s in 0..<schools {
                offsets[s + 1] += Int(record.applicants[s])
                if record.applicants[s] > record.seatsTaken[s] { refused[s] = true }
                if kind == .singleChoiceLottery { lotteryTaken[s] += Int(record.seatsTaken[s]) }
            }
        }
        for s in 0..<schools { offsets[s + 1] += offsets[s] }
        var next = offsets
        var bucket = [Int32](repeating: 0, count: offsets[schools])
        for (stage, kind) in kinds.enumerated() where kind != .overflow {
            let claim: Int32 = kind == .singleChoiceLottery ? 0 : 1
            for application in result.stages[stage].applications {
                let s = Int(application.school)
                bucket[next[s]] = application.student * 2 + claim
                next[s] += 1
            }
        }
        var applied = [Int32](repeating: -1, count: students)
        var claimed = applied
        for s in 0..<schools {
            if refused[s] { oversubscribed[s] += 1 }
            let school = Int32(s)
            for i in offsets[s]..<offsets[s + 1] {
                let student = Int(bucket[i] >> 1)
                if bucket[i] & 1 == 1 && claimed[student] != school {
                    claimed[student] = school
                    claimants[s] += 1
                }
                guard applied[student] != school else { continue }
                applied[student] = school
                applicants[s] += 1
                if result.school[student] != school { turnedAway[s] += 1 }
            }
        }

        var short = [Bool](repeating: false, count: zoneDemand.count)
        for student in 0..<students {
            let school = Int(result.school[student])
            let stage = Int(result.placingStage[student])
            let byOverflow = school >= 0 && kinds[stage] == .overflow
            if school >= 0 {
                filled[school] += 1
                if byOverflow { overflowIn[school] += 1 }
            }
            // Placed by a right other than the zone's (a lottery they chose, their primary's feeder
            // school): not the zone's demand, and the seat they took is not the zone's to give.
            let inDemand = !counting.ineligible[student]
                && !(school >= 0 && (kinds[stage] == .singleChoiceLottery || kinds[stage] == .feeder))
            // The student's own zone, then the multi zone it rolls up to (the coordination area,
            // 统筹分配服务片, whose row lists the area's schools).
            let own = inDemand ? Int(counting.zone[student]) : -1
            let up = inDemand ? Int(counting.parent[student]) : -1
            if school >= 0 {
                // A seat taken after a zone's own stage by someone else's child was one the zone's
                // children came first for: it counts among the zone's seats.
                for zone in counting.schoolZones[school] where stage > counting.zoneStage[Int(zone)] && Int(zone) != own && Int(zone) != up {
                    zoneLaterOthers[Int(zone)] += 1
                }
            }
            guard inDemand else { continue }
            for pass in 0..<(up >= 0 ? 2 : 1) {
                let zone = pass == 0 ? own : up
                zoneDemand[zone] += 1
                if school >= 0 && counting.zoneSchools[zone].contains(Int32(school)) { zoneSeated[zone] += 1 }
                if byOverflow {
                    zoneOverflow[zone] += 1
                    zoneDistance[zone].add(Int(result.overflowDistance[student]))
                    short[zone] = true
                } else if school < 0 {
                    zoneUnplaced[zone] += 1
                    short[zone] = true
                }
            }
        }
        for zone in short.indices where short[zone] { zoneShort[zone] += 1 }
    }

    /// Adds the tally of other replications of the same year.
    mutating func merge(_ other: ForecastTally) {
        replications += other.replications
        for s in applicants.indices {
            applicants[s] += other.applicants[s]
            claimants[s] += other.claimants[s]
            turnedAway[s] += other.turnedAway[s]
            oversubscribed[s] += other.oversubscribed[s]
            filled[s] += other.filled[s]
            overflowIn[s] += other.overflowIn[s]
            lotteryTaken[s] += other.lotteryTaken[s]
        }
        for z in zoneDemand.indices {
            zoneDemand[z] += other.zoneDemand[z]
            zoneSeated[z] += other.zoneSeated[z]
            zoneLaterOthers[z] += other.zoneLaterOthers[z]
            zoneOverflow[z] += other.zoneOverflow[z]
            zoneUnplaced[z] += other.zoneUnplaced[z]
            zoneShort[z] += other.zoneShort[z]
            zoneDistance[z].merge(other.zoneDistance[z])
        }
    }
}

/// What a year's instance tells the tally once, rather than every replication: the kind of each stage,
/// who is ineligible, and which zones each student counts for.
struct ForecastCounting: Sendable {
    let stageKinds: [StageKind]
    let ineligible: [Bool]
    /// Per student: the zone that counts for every stage (the residence zone, or the multi zone a
    /// redirected student was sent to), and the multi zone it rolls up to (or -1).
    let zone: [Int32]
    let parent: [Int32]
    /// Per zone: the schools serving it that year.
    let zoneSchools: [[Int32]]
    /// Per school: the zones it serves.
    let schoolZones: [[Int32]]
    /// Per zone: the stage that places its children by zone — the first `single_zone` or `multi_zone`
    /// stage by the zone's kind, else the first overflow stage, else none (`Int.max`).
    let zoneStage: [Int]

    init(instance: PlacementInstance) {
        stageKinds = instance.policy.stages.map(\.kind)
        ineligible = instance.screening.map(\.isIneligible)
        let zones = instance.dataset.zones
        zone = instance.effectiveZone
        parent = instance.effectiveZone.map { Int32(zones[Int($0)].parent ?? -1) }
        zoneSchools = zones.map { $0.schools.map(Int32.init) }
        var schoolZones = Array(repeating: [Int32](), count: instance.dataset.schools.count)
        for (z, zone) in zones.enumerated() {
            for school in zone.schools { schoolZones[school].append(Int32(z)) }
        }
        self.schoolZones = schoolZones
        let kinds = stageKinds
        let overflow = kinds.firstIndex(of: .overflow) ?? Int.max
        let single = kinds.firstIndex(of: .singleZone) ?? overflow
        let multi = kinds.firstIndex(of: .multiZone) ?? overflow
        zoneStage = zones.map { $0.kind == .single ? single : multi }
    }
}

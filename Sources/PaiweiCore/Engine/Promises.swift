/// A promise of SPEC §6 broken by a placement: always a bug in Paiwei, never a data problem.
/// Nothing is written when one is found.
public struct PromiseViolation: Error, Equatable, Sendable, CustomStringConvertible {
    public let promise: String
    public let detail: Message

    public var description: String { message.english }

    public var message: Message {
        let chinese = switch promise {
        case "nothing lost": "不遗漏任何学生"
        case "capacity": "不超过学位数"
        case "no justified envy": "无合理嫉妒"
        case "no Pareto improvement": "无帕累托改进"
        case "minimum total distance": "总距离最小"
        default: promise
        }
        return Message("internal error: the placement breaks the promise '\(promise)': \(detail.english). Nothing was written. Please report this with the input files.",
                       "内部错误：派位结果违反了保证“\(chinese)”：\(detail.text(in: .chinese))。未写出任何文件。请连同输入文件一起报告此问题。")
    }
}

extension PlacementInstance {
    /// Runs every promise check on `result`.
    public func checkPromises(_ result: PlacementResult) throws(PromiseViolation) {
        try checkPromises(result, workspace: PlacementWorkspace(self))
    }

    /// The same, reading the metres `workspace` holds (or computing them there).
    package func checkPromises(_ result: PlacementResult, workspace: PlacementWorkspace) throws(PromiseViolation) {
        try checkNothingLost(result)
        try checkCapacity(result)
        try checkNoJustifiedEnvy(result, workspace: workspace)
        try checkMechanismRules(result)
        try checkOverflowOptimality(result)
    }

    /// The promise each multi-zone mechanism makes beyond (or instead of) the envy check: the rounds of the
    /// parallel mechanism (``checkParallelRounds(_:stage:plan:choicesPerRound:)``), no Pareto improvement
    /// under top trading cycles (``checkNoParetoImprovement(_:stage:plan:)``).
    public func checkMechanismRules(_ result: PlacementResult) throws(PromiseViolation) {
        for (index, plan) in plans.enumerated() {
            guard case .multiZone(let multi) = plan else { continue }
            switch multi.mechanism {
            case .parallel(let e): try checkParallelRounds(result, stage: index, plan: multi, choicesPerRound: e)
            case .topTradingCycles: try checkNoParetoImprovement(result, stage: index, plan: multi)
            case .immediateAcceptance, .deferredAcceptance: break
            }
        }
    }

    /// Promise 1: every student has exactly one outcome, and nobody ineligible was placed or considered.
    public func checkNothingLost(_ result: PlacementResult) throws(PromiseViolation) {
        let n = dataset.students.count
        for (name, count) in [("school", result.school.count), ("stage", result.placingStage.count), ("overflow stage", result.lastOverflowStage.count), ("label", result.label.count), ("number", result.number.count)]
        where count != n {
            throw PromiseViolation(promise: "nothing lost", detail: Message("\(count) \(name) entries for \(n) students", "\(n) 名学生却有 \(count) 条 \(name) 记录"))
        }
        for s in 0..<n where screening[s].isIneligible && (result.school[s] >= 0 || result.tookPart[s]) {
            throw PromiseViolation(promise: "nothing lost", detail: Message("ineligible student '\(dataset.students[s].id)' was taken into a stage", "不符合资格的学生“\(dataset.students[s].id)”进入了某个阶段"))
        }
        for s in 0..<n where result.school[s] >= 0 && !result.tookPart[s] {
            throw PromiseViolation(promise: "nothing lost", detail: Message("student '\(dataset.students[s].id)' was placed without taking part in any stage", "学生“\(dataset.students[s].id)”未参加任何阶段却被录取"))
        }
    }

    /// Promise 2: no school over its capacity, no pool over its seats.
    public func checkCapacity(_ result: PlacementResult) throws(PromiseViolation) {
        let schools = dataset.schools
        var taken = Array(repeating: 0, count: schools.count)
        for school in result.school where school >= 0 { taken[Int(school)] += 1 }
        var batch1Taken = Array(repeating: 0, count: schools.count)
        var generalBeforeRollOver = Array(repeating: 0, count: schools.count)
        let lastBatch1 = policy.lastBatch1Stage
        var recorded = Array(repeating: 0, count: schools.count)
        for (index, stage) in policy.stages.enumerated() {
            for s in schools.indices {
                let seats = Int(result.stages[index].seatsTaken[s])
                recorded[s] += seats
                if stage.drawsOnBatchOne {
                    batch1Taken[s] += seats
                } else if let lastBatch1, index < lastBatch1 {
                    generalBeforeRollOver[s] += seats
                }
            }
        }
        for (s, school) in schools.enumerated() {
            if taken[s] > school.capacity {
                throw PromiseViolation(promise: "capacity", detail: Message("school '\(school.id)' admitted \(taken[s]) students for \(school.capacity) seats", "学校“\(school.id)”以 \(school.capacity) 个学位录取了 \(taken[s]) 名学生"))
            }
            if recorded[s] != taken[s] {
                throw PromiseViolation(promise: "capacity", detail: Message("school '\(school.id)' has \(taken[s]) students but its stages record \(recorded[s]) seats taken", "学校“\(school.id)”有 \(taken[s]) 名学生，而其各阶段记录占用 \(recorded[s]) 个学位"))
            }
            if lastBatch1 != nil {
                if batch1Taken[s] > school.batch1Seats {
                    throw PromiseViolation(promise: "capacity", detail: Message("school '\(school.id)' filled \(batch1Taken[s]) first-batch seats of \(school.batch1Seats)", "学校“\(school.id)”的 \(school.batch1Seats) 个一批次学位中占用了 \(batch1Taken[s]) 个"))
                }
                if generalBeforeRollOver[s] > school.capacity - school.batch1Seats {
                    throw PromiseViolation(promise: "capacity", detail: Message("school '\(school.id)' filled \(generalBeforeRollOver[s]) general seats of \(school.capacity - school.batch1Seats) before the first-batch roll-over", "学校“\(school.id)”在一批次剩余学位转入之前，\(school.capacity - school.batch1Seats) 个普通学位中占用了 \(generalBeforeRollOver[s]) 个"))
                }
            }
        }
    }

    /// Promise 4: no stage admits a student at a school while refusing there someone earlier in its deciding order.
    ///
    /// For lottery and zone stages this reads the recorded applications. For `nearest_by_lottery` overflow
    /// a student "applies" to every school of their scope: nobody earlier in the admission order may have
    /// been left unplaced, or sent further, while a later student got a seat at a school in their scope.
    /// `min_total_distance` sends students further on purpose (for a shorter total); there the order
    /// decides who is kept when seats are short (``checkKeptInAdmissionOrder(_:stage:plan:)``).
    public func checkNoJustifiedEnvy(_ result: PlacementResult) throws(PromiseViolation) {
        try checkNoJustifiedEnvy(result, workspace: PlacementWorkspace(self))
    }

    func checkNoJustifiedEnvy(_ result: PlacementResult, workspace: PlacementWorkspace) throws(PromiseViolation) {
        let schoolCount = dataset.schools.count
        // Per stage and school, the students the stage placed there: one pass over the students for all
        // stages, not one per stage.
        var placedBy = Array(repeating: 0, count: plans.count * schoolCount)
        for student in result.school.indices where result.placingStage[student] >= 0 && result.school[student] >= 0 {
            placedBy[Int(result.placingStage[student]) * schoolCount + Int(result.school[student])] += 1
        }
        for (index, plan) in plans.enumerated() {
            let record = result.stages[index]
            if case .overflow(let overflow) = plan {
                switch overflow.assignment {
                case .nearestByLottery: try checkOverflowEnvy(result, stage: index, plan: overflow, workspace: workspace)
                case .minTotalDistance: try checkKeptInAdmissionOrder(result, stage: index, plan: overflow)
                }
                continue
            }
            // With families together, a sibling unit too large for the seats left is refused as a whole and
            // later applicants who fit are admitted: that is the policy, not envy, so such units are not compared.
            // An admitted unit stands where its best member stands, so its members are compared by that key.
            let together = policy.stages[index].families == .together
            var unitKey: [UnitKey: AdmissionKey] = [:]
            if together {
                for application in record.applications where family[Int(application.student)] >= 0 {
                    let unit = UnitKey(school: application.school, family: family[Int(application.student)], round: application.key.round)
                    if unitKey[unit].map({ application.key < $0 }) ?? true { unitKey[unit] = application.key }
                }
            }
            // Per school, a student refused before one admitted (by the deciding order), if any, and the
            // applications admitted.
            var envy = [(refused: Int32, admitted: Int32)?](repeating: nil, count: schoolCount)
            var admittedHere = [Int](repeating: 0, count: schoolCount), appliedHere = [Int](repeating: 0, count: schoolCount)
            if !together && !policy.stages[index].ordersByPoints {
                // Packed keys order like the keys where points are 0, and compare as integers: most stages.
                var last = [UInt128](repeating: 0, count: schoolCount)       // packed + 1; 0: none admitted
                var first = [UInt128](repeating: .max, count: schoolCount)   // .max: none refused
                for application in record.applications {
                    let s = Int(application.school), packed = application.key.packed
                    appliedHere[s] += 1
                    if result.admitted(application, byStage: index) {
                        admittedHere[s] += 1
                        if packed + 1 > last[s] { last[s] = packed + 1 }
                    } else if packed < first[s] {
                        first[s] = packed
                    }
                }
                for s in 0..<schoolCount where last[s] > 0 && first[s] != .max && first[s] < last[s] - 1 {
                    // The packed key ends with the student.
                    envy[s] = (Int32(truncatingIfNeeded: first[s]), Int32(truncatingIfNeeded: last[s] - 1))
                }
            } else {
                var lastAdmitted = [AdmissionKey?](repeating: nil, count: schoolCount)
                var firstRefused = [AdmissionKey?](repeating: nil, count: schoolCount)
                for application in record.applications {
                    let s = Int(application.school), student = Int(application.student)
                    appliedHere[s] += 1
                    if result.admitted(application, byStage: index) {
                        admittedHere[s] += 1
                        var key = application.key
                        if together && family[student] >= 0 {
                            key = unitKey[UnitKey(school: application.school, family: family[student], round: key.round)]!
                        }
                        if lastAdmitted[s].map({ $0 < key }) ?? true { lastAdmitted[s] = key }
                    } else if together && family[student] >= 0 {
                        continue
                    } else if firstRefused[s].map({ application.key < $0 }) ?? true {
                        firstRefused[s] = application.key
                    }
                }
                for s in 0..<schoolCount {
                    if let admitted = lastAdmitted[s], let refused = firstRefused[s], refused < admitted { envy[s] = (refused.student, admitted.student) }
                }
            }
            // Top trading cycles is not stable: its promise is no Pareto improvement instead (SPEC §6.4).
            let stable = policy.stages[index].mechanism != .topTradingCycles
            for s in 0..<schoolCount {
                if stable, let (refused, admitted) = envy[s] {
                    throw PromiseViolation(promise: "no justified envy",
                                           detail: Message("stage '\(policy.stages[index].name)' refused '\(dataset.students[Int(refused)].id)' at '\(dataset.schools[s].id)' but admitted '\(dataset.students[Int(admitted)].id)', who comes later", "阶段“\(policy.stages[index].name)”在“\(dataset.schools[s].id)”拒绝了“\(dataset.students[Int(refused)].id)”，却录取了顺序在后的“\(dataset.students[Int(admitted)].id)”"))
                }
                // Each student the stage placed at a school applied there once, and got the seat it counts:
                // so a replication's admissions per school are its seats taken (SimulationTally counts them so).
                let placed = placedBy[index * schoolCount + s], taken = Int(record.seatsTaken[s])
                if placed != taken || admittedHere[s] != taken {
                    throw PromiseViolation(promise: "no justified envy",
                                           detail: Message("stage '\(policy.stages[index].name)' placed \(placed) students at '\(dataset.schools[s].id)', admitted \(admittedHere[s]) applications there and counts \(taken) seats taken: not one application admitted for each student placed",
                                                           "阶段“\(policy.stages[index].name)”在“\(dataset.schools[s].id)”安排了 \(placed) 名学生、录取了 \(admittedHere[s]) 份申请，记录占用学位 \(taken) 个：并非每名录取学生各有一份被录取的申请"))
                }
                // The applicants it counted per school (what a simulation tallies) are its applications there.
                if appliedHere[s] != Int(record.applicants[s]) {
                    throw PromiseViolation(promise: "no justified envy",
                                           detail: Message("stage '\(policy.stages[index].name)' decided \(appliedHere[s]) applications to '\(dataset.schools[s].id)' but counts \(record.applicants[s]) applicants there",
                                                           "阶段“\(policy.stages[index].name)”对“\(dataset.schools[s].id)”处理了 \(appliedHere[s]) 份申请，却记录申请人数 \(record.applicants[s]) 名"))
                }
            }
        }
    }

    /// For `nearest_by_lottery` a student "applies" to every school of their scope, nearest first (equal
    /// distances: the smaller `school_id`). So nobody may be sent further, or left out, while a school
    /// they would rather have went to someone later in the order — or was still not full at the end.
    private func checkOverflowEnvy(_ result: PlacementResult, stage index: Int, plan: OverflowPlan, workspace: PlacementWorkspace) throws(PromiseViolation) {
        let entries = result.stages[index].overflowEntries
        var lastAdmitted = [AdmissionKey?](repeating: nil, count: dataset.schools.count)
        let freeAtStart = generalSeats(atStartOf: index) { stage, school in Int(result.stages[stage].seatsTaken[school]) }
        var freeAtEnd = freeAtStart
        for entry in entries where result.isPlaced(Int(entry.student), byStage: index) {
            lastAdmitted[Int(result.school[Int(entry.student)])] = entry.key
            freeAtEnd[Int(result.school[Int(entry.student)])] -= 1
        }
        let reach = workspace.reach(stage: index, positions: entries.lazy.map { Int($0.position) }, plan: plan)
        // No other school can have been taken or left empty by the stage.
        let openAtStart = OverflowOpenSchools(plan, schoolSites: schoolSites) { freeAtStart[$0] > 0 }
        for entry in entries {
            let s = Int(entry.student)
            let position = Int(entry.position)
            let known = reach.isKnown(position)
            let placedHere = result.isPlaced(s, byStage: index)
            let own = placedHere ? Int(result.school[s]) : -1
            let scope = plan.scopes[Int(entry.scope)]
            var reachedOwn = false
            func preferred(_ school: Int) throws(PromiseViolation) {
                let taken = lastAdmitted[school].map { entry.key < $0 } ?? false
                guard taken || freeAtEnd[school] > 0 else { return }
                let later = taken ? dataset.students[Int(lastAdmitted[school]!.student)].id.text : ""
                let why = taken ? Message("gave a seat there to '\(later)', later in the order", "却把该校的学位给了顺序在后的“\(later)”")
                                : Message("left a seat there empty", "却让该校的学位空着")
                throw PromiseViolation(promise: "no justified envy",
                                       detail: Message("stage '\(policy.stages[index].name)' sent '\(dataset.students[s].id)' further than '\(dataset.schools[school].id)' (or left them out), and ",
                                                       "阶段“\(policy.stages[index].name)”把“\(dataset.students[s].id)”安排到比“\(dataset.schools[school].id)”更远的地方（或没有安排），") + why)
            }
            func recordedDistance(_ metres: Int32) throws(PromiseViolation) {
                guard metres == result.overflowDistance[s] else {
                    throw PromiseViolation(promise: "no justified envy",
                                           detail: Message("stage '\(policy.stages[index].name)' records \(result.overflowDistance[s]) m for '\(dataset.students[s].id)' to '\(dataset.schools[own].id)', which is \(metres) m away", "阶段“\(policy.stages[index].name)”记录“\(dataset.students[s].id)”到“\(dataset.schools[own].id)”的距离为 \(result.overflowDistance[s]) 米，实际为 \(metres) 米"))
                }
                reachedOwn = true
            }
            // The schools this student would rather have: those before their own in (metres, school_id)
            // order — every school of the scope with coordinates if they were left out. First those kept
            // in that order, then, if their own was not among them, the rest of the open ones.
            var walked: (metres: Int32, school: Int)?
            var beyondWalked = true
            if known {
                for i in reach.span(position) {
                    let nearest = reach.nearest[i]
                    let school = Int(scope[nearest.position])
                    if school == own {
                        try recordedDistance(nearest.metres)
                        break
                    }
                    try preferred(school)
                    walked = (nearest.metres, school)
                }
                beyondWalked = !reachedOwn && !reach.isComplete(position)
            }
            // Measured, like the stage, where the chord does not rule a school out past their own.
            if beyondWalked, let home = studentSites[s] {
                func measured(_ k: Int) -> Int32 { Int32(distanceMetres(home, schoolSites[Int(scope[k])]!)) }
                var ownMetres: Int32?
                if own >= 0, schoolSites[own] != nil, let k = plan.position(of: own, inScope: Int(entry.scope)) {
                    ownMetres = measured(k)
                    try recordedDistance(ownMetres!)
                }
                let point = ChordBound.Point(home)
                var bound = ChordBound()
                if let ownMetres { bound.within(ownMetres) }
                for k in openAtStart.positions(inScope: Int(entry.scope)) where Int(scope[Int(k)]) != own {
                    let school = Int(scope[Int(k)])
                    guard bound.mayBeWithin(schoolPoints[school]!, of: point) else { continue }
                    let d = measured(Int(k))
                    if let walked, d < walked.metres || (d == walked.metres && school <= walked.school) { continue }
                    if let ownMetres, d > ownMetres || (d == ownMetres && school > own) { continue }
                    try preferred(school)
                }
            }
            if placedHere && !reachedOwn {
                throw PromiseViolation(promise: "no justified envy",
                                       detail: Message("stage '\(policy.stages[index].name)' placed '\(dataset.students[s].id)' at '\(dataset.schools[own].id)', not a school of their scope with coordinates", "阶段“\(policy.stages[index].name)”把“\(dataset.students[s].id)”安排到“\(dataset.schools[own].id)”，而该校不是其统筹范围内有坐标的学校"))
            }
        }
    }
}

/// Siblings applying to one school in one round of one stage: the unit `families: together` admits.
private struct UnitKey: Hashable {
    var school: Int32
    var family: Int32
    var round: Int32
}

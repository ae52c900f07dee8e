/// What admitting a student records: where, under which lottery and number, and the rank of the
/// school among their counted preferences (0 where preferences are not ranked).
struct AdmittedStudent {
    var student: Int32
    var school: Int32
    var label: Int32
    var rank: Int16
    var number: UInt64

    init(_ application: Application, rank: Int) {
        student = application.student
        school = application.school
        label = application.label
        self.rank = Int16(rank)
        number = application.key.number
    }

    init(student: Int32, school: Int32, label: Int32, rank: Int16, number: UInt64) {
        self.student = student
        self.school = school
        self.label = label
        self.rank = rank
        self.number = number
    }
}

/// The state of one placement while its stages run: free seats per pool, who is placed, who is barred.
struct PlacementRun {
    let instance: PlacementInstance
    let workspace: PlacementWorkspace
    /// Philox key per label id, for this run's seed.
    let keys: [Philox4x32.Key]
    var result: PlacementResult
    /// Free seats per school in the `general` pool.
    var general: [Int32]
    /// Free seats per school in the `batch1` pool.
    var batch1: [Int32]
    /// Students a `losers: overflow_only` stage left unplaced: only overflow may still place them.
    var barred: [Bool]

    init(instance: PlacementInstance, seed: LotterySeed, workspace: PlacementWorkspace) {
        self.instance = instance
        self.workspace = workspace
        keys = instance.labels.map { seed.key(label: $0) }
        let schools = instance.dataset.schools
        result = PlacementResult(seed: seed, students: instance.dataset.students.count, stages: instance.policy.stages.count, schools: schools.count)
        // With no stage drawing on batch one, its seats are general from the start (SPEC §3).
        let batch1InUse = instance.policy.lastBatch1Stage != nil
        general = schools.map { Int32(batch1InUse ? $0.capacity - $0.batch1Seats : $0.capacity) }
        batch1 = schools.map { Int32(batch1InUse ? $0.batch1Seats : 0) }
        barred = Array(repeating: false, count: instance.dataset.students.count)
    }

    /// Fills in the lottery number of every application (drawn four at a time): the stages list their
    /// applications first and draw for all of them at once.
    func drawNumbers(_ applications: inout [Application]) {
        let counters = instance.counters, keys = keys
        // Sound: the buffer is used only inside the closure, and every index is below its count.
        applications.withUnsafeMutableBufferPointer { applications in
            Philox4x32.numbers(count: applications.count,
                               input: { (counters[Int(applications[$0].student)], keys[Int(applications[$0].label)]) },
                               output: { applications[$0].key.number = $1 })
        }
    }

    /// The same for the students an overflow stage takes in.
    func drawNumbers(_ entries: inout [OverflowEntry]) {
        let counters = instance.counters, keys = keys
        entries.withUnsafeMutableBufferPointer { entries in
            Philox4x32.numbers(count: entries.count,
                               input: { (counters[Int(entries[$0].student)], keys[Int(entries[$0].label)]) },
                               output: { entries[$0].key.number = $1 })
        }
    }

    /// What a deciding key holds as the student's points: their points where the stage orders by points
    /// (`byPoints`, read once per stage), 0 elsewhere.
    @inline(__always)
    func points(_ student: Int32, if byPoints: Bool) -> UInt32 {
        byPoints ? instance.points[Int(student)] : 0
    }

    @inline(__always)
    func isAvailable(_ student: Int32) -> Bool {
        result.school[Int(student)] < 0 && !barred[Int(student)]
    }

    /// The plan indices of the multi-zone plan's students still available (unplaced, not barred), each
    /// marked as taking part in the stage: where every multi-zone mechanism starts.
    mutating func takeIn(_ plan: MultiZonePlan) -> [Int32] {
        var taking: [Int32] = []
        taking.reserveCapacity(plan.students.count)
        // Written through its span, the array is checked for unique ownership once, not per student.
        let school = result.school, barred = self.barred, students = plan.students
        var tookPart = result.tookPart.mutableSpan
        for i in students.indices {
            let s = Int(students[i])
            if school[s] < 0 && !barred[s] {
                taking.append(Int32(i))
                tookPart[s] = true
            }
        }
        return taking
    }

    mutating func admit(_ application: Application, stage: Int, rank: Int = 0) {
        let s = Int(application.student)
        result.school[s] = application.school
        result.placingStage[s] = Int16(stage)
        result.label[s] = application.label
        result.number[s] = application.key.number
        result.preferenceRank[s] = Int16(rank)
        result.stages[stage].seatsTaken[Int(application.school)] += 1
    }

    /// Admits many at once: the same as ``admit(_:stage:rank:)`` one by one, written through the result's
    /// buffers once.
    mutating func admit(_ admitted: [AdmittedStudent], stage: Int) {
        // Sound: every student and school index of an admission is below the count of its array, as
        // the plans that made them guarantee; no buffer outlives its closure.
        result.school.withUnsafeMutableBufferPointer { school in
            result.placingStage.withUnsafeMutableBufferPointer { placingStage in
                result.label.withUnsafeMutableBufferPointer { label in
                    result.number.withUnsafeMutableBufferPointer { number in
                        result.preferenceRank.withUnsafeMutableBufferPointer { preferenceRank in
                            result.stages[stage].seatsTaken.withUnsafeMutableBufferPointer { seatsTaken in
                                for admission in admitted {
                                    let s = Int(admission.student)
                                    school[s] = admission.school
                                    placingStage[s] = Int16(stage)
                                    label[s] = admission.label
                                    number[s] = admission.number
                                    preferenceRank[s] = admission.rank
                                    seatsTaken[Int(admission.school)] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Takes in every student of an overflow stage still unplaced, in the stage's one admission order
    /// (priority tier, number in their scope's lottery, `student_id`), and records the lottery each took
    /// part in, placed or not (SPEC §5: an unplaced student's label and number are those of the last
    /// overflow stage).
    mutating func takeInOverflow(_ plan: OverflowPlan, stage: Int) -> [OverflowEntry] {
        var entries: [OverflowEntry] = []
        let byPoints = instance.policy.stages[stage].ordersByPoints
        for i in plan.students.indices where result.school[Int(plan.students[i])] < 0 {
            let student = plan.students[i]
            let key = AdmissionKey(tier: plan.tiers[i], points: points(student, if: byPoints), number: 0, student: student)
            entries.append(OverflowEntry(student: student, key: key, label: plan.labels[i], scope: plan.scopeOfStudent[i], position: Int32(i)))
        }
        drawNumbers(&entries)
        if byPoints {
            entries.sort { $0.key < $1.key }
        } else {
            // Sorted as packed keys, cheaper to move and compare than entries. The entries are in plan
            // order, which is student order, so an entry's index stands in for its student in the key.
            assert(zip(entries, entries.dropFirst()).allSatisfy { $0.student < $1.student }, "overflow entries out of student order")
            var keys = entries.indices.map { (entries[$0].key.packed >> 32) << 32 | UInt128($0) }
            keys.sort()
            entries = keys.map { entries[Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF)] }
        }
        // Each array written through its span, checked for unique ownership once rather than per student
        // (and one at a time: two spans of the result would be overlapping accesses to it).
        do {
            var tookPart = result.tookPart.mutableSpan
            for entry in entries { tookPart[Int(entry.student)] = true }
        }
        do {
            var lastOverflowStage = result.lastOverflowStage.mutableSpan
            for entry in entries { lastOverflowStage[Int(entry.student)] = Int16(stage) }
        }
        do {
            var label = result.label.mutableSpan
            for entry in entries { label[Int(entry.student)] = entry.label }
        }
        do {
            var number = result.number.mutableSpan
            for entry in entries { number[Int(entry.student)] = entry.key.number }
        }
        return entries
    }

    /// Applies `losers: overflow_only` to the students a stage took in and did not place.
    mutating func bar(_ students: some Sequence<Int32>, stage: Int) {
        guard instance.policy.stages[stage].losers == .overflowOnly else { return }
        for s in students where result.school[Int(s)] < 0 { barred[Int(s)] = true }
    }

    mutating func run() {
        let lastBatch1 = instance.policy.lastBatch1Stage
        for (index, plan) in instance.plans.enumerated() {
            switch plan {
            case .singleSchool(let candidates, let pool):
                runSingleSchool(candidates, pool: pool, stage: index)
            case .multiZone(let multi):
                switch multi.mechanism {
                case .immediateAcceptance(let families): runImmediateAcceptance(multi, together: families == .together, stage: index)
                case .deferredAcceptance: runDeferredAcceptance(multi, stage: index)
                case .parallel(let e): runParallel(multi, choicesPerRound: e, stage: index)
                case .topTradingCycles: runTopTradingCycles(multi, stage: index)
                }
            case .overflow(let overflow):
                switch overflow.assignment {
                case .nearestByLottery: runNearestByLottery(overflow, stage: index)
                case .minTotalDistance(let objective): runMinTotalDistance(overflow, objective: objective, stage: index)
                }
            }
            if index == lastBatch1 {
                for s in general.indices {
                    general[s] += batch1[s]
                    batch1[s] = 0
                }
            }
        }
    }
}

extension PlacementInstance {
    /// Places every student with the lotteries of `seed`, then checks the promises of SPEC §6.
    ///
    /// - Throws: ``PromiseViolation`` if a promise is broken — a bug in Paiwei, never a data problem.
    /// - Complexity: O(*n*·*k*·log *n* + *o*·*m*) for *n* students with *k* preferences, *o* students in
    ///   overflow and *m* schools.
    public func place(seed: LotterySeed, checkingPromises: Bool = true) throws(PromiseViolation) -> PlacementResult {
        // One placement keeps no overflow distances: measuring the schools with a free seat as the stage
        // and its check go costs less than ordering every school of every scope, which pays only over
        // many replications (a simulation's workers keep them).
        try place(seed: seed, checkingPromises: checkingPromises, workspace: PlacementWorkspace(self, reachBudget: 0))
    }

    /// The same, reusing what `workspace` kept from earlier placements of this instance (one worker's).
    package func place(seed: LotterySeed, checkingPromises: Bool = true, workspace: PlacementWorkspace) throws(PromiseViolation) -> PlacementResult {
        var run = PlacementRun(instance: self, seed: seed, workspace: workspace)
        run.run()
        if checkingPromises { try checkPromises(run.result, workspace: workspace) }
        return run.result
    }
}

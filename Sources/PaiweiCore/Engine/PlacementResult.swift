/// The outcome of one placement run, per student in index (= `student_id`) order, flat for speed.
public struct PlacementResult: Sendable {
    public let seed: LotterySeed
    /// Admitted school per student; -1 for none.
    public internal(set) var school: [Int32]
    /// Stage that placed the student; -1 for none.
    public internal(set) var placingStage: [Int16]
    /// The last overflow stage the student took part in, placed or not; -1 for none.
    public internal(set) var lastOverflowStage: [Int16]
    /// 1-based rank of the school among the student's counted preferences (multi_zone placements); 0 otherwise.
    public internal(set) var preferenceRank: [Int16]
    /// Label id (``PlacementInstance/labels``) of the lottery that placed the student, or of their last overflow; -1 for none.
    public internal(set) var label: [Int32]
    /// The student's number in that lottery.
    public internal(set) var number: [UInt64]
    /// Whether any stage took the student in (else nothing in the policy could place them).
    public internal(set) var tookPart: [Bool]
    /// Home-to-school metres for students placed by an overflow stage; -1 otherwise.
    public internal(set) var overflowDistance: [Int32]
    /// What each stage did, in the policy's order.
    public internal(set) var stages: [StageRecord]

    init(seed: LotterySeed, students: Int, stages: Int, schools: Int) {
        self.seed = seed
        school = Array(repeating: -1, count: students)
        placingStage = Array(repeating: -1, count: students)
        lastOverflowStage = Array(repeating: -1, count: students)
        preferenceRank = Array(repeating: 0, count: students)
        label = Array(repeating: -1, count: students)
        number = Array(repeating: 0, count: students)
        tookPart = Array(repeating: false, count: students)
        overflowDistance = Array(repeating: -1, count: students)
        self.stages = (0..<stages).map { _ in StageRecord(seatsTaken: Array(repeating: 0, count: schools)) }
    }

    public func isPlaced(_ student: Int) -> Bool { school[student] >= 0 }

    /// Whether stage `index` placed student `student`: the one test of "placed by stage i".
    @inline(__always)
    public func isPlaced(_ student: Int, byStage index: Int) -> Bool { Int(placingStage[student]) == index }

    /// The stage `placements.csv` names for the student (SPEC §5): the stage that placed them, else the
    /// last overflow stage they took part in; nil for neither.
    public func publishedStage(_ student: Int) -> Int? {
        let stage = placingStage[student] >= 0 ? placingStage[student] : lastOverflowStage[student]
        return stage >= 0 ? Int(stage) : nil
    }
}

/// One application a stage decided: a student asking a school for a seat, in the school's deciding order.
public struct Application: Sendable, Hashable {
    public var school: Int32
    public var label: Int32
    /// The deciding key, which ends with the student: 32 bytes in all, a replication makes and checks
    /// hundreds of thousands of them.
    public var key: AdmissionKey
    public var student: Int32 { key.student }

    init(student: Int32, school: Int32, key: AdmissionKey, label: Int32) {
        precondition(key.student == student, "an application whose key is another student's")
        self.school = school
        self.label = label
        self.key = key
    }
}

/// A student an overflow stage took in, in its one admission order.
public struct OverflowEntry: Sendable, Hashable {
    public var student: Int32
    public var key: AdmissionKey
    public var label: Int32
    /// Index of the student's scope in the stage's plan.
    public var scope: Int32
    /// The student's position in the stage's plan.
    public var position: Int32
}

/// What one stage did.
public struct StageRecord: Sendable {
    /// Every application decided (in overflow: one per student placed, at the school they got); a stage
    /// records them with ``record(_:)``.
    public internal(set) var applications: [Application] = []
    /// Per school, the applications decided there: counted as they are recorded, while a stage's
    /// applications are still in cache, so that a simulation tallies applicants without reading every
    /// application again (the envy check counts them again and compares).
    public internal(set) var applicants: [Int32]
    /// Overflow stages: every student taken in, in admission order.
    public internal(set) var overflowEntries: [OverflowEntry] = []
    /// Seats the stage filled, per school.
    public internal(set) var seatsTaken: [Int32]
    /// `top_trading_cycles` stages: every seat traded, one per student placed, in the order the cycles closed.
    public internal(set) var trades: [Trade] = []
    /// `min_total_distance` overflow stages: the proof that the assignment is optimal.
    public internal(set) var overflowCertificate: OverflowCertificate?

    init(seatsTaken: [Int32]) {
        self.seatsTaken = seatsTaken
        applicants = Array(repeating: 0, count: seatsTaken.count)
    }

    /// Sets the stage's applications and counts them per school.
    mutating func record(_ applications: [Application]) {
        self.applications = applications
        var applicants = [Int32](repeating: 0, count: seatsTaken.count)
        for application in applications { applicants[Int(application.school)] += 1 }
        self.applicants = applicants
    }
}

/// One student's seat in a cycle of top trading cycles: `student` got `school`, which pointed to
/// `partner` (its first remaining applicant), while `offered` — the school that pointed to `student` —
/// went on round the cycle. `partner == student` when the student got a school by their own place in its
/// order (a cycle of one student and one school): no trade.
public struct Trade: Sendable, Hashable {
    public var student: Int32
    public var school: Int32
    public var partner: Int32
    public var offered: Int32
    /// The cycle's number among the stage's, from 0, in the order cycles closed; and its length in students.
    public var cycle: Int32
    public var cycleLength: Int32
}

/// A school's side of one stage: what `schools.csv` publishes so a family can check its own result.
public struct SchoolStageSummary: Sendable, Equatable {
    public var applicants = 0
    public var admitted = 0
    /// The deciding key of the last student admitted, when someone who applied was refused.
    public var cutoff: AdmissionKey?
    /// Label of the cutoff student's lottery.
    public var cutoffLabel: Int32?
}

extension PlacementResult {
    /// Whether stage `index` admitted `application` (the student got that school from that stage).
    @inline(__always)
    public func admitted(_ application: Application, byStage index: Int) -> Bool {
        isPlaced(Int(application.student), byStage: index) && school[Int(application.student)] == application.school
    }

    /// Per school, applicants, admitted and cutoff in stage `index`.
    public func schoolSummaries(stage index: Int, schools: Int) -> [SchoolStageSummary] {
        var summaries = Array(repeating: SchoolStageSummary(), count: schools)
        var refused = Array(repeating: false, count: schools)
        for application in stages[index].applications {
            let s = Int(application.school)
            summaries[s].applicants += 1
            if admitted(application, byStage: index) {
                summaries[s].admitted += 1
                if summaries[s].cutoff.map({ $0 < application.key }) ?? true {
                    summaries[s].cutoff = application.key
                    summaries[s].cutoffLabel = application.label
                }
            } else {
                refused[s] = true
            }
        }
        for s in 0..<schools where !refused[s] {
            summaries[s].cutoff = nil
            summaries[s].cutoffLabel = nil
        }
        return summaries
    }
}

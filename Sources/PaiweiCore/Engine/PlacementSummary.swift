/// The figures of one placement that a person reads — counts per outcome and reason, what each stage
/// did, how far overflow sent students — computed once and written alike by `summary.json`,
/// `report.html` and the command line.
///
/// - Complexity: O(*n* + *a* + *o* log *o*) for *n* students, *a* applications and *o* students placed by
///   an overflow stage.
public struct PlacementSummary: Sendable {
    public let students: Int
    public let schools: Int
    /// Sum of the capacities.
    public let seats: Int
    /// Students per outcome.
    public let outcomes: [PlacementOutcome: Int]
    /// Reason code → students carrying it, in byte order of the codes.
    public let reasons: [(code: String, count: Int)]
    /// Per stage, in the policy's order.
    public let stages: [StageFigures]
    /// Every student placed by an overflow stage.
    public let overflowDistances: DistanceFigures
    public let warnings: Int

    public struct StageFigures: Sendable {
        /// Students the stage took in.
        public let tookPart: Int
        /// Seats it filled.
        public let placed: Int
        /// Schools where it refused someone who applied (0 for overflow stages).
        public let oversubscribedSchools: Int
        /// Overflow stages: the students it placed.
        public let distances: DistanceFigures?
    }

    public init(instance: PlacementInstance, result: PlacementResult) {
        let n = instance.dataset.students.count
        students = n
        schools = instance.dataset.schools.count
        seats = instance.dataset.schools.reduce(0) { $0 + $1.capacity }
        warnings = instance.warnings.count
        var outcomes: [PlacementOutcome: Int] = [:]
        // Reasons are counted per distinct reason string first: there are only a handful, so splitting
        // them afterwards costs nothing, unlike splitting one string per student.
        var reasonStrings: [String: Int] = [:]
        for s in 0..<n {
            outcomes[instance.outcome(s, in: result), default: 0] += 1
            let reason = instance.reason(s, in: result)
            if !reason.isEmpty { reasonStrings[reason, default: 0] += 1 }
        }
        var codes: [Identifier: Int] = [:]
        for (reason, count) in reasonStrings {
            for code in reason.split(separator: ";") { codes[Identifier(String(code)), default: 0] += count }
        }
        self.outcomes = outcomes
        reasons = codes.keys.sorted().map { ($0.text, codes[$0]!) }

        var seen = Array(repeating: -1, count: n)
        var stages: [StageFigures] = []
        var overflow: [Int] = []
        for (index, stage) in instance.policy.stages.enumerated() {
            let record = result.stages[index]
            var tookPart = 0
            if stage.kind == .overflow {
                tookPart = record.overflowEntries.count
            } else {
                for application in record.applications where seen[Int(application.student)] != index {
                    seen[Int(application.student)] = index
                    tookPart += 1
                }
            }
            let placed = record.seatsTaken.reduce(0) { $0 + Int($1) }
            var oversubscribed = 0, distances: DistanceFigures?
            if stage.kind == .overflow {
                let metres = (0..<n).filter { result.isPlaced($0, byStage: index) }.map { Int(result.overflowDistance[$0]) }
                overflow += metres
                distances = DistanceFigures(metres)
            } else {
                oversubscribed = result.schoolSummaries(stage: index, schools: schools).filter { $0.applicants > $0.admitted }.count
            }
            stages.append(StageFigures(tookPart: tookPart, placed: placed, oversubscribedSchools: oversubscribed, distances: distances))
        }
        self.stages = stages
        overflowDistances = DistanceFigures(overflow)
    }

    public func count(_ outcome: PlacementOutcome) -> Int { outcomes[outcome] ?? 0 }
}

/// Home-to-school metres of the students placed by overflow, in the fairness figures a bureau asks for,
/// each rounded one way: means and medians half up, percentiles by nearest rank (``NearestRank``).
public struct DistanceFigures: Sendable {
    /// Ascending.
    public let sorted: [Int]

    public init(_ metres: [Int]) {
        sorted = metres.sorted()
    }

    public var students: Int { sorted.count }
    public var total: Int { sorted.reduce(0, +) }
    public var maximum: Int { sorted.last ?? 0 }
    /// Rounded half up; nil when nobody was placed by overflow.
    public var mean: Int? { sorted.isEmpty ? nil : (total + students / 2) / students }
    /// The middle value, or the two middle values averaged, rounded half up; nil when nobody.
    public var median: Int? {
        let n = sorted.count
        guard n > 0 else { return nil }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2] + 1) / 2
    }
    public var p95: Int? { sorted.isEmpty ? nil : NearestRank.value(sorted, percent: 95) }
    /// Students sent further than `metres`.
    public func over(_ metres: Int) -> Int { sorted.count { $0 > metres } }
}

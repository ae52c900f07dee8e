import PaiweiCore
import PaiweiRuns
/// The files of a placement's output folder (SPEC §5), rendered in memory so that they can be
/// written all at once or not at all.
public struct PlacementFiles: Sendable {
    public let instance: PlacementInstance
    public let result: PlacementResult

    public init(instance: PlacementInstance, result: PlacementResult) {
        self.instance = instance
        self.result = result
    }

    /// File name → bytes, in the order they are listed to the user.
    public func render() -> [(name: String, bytes: [UInt8])] {
        [
            ("placements.csv", placementsCSV()),
            ("schools.csv", schoolsCSV()),
            ("warnings.csv", warningsCSV()),
            ("summary.json", Array(summary().rendered().utf8)),
        ]
    }

    public func outcome(_ s: Int) -> PlacementOutcome { instance.outcome(s, in: result) }

    /// The reason codes of a student, documented in docs/outputs.md.
    public func reason(_ s: Int) -> String { instance.reason(s, in: result) }

    public func placementsCSV() -> [UInt8] {
        let students = instance.dataset.students, schools = instance.dataset.schools, stages = instance.policy.stages
        var csv = CSVWriter(header: ["student_id", "outcome", "school_id", "stage", "preference_rank", "lottery_label", "lottery_number", "reason"])
        for s in students.indices {
            let outcome = outcome(s)
            let school = result.school[s]
            let stage = result.publishedStage(s)
            let label = result.label[s]
            csv.append([
                students[s].id.text,
                outcome.rawValue,
                school >= 0 ? schools[Int(school)].id.text : "",
                outcome != .ineligible ? stage.map { stages[$0].name } ?? "" : "",
                result.preferenceRank[s] > 0 ? String(result.preferenceRank[s]) : "",
                label >= 0 ? instance.labels[Int(label)] : "",
                label >= 0 ? formatLotteryNumber(result.number[s]) : "",
                reason(s),
            ])
        }
        return csv.bytes
    }

    func tierName(_ tier: Int32, stage: Stage) -> String {
        Int(tier) < stage.priority.count ? stage.priority[Int(tier)].description : "none"
    }

    public func schoolsCSV() -> [UInt8] {
        let schools = instance.dataset.schools, stages = instance.policy.stages
        var header = ["school_id", "name", "kind", "district", "capacity", "batch1_seats"]
        for stage in stages {
            if stage.kind == .overflow {
                header.append(stage.name + ".admitted")
                continue
            }
            header += [stage.name + ".applicants", stage.name + ".admitted"]
            if stage.decidesByRound { header.append(stage.name + ".cutoff_round") }
            header.append(stage.name + ".cutoff_tier")
            // Only where the stage orders by points, so that every other file keeps its columns.
            if stage.ordersByPoints { header.append(stage.name + ".cutoff_points") }
            header.append(stage.name + ".cutoff_number")
            if stage.kind == .multiZone { header.append(stage.name + ".cutoff_lottery") }
        }
        header += ["seats_taken", "seats_left"]
        let summaries = stages.indices.map { result.schoolSummaries(stage: $0, schools: schools.count) }
        var taken = Array(repeating: 0, count: schools.count)
        for school in result.school where school >= 0 { taken[Int(school)] += 1 }
        var csv = CSVWriter(header: header)
        for (s, school) in schools.enumerated() {
            var row = [school.id.text, school.name, school.kind.rawValue, school.district.text, String(school.capacity), String(school.batch1Seats)]
            for (index, stage) in stages.enumerated() {
                let summary = summaries[index][s]
                if stage.kind == .overflow {
                    row.append(String(summary.admitted))
                    continue
                }
                row += [String(summary.applicants), String(summary.admitted)]
                let cutoff = summary.cutoff
                if stage.decidesByRound { row.append(cutoff.map { String($0.round + 1) } ?? "") }
                row.append(cutoff.map { tierName($0.tier, stage: stage) } ?? "")
                if stage.ordersByPoints { row.append(cutoff.map { Points(hundredths: $0.points).description } ?? "") }
                row.append(cutoff.map { formatLotteryNumber($0.number) } ?? "")
                if stage.kind == .multiZone { row.append(summary.cutoffLabel.map { instance.labels[Int($0)] } ?? "") }
            }
            row += [String(taken[s]), String(school.capacity - taken[s])]
            csv.append(row)
        }
        return csv.bytes
    }

    public func warningsCSV() -> [UInt8] {
        var csv = CSVWriter(header: ["file", "line", "student_id", "message"])
        for warning in instance.warnings {
            csv.append([warning.file, String(warning.line), warning.studentID.text, warning.message])
        }
        return csv.bytes
    }

    /// Counts per outcome, stage and reason; overflow distances (``PlacementSummary``). No timestamps,
    /// so it is byte-stable.
    public func summary() -> JSONValue {
        let summary = PlacementSummary(instance: instance, result: result)
        var stages: [JSONValue] = []
        for (index, stage) in instance.policy.stages.enumerated() {
            let figures = summary.stages[index]
            var members: [(String, JSONValue)] = [
                ("name", .string(stage.name)),
                ("kind", .string(stage.kind.rawValue)),
                ("took_part", .int(figures.tookPart)),
                ("placed", .int(figures.placed)),
                ("oversubscribed_schools", .int(figures.oversubscribedSchools)),
            ]
            if stage.kind == .overflow {
                members.append(("method", .string(stage.method.rawValue)))
                members.append(("objective", .string(stage.objective.rawValue)))
                members.append(("distance_metres", Self.json(figures.distances!)))
            }
            stages.append(.object(members))
        }
        return .object([
            ("policy", .string(instance.policy.name)),
            ("seed", .string(result.seed.hex)),
            ("students", .int(summary.students)),
            ("schools", .int(summary.schools)),
            ("seats", .int(summary.seats)),
            ("outcomes", .object(PlacementOutcome.allCases.map { ($0.rawValue, .int(summary.count($0))) })),
            ("stages", .array(stages)),
            ("reasons", .object(summary.reasons.map { ($0.code, .int($0.count)) })),
            ("warnings", .int(summary.warnings)),
            ("overflow_distance_metres", Self.json(summary.overflowDistances)),
        ])
    }

    /// The fairness figures a bureau asks for: how many, total, longest, mean, 95th percentile and how
    /// many travel more than 3 km and more than 5 km (null where nobody was placed by overflow).
    static func json(_ figures: DistanceFigures) -> JSONValue {
        .object([
            ("students", .int(figures.students)),
            ("total", .int(figures.total)),
            ("max", .int(figures.maximum)),
            ("mean", figures.mean.map { .int($0) } ?? .null),
            ("p95", figures.p95.map { .int($0) } ?? .null),
            ("over_3km", .int(figures.over(3000))),
            ("over_5km", .int(figures.over(5000))),
        ])
    }
}

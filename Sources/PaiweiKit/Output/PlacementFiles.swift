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

    public enum Outcome: String, Sendable {
        case placed, unplaced, ineligible
    }

    public func outcome(_ s: Int) -> Outcome {
        if instance.screening[s].isIneligible { return .ineligible }
        return result.school[s] >= 0 ? .placed : .unplaced
    }

    /// The reason codes of a student, documented in docs/outputs.md.
    public func reason(_ s: Int) -> String {
        let screening = instance.screening[s].reasonCode
        switch outcome(s) {
        case .ineligible, .placed: return screening ?? ""
        case .unplaced:
            let why = result.tookPart[s] ? "no_free_seat" : "no_stage"
            return screening.map { $0 + ";" + why } ?? why
        }
    }

    public func placementsCSV() -> [UInt8] {
        let students = instance.dataset.students, schools = instance.dataset.schools, stages = instance.policy.stages
        var csv = CSVWriter(header: ["student_id", "outcome", "school_id", "stage", "preference_rank", "lottery_label", "lottery_number", "reason"])
        for s in students.indices {
            let outcome = outcome(s)
            let school = result.school[s]
            let stage = result.stage[s]
            let label = result.label[s]
            csv.append([
                students[s].id,
                outcome.rawValue,
                school >= 0 ? schools[Int(school)].id : "",
                outcome != .ineligible && stage >= 0 ? stages[Int(stage)].name : "",
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
            if stage.kind == .multiZone && stage.mechanism == .immediateAcceptance { header.append(stage.name + ".cutoff_round") }
            header += [stage.name + ".cutoff_tier", stage.name + ".cutoff_number"]
            if stage.kind == .multiZone { header.append(stage.name + ".cutoff_lottery") }
        }
        header += ["seats_taken", "seats_left"]
        let summaries = stages.indices.map { result.schoolSummaries(stage: $0, schools: schools.count) }
        var taken = Array(repeating: 0, count: schools.count)
        for school in result.school where school >= 0 { taken[Int(school)] += 1 }
        var csv = CSVWriter(header: header)
        for (s, school) in schools.enumerated() {
            var row = [school.id, school.name, school.kind.rawValue, school.district, String(school.capacity), String(school.batch1Seats)]
            for (index, stage) in stages.enumerated() {
                let summary = summaries[index][s]
                if stage.kind == .overflow {
                    row.append(String(summary.admitted))
                    continue
                }
                row += [String(summary.applicants), String(summary.admitted)]
                let cutoff = summary.cutoff
                if stage.kind == .multiZone && stage.mechanism == .immediateAcceptance { row.append(cutoff.map { String($0.round + 1) } ?? "") }
                row += [cutoff.map { tierName($0.tier, stage: stage) } ?? "", cutoff.map { formatLotteryNumber($0.number) } ?? ""]
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
            csv.append([warning.file, String(warning.line), warning.studentID, warning.message])
        }
        return csv.bytes
    }

    /// Counts per outcome, stage and reason; overflow distances. No timestamps, so it is byte-stable.
    public func summary() -> JSONValue {
        let n = instance.dataset.students.count
        var outcomes: [Outcome: Int] = [:]
        var reasons: [String: Int] = [:]
        for s in 0..<n {
            outcomes[outcome(s), default: 0] += 1
            for code in reason(s).split(separator: ";") { reasons[String(code), default: 0] += 1 }
        }
        var stages: [JSONValue] = []
        var seen = Array(repeating: -1, count: n)
        for (index, stage) in instance.policy.stages.enumerated() {
            var tookPart = 0
            let record = result.stages[index]
            if stage.kind == .overflow {
                tookPart = record.overflowEntries.count
            } else {
                for application in record.applications where seen[Int(application.student)] != index {
                    seen[Int(application.student)] = index
                    tookPart += 1
                }
            }
            let placed = record.seatsTaken.reduce(0) { $0 + Int($1) }
            let oversubscribed = stage.kind == .overflow ? 0
                : result.schoolSummaries(stage: index, schools: instance.dataset.schools.count).filter { $0.applicants > $0.admitted }.count
            stages.append(.object([
                ("name", .string(stage.name)),
                ("kind", .string(stage.kind.rawValue)),
                ("took_part", .int(tookPart)),
                ("placed", .int(placed)),
                ("oversubscribed_schools", .int(oversubscribed)),
            ]))
        }
        var total = 0, maximum = 0, count = 0
        for d in result.overflowDistance where d >= 0 {
            total += Int(d)
            maximum = max(maximum, Int(d))
            count += 1
        }
        return .object([
            ("policy", .string(instance.policy.name)),
            ("seed", .string(result.seed.hex)),
            ("students", .int(n)),
            ("schools", .int(instance.dataset.schools.count)),
            ("seats", .int(instance.dataset.schools.reduce(0) { $0 + $1.capacity })),
            ("outcomes", .object([Outcome.placed, .unplaced, .ineligible].map { ($0.rawValue, .int(outcomes[$0] ?? 0)) })),
            ("stages", .array(stages)),
            ("reasons", .object(reasons.keys.sorted().map { ($0, .int(reasons[$0]!)) })),
            ("warnings", .int(instance.warnings.count)),
            ("overflow_distance_metres", .object([
                ("students", .int(count)),
                ("total", .int(total)),
                ("max", .int(maximum)),
                ("mean", count > 0 ? .int((total + count / 2) / count) : .null),
            ])),
        ])
    }
}

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
                students[s].id.text,
                outcome.rawValue,
                school >= 0 ? schools[Int(school)].id.text : "",
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
            var row = [school.id.text, school.name, school.kind.rawValue, school.district.text, String(school.capacity), String(school.batch1Seats)]
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
            csv.append([warning.file, String(warning.line), warning.studentID.text, warning.message])
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
            var members: [(String, JSONValue)] = [
                ("name", .string(stage.name)),
                ("kind", .string(stage.kind.rawValue)),
                ("took_part", .int(tookPart)),
                ("placed", .int(placed)),
                ("oversubscribed_schools", .int(oversubscribed)),
            ]
            if stage.kind == .overflow {
                members.append(("method", .string(stage.method.rawValue)))
                members.append(("objective", .string(stage.objective.rawValue)))
                let distances = (0..<n).filter { Int(result.stage[$0]) == index && result.school[$0] >= 0 }.map { Int(result.overflowDistance[$0]) }
                members.append(("distance_metres", Self.distanceFigures(distances)))
            }
            stages.append(.object(members))
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
            ("overflow_distance_metres", Self.distanceFigures(result.overflowDistance.filter { $0 >= 0 }.map(Int.init))),
        ])
    }

    /// Home-to-school metres of overflow students, in the fairness figures a bureau asks for: how many,
    /// total, longest, mean (rounded half up; null when nobody), 95th percentile and how many travel
    /// more than 3 km and more than 5 km.
    static func distanceFigures(_ distances: [Int]) -> JSONValue {
        let sorted = distances.sorted()
        let count = sorted.count, total = sorted.reduce(0, +)
        // Nearest rank: the smallest distance with at least 95 % of the students at or below it.
        let p95 = count > 0 ? JSONValue.int(nearestRank(sorted, percent: 95)) : .null
        return .object([
            ("students", .int(count)),
            ("total", .int(total)),
            ("max", .int(sorted.last ?? 0)),
            ("mean", count > 0 ? .int((total + count / 2) / count) : .null),
            ("p95", p95),
            ("over_3km", .int(sorted.count { $0 > 3000 })),
            ("over_5km", .int(sorted.count { $0 > 5000 })),
        ])
    }
}

import Foundation
import PaiweiCore
import PaiweiRuns

/// The output folder of `paiwei simulate` (and of `paiwei merge`): odds per student, pressure per
/// school and zone, a summary, and the raw tally that lets slices be merged.
public struct SimulationFiles: Sendable {
    public let instance: PlacementInstance
    public let seed: LotterySeed
    public let tally: SimulationTally
    /// Names the inputs this tally belongs to, so that slices of different runs are never merged.
    public let identity: SimulationIdentity

    public init(instance: PlacementInstance, seed: LotterySeed, tally: SimulationTally, identity: SimulationIdentity) {
        self.instance = instance
        self.seed = seed
        self.tally = tally
        self.identity = identity
    }

    public func render() -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = [
            ("student_odds.csv", studentOddsCSV()),
            ("school_pressure.csv", schoolPressureCSV()),
            ("zone_pressure.csv", zonePressureCSV()),
            ("summary.json", Array(summary().rendered().utf8)),
        ]
        if let comparison = tally.comparison { files.append(("mechanism_comparison.csv", comparison.csv())) }
        files.append(("report.html", Array(SimulationReportPage(files: self).html().utf8)))
        files.append((SimulationTally.fileName, tally.encoded(identity: identity)))
        return files
    }

    /// A probability or a mean as the files write it: `%.*f` digits, four decimals unless said.
    static func decimal(_ x: Double, _ digits: Int = 4) -> String {
        FixedDecimal.string(x, decimals: digits)
    }

    public func studentOddsCSV() -> [UInt8] {
        let n = tally.replications
        let students = instance.dataset.students, schools = instance.dataset.schools
        var csv = CSVWriter(header: ["student_id", "outcome", "school_id", "count", "probability", "ci_low", "ci_high"])
        func row(_ s: Int, _ outcome: String, _ school: String, _ count: Int) {
            let (low, high) = wilsonInterval(successes: count, trials: n)
            csv.field(students[s].id.text)
            csv.field(outcome)
            csv.field(school)
            csv.field(count)
            csv.field(n > 0 ? Double(count) / Double(n) : 0, decimals: 4)
            csv.field(low, decimals: 4)
            csv.field(high, decimals: 4)
            csv.endRow()
        }
        for s in students.indices {
            if instance.screening[s].isIneligible {
                row(s, "ineligible", "", n)
                continue
            }
            for item in tally.placed[s] { row(s, "placed", schools[Int(item.school)].id.text, Int(item.count)) }
            for item in tally.overflow[s] { row(s, "overflow", schools[Int(item.school)].id.text, Int(item.count)) }
            if tally.unplaced[s] > 0 { row(s, "unplaced", "", tally.unplaced[s]) }
        }
        return csv.bytes
    }

    public func schoolPressureCSV() -> [UInt8] {
        let n = tally.replications, schools = instance.dataset.schools
        var csv = CSVWriter(header: ["school_id", "name", "capacity", "stage", "oversubscribed", "p_oversubscribed", "ci_low", "ci_high",
                                     "applicants_mean", "applicants_p5", "applicants_p95", "seats_filled_mean", "seats_filled_p5", "seats_filled_p95"])
        for (s, school) in schools.enumerated() {
            for (stage, definition) in instance.policy.stages.enumerated() where definition.kind != .overflow {
                let cell = stage * schools.count + s
                let applicants = tally.applicants[cell], admitted = tally.admitted[cell]
                guard applicants.sum > 0 else { continue }   // nobody ever applied here in this stage
                let count = tally.oversubscribed[cell]
                let (low, high) = wilsonInterval(successes: count, trials: n)
                csv.append([school.id.text, school.name, String(school.capacity), definition.name, String(count),
                            Self.decimal(Double(count) / Double(max(1, n))), Self.decimal(low), Self.decimal(high),
                            Self.decimal(applicants.mean, 1), String(applicants.percentile(5)), String(applicants.percentile(95)),
                            Self.decimal(admitted.mean, 1), String(admitted.percentile(5)), String(admitted.percentile(95))])
            }
            let filled = tally.filled[s]
            csv.append([school.id.text, school.name, String(school.capacity), "all", "", "", "", "", "", "", "",
                        Self.decimal(filled.mean, 1), String(filled.percentile(5)), String(filled.percentile(95))])
        }
        return csv.bytes
    }

    public func zonePressureCSV() -> [UInt8] {
        let n = tally.replications
        var residents = Array(repeating: 0, count: instance.dataset.zones.count)
        for student in instance.dataset.students { residents[student.zone] += 1 }
        var csv = CSVWriter(header: ["zone_id", "kind", "students", "overflow_mean", "overflow_p95", "unplaced_mean", "unplaced_p95",
                                     "p_any_unplaced", "ci_low", "ci_high"])
        for (z, zone) in instance.dataset.zones.enumerated() {
            let overflow = tally.zoneOverflow[z], unplaced = tally.zoneUnplaced[z]
            let anyUnplaced = unplaced.total - (unplaced.counts[0] ?? 0)
            let (low, high) = wilsonInterval(successes: anyUnplaced, trials: n)
            csv.append([zone.id.text, zone.kind.rawValue, String(residents[z]),
                        Self.decimal(overflow.mean, 2), String(overflow.percentile(95)),
                        Self.decimal(unplaced.mean, 2), String(unplaced.percentile(95)),
                        Self.decimal(Double(anyUnplaced) / Double(max(1, n))), Self.decimal(low), Self.decimal(high)])
        }
        return csv.bytes
    }

    public func summary() -> JSONValue {
        let n = tally.replications
        var placed = 0, overflow = 0, unplaced = 0, ineligible = 0
        for s in 0..<tally.students {
            if instance.screening[s].isIneligible { ineligible += n; continue }
            placed += tally.placed[s].reduce(0) { $0 + Int($1.count) }
            overflow += tally.overflow[s].reduce(0) { $0 + Int($1.count) }
            unplaced += tally.unplaced[s]
        }
        func mean(_ total: Int) -> JSONValue { .double(n == 0 ? 0 : (Double(total) / Double(n) * 100).rounded() / 100) }
        let oversubscribedSchools = instance.policy.stages.enumerated().filter { $0.element.kind != .overflow }.map { stage, definition -> JSONValue in
            let cells = (0..<tally.schools).map { stage * tally.schools + $0 }
            let likely = cells.filter { n > 0 && tally.oversubscribed[$0] * 2 > n }.count
            return .object([("stage", .string(definition.name)), ("schools_oversubscribed_in_most_replications", .int(likely))])
        }
        return .object([
            ("policy", .string(instance.policy.name)),
            ("seed", .string(seed.hex)),
            ("replications", .int(n)),
            ("replication_ranges", .array(tally.ranges.map { .string("\($0.lowerBound)..<\($0.upperBound)") })),
            ("students", .int(tally.students)),
            ("expected_per_replication", .object([
                ("placed_by_lottery_or_zone", mean(placed)),
                ("placed_by_overflow", mean(overflow)),
                ("unplaced", mean(unplaced)),
                ("ineligible", mean(ineligible)),
            ])),
            ("stages", .array(oversubscribedSchools)),
        ])
    }

    /// The outcomes of `expected_per_replication` in words, Chinese and English: for the page and the terminal.
    public static let outcomeNames: [String: (chinese: String, english: String)] = [
        "placed_by_lottery_or_zone": ("派位或划片录取", "placed by lottery or zone"), "placed_by_overflow": ("统筹安排", "placed by overflow"),
        "unplaced": ("未录取", "unplaced"), "ineligible": ("不符合资格", "ineligible"),
    ]
}

import PaiweiCore
/// One school or zone in one forecast year: demand against seats, its warning level, and what the
/// replications say about refusals, overflow and distance (a row of `forecast.csv`).
///
/// Definitions (docs/forecast.md):
/// - school **demand**: the students who need a seat there — those its single-choice lotteries admit
///   (private, boarding, first-batch group) plus every student claiming a seat there through a zone or
///   feeder right (feeder, single-zone and multi-zone stages), admitted or turned away; an expected
///   number. Lottery applicants who lose are not counted: they keep their zone seat elsewhere and are
///   counted there. **seats**: the school's capacity that year.
/// - zone **demand**: the expected number of the zone's children needing a zone seat — not ineligible,
///   not placed by a single-choice lottery or a feeder stage (they have a seat by another right);
///   **seats**: the seats of the zone's schools its children got or could have had — those its children
///   were placed in (by a zone or overflow stage), those left empty at the end, and those that went to
///   others in a stage after the zone's own (its children came first for them). Seats that lottery
///   winners, feeder pupils or children of other zones took before or alongside its children are not
///   the zone's. Children count for the
///   zone the placement uses for them (a redirected child's is the multi zone), and a multi zone's
///   children include those of the single zones rolling up to it. So a zone is red when its children
///   fill its schools or some had to go elsewhere.
/// - **level**: red when demand ≥ red threshold × seats, yellow when ≥ yellow threshold × seats.
public struct ForecastRow: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case school, zone
    }

    public let scope: Scope
    public let id: String
    public let name: String
    /// School kind (`public`, `private`, `boarding`) or zone kind (`single`, `multi`).
    public let kind: String
    public let year: Int
    public let replications: Int
    /// Demand and seats summed over the replications, so that their ratio and the level are exact.
    public let demandSum: Int
    public let seatsSum: Int
    public let level: WarningLevel
    public let children: Int
    /// Schools: distinct applicants in every stage but overflow, lottery losers included.
    public let applicantsSum: Int?
    /// Zones: where the cohort size comes from.
    public let basis: CohortBasis?
    /// Replications with a refusal at the school / with a child of the zone in overflow or unplaced.
    public let oversubscribed: Int
    // Schools only.
    public let turnedAwaySum: Int?
    public let filledSum: Int?
    public let overflowInSum: Int?
    // Zones only.
    public let overflowSum: Int?
    public let unplacedSum: Int?
    public let distance: Histogram?

    /// demand / seats as a percentage with one decimal, truncated like every ratio written (`112.5%`);
    /// `∞` for demand without seats, `—` for neither.
    public var demandShare: String {
        if seatsSum > 0 { return NumberText.truncatedRatio(demandSum, seatsSum, decimals: 1, percent: true) + "%" }
        return demandSum > 0 ? "∞" : "—"
    }

    /// demand / seats, compared exactly: demand without seats is above every ratio, and neither is 0.
    func hasHigherRatio(than other: ForecastRow) -> Bool {
        let infinite = seatsSum == 0 && demandSum > 0, otherInfinite = other.seatsSum == 0 && other.demandSum > 0
        if infinite || otherInfinite { return infinite && !otherInfinite }
        let (a, b) = seatsSum == 0 ? (0, 1) : (demandSum, seatsSum)
        let (c, d) = other.seatsSum == 0 ? (0, 1) : (other.demandSum, other.seatsSum)
        return a * d > c * b
    }

    /// Worst first: red before yellow, then the higher demand ratio, then the earlier year, schools
    /// before zones, and by id.
    package static func worseFirst(_ a: ForecastRow, _ b: ForecastRow) -> Bool {
        if a.level != b.level { return a.level > b.level }
        if a.hasHigherRatio(than: b) { return true }
        if b.hasHigherRatio(than: a) { return false }
        if a.year != b.year { return a.year < b.year }
        if a.scope != b.scope { return a.scope == .school }
        return utf8Less(a.id, b.id)
    }
}

extension ForecastResult {
    /// Every school, then every zone, each in id order and by year.
    public func rows() -> [ForecastRow] {
        let thresholds = settings.thresholds
        let schools = inputs.dataset.schools, zones = inputs.dataset.zones
        var rows: [ForecastRow] = []
        for (s, school) in schools.enumerated() {
            for year in years {
                let tally = year.tally, n = tally.replications
                let seats = year.plan.capacity[s] * n
                let demand = tally.lotteryTaken[s] + tally.claimants[s]
                rows.append(ForecastRow(
                    scope: .school, id: school.id.text, name: school.name, kind: school.kind.rawValue, year: year.year, replications: n,
                    demandSum: demand, seatsSum: seats, level: thresholds.level(demand: demand, seats: seats),
                    children: year.schoolChildren[s], applicantsSum: tally.applicants[s], basis: nil, oversubscribed: tally.oversubscribed[s],
                    turnedAwaySum: tally.turnedAway[s], filledSum: tally.filled[s], overflowInSum: tally.overflowIn[s],
                    overflowSum: nil, unplacedSum: nil, distance: nil))
            }
        }
        for (z, zone) in zones.enumerated() {
            for year in years {
                let tally = year.tally, n = tally.replications
                let schoolsOfZone = year.plan.zoneSchools[z]
                let empty = schoolsOfZone.reduce(0) { $0 + year.plan.capacity[$1] * n - tally.filled[$1] }
                let seats = tally.zoneSeated[z] + empty + tally.zoneLaterOthers[z]
                rows.append(ForecastRow(
                    scope: .zone, id: zone.id.text, name: schoolsOfZone.map { schools[$0].id.text }.joined(separator: ";"), kind: zone.kind.rawValue,
                    year: year.year, replications: n,
                    demandSum: tally.zoneDemand[z], seatsSum: seats, level: thresholds.level(demand: tally.zoneDemand[z], seats: seats),
                    children: year.zoneChildren[z], applicantsSum: nil, basis: year.plan.basis[z], oversubscribed: tally.zoneShort[z],
                    turnedAwaySum: nil, filledSum: nil, overflowInSum: nil,
                    overflowSum: tally.zoneOverflow[z], unplacedSum: tally.zoneUnplaced[z], distance: tally.zoneDistance[z]))
            }
        }
        return rows
    }
}

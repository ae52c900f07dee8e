import Foundation
import PaiweiCore

/// The seat-shortage forecast (学位预警, SPEC §7 `paiwei forecast`): for each coming year, that year's
/// cohort and seats, placed by the full policy many times, and the schools and zones that run short.
///
/// Every random choice hangs off the year's seed
///
///     seed_Y = SHA-256(seed ‖ "forecast" ‖ Y as 8 bytes, little-endian)
///
/// which draws the year's cohort (``CohortResampling``, lotteries `cohort/<zone_id>`) and whose
/// replication r is exactly the final placement of that cohort with `seed_Y.replication(r)` (SPEC §4).
/// Replications are shared among workers and
/// tallied in integers, so the result does not depend on the number of workers.
public enum Forecast {
    /// The seed when none is given: SHA-256("paiwei-forecast-v1"), written in `summary.json` like any other.
    public static let defaultSeed = LotterySeed(bytes: SHA256.hash(Array("paiwei-forecast-v1".utf8)))!

    public static func yearSeed(_ seed: LotterySeed, year: Int) -> LotterySeed {
        seed.derived("forecast", UInt64(bitPattern: Int64(year)))
    }

    /// Runs the forecast.
    /// - Parameter progress: called after each replication with the number done so far over all years (from any thread).
    /// - Throws: ``InputProblems`` when this year's data breaks a rule of the policy (located in the input
    ///   files); ``PromiseViolation`` if a placement breaks a promise (a bug).
    /// - Complexity: O(*Y* · (prepare + *R* · place)) for *Y* years and *R* replications; memory O(*n* + *m*)
    ///   per worker, whatever *R* is.
    public static func run(inputs: ForecastInputs, policy: Policy, settings: ForecastSettings,
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> ForecastResult {
        // This year's data first, against the policy: its problems are reported with their real lines,
        // and the copies made from it can break no rule that it does not.
        let base = try PlacementInstance(dataset: inputs.dataset, policy: policy, workers: settings.workers)
        let residents = CohortResampling.residents(of: inputs.dataset)
        var years: [ForecastYear] = []
        for (index, year) in settings.years.enumerated() {
            let plan = inputs.plan(year: year)
            let seed = yearSeed(settings.seed, year: year)
            let students = CohortResampling.students(of: inputs.dataset, residents: residents, plan: plan, seed: seed)
            let dataset = plan.dataset(from: inputs.dataset, students: students)
            let instance = try PlacementInstance(dataset: dataset, policy: policy, workers: settings.workers)
            let offset = index * settings.replications
            let tally = try replicate(instance, seed: seed, replications: settings.replications, workers: settings.workers) { done in
                progress?(offset + done)
            }
            years.append(ForecastYear(plan: plan, seed: seed, dataset: dataset, tally: tally))
        }
        return ForecastResult(inputs: inputs, policy: policy, settings: settings, thisYearWarnings: base.warnings.count, years: years)
    }

    /// Replications 0..<`count` of `instance` with `seed.replication(r)`, tallied.
    static func replicate(_ instance: PlacementInstance, seed: LotterySeed, replications count: Int, workers: Int,
                          progress: @escaping @Sendable (Int) -> Void) throws(PromiseViolation) -> ForecastTally {
        let counting = ForecastCounting(instance: instance)
        let schools = instance.dataset.schools.count, zones = instance.dataset.zones.count
        return try ReplicationRunner.run(
            instance, seed: seed, replications: 0..<count, workers: workers,
            makeTally: { ForecastTally(schools: schools, zones: zones) },
            count: { tally, result, _ in tally.add(result, counting) },
            merge: { $0.merge($1) },
            progress: progress)
    }
}

public struct ForecastSettings: Sendable {
    public var years: ClosedRange<Int>
    public var replications: Int
    public var seed: LotterySeed
    public var workers: Int
    public var thresholds: WarningThresholds

    public init(years: ClosedRange<Int>, replications: Int, seed: LotterySeed = Forecast.defaultSeed, workers: Int = 1,
                thresholds: WarningThresholds = .zhejiang) {
        self.years = years
        self.replications = replications
        self.seed = seed
        self.workers = workers
        self.thresholds = thresholds
    }
}

/// One forecast year: what held, and what the replications added up to.
public struct ForecastYear: Sendable {
    public let plan: ForecastYearPlan
    public let seed: LotterySeed
    public let students: Int
    /// Per zone: its children in the cohort (a multi zone's including those of its single zones).
    public let zoneChildren: [Int]
    /// Per school: the children of the zones it serves, a single zone's children counting also for the
    /// schools of the multi zone it rolls up to.
    public let schoolChildren: [Int]
    public let tally: ForecastTally

    init(plan: ForecastYearPlan, seed: LotterySeed, dataset: Dataset, tally: ForecastTally) {
        self.plan = plan
        self.seed = seed
        self.students = dataset.students.count
        self.tally = tally
        let zones = dataset.zones
        let residents = dataset.residentsPerZone
        var zoneChildren = residents
        var schoolChildren = Array(repeating: 0, count: dataset.schools.count)
        for (z, zone) in zones.enumerated() {
            var served = Set(zone.schools)
            if let parent = zone.parent {
                zoneChildren[parent] += residents[z]
                served.formUnion(zones[parent].schools)
            }
            for s in served { schoolChildren[s] += residents[z] }
        }
        self.zoneChildren = zoneChildren
        self.schoolChildren = schoolChildren
    }

    public var year: Int { plan.year }
}

/// A whole forecast, ready to be written (``ForecastFiles``).
public struct ForecastResult: Sendable {
    public let inputs: ForecastInputs
    public let policy: Policy
    public let settings: ForecastSettings
    /// Preferences and choices this year's data has that the policy skips (as in `warnings.csv` of `place`).
    public let thisYearWarnings: Int
    public let years: [ForecastYear]
}


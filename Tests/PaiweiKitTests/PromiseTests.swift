import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

import Foundation

/// The promises of SPEC §6 on many generated districts with fixed seeds: rows shuffled, 1 and several workers.
///
/// 500 districts in `swift test`; `scripts/sweep.sh` runs 20,000 (`PAIWEI_SWEEP_DISTRICTS`, from
/// `PAIWEI_SWEEP_FIRST`), every one with its seed in the failure message.
@Suite struct PromiseTests {
    static let districts: [UInt64] = {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["PAIWEI_SWEEP_DISTRICTS"].flatMap { UInt64($0) } ?? 500
        let first = environment["PAIWEI_SWEEP_FIRST"].flatMap { UInt64($0) } ?? 0
        return Array(first..<first + count)
    }()

    static func outputs(_ instance: PlacementInstance, seed: LotterySeed) throws -> [String: [UInt8]] {
        let result = try instance.place(seed: seed)
        let files = PlacementFiles(instance: instance, result: result)
        return ["placements.csv": files.placementsCSV(), "schools.csv": files.schoolsCSV(), "summary.json": Array(files.summary().rendered().utf8)]
    }

    @Test(arguments: districts)
    func promisesHoldWhateverTheRowOrderAndWorkers(district seed: UInt64) throws {
        let district = RandomDistrict(seed: seed)
        let policy = try Policy.parse(district.policy, file: "policy.json")
        let lotterySeed = LotterySeed(bytes: SHA256.hash("district \(seed)"))!
        let reference = try PlacementInstance(dataset: Dataset.parse(files: district.files()), policy: policy, workers: 1)
        let expected = try Self.outputs(reference, seed: lotterySeed)   // promises 1, 2 and 4 are checked inside place

        let shuffled = try PlacementInstance(dataset: Dataset.parse(files: district.files(shuffledWith: seed &+ 99)), policy: policy, workers: 3)
        let actual = try Self.outputs(shuffled, seed: lotterySeed)
        for name in expected.keys.sorted() {
            #expect(actual[name] == expected[name], "district \(seed): \(name) changes with row order or workers")
        }

        // Nothing lost, counted independently of the checker: one row per student, each id once.
        let lines = String(decoding: expected["placements.csv"]!, as: UTF8.self).split(separator: "\n").dropFirst()
        // Ids are byte strings: a Set of Strings would merge canonically equivalent ones.
        let ids = lines.map { Identifier(String($0.split(separator: ",", omittingEmptySubsequences: false)[0])) }
        #expect(ids.count == district.rows["students.csv"]!.count, "district \(seed)")
        #expect(Set(ids).count == ids.count, "district \(seed)")

        // Capacity, counted independently.
        let result = try reference.place(seed: lotterySeed)
        var taken: [Int32: Int] = [:]
        for school in result.school where school >= 0 { taken[school, default: 0] += 1 }
        for (school, count) in taken {
            #expect(count <= reference.dataset.schools[Int(school)].capacity, "district \(seed)")
        }
    }

    /// Deferred acceptance gives a stable matching: no student prefers a school that has a free seat,
    /// or holds a student who comes later in its order.
    @Test(arguments: districts)
    func deferredAcceptanceIsStable(district seed: UInt64) throws {
        var district = RandomDistrict(seed: seed)
        district.policy = district.policy.replacingOccurrences(of: "immediate_acceptance", with: "deferred_acceptance")
            .replacingOccurrences(of: #""mechanism": "deferred_acceptance", "tie_break": "single", "priority": ["disabled", "care", "feeder"], "families": "together""#,
                                  with: #""mechanism": "deferred_acceptance", "tie_break": "single", "priority": ["disabled", "care", "feeder"], "families": "separate""#)
            .replacingOccurrences(of: #""mechanism": "deferred_acceptance", "tie_break": "multiple", "priority": ["disabled", "care", "feeder"], "families": "together""#,
                                  with: #""mechanism": "deferred_acceptance", "tie_break": "multiple", "priority": ["disabled", "care", "feeder"], "families": "separate""#)
        let instance = try PlacementInstance(dataset: Dataset.parse(files: district.files()), policy: Policy.parse(district.policy, file: "policy.json"))
        let result = try instance.place(seed: testSeed)
        guard let stage = instance.policy.stages.firstIndex(where: { $0.kind == .multiZone }),
              case .multiZone(let plan) = instance.plans[stage] else { return }
        let run = PlacementRun(instance: instance, seed: testSeed, workspace: PlacementWorkspace(instance))
        var seatsForStage = Array(repeating: 0, count: instance.dataset.schools.count)
        var worstHeld: [Int: AdmissionKey] = [:]
        for application in result.stages[stage].applications
        where result.isPlaced(Int(application.student), byStage: stage) && result.school[Int(application.student)] == application.school {
            seatsForStage[Int(application.school)] += 1
            if worstHeld[Int(application.school)].map({ $0 < application.key }) ?? true { worstHeld[Int(application.school)] = application.key }
        }
        // Free seats when the stage ran = what it filled + what is still free at the end minus later stages' fills.
        var freeAfter = instance.dataset.schools.map(\.capacity)
        for school in result.school where school >= 0 { freeAfter[Int(school)] -= 1 }
        // Students taking part: those who made at least one proposal (who may take part is tested by the hand-made cases).
        let proposers = Set(result.stages[stage].applications.map(\.student))
        for i in plan.students.indices {
            let student = plan.students[i]
            guard proposers.contains(student) else { continue }
            for candidate in plan.preferences(of: i) {
                if result.isPlaced(Int(student), byStage: stage) && result.school[Int(student)] == candidate.school { break }
                let key = AdmissionKey(tier: candidate.tier, number: instance.counters[Int(student)].number(key: run.keys[Int(candidate.label)]), student: student)
                let school = Int(candidate.school)
                let laterFills = (stage + 1..<instance.policy.stages.count).reduce(0) { $0 + Int(result.stages[$1].seatsTaken[school]) }
                let freeDuringStage = freeAfter[school] + laterFills
                #expect(freeDuringStage == 0, "district \(seed): \(instance.dataset.students[Int(student)].id) wanted a free seat")
                if let worst = worstHeld[school] {
                    #expect(worst < key, "district \(seed): \(instance.dataset.students[Int(student)].id) has justified envy")
                }
            }
        }
    }

    // MARK: The checkers catch what they should

    @Test func capacityCheckCatchesAnOverfullSchool() throws {
        let placed = try HandMadeCaseTests.multiZone.place(HandMadeCaseTests.multiZonePolicy("deferred_acceptance"))
        var broken = placed.result
        broken.school[placed.index("s1")] = broken.school[placed.index("x")]   // two students in a one-seat school
        broken.stages[0].seatsTaken[Int(broken.school[placed.index("x")])] += 1
        broken.stages[0].seatsTaken[Int(placed.result.school[placed.index("s1")])] -= 1
        #expect(throws: PromiseViolation.self) { try placed.instance.checkCapacity(broken) }
    }

    /// A student moved to a school they never applied to, with the seats counted to match: the stage's
    /// admissions there no longer match its seats taken (which the simulation's tally relies on).
    @Test func envyCheckCatchesAPlacementWithoutAnApplication() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nA,5,39.90,116.40\nB,5,39.95,116.40\n",
            zones: "zone_id,kind,schools\nZ,single,A\n",
            students: "student_id,zone_id,lat,lon\na,Z,39.90,116.40\nb,Z,39.90,116.40\n")
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "single_zone"}]}"#)
        #expect(placed.school("a") == "A")
        var broken = placed.result
        let a = placed.index("a"), schoolA = Int(broken.school[a]), schoolB = 1 - schoolA
        broken.school[a] = Int32(schoolB)
        broken.stages[0].seatsTaken[schoolA] -= 1
        broken.stages[0].seatsTaken[schoolB] += 1
        try placed.instance.checkNoJustifiedEnvy(placed.result)
        #expect(throws: PromiseViolation.self) { try placed.instance.checkNoJustifiedEnvy(broken) }
    }

    /// The applicants a stage counts per school (what a simulation tallies) must be its applications
    /// there: a refused application dropped, or a count changed, is caught on either path of the check.
    @Test(arguments: [
        HandMadeCaseTests.multiZonePolicy("deferred_acceptance"),
        #"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "order": "points_then_lottery"}]}"#,
    ])
    func envyCheckCatchesApplicantsMiscounted(policy: String) throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\nB,2\n",
            zones: "zone_id,kind,schools\nM,multi,A;B\n",
            students: "student_id,zone_id,points,preferences\np,M,3,A;B\nq,M,2,A;B\nr,M,1,A;B\n")
        let placed = try district.place(policy)
        try placed.instance.checkNoJustifiedEnvy(placed.result)
        let schoolA = Int32(placed.instance.dataset.schools.firstIndex { $0.id == "A" }!)
        #expect(placed.result.stages[0].applicants[Int(schoolA)] == 3)
        var dropped = placed.result
        let refused = try #require(dropped.stages[0].applications.firstIndex { $0.school == schoolA && !dropped.admitted($0, byStage: 0) })
        dropped.stages[0].applications.remove(at: refused)
        var miscounted = placed.result
        miscounted.stages[0].applicants[Int(schoolA)] += 1
        for broken in [dropped, miscounted] {
            let violation = try #require(throws: PromiseViolation.self) { try placed.instance.checkNoJustifiedEnvy(broken) }
            #expect(violation.detail.english.contains("applications to 'A'"))
        }
    }

    /// A stage ordering by lottery alone compares packed keys; one ordering by points, or admitting
    /// families together, whole keys: the swap is caught either way.
    @Test(arguments: [
        HandMadeCaseTests.multiZonePolicy("immediate_acceptance"),
        #"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "order": "points_then_lottery"}]}"#,
        #"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "families": "together"}]}"#,
    ])
    func envyCheckCatchesASwap(policy: String) throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\n",
            zones: "zone_id,kind,schools\nM,multi,A\n",
            students: "student_id,zone_id,preferences\np,M,A\nq,M,A\n")
        let placed = try district.place(policy)
        var broken = placed.result
        let winner = placed.school("p") == "A" ? "p" : "q", loser = winner == "p" ? "q" : "p"
        broken.school[placed.index(loser)] = broken.school[placed.index(winner)]
        broken.placingStage[placed.index(loser)] = 0
        broken.school[placed.index(winner)] = -1
        broken.placingStage[placed.index(winner)] = -1
        #expect(throws: PromiseViolation.self) { try placed.instance.checkNoJustifiedEnvy(broken) }
        try placed.instance.checkNoJustifiedEnvy(placed.result)
    }

    @Test func nothingLostCatchesAPlacedIneligibleStudent() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nS,5\n", zones: "zone_id,kind,schools\nZ,single,S\n",
            students: "student_id,zone_id,housing\nok,Z,owned\nbad,Z,garage\n")
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "single_zone"}]}"#)
        var broken = placed.result
        broken.school[placed.index("bad")] = 0
        broken.tookPart[placed.index("bad")] = true
        #expect(throws: PromiseViolation.self) { try placed.instance.checkNothingLost(broken) }
    }

    @Test func overflowEnvyCatchesAFartherSeatForAnEarlierStudent() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nNear,1,39.90,116.40\nFar,1,39.99,116.40\n",
            zones: "zone_id,kind,schools\nZ,single,Near\n",
            students: "student_id,zone_id,lat,lon\na,Z,39.90,116.40\nb,Z,39.90,116.40\n")
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "scope": "all"}]}"#)
        #expect(Set([placed.school("a"), placed.school("b")]) == ["Near", "Far"])
        let broken = Self.swappingOverflowSeats(placed.result, placed.index("a"), placed.index("b"))
        for workspace in Self.workspaces {
            #expect(throws: PromiseViolation.self) { try placed.instance.checkNoJustifiedEnvy(broken, workspace: workspace(placed.instance)) }
        }
    }

    /// `result` with students `i` and `j` in each other's overflow seats, and each other's recorded metres.
    static func swappingOverflowSeats(_ result: PlacementResult, _ i: Int, _ j: Int) -> PlacementResult {
        var swapped = result
        swapped.school.swapAt(i, j)
        swapped.overflowDistance.swapAt(i, j)
        return swapped
    }

    /// The seat given away lies past the start of the nearest-first order a workspace keeps (with one
    /// kept, the check looks at the third school among the open ones).
    @Test func overflowEnvyCatchesASeatGivenAwayPastTheKeptOrder() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nS1,1,39.90,116.40\nS2,1,39.92,116.40\nS3,1,39.94,116.40\nS4,1,39.96,116.40\n",
            zones: "zone_id,kind,schools\nZ,single,S1\n",
            students: "student_id,zone_id,lat,lon\na,Z,39.90,116.40\nb,Z,39.90,116.40\nc,Z,39.90,116.40\nd,Z,39.90,116.40\n")
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "scope": "all"}]}"#)
        let third = placed.index(try #require(["a", "b", "c", "d"].first { placed.school($0) == "S3" }))
        let fourth = placed.index(try #require(["a", "b", "c", "d"].first { placed.school($0) == "S4" }))
        let broken = Self.swappingOverflowSeats(placed.result, third, fourth)
        for workspace in Self.workspaces {
            try placed.instance.checkNoJustifiedEnvy(placed.result, workspace: workspace(placed.instance))
            #expect(throws: PromiseViolation.self) { try placed.instance.checkNoJustifiedEnvy(broken, workspace: workspace(placed.instance)) }
        }
    }

    @Test func overflowEnvyCatchesASeatLeftEmptyAndAWrongDistance() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nNear,1,39.90,116.40\nFar,1,39.99,116.40\n",
            zones: "zone_id,kind,schools\nZ,single,Near\n",
            students: "student_id,zone_id,lat,lon\na,Z,39.90,116.40\nb,Z,39.90,116.40\n")
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "scope": "all"}]}"#)
        for made in Self.workspaces {
            let workspace = { made(placed.instance) }
            try placed.instance.checkNoJustifiedEnvy(placed.result, workspace: workspace())
            let far = placed.school("a") == "Far" ? placed.index("a") : placed.index("b")
            // Left out although a seat in their scope stayed free.
            var leftOut = placed.result
            leftOut.school[far] = -1
            leftOut.placingStage[far] = -1
            #expect(throws: PromiseViolation.self) { try placed.instance.checkNoJustifiedEnvy(leftOut, workspace: workspace()) }
            // Placed where they were sent, but with a distance that is not that school's.
            var misrecorded = placed.result
            misrecorded.overflowDistance[far] += 1
            #expect(throws: PromiseViolation.self) { try placed.instance.checkNoJustifiedEnvy(misrecorded, workspace: workspace()) }
        }
    }

    /// With the overflow distances kept (the default budget), measured as the stage goes (none), partly
    /// kept, and kept with only the nearest school in order (so the rest are looked at as open schools):
    /// the promise checks of each way are tested on the same broken results.
    static let workspaces: [@Sendable (PlacementInstance) -> PlacementWorkspace] = [
        { PlacementWorkspace($0) }, { PlacementWorkspace($0, reachBudget: 0) }, { PlacementWorkspace($0, reachBudget: 7) },
        { PlacementWorkspace($0, nearestKept: 1) },
    ]

    /// Overflow stages decide the same whether a worker keeps the distances or measures them as it goes
    /// (a scope too large for ``PlacementWorkspace/defaultReachBudget``), and whether it keeps the whole
    /// nearest-first order or only its start, and every check accepts it.
    @Test(arguments: districts.prefix(200))
    func overflowDecidesTheSameWithoutKeptDistances(district seed: UInt64) throws {
        let district = RandomDistrict(seed: seed)
        let policy = try Policy.parse(district.policy, file: "policy.json")
        let instance = try PlacementInstance(dataset: Dataset.parse(files: district.files()), policy: policy, workers: 1)
        let lotterySeed = LotterySeed(bytes: SHA256.hash("district \(seed)"))!
        let kept = try instance.place(seed: lotterySeed, workspace: PlacementWorkspace(instance))
        // None kept, a budget that runs out part-way (some students kept, the rest measured), and the
        // order kept for the nearest one or two schools only.
        for (budget, nearest) in [(0, 32), (40, 32), (PlacementWorkspace.defaultReachBudget, 1), (PlacementWorkspace.defaultReachBudget, 2)] {
            let measured = try instance.place(seed: lotterySeed, workspace: PlacementWorkspace(instance, reachBudget: budget, nearestKept: nearest))
            let way = "district \(seed), budget \(budget), nearest \(nearest)"
            #expect(measured.school == kept.school, "\(way)")
            #expect(measured.overflowDistance == kept.overflowDistance, "\(way)")
            #expect(measured.placingStage == kept.placingStage, "\(way)")
        }
    }
}

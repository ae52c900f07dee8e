import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// `multi_zone` mechanism `top_trading_cycles` (Abdulkadiroğlu and Sönmez 2003; SPEC §3, revision of
/// 2026-12-01): against the paper's rounds written out plainly and against brute force on tiny districts,
/// where schools rank students differently (a sibling there first, then points, then the lottery).
@Suite struct TopTradingCyclesTests {
    /// A tiny random district: one multi zone, up to three schools and five students.
    struct Tiny {
        var capacity: [Int]
        var preferences: [[Int]]
        var sibling: [Int?]
        var points: [Int]

        init(seed: UInt64) {
            var random = TestRandom(state: seed &* 0x9E37_79B9 &+ 17)
            let schools = 1 + random.int(3), students = 1 + random.int(5)
            capacity = (0..<schools).map { _ in random.int(3) }
            preferences = (0..<students).map { _ in
                var all = Array(0..<schools)
                random.shuffle(&all)
                return Array(all.prefix(1 + random.int(schools)))
            }
            sibling = (0..<students).map { _ in random.chance(0.4) ? random.int(schools) : nil }
            points = (0..<students).map { _ in random.int(4) }
        }

        func district(_ preferences: [[Int]]? = nil) -> TestDistrict {
            let preferences = preferences ?? self.preferences
            return TestDistrict(
                schools: "school_id,capacity\n" + capacity.enumerated().map { "S\($0.offset),\($0.element)" }.joined(separator: "\n"),
                zones: "zone_id,kind,schools\nM,multi,\(capacity.indices.map { "S\($0)" }.joined(separator: ";"))\n",
                students: "student_id,zone_id,points,sibling_school,preferences\n" + preferences.indices.map { i in
                    "s\(i),M,\(points[i]),\(sibling[i].map { "S\($0)" } ?? ""),\(preferences[i].map { "S\($0)" }.joined(separator: ";"))"
                }.joined(separator: "\n"))
        }

        static let policy = #"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "mechanism": "top_trading_cycles", "priority": ["sibling"], "order": "points_then_lottery"}]}"#

        /// School k's order: a sibling there first, then more points, then the lottery, then the id.
        func key(_ i: Int, at k: Int) -> (Int, Int, UInt64, String) {
            (sibling[i] == k ? 0 : 1, -points[i], lotteryNumber(seed: testSeed, label: "m/M", studentID: "s\(i)"), "s\(i)")
        }

        /// The paper's rounds, written out: all students point, all schools point, every cycle trades at once.
        func rounds() -> [Int?] {
            var free = capacity, got = [Int?](repeating: nil, count: preferences.count)
            var active = Set(preferences.indices)
            while true {
                for i in active where !preferences[i].contains(where: { free[$0] > 0 }) { active.remove(i) }
                if active.isEmpty { return got }
                var pointsTo = [Int: Int]()
                for i in active { pointsTo[i] = preferences[i].first { free[$0] > 0 }! }
                var top = [Int: Int]()
                for k in capacity.indices where free[k] > 0 {
                    let applicants = active.filter { preferences[$0].contains(k) }
                    if let first = applicants.min(by: { key($0, at: k) < key($1, at: k) }) { top[k] = first }
                }
                // Students on a cycle of i → the first applicant of the school i points to.
                var trading: [Int] = []
                for i in active {
                    var j = i
                    for _ in 0..<active.count { j = top[pointsTo[j]!]! }
                    // After |active| steps j is on a cycle; i trades if it is on that cycle.
                    var k = j, onCycle = false
                    repeat { if k == i { onCycle = true }; k = top[pointsTo[k]!]! } while k != j
                    if onCycle { trading.append(i) }
                }
                for i in trading {
                    got[i] = pointsTo[i]
                    free[pointsTo[i]!] -= 1
                    active.remove(i)
                }
            }
        }

        /// Every assignment of schools to students that respects capacity (each student: nothing or one of
        /// their listed schools).
        func assignments() -> [[Int?]] {
            var all: [[Int?]] = [[]]
            for i in preferences.indices {
                all = all.flatMap { partial in ([nil] + preferences[i].map { Optional($0) }).map { partial + [$0] } }
            }
            return all.filter { a in capacity.indices.allSatisfy { k in a.filter { $0 == k }.count <= capacity[k] } }
        }

        /// Rank of a school in student i's true list; unlisted or nothing = the list's length.
        func rank(_ i: Int, _ school: Int?) -> Int {
            school.flatMap { preferences[i].firstIndex(of: $0) } ?? preferences[i].count
        }
    }

    static func schools(_ placed: Placed, _ count: Int) -> [Int?] {
        (0..<count).map { placed.school("s\($0)").map { Int($0.dropFirst())! } }
    }

    @Test func matchesThePapersRoundsAndBruteForceOnTinyDistricts() throws {
        var traded = 0
        for seed in UInt64(0)..<300 {
            let tiny = Tiny(seed: seed)
            let placed = try tiny.district().place(Tiny.policy)   // the Pareto check runs inside
            let got = Self.schools(placed, tiny.preferences.count)
            #expect(got == tiny.rounds(), "seed \(seed)")
            // No assignment gives everyone at least as good a school and someone a better one.
            for other in tiny.assignments() {
                let ranks = tiny.preferences.indices.map { (tiny.rank($0, other[$0]), tiny.rank($0, got[$0])) }
                #expect(!(ranks.allSatisfy { $0.0 <= $0.1 } && ranks.contains { $0.0 < $0.1 }), "seed \(seed): \(other) improves on \(got)")
            }
            traded += placed.result.stages[0].trades.filter { $0.partner != $0.student }.count
        }
        #expect(traded > 5, "too few trades between students: the districts do not exercise trading")
    }

    /// Strategy-proof (Abdulkadiroğlu and Sönmez 2003, after Roth 1982): no student gets a school they
    /// truly rank higher by listing their schools in another order, or fewer of them.
    ///
    /// (Listing a school one does not want can pay: SPEC §3 has a school point only to students who list
    /// it, so listing it hands the student a place in its order to trade with. The test below shows it.)
    @Test func nobodyGainsByMisreportingOnTinyDistricts() throws {
        for seed in UInt64(0)..<40 {
            let tiny = Tiny(seed: seed)
            let truthful = Self.schools(try tiny.district().place(Tiny.policy), tiny.preferences.count)
            let schools = tiny.capacity.count
            // Every non-empty list of the zone's schools in every order.
            var lists: [[Int]] = []
            func extend(_ list: [Int]) {
                if !list.isEmpty { lists.append(list) }
                for k in 0..<schools where !list.contains(k) { extend(list + [k]) }
            }
            extend([])
            for i in tiny.preferences.indices {
                for list in lists where list.allSatisfy(tiny.preferences[i].contains) {
                    var reported = tiny.preferences
                    reported[i] = list
                    let lied = try tiny.district(reported).place(Tiny.policy)
                    let school = lied.school("s\(i)").map { Int($0.dropFirst())! }
                    #expect(tiny.rank(i, school) >= tiny.rank(i, truthful[i]), "seed \(seed): s\(i) gains by listing \(list)")
                }
            }
        }
    }

    /// What the note above says: s1 wants S1 only, where three siblings come first; listing S0 too, where
    /// s1 has a sibling, lets s1 trade that place with s3, who wants S0.
    @Test func listingAnUnwantedSchoolCanWinATrade() throws {
        func placed(_ s1: String) throws -> Placed {
            try TestDistrict(
                schools: "school_id,capacity\nS0,2\nS1,2\n",
                zones: "zone_id,kind,schools\nM,multi,S0;S1\n",
                students: "student_id,zone_id,points,sibling_school,preferences\ns0,M,2,S1,S1\ns1,M,3,S0,\(s1)\ns2,M,0,S1,S1\ns3,M,3,S1,S0;S1\n"
            ).place(Tiny.policy)
        }
        #expect(try placed("S1").school("s1") == nil)
        let listed = try placed("S1;S0")
        #expect(listed.school("s1") == "S1" && listed.school("s3") == "S0")
    }

    /// The textbook case where deferred acceptance is not efficient (Abdulkadiroğlu and Sönmez 2003, §4):
    /// i1 and i2 each hold the other's favourite. Trading cycles swaps them; the Pareto check refuses the
    /// deferred acceptance's outcome read as a trading one.
    @Test func tradesWhereDeferredAcceptanceIsInefficient() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\nB,1\nC,1\n",
            zones: "zone_id,kind,schools\nM,multi,A;B;C\n",
            students: """
            student_id,zone_id,points,sibling_school,preferences
            i1,M,30,A,B;A;C
            i2,M,10,B,A;B;C
            i3,M,20,,A;C
            """)
        func policy(_ mechanism: String) -> String {
            #"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "mechanism": "\#(mechanism)", "priority": ["sibling"], "order": "points_then_lottery"}]}"#
        }
        let da = try district.place(policy("deferred_acceptance"))
        #expect(da.assignment == ["i1": "A", "i2": "B", "i3": "C"])
        let ttc = try district.place(policy("top_trading_cycles"))
        #expect(ttc.assignment == ["i1": "B", "i2": "A", "i3": "C"])
        guard case .multiZone(let plan) = ttc.instance.plans[0] else { Issue.record("no plan"); return }
        try ttc.instance.checkNoParetoImprovement(ttc.result, stage: 0, plan: plan)
        // The deferred acceptance's outcome, with the same applications, is improved on by the swap.
        var improvable = ttc.result
        for (id, school) in [("i1", 0), ("i2", 1)] { improvable.school[ttc.index(id)] = Int32(school) }
        #expect(throws: PromiseViolation.self) { try ttc.instance.checkNoParetoImprovement(improvable, stage: 0, plan: plan) }
        // A free seat someone prefers is an improvement too.
        var wasteful = ttc.result
        wasteful.school[ttc.index("i3")] = -1
        wasteful.placingStage[ttc.index("i3")] = -1
        wasteful.stages[0].seatsTaken[2] = 0
        #expect(throws: PromiseViolation.self) { try ttc.instance.checkNoParetoImprovement(wasteful, stage: 0, plan: plan) }

        // The trades as recorded: i1 took B on i2's place there, i2 took A on i1's; i3 C on their own.
        let trades = Dictionary(uniqueKeysWithValues: ttc.result.stages[0].trades.map { (ttc.instance.dataset.students[Int($0.student)].id.text, $0) })
        #expect(trades["i1"]?.partner == Int32(ttc.index("i2")) && trades["i1"]?.offered == 0 && trades["i1"]?.cycleLength == 2)
        #expect(trades["i2"]?.partner == Int32(ttc.index("i1")) && trades["i2"]?.offered == 1)
        #expect(trades["i3"]?.partner == Int32(ttc.index("i3")) && trades["i3"]?.cycleLength == 1)
        let i1 = try #require(Explanation(instance: ttc.instance, result: ttc.result, studentID: "i1")).text()
        #expect(i1.contains("Admitted by top trading cycles: traded with i2 — took the first place here, which was i2's, and gave up this student's first place at A, in a cycle of 2 students."))
        #expect(i1.contains("与 i2 交换——得到本校原属 i2 的第一顺位，让出该生在 A 的第一顺位"))
        let i3 = try #require(Explanation(instance: ttc.instance, result: ttc.result, studentID: "i3")).text()
        #expect(i3.contains("Not admitted: the school's seats were all traded away") && i3.contains("Admitted by top trading cycles on this student's own place"))
        #expect(i3.contains("以本人顺位录取"))
        let report = PlacementReportPage(instance: ttc.instance, result: ttc.result).html()
        #expect(report.contains("under top trading cycles: 1 students admitted on their own place in the school&#39;s order, 2 by trading places in 1 cycles")
            || report.contains("under top trading cycles: 1 students admitted on their own place in the school's order, 2 by trading places in 1 cycles"))
        #expect(report.contains("1 人以本人在该校的顺位录取，2 人通过 1 个交易循环交换顺位录取"))
        // Not stable, as the paper says: i3 ranks A first and comes before i2 there, who got it by trading.
        #expect(ttc.rank("i2") == 1 && ttc.rank("i3") == 2)
    }

    @Test(arguments: ParallelMechanismTests.datasets.map(\.folder))
    func placesEveryBundledDatasetWithItsPromise(folder: String) throws {
        let preset = ParallelMechanismTests.datasets.first { $0.folder == folder }!.preset
        let dataset = try Dataset.load(from: PresetTests.repository.appendingPathComponent("datasets/\(folder)"))
        let policy = try ParallelMechanismTests.policy(preset.policy, under: .topTradingCycles)
        let instance = try PlacementInstance(dataset: dataset, policy: policy)
        let result = try instance.place(seed: testSeed)   // no Pareto improvement, checked inside
        let stage = policy.stages.firstIndex { $0.kind == .multiZone }!
        #expect(result.stages[stage].trades.count == result.school.indices.filter { result.isPlaced($0, byStage: stage) }.count)
    }

    @Test func placesGeneratedDistrictsWithItsPromise() throws {
        for seed in UInt64(0)..<300 {
            let district = RandomDistrict(seed: seed)
            let policy = try ParallelMechanismTests.policy(Policy.parse(district.policy, file: "policy.json"), under: .topTradingCycles)
            let instance = try PlacementInstance(dataset: Dataset.parse(files: district.files()), policy: policy)
            _ = try instance.place(seed: LotterySeed(bytes: SHA256.hash("ttc \(seed)"))!)
        }
    }

    @Test func theMechanismIsReadAndWritten() throws {
        let policy = try Policy.parse(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "top_trading_cycles"}]}"#, file: "p.json")
        #expect(policy.stages[0].multiZoneRule?.mechanism == .topTradingCycles)
        #expect(try Policy.parse(policy.json.rendered(), file: "shown.json") == policy)
        #expect(!policy.json.rendered().contains("choices_per_round"))
        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "top_trading_cycles", "families": "together"}]}"#)
            == ["policy.json:1: stages[0].families: 'together' works with immediate_acceptance only: with families admitted as units a stable or efficient outcome need not exist"])
        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "top_trading_cycles", "choices_per_round": 1}]}"#)
            == ["policy.json:1: stages[0].choices_per_round: only the parallel mechanism takes choices per round (this stage's mechanism is top_trading_cycles)"])
        #expect(MechanismChoice("top_trading_cycles") == .topTradingCycles)
    }
}

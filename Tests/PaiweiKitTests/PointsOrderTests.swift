import Testing
@testable import PaiweiCore
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// Stage option `order: points_then_lottery` and priority rule `sibling` (SPEC §3, revision of
/// 2026-12-01): points-based admission (积分入学) of the cities that admit non-local children by points, and
/// the priority for a child whose brother or sister is enrolled at the school now. No policy document of
/// ours uses points, so these districts are small Chaoyang-like ones with the points rule added.
@Suite struct PointsOrderTests {
    /// One school, oversubscribed; the Chaoyang single-zone stage with points ordering its tier.
    static let oneSchool = TestDistrict(
        schools: "school_id,capacity\nS,2\nT,5\n",
        zones: "zone_id,kind,schools\nZ,single,S\n",
        students: """
        student_id,zone_id,points,sibling_school
        a,Z,90,
        b,Z,85.5,
        c,Z,85.50,
        d,Z,,S
        e,Z,100,T
        """)

    static func singleZone(order: String, seats: Int? = nil) -> String {
        """
        {"year": 2023, "stages": [{"kind": "single_zone", "name": "zone", "priority": ["sibling"], "order": "\(order)"}]}
        """
    }

    /// Tier first (the sibling at S), then more points first: a lottery number never beats a point.
    @Test func siblingTierThenPointsThenLottery() throws {
        let placed = try Self.oneSchool.place(Self.singleZone(order: "points_then_lottery"))
        // d has a sibling at S: tier 0 with 0 points. e's sibling is at T, which does not count at S.
        #expect(placed.school("d") == "S")
        #expect(placed.school("e") == "S")
        for id in ["a", "b", "c"] { #expect(placed.school(id) == nil, "\(id)") }
        let summary = placed.result.schoolSummaries(stage: 0, schools: 2)[0]
        #expect(summary.cutoff?.tier == 1 && summary.cutoff?.points == 10000)
        #expect(summary.cutoff?.number == lotteryNumber(seed: testSeed, label: "zone/S", studentID: "e"))

        // Four seats: a (90) and then one of b and c, whose equal points (85.5 = 85.50) the lottery separates.
        var roomier = Self.oneSchool
        roomier.schools = "school_id,capacity\nS,4\nT,5\n"
        let more = try roomier.place(Self.singleZone(order: "points_then_lottery"))
        let tied = lotteryOrder(["b", "c"], label: "zone/S")
        #expect(more.school("a") == "S" && more.school(tied[0]) == "S" && more.school(tied[1]) == nil)
        let cutoff = more.result.schoolSummaries(stage: 0, schools: 2)[0].cutoff
        #expect(cutoff?.points == 8550 && cutoff?.number == lotteryNumber(seed: testSeed, label: "zone/S", studentID: tied[0]))

        // The same school by lottery alone: points play no part; the key holds none.
        let byLottery = try roomier.place(Self.singleZone(order: "lottery"))
        let order = lotteryOrder(["a", "b", "c", "e"], label: "zone/S")
        #expect(byLottery.school("d") == "S")
        for (k, id) in order.enumerated() { #expect(byLottery.school(id) == (k < 3 ? "S" : nil), "\(id)") }
        #expect(byLottery.result.stages[0].applications.allSatisfy { $0.key.points == 0 })
    }

    /// schools.csv and cutoffs.csv show the points of the last admitted; explain shows a student's points.
    @Test func cutoffPointsAreWrittenAndExplained() throws {
        let placed = try Self.oneSchool.place(Self.singleZone(order: "points_then_lottery"))
        let files = PlacementFiles(instance: placed.instance, result: placed.result)
        let lines = String(decoding: files.schoolsCSV(), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines[0] == "school_id,name,kind,district,capacity,batch1_seats,zone.applicants,zone.admitted,zone.cutoff_tier,zone.cutoff_points,zone.cutoff_number,seats_taken,seats_left")
        let number = formatLotteryNumber(lotteryNumber(seed: testSeed, label: "zone/S", studentID: "e"))
        #expect(lines[1] == "S,S,public,,2,0,5,2,none,100.00,\(number),2,0")

        let cutoffs = LotteryCutoff.all(placed.instance, placed.result)
        #expect(cutoffs.first?.points == "100.00")

        let text = try #require(Explanation(instance: placed.instance, result: placed.result, studentID: "a")).text()
        #expect(text.contains("积分 90.00，随机号"))
        #expect(text.contains("points 90.00, number"))
        #expect(text.contains("录取线为 无优先、积分 100.00，随机号 \(number)"))
        #expect(text.contains("the cutoff is no priority, points 100.00, number \(number)"))

        // Without points the columns are those of every earlier file.
        let plain = try Self.oneSchool.place(Self.singleZone(order: "lottery"))
        let plainHeader = String(decoding: PlacementFiles(instance: plain.instance, result: plain.result).schoolsCSV(), as: UTF8.self).prefix { $0 != "\n" }
        #expect(!plainHeader.contains("cutoff_points"))
        #expect(!(try #require(Explanation(instance: plain.instance, result: plain.result, studentID: "a")).text().contains("积分")))
    }

    /// A multi zone under each mechanism, where points (not the lottery) must decide: two seats wanted by
    /// three, whose points order them whatever their numbers.
    @Test(arguments: ["immediate_acceptance", "deferred_acceptance"])
    func multiZoneMechanismsOrderByPoints(mechanism: String) throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nS1,1\nS2,1\n",
            zones: "zone_id,kind,schools\nM,multi,S1;S2\n",
            students: """
            student_id,zone_id,points,preferences
            x,M,50,S1;S2
            y,M,60.01,S1;S2
            z,M,60,S2;S1
            """)
        let policy = #"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "\#(mechanism)", "order": "points_then_lottery"}]}"#
        for seed in 0..<8 {
            let placed = try district.place(policy, seed: LotterySeed(hex: String(repeating: String(seed, radix: 16), count: 64))!)
            // y (60.01) beats x at S1; z keeps S2 against x (50) under both; x is left out.
            #expect(placed.assignment == ["x": "-", "y": "S1", "z": "S2"], "seed \(seed)")
        }
        // x now wants S2 only, and z wants S1 first: the mechanisms part ways, points deciding at each school.
        let flipped = TestDistrict(schools: district.schools, zones: district.zones, students: """
            student_id,zone_id,points,preferences
            x,M,50,S2
            y,M,60.01,S1;S2
            z,M,60,S1;S2
            """)
        let placed = try flipped.place(policy)
        if mechanism == "deferred_acceptance" {
            // z is refused at S1 by y and displaces x (50) at S2.
            #expect(placed.assignment == ["x": "-", "y": "S1", "z": "S2"])
        } else {
            // x applied to S2 in round 1 and keeps it: immediate acceptance decides by round first.
            #expect(placed.assignment == ["x": "S2", "y": "S1", "z": "-"])
        }
    }

    /// Overflow by points: the seat left goes to the most points, whatever the numbers.
    @Test func overflowOrdersByPoints() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nS,1,39.90,116.40\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: """
            student_id,zone_id,points,lat,lon
            p,Z,10,39.91,116.41
            q,Z,12.5,39.92,116.42
            r,Z,3,39.90,116.40
            """)
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "overflow", "scope": "all", "order": "points_then_lottery"}]}"#)
        #expect(placed.assignment == ["p": "-", "q": "S", "r": "-"])
    }

    @Test func orderIsReadWrittenAndRoundTrips() throws {
        let text = """
        {"year": 2023, "stages": [
          {"kind": "single_choice_lottery", "choice": "private_choice", "order": "points_then_lottery", "priority": ["sibling", "in_district"]},
          {"kind": "multi_zone", "order": "lottery"},
          {"kind": "overflow", "order": "points_then_lottery"}]}
        """
        let policy = try Policy.parse(text, file: "policy.json")
        #expect(policy.stages.map(\.order) == [.pointsThenLottery, .lottery, .pointsThenLottery])
        #expect(policy.stages[0].priority == [.sibling, .inDistrict])
        let shown = policy.json.rendered()
        #expect(try Policy.parse(shown, file: "shown.json") == policy)
        // Written where it is not the default only, so that earlier policies keep their text and digest.
        #expect(shown.components(separatedBy: "\"order\": \"points_then_lottery\"").count == 3)
        #expect(!shown.contains("\"order\": \"lottery\""))

        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "feeder", "order": "points"}]}"#)
            == ["policy.json:1: stages[0].order: 'points' is not one of: lottery, points_then_lottery"])
        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "overflow", "priority": ["sibling"]}]}"#)
            == ["policy.json:1: stages[0].priority[0]: 'sibling' cannot order an overflow stage, which knows no school in advance (use disabled, care or care:<category>)"])
    }

    /// Points decide the deferred acceptance through a 24-bit prefix and the whole key; on random
    /// districts with points close together (ties and near ties in the prefix) every run keeps its
    /// promises, and the outcome is what a plain Gale–Shapley over whole keys gives.
    @Test func deferredAcceptanceByPointsMatchesAPlainGaleShapley() throws {
        for seed in UInt64(0)..<40 {
            var random = TestRandom(state: seed &* 7919)
            let schools = 2 + random.int(4)
            var schoolRows = ["school_id,capacity"]
            for s in 0..<schools { schoolRows.append("S\(s),\(random.int(4))") }
            var studentRows = ["student_id,zone_id,points,preferences"]
            let students = 3 + random.int(20)
            for i in 0..<students {
                var prefs = (0..<schools).map { "S\($0)" }
                random.shuffle(&prefs)
                // Points within 0.64 of each other share the prefix's top bits: the whole key must decide.
                let whole = random.int(3), hundredths = random.int(100)
                let points = random.chance(0.5) ? "\(whole).\(hundredths < 10 ? "0" : "")\(hundredths)" : "\(whole)"
                studentRows.append("s\(i),M,\(points),\(prefs.prefix(1 + random.int(schools)).joined(separator: ";"))")
            }
            let district = TestDistrict(schools: schoolRows.joined(separator: "\n"),
                                        zones: "zone_id,kind,schools\nM,multi,\((0..<schools).map { "S\($0)" }.joined(separator: ";"))\n",
                                        students: studentRows.joined(separator: "\n"))
            let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "deferred_acceptance", "order": "points_then_lottery"}]}"#)
            let dataset = placed.instance.dataset
            // A plain Gale–Shapley, students proposing, schools ranking by (points desc, number, id).
            func key(_ s: Int) -> (UInt32, UInt64, Int) {
                (UInt32.max - dataset.students[s].points.hundredths, lotteryNumber(seed: testSeed, label: "multi_zone/M", studentID: dataset.students[s].id.text), s)
            }
            let prefs = dataset.students.map(\.preferences)
            var next = Array(repeating: 0, count: students), held = Array(repeating: [Int](), count: schools)
            var free = Array(0..<students)
            while let s = free.popLast() {
                guard next[s] < prefs[s].count else { continue }
                let k = prefs[s][next[s]]
                next[s] += 1
                held[k].append(s)
                held[k].sort { key($0) < key($1) }
                if held[k].count > dataset.schools[k].capacity { free.append(held[k].removeLast()) }
            }
            for k in 0..<schools {
                for s in held[k] { #expect(placed.result.school[s] == Int32(k), "seed \(seed): student \(s)") }
            }
            #expect(placed.result.school.filter { $0 >= 0 }.count == held.map(\.count).reduce(0, +), "seed \(seed)")
        }
    }
}

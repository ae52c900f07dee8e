import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// `multi_zone` mechanism `parallel` (平行志愿; Chen and Kesten 2017; SPEC §3, revision of 2026-12-01):
/// `e = 1` is immediate acceptance and `e` ≥ the longest list is deferred acceptance, on every bundled
/// dataset and on generated districts; in between it is neither.
@Suite struct ParallelMechanismTests {
    /// Every multi-zone stage of `policy` under `choice`, siblings admitted separately (the parallel
    /// mechanism cannot admit units, and the equalities are about the mechanisms, not the family rule).
    static func policy(_ policy: Policy, under choice: MechanismChoice) throws -> Policy {
        var separate = policy
        for i in separate.stages.indices {
            if case .multiZone(var multi) = separate.stages[i].rule, multi.mechanism.families == .together {
                multi.mechanism = .immediateAcceptance(families: .separate)
                separate.stages[i].rule = .multiZone(multi)
            }
        }
        return try separate.replacingMultiZoneMechanism(with: choice)
    }

    /// The placements of `dataset` under each choice, as placements.csv bytes (every outcome, stage, rank,
    /// label and number), with every promise checked.
    static func placements(_ dataset: Dataset, _ policy: Policy, _ choices: [MechanismChoice], seed: LotterySeed) throws -> [[UInt8]] {
        try choices.map { choice in
            let instance = try PlacementInstance(dataset: dataset, policy: Self.policy(policy, under: choice))
            return PlacementFiles(instance: instance, result: try instance.place(seed: seed)).placementsCSV()
        }
    }

    /// The longest list of counted preferences in any multi-zone stage of `instance`, at least 1.
    static func longestList(_ instance: PlacementInstance) -> Int { max(1, instance.longestCountedPreferences) }


    static let datasets: [(folder: String, preset: PolicyPreset)] =
        PolicyPreset.allCases.map { ($0.rawValue, $0) } + [("sample", .chaoyang2023Middle)]

    @Test(arguments: datasets.map(\.folder))
    func equalitiesHoldOnEveryBundledDataset(folder: String) throws {
        let preset = Self.datasets.first { $0.folder == folder }!.preset
        let dataset = try Dataset.load(from: PresetTests.repository.appendingPathComponent("datasets/\(folder)"))
        let longest = Self.longestList(try PlacementInstance(dataset: dataset, policy: preset.policy))
        let out = try Self.placements(dataset, preset.policy, [.immediateAcceptance, .parallel(1), .deferredAcceptance, .parallel(longest)], seed: testSeed)
        #expect(out[1] == out[0], "\(folder): parallel:1 differs from immediate acceptance")
        #expect(out[3] == out[2], "\(folder): parallel:\(longest) differs from deferred acceptance")
        // Where lists are longer than one, the two ends differ somewhere: the equalities say something.
        if longest > 1 && folder == "sample" { #expect(out[0] != out[2], "\(folder)") }
    }

    @Test func equalitiesHoldOnGeneratedDistricts() throws {
        var compared = 0
        for seed in UInt64(0)..<500 {
            let district = RandomDistrict(seed: seed)
            let dataset = try Dataset.parse(files: district.files())
            let policy = try Policy.parse(district.policy, file: "policy.json")
            let lottery = LotterySeed(bytes: SHA256.hash("parallel \(seed)"))!
            let longest = Self.longestList(try PlacementInstance(dataset: dataset, policy: policy))
            let out = try Self.placements(dataset, policy, [.immediateAcceptance, .parallel(1), .deferredAcceptance, .parallel(longest), .parallel(longest + 7), .parallel(2)], seed: lottery)
            #expect(out[1] == out[0], "district \(seed): parallel:1 differs from immediate acceptance")
            #expect(out[3] == out[2] && out[4] == out[2], "district \(seed): parallel:\(longest) differs from deferred acceptance")
            if out[0] != out[2] { compared += 1 }
        }
        // Small districts, short lists: the mechanisms part ways in a few dozen (each run's promises,
        // parallel:2's rounds among them, are checked inside place).
        #expect(compared > 5, "too few districts where the mechanisms differ at all")
    }

    /// Six students, six one-seat schools, one deciding order (points, so no lottery decides): under
    /// e = 2 the parallel mechanism is neither immediate nor deferred acceptance.
    ///
    /// - t2 (50) ranks B, C, A, F: B and C go to t1 and t0 above them. Deferred acceptance gives t2 A
    ///   (t3 has fewer points); under e = 2, A was t3's for good at the end of round 1, and F v's rival w's.
    /// - v (45) ranks C, E and w (20) ranks E, F: immediate acceptance gives E to w in round 1, for good;
    ///   the parallel mechanism's round 1 lets v displace w there.
    @Test func twoChoicesPerRoundDifferFromBoth() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\nB,1\nC,1\nD,1\nE,1\nF,1\n",
            zones: "zone_id,kind,schools\nM,multi,A;B;C;D;E;F\n",
            students: """
            student_id,zone_id,points,preferences
            t0,M,70,C
            t1,M,60,B
            t2,M,50,B;C;A;F
            v,M,45,C;E
            t3,M,40,A;D
            w,M,20,E;F
            """)
        func placed(_ mechanism: String) throws -> [Identifier: Identifier] {
            try district.place(#"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "order": "points_then_lottery", \#(mechanism)}]}"#).assignment
        }
        let da = try placed(#""mechanism": "deferred_acceptance""#)
        let ia = try placed(#""mechanism": "immediate_acceptance""#)
        let p2 = try placed(#""mechanism": "parallel", "choices_per_round": 2"#)
        #expect(da == ["t0": "C", "t1": "B", "t2": "A", "v": "E", "t3": "D", "w": "F"])
        #expect(ia == ["t0": "C", "t1": "B", "t2": "F", "v": "-", "t3": "A", "w": "E"])
        #expect(p2 == ["t0": "C", "t1": "B", "t2": "-", "v": "E", "t3": "A", "w": "F"])
        #expect(try placed(#""mechanism": "parallel", "choices_per_round": 1"#) == ia)
        #expect(try placed(#""mechanism": "parallel", "choices_per_round": 4"#) == da)

        // The round is part of the deciding order: schools.csv has the cutoff round, placements.csv the rank.
        let run = try district.place(#"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "order": "points_then_lottery", "mechanism": "parallel", "choices_per_round": 2}]}"#)
        #expect(run.rank("w") == 2 && run.rank("t3") == 1)
        let header = String(decoding: PlacementFiles(instance: run.instance, result: run.result).schoolsCSV(), as: UTF8.self).prefix { $0 != "\n" }
        #expect(header.contains("m.cutoff_round,m.cutoff_tier,m.cutoff_points,m.cutoff_number,m.cutoff_lottery"))
        #expect(run.result.stages[0].applications.filter { $0.student == Int32(run.index("t2")) }.map(\.key.round) == [0, 0, 1, 1])

        // explain says which round admitted the student, in both languages.
        let w = try #require(Explanation(instance: run.instance, result: run.result, studentID: "w")).text()
        #expect(w.contains("Admitted in round 1 of the parallel mechanism (2 choices per round: counted preferences 1–2), at preference 2"))
        #expect(w.contains("平行志愿（每轮 2 个志愿）：第 1 轮（第 1–2 志愿）录取于第 2 志愿"))
        #expect(w.contains("Applied to F: round 1, lottery m/M"))
        let t2 = try #require(Explanation(instance: run.instance, result: run.result, studentID: "t2")).text()
        #expect(t2.contains("not admitted in any round") && t2.contains("各轮均未录取") && t2.contains("Applied to F: round 2,"))
        let report = PlacementReportPage(instance: run.instance, result: run.result).html()
        #expect(report.contains("under the parallel mechanism (2 choices per round) admitted round 1: 5; a seat held"))
        #expect(report.contains("按平行志愿（每轮 2 个志愿）录取：第1轮 5 人"))
        let one = try district.place(#"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "order": "points_then_lottery", "mechanism": "parallel", "choices_per_round": 1}]}"#)
        #expect(try #require(Explanation(instance: one.instance, result: one.result, studentID: "t2")).text()
            .contains("Admitted in round 4 of the parallel mechanism (1 choices per round: counted preferences 4–4), at preference 4"))
    }

    /// The rounds check is independent code: a deferred acceptance's result read as a parallel one with
    /// e = 1 (applications out of their rounds) is refused, and so is one with an application removed.
    @Test func theRoundsCheckCatchesWrongRounds() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\nB,1\n",
            zones: "zone_id,kind,schools\nM,multi,A;B\n",
            students: "student_id,zone_id,points,preferences\nx,M,5,A;B\ny,M,9,A;B\n")
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "multi_zone", "order": "points_then_lottery", "mechanism": "parallel", "choices_per_round": 2}]}"#)
        guard case .multiZone(let plan) = placed.instance.plans[0] else { Issue.record("no plan"); return }
        try placed.instance.checkParallelRounds(placed.result, stage: 0, plan: plan, choicesPerRound: 2)
        #expect(throws: PromiseViolation.self) { try placed.instance.checkParallelRounds(placed.result, stage: 0, plan: plan, choicesPerRound: 1) }
        var missing = placed.result
        missing.stages[0].applications.removeLast()
        #expect(throws: PromiseViolation.self) { try placed.instance.checkParallelRounds(missing, stage: 0, plan: plan, choicesPerRound: 2) }
        // A seat left free at the end of a round in which the school refused someone.
        var wasteful = placed.result
        let x = placed.index("x")
        wasteful.school[x] = -1
        wasteful.placingStage[x] = -1
        wasteful.stages[0].seatsTaken[1] -= 1
        #expect(throws: PromiseViolation.self) { try placed.instance.checkParallelRounds(wasteful, stage: 0, plan: plan, choicesPerRound: 2) }
    }

    @Test func choicesPerRoundIsReadWrittenAndChecked() throws {
        let policy = try Policy.parse(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "parallel", "choices_per_round": 3}]}"#, file: "p.json")
        #expect(policy.stages[0].multiZoneRule?.mechanism == .parallel(choicesPerRound: 3))
        let shown = policy.json.rendered()
        #expect(shown.contains(#""mechanism": "parallel","#) && shown.contains(#""choices_per_round": 3,"#))
        #expect(try Policy.parse(shown, file: "shown.json") == policy)
        #expect(!(try Policy.parse(#"{"year": 2023, "stages": [{"kind": "multi_zone"}]}"#, file: "p.json")).json.rendered().contains("choices_per_round"))

        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "parallel"}]}"#)
            == ["policy.json:1: stages[0].choices_per_round: the parallel mechanism needs choices_per_round: how many counted preferences each round considers (a whole number ≥ 1)"])
        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "deferred_acceptance", "choices_per_round": 2}]}"#)
            == ["policy.json:1: stages[0].choices_per_round: only the parallel mechanism takes choices per round (this stage's mechanism is deferred_acceptance)"])
        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "multi_zone", "choices_per_round": 2}]}"#)
            == ["policy.json:1: stages[0].choices_per_round: only the parallel mechanism takes choices per round (this stage's mechanism is immediate_acceptance)"])
        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "parallel", "choices_per_round": 0}]}"#)
            == ["policy.json:1: stages[0].choices_per_round: 0 is below the minimum 1"])
        #expect(PolicyTests.problems(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "parallel", "choices_per_round": 2, "families": "together"}]}"#)
            == ["policy.json:1: stages[0].families: 'together' works with immediate_acceptance only: with families admitted as units a stable or efficient outcome need not exist"])
        #expect(throws: MechanismRefusal(stage: "m", mechanism: .parallel(2))) {
            try Policy.parse(#"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "families": "together"}]}"#, file: "p.json")
                .replacingMultiZoneMechanism(with: .parallel(2))
        }
        #expect(MechanismChoice("parallel:2") == .parallel(2) && MechanismChoice("parallel:2")?.description == "parallel:2")
        for bad in ["parallel", "parallel:0", "parallel:", "parallel:-1", "parallel:2x", "boston"] { #expect(MechanismChoice(bad) == nil, "\(bad)") }
    }
}

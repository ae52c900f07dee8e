import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// The comparison of every multi-zone mechanism on a district's own data (`simulate --mechanisms`).
@Suite struct MechanismComparisonTests {
    static let all: [MechanismChoice] = [.immediateAcceptance, .deferredAcceptance, .parallel(1), .parallel(2), .parallel(99), .topTradingCycles]

    /// The six students of the parallel mechanism's hand-made case, where points decide: the pairs each
    /// mechanism leaves are counted by hand.
    @Test func justifiedEnvyPairsAreCountedAsByHand() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\nB,1\nC,1\nD,1\nE,1\nF,1\n",
            zones: "zone_id,kind,schools\nM,multi,A;B;C;D;E;F\n",
            students: "student_id,zone_id,points,preferences\nt0,M,70,C\nt1,M,60,B\nt2,M,50,B;C;A;F\nv,M,45,C;E\nt3,M,40,A;D\nw,M,20,E;F\n")
        func pairs(_ mechanism: String) throws -> Int {
            let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "order": "points_then_lottery", \#(mechanism)}]}"#)
            return placed.instance.justifiedEnvyPairs(placed.result)
        }
        // Immediate acceptance: t2 wanted A (t3 has fewer points), v wanted E (w has fewer).
        #expect(try pairs(#""mechanism": "immediate_acceptance""#) == 2)
        #expect(try pairs(#""mechanism": "deferred_acceptance""#) == 0)
        // Parallel, e = 2: t2, left out, wanted A (t3) and F (w).
        #expect(try pairs(#""mechanism": "parallel", "choices_per_round": 2"#) == 2)
        // One order at every school: trading cycles is serial dictatorship, deferred acceptance's outcome.
        #expect(try pairs(#""mechanism": "top_trading_cycles""#) == 0)
    }

    @Test func everyMechanismOnTheSameReplications() throws {
        let instance = try SimulationTests.instance()
        let trial = try MechanismTrial.prepare(instance, mechanisms: Self.all)
        // The policy's own mechanism is the simulated instance itself.
        #expect(trial.instances.map { $0 == nil } == [true, false, false, false, false, false])
        let tally = try Simulation.run(instance: instance, seed: SimulationTests.seed, replications: 0..<6, workers: 2, comparing: trial)
        let comparison = try #require(tally.comparison)
        let k = instance.longestCountedPreferences
        #expect(comparison.metrics.count == k + 5 && comparison.metrics.first == "choice_1" && comparison.metrics.last == "worse_off_than_first")
        let h = comparison.histograms
        // parallel:1 is immediate acceptance, parallel:99 deferred acceptance, metric for metric.
        #expect(h[2].dropLast(2) == h[0].dropLast(2) && h[2][k + 3].sum == 0 && h[2][k + 4].sum == 0)
        #expect(h[4] == h[1])
        #expect(h[1][k + 2].sum == 0, "deferred acceptance leaves no justified envy")
        #expect(h[0][k + 3].sum == 0 && h[0][k + 4].sum == 0, "nobody is better or worse off than under themselves")
        // Every mechanism sees the same students: placed by the stage or not, the totals agree.
        for m in h.indices { #expect((0..<(k + 2)).map { h[m][$0].sum }.reduce(0, +) > 0) }

        // Slices merge into the whole, and the tally file keeps the mechanisms.
        var merged = try Simulation.run(instance: instance, seed: SimulationTests.seed, replications: 3..<6, workers: 1, comparing: trial)
        merged.merge(try Simulation.run(instance: instance, seed: SimulationTests.seed, replications: 0..<3, workers: 1, comparing: trial))
        merged.normalize()
        #expect(merged == tally)
        let identity = SimulationIdentity(fileDigests: instance.dataset.fileDigests, policy: instance.policy, seed: SimulationTests.seed)
        let decoded = try #require(SimulationTally.decode(tally.encoded(identity: identity)))
        #expect(decoded.tally.comparison == comparison)

        let files = SimulationTests.rendered(instance, tally)
        let csv = String(decoding: try #require(files["mechanism_comparison.csv"]), as: UTF8.self).split(separator: "\n")
        #expect(csv.count == 1 + Self.all.count * (k + 5))
        #expect(csv.contains { $0.hasPrefix("parallel:2,choice_1,") } && csv.contains { $0.hasPrefix("top_trading_cycles,justified_envy_pairs,") })
        let report = String(decoding: try #require(files["report.html"]), as: UTF8.self)
        #expect(report.contains("chart-mechanisms") && report.contains("Mechanisms compared"))
    }

    /// Promise 3 for the new mechanisms: the same bytes whatever the row order and the number of workers,
    /// on generated districts (points in the multi-zone order in every other one).
    @Test func newMechanismsDoNotDependOnRowOrderOrWorkers() throws {
        for seed in UInt64(0)..<120 {
            let district = RandomDistrict(seed: seed)
            var base = try Policy.parse(district.policy, file: "policy.json")
            if seed % 2 == 1 { for i in base.stages.indices where base.stages[i].kind == .multiZone { base.stages[i].order = .pointsThenLottery } }
            let lottery = LotterySeed(bytes: SHA256.hash("rows \(seed)"))!
            for choice in [MechanismChoice.parallel(2), .topTradingCycles] {
                let policy = try ParallelMechanismTests.policy(base, under: choice)
                func outputs(_ files: [String: [UInt8]], workers: Int) throws -> [[UInt8]] {
                    let instance = try PlacementInstance(dataset: Dataset.parse(files: files), policy: policy, workers: workers)
                    let files = PlacementFiles(instance: instance, result: try instance.place(seed: lottery))
                    return [files.placementsCSV(), files.schoolsCSV(), Array(files.summary().rendered().utf8)]
                }
                #expect(try outputs(district.files(), workers: 1) == outputs(district.files(shuffledWith: seed &+ 5), workers: 3), "district \(seed), \(choice)")
            }
        }
    }

    @Test func aMechanismAStageRefusesIsRefusedByName() throws {
        var policy = SimulationTests.policy
        let stage = policy.stages.firstIndex { $0.kind == .multiZone }!
        guard case .multiZone(var multi) = policy.stages[stage].rule else { return }
        multi.mechanism = .immediateAcceptance(families: .together)
        policy.stages[stage].rule = .multiZone(multi)
        let instance = try PlacementInstance(dataset: Dataset.parse(files: SimulationTests.files), policy: policy)
        #expect(throws: MechanismTrial.Refusal.self) { try MechanismTrial.prepare(instance, mechanisms: [.immediateAcceptance, .topTradingCycles]) }
        do {
            _ = try MechanismTrial.prepare(instance, mechanisms: [.immediateAcceptance, .parallel(3)])
            Issue.record("parallel:3 was not refused")
        } catch {
            #expect(error.description.contains("stage '\(policy.stages[stage].name)'") && error.description.contains("parallel:3"))
        }
        // Immediate acceptance alone keeps the families rule: nothing to refuse.
        _ = try MechanismTrial.prepare(instance, mechanisms: [.immediateAcceptance])
    }
}

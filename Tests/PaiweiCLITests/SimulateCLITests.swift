import Foundation
import Testing

/// `simulate` and `merge` end to end: outputs, slices, and refusals.
@Suite struct SimulateCLITests {
    @Test func slicesMergeIntoTheWholeRun() throws {
        let scratch = try Scratch()
        let generate = try Paiwei.run(["generate", "--preset", "chaoyang", "--students", "500", "--seed", "9", "--out", scratch.path("data")])
        #expect(generate.status == 0)
        let common = ["--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seedHex]
        let whole = try Paiwei.run(["simulate"] + common + ["--replications", "24", "--workers", "2", "--compare-mechanism", "--out", scratch.path("whole")])
        #expect(whole.status == 0, "\(whole.stderr)")
        // stderr is not a terminal here: no progress bar noise.
        #expect(!whole.stderr.contains("replications/s"))
        let a = try Paiwei.run(["simulate"] + common + ["--replication-range", "10..<24", "--workers", "1", "--compare-mechanism", "--out", scratch.path("a")])
        let b = try Paiwei.run(["simulate"] + common + ["--replication-range", "0..<10", "--compare-mechanism", "--out", scratch.path("b")])
        #expect(a.status == 0 && b.status == 0)
        let merge = try Paiwei.run(["merge", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--out", scratch.path("merged"), scratch.path("a"), scratch.path("b")])
        #expect(merge.status == 0, "\(merge.stderr)")
        for file in ["student_odds.csv", "school_pressure.csv", "zone_pressure.csv", "summary.json", "mechanism_comparison.csv", "tally.txt"] {
            #expect(try scratch.read("merged/\(file)") == scratch.read("whole/\(file)"), "\(file)")
        }
        let overlap = try Paiwei.run(["merge", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--out", scratch.path("m2"), scratch.path("a"), scratch.path("whole")])
        #expect(overlap.status == 2 && overlap.stderr.contains("repeats replications"))
        let otherPolicy = try Paiwei.run(["merge", "--data", scratch.path("data"), "--policy", "chaoyang-2023-primary", "--out", scratch.path("m3"), scratch.path("a")])
        #expect(otherPolicy.status == 2)
        #expect(!scratch.exists("m2") && !scratch.exists("m3"))
        let badRange = try Paiwei.run(["simulate"] + common + ["--replication-range", "5..2", "--out", scratch.path("x")])
        #expect(badRange.status == 2)
    }

    /// `--mechanisms`: every mechanism on the same replications; a bad or repeated name is usage.
    @Test func everyMechanismSideBySide() throws {
        let scratch = try Scratch()
        try scratch.district()
        let common = ["simulate", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--seed", seedHex, "--replications", "3"]
        let run = try Paiwei.run(common + ["--mechanisms", "immediate_acceptance,deferred_acceptance,parallel:2,top_trading_cycles", "--out", scratch.path("out")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  parallel:2: first choice ") && run.stdout.contains("justified-envy pairs"), "\(run.stdout)")
        let csv = try scratch.read("out/mechanism_comparison.csv")
        #expect(csv.contains("top_trading_cycles,better_off_than_first,") && csv.contains("parallel:2,justified_envy_pairs,"))
        for bad in ["parallel:0", "immediate_acceptance,immediate_acceptance", "boston"] {
            let refused = try Paiwei.run(common + ["--mechanisms", bad, "--out", scratch.path("bad")])
            #expect(refused.status == 2 && refused.stderr.contains("--mechanisms"), "\(bad): \(refused.stderr)")
        }
        let both = try Paiwei.run(common + ["--mechanisms", "parallel:2", "--compare-mechanism", "--out", scratch.path("both")])
        #expect(both.status == 2)
        #expect(!scratch.exists("bad") && !scratch.exists("both"))
    }

    /// `--compare-mechanism` never runs a rule nobody wrote: deferred acceptance cannot admit families
    /// together, so a policy whose multi-zone stage does is refused by name (exit 2), and nothing is written.
    @Test func comparingAMechanismAStageRefusesIsRefusedByName() throws {
        let scratch = try Scratch()
        try scratch.district()
        try scratch.write("policy.json", """
        {"year": 2023, "stages": [{"kind": "multi_zone", "name": "lottery-M", "families": "together"}, {"kind": "overflow", "scope": "all"}]}
        """)
        let run = try Paiwei.run(["simulate", "--data", scratch.path("data"), "--policy", scratch.path("policy.json"), "--seed", seedHex,
                                  "--replications", "4", "--compare-mechanism", "--out", scratch.path("out")])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("stage 'lottery-M'") && run.stderr.contains("families: together") && run.stderr.contains("deferred_acceptance"), "\(run.stderr)")
        #expect(!scratch.exists("out"))
    }
}

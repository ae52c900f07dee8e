import Foundation
import Testing

/// `paiwei forecast` end to end: a run, a scenario, the comparison, and the refusals.
@Suite struct ForecastCLITests {
    /// School A (10 seats) serves ZA, whose cohort outgrows it in 2027; B takes the overflow.
    static func district(_ scratch: Scratch, cohorts: Bool = true) throws {
        try scratch.write("data/schools.csv", "school_id,kind,capacity,lat,lon\nA,public,10,39.90,116.40\nB,public,40,39.95,116.40\n")
        try scratch.write("data/zones.csv", "zone_id,kind,schools\nZA,single,A\nZB,single,B\n")
        var students = "student_id,zone_id,lat,lon\n"
        for i in 1...8 { students += "a\(i),ZA,39.90,116.40\n" }
        for i in 1...5 { students += "b\(i),ZB,39.95,116.40\n" }
        try scratch.write("data/students.csv", students)
        if cohorts { try scratch.write("data/cohorts.csv", "zone_id,year,students\nZA,2026,9\nZA,2027,12\nZB,2026,5\nZB,2027,6\n") }
        try scratch.write("policy.json", #"{"name": "tiny", "year": 2025, "stages": [{"kind": "single_zone"}, {"kind": "overflow", "scope": "all"}]}"#)
    }

    static func forecast(_ scratch: Scratch, out: String, _ extra: [String] = []) throws -> Paiwei.Outcome {
        try Paiwei.run(["forecast", "--data", scratch.path("data"), "--policy", scratch.path("policy.json"), "--years", "2026-2027",
                        "--replications", "5", "--workers", "2", "--out", scratch.path(out)] + extra)
    }

    @Test func missingCohortsSaysWhatTheForecastNeeds() throws {
        let scratch = try Scratch()
        try Self.district(scratch, cohorts: false)
        let outcome = try Self.forecast(scratch, out: "out")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cohorts.csv: required for a forecast and missing"))
        #expect(outcome.stderr.contains("zone_id, year, students") && outcome.stderr.contains("grade-5"))
        #expect(!scratch.exists("out"))
    }

    @Test func forecastWritesLevelsAndCompareShowsTheRemedy() throws {
        let scratch = try Scratch()
        try Self.district(scratch)
        let base = try Self.forecast(scratch, out: "base")
        #expect(base.status == 0, "\(base.stderr)")
        #expect(base.stdout.contains("2027: 18 students — schools red 1, yellow 0; zones red 1, yellow 0"))
        for file in ["forecast.csv", "warnings.csv", "summary.json", "report.html"] { #expect(scratch.exists("base/\(file)")) }
        let warnings = try scratch.read("base/warnings.csv")
        #expect(warnings.hasPrefix("level,year,scope,id,name,demand,seats,demand_ratio,p_oversubscribed,message\nred,2027,school,A,A,12.0,10.0,1.200,"))
        #expect(try scratch.read("base/summary.json").contains("\"yellow\": 0.9"))

        try scratch.write("remedy.json", #"{"name": "two more classes", "capacity": [{"school_id": "A", "year": 2027, "capacity": 20}]}"#)
        let remedy = try Self.forecast(scratch, out: "remedy", ["--scenario", scratch.path("remedy.json"), "--thresholds", "yellow=0.85,red=1"])
        #expect(remedy.status == 0, "\(remedy.stderr)")
        #expect(try scratch.read("remedy/summary.json").contains("\"yellow\": 0.85"))

        let compare = try Paiwei.run(["forecast", "--compare", scratch.path("base"), scratch.path("remedy"), "--out", scratch.path("cmp")])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("2027 school A: red → green (better; demand 12.0 → 12.0, seats 10.0 → 20.0)"))
        #expect(compare.stdout.contains("thresholds differ"))
        let csv = try scratch.read("cmp/compare.csv")
        #expect(csv.contains("\nschool,A,2027,red,green,better,12.0,12.0,0.0,10.0,20.0,"))
        // 2026 differs only by thresholds (A at exactly 90%: yellow in both), so it is not listed.
        #expect(!csv.contains("school,A,2026"))

        let notAForecast = try Paiwei.run(["forecast", "--compare", scratch.path("base"), scratch.path("data")])
        #expect(notAForecast.status == 2 && notAForecast.stderr.contains("is \(scratch.path("data")) the output folder of 'paiwei forecast'?"))
    }

    @Test func usageMistakesAreRefused() throws {
        let scratch = try Scratch()
        try Self.district(scratch)
        let years = try Paiwei.run(["forecast", "--data", scratch.path("data"), "--policy", "chaoyang-2023-middle", "--years", "2029-2025",
                                    "--replications", "5", "--out", scratch.path("x")])
        #expect(years.status == 2 && years.stderr.contains("the first year comes after the last"))
        let thresholds = try Self.forecast(scratch, out: "y", ["--thresholds", "yellow=1.1"])
        #expect(thresholds.status == 2 && thresholds.stderr.contains("--thresholds"))
        let badScenario = try Self.forecast(scratch, out: "z", ["--scenario", scratch.path("none.json")])
        #expect(badScenario.status == 2 && badScenario.stderr.contains("none.json: the scenario file does not exist"))
        #expect(!scratch.exists("x") && !scratch.exists("y") && !scratch.exists("z"))
        let help = try Paiwei.run(["forecast", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--compare A B"))
    }
}

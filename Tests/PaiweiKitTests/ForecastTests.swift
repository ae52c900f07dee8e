import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// The seat-shortage forecast (学位预警): levels on a hand-made district, resampling, determinism, and
/// every refusal of the forecast's own input files.
@Suite struct ForecastTests {
    /// School A (10 seats) serves zone ZA; school B (40 seats) serves ZB and takes ZA's overflow.
    static let tinyFiles: [String: [UInt8]] = {
        var students = "student_id,zone_id,lat,lon\n"
        for i in 1...8 { students += "a\(i),ZA,39.90,116.40\n" }
        for i in 1...5 { students += "b\(i),ZB,39.95,116.40\n" }
        return [
            "schools.csv": Array("school_id,kind,capacity,lat,lon\nA,public,10,39.90,116.40\nB,public,40,39.95,116.40\n".utf8),
            "zones.csv": Array("zone_id,kind,schools\nZA,single,A\nZB,single,B\n".utf8),
            "students.csv": Array(students.utf8),
            // ZA grows past A's ten seats in 2027; A gets five more seats in 2028.
            "cohorts.csv": Array("zone_id,year,students\nZA,2025,8\nZA,2026,9\nZA,2027,12\nZA,2028,12\n".utf8),
            "capacity_changes.csv": Array("school_id,year,capacity\nA,2028,15\n".utf8),
        ]
    }()

    static let tinyPolicy = try! Policy.parse(#"{"name": "tiny", "year": 2024, "stages": [{"kind": "single_zone"}, {"kind": "overflow", "scope": "all"}]}"#, file: "policy.json")

    static func forecast(_ files: [String: [UInt8]], policy: Policy = tinyPolicy, years: ClosedRange<Int>, replications: Int = 4,
                         workers: Int = 1, scenario: String? = nil) throws -> ForecastResult {
        let inputs = try ForecastInputs.parse(files: files, scenario: scenario.map { ("scenario.json", $0) })
        return try Forecast.run(inputs: inputs, policy: policy,
                                settings: ForecastSettings(years: years, replications: replications, workers: workers))
    }

    static func row(_ result: ForecastResult, _ scope: ForecastRow.Scope, _ id: String, _ year: Int) -> ForecastRow {
        result.rows().first { $0.scope == scope && $0.id == id && $0.year == year }!
    }

    @Test func schoolGoesRedWhenItsZoneOutgrowsItsSeatsAndGreenAfterACapacityChange() throws {
        let result = try Self.forecast(Self.tinyFiles, years: 2025...2028)
        let school = (2025...2028).map { Self.row(result, .school, "A", $0).level }
        #expect(school == [.green, .yellow, .red, .green])
        let zone = (2025...2028).map { Self.row(result, .zone, "ZA", $0).level }
        #expect(zone == [.green, .yellow, .red, .green])

        let red = Self.row(result, .school, "A", 2027)
        #expect(red.demandSum == 12 * 4 && red.seatsSum == 10 * 4)
        #expect(red.turnedAwaySum == 2 * 4 && red.oversubscribed == 4)
        let redZone = Self.row(result, .zone, "ZA", 2027)
        #expect(redZone.overflowSum == 2 * 4 && redZone.unplacedSum == 0 && redZone.seatsSum == 10 * 4)
        // Overflow to B, 0.05° of latitude north: one distance, the same every time.
        #expect(redZone.distance!.total == 8 && redZone.distance!.counts.count == 1)
        #expect((5_500...5_600).contains(redZone.distance!.percentile(95)))
        let after = Self.row(result, .school, "A", 2028)
        #expect(after.seatsSum == 15 * 4 && after.demandSum == 12 * 4 && after.oversubscribed == 0)

        let files = ForecastFiles(result: result)
        let warnings = String(decoding: files.warningsCSV(), as: UTF8.self).split(separator: "\n")
        #expect(warnings.count == 5)   // header, red A and ZA in 2027, yellow A and ZA in 2026
        #expect(warnings[1].hasPrefix("red,2027,school,A,A,12.0,10.0,1.200,1.0000,"))
        #expect(warnings[2].hasPrefix("red,2027,zone,ZA,A,12.0,10.0,1.200,1.0000,"))
        #expect(warnings[3].hasPrefix("yellow,2026,school,A,"))
        let csv = String(decoding: files.forecastCSV(), as: UTF8.self)
        #expect(csv.contains("\nschool,A,A,public,2027,red,12.0,10.0,1.200,12,,1.0000,"))
        #expect(csv.contains("\nzone,ZB,B,single,2025,green,5.0,40.0,0.125,5,this_year,"))
        // ZB has no projection: kept as it is, and the notes say so.
        #expect(files.notes.contains { $0.hasPrefix("2025: no cohort projection for zone ZB (5)") })
        let summary = files.summary()
        #expect(summary["thresholds"]?["yellow"] == .double(0.9) && summary["thresholds"]?["red"] == .double(1))
    }

    @Test func thresholdsAreConfigurable() throws {
        let strict = try WarningThresholds(parsing: "yellow=0.75,red=0.9")
        #expect(strict.level(demand: 8, seats: 10) == .yellow)
        #expect(strict.level(demand: 9, seats: 10) == .red)
        #expect(strict.level(demand: 7, seats: 10) == .green)
        #expect(try WarningThresholds(parsing: "yellow=85%") == WarningThresholds(uncheckedYellow: 8500, red: 10000))
        #expect(WarningThresholds.zhejiang.description == "yellow=0.9,red=1")
        #expect(WarningThresholds.zhejiang.level(demand: 0, seats: 0) == .green)
        #expect(WarningThresholds.zhejiang.level(demand: 1, seats: 0) == .red)
        for bad in ["yellow=1.2,red=1.0", "orange=0.5", "yellow=abc", "yellow", "yellow=0", "yellow=0.12345"] {
            #expect(throws: ThresholdError.self, "\(bad)") { try WarningThresholds(parsing: bad) }
        }
    }

    @Test func scenarioOverridesCapacityCohortAndZones() throws {
        let scenario = """
        {
          "name": "more seats at A",
          "capacity": [{"school_id": "A", "year": 2027, "capacity": 20}],
          "cohorts": [{"zone_id": "ZB", "year": 2027, "students": 50}],
          "zones": [{"zone_id": "ZA", "year": 2026, "schools": ["B"]}]
        }
        """
        let result = try Self.forecast(Self.tinyFiles, years: 2026...2027, scenario: scenario)
        #expect(result.years[1].plan.capacity == [20, 40])
        #expect(result.years[1].plan.cohort == [12, 50] && result.years[1].plan.basis == [.cohortsFile, .scenario])
        #expect(result.years[0].plan.zoneSchools == [[1], [1]])
        // ZA now goes to B: 12 + 50 children for B's 40 seats in 2027.
        #expect(Self.row(result, .school, "B", 2027).level == .red)
        #expect(Self.row(result, .school, "A", 2027).demandSum == 0)
    }

    // MARK: Resampling

    static let generated: [String: [UInt8]] = {
        var files = Dictionary(uniqueKeysWithValues: DistrictGenerator(preset: .chaoyang, students: 600, seed: 3).makeFiles().map { ($0.name, $0.bytes) })
        let dataset = try! Dataset.parse(files: files)
        var cohorts = "zone_id,year,students\n"
        for (z, zone) in dataset.zones.enumerated() {
            let now = dataset.students.filter { $0.zone == z }.count
            guard now > 0 else { continue }
            // Some zones grow, one shrinks, one is left without a projection.
            if z == 1 { continue }
            cohorts += "\(zone.id),2025,\(now + z * 7)\n\(zone.id),2026,\(z == 0 ? now / 2 : now * 2 + 1)\n"
        }
        files["cohorts.csv"] = Array(cohorts.utf8)
        files["capacity_changes.csv"] = Array("school_id,year,capacity\nM002,2026,200\n".utf8)
        return files
    }()

    @Test func resamplingGivesExactlyTheProjectedCounts() throws {
        let inputs = try ForecastInputs.parse(files: Self.generated)
        let base = inputs.dataset
        let residents = CohortResampling.residents(of: base)
        for year in [2025, 2026] {
            let plan = inputs.plan(year: year)
            let seed = Forecast.yearSeed(Forecast.defaultSeed, year: year)
            let students = CohortResampling.students(of: base, residents: residents, plan: plan, seed: seed)
            #expect(students.count == plan.cohort.reduce(0, +))
            var perZone = Array(repeating: 0, count: base.zones.count)
            for student in students { perZone[student.zone] += 1 }
            #expect(perZone == plan.cohort)
            #expect(Set(students.map(\.id)).count == students.count)
            #expect(students.allSatisfy { !$0.id.hasBytePrefix("family:") && $0.id.hasBytePrefix("\(year)-") })
            #expect(zip(students, students.dropFirst()).allSatisfy { $0.id < $1.id })
            // Every child of a zone is copied ⌊P/n⌋ or ⌈P/n⌉ times (whole rows: same choices and home).
            var copies: [Identifier: Int] = [:]
            for student in students {
                let original = base.students.first { $0.line == student.line }!
                #expect(original.preferences == student.preferences && original.location == student.location && original.zone == student.zone)
                copies[original.id, default: 0] += 1
            }
            for (z, members) in residents.enumerated() where !members.isEmpty {
                let projected = plan.cohort[z], n = members.count
                for index in members {
                    let count = copies[base.students[index].id] ?? 0
                    #expect(count == projected / n || count == (projected + n - 1) / n)
                }
            }
            #expect(students.allSatisfy { $0.familyID.isEmpty || $0.familyID.hasBytePrefix("\(year)-") })
            // The same seed draws the same cohort.
            let again = CohortResampling.students(of: base, residents: residents, plan: plan, seed: seed)
            #expect(again.map(\.id) == students.map(\.id) && again.map(\.line) == students.map(\.line))
        }
        #expect(inputs.plan(year: 2026).capacity[base.schools.firstIndex { $0.id == "M002" }!] == 200)
        #expect(inputs.plan(year: 2025).basis[1] == .thisYear)
    }

    @Test func outputsAreIdenticalForAnyWorkerCountAndRowOrder() throws {
        let policy = PolicyPreset.chaoyang2023Middle.policy
        func render(_ files: [String: [UInt8]], workers: Int) throws -> [(name: String, bytes: [UInt8])] {
            ForecastFiles(result: try Self.forecast(files, policy: policy, years: 2025...2026, replications: 6, workers: workers)).render()
        }
        let one = try render(Self.generated, workers: 1)
        let two = try render(Self.generated, workers: 2)
        var shuffled = Self.generated
        for name in ["students.csv", "cohorts.csv", "schools.csv", "zones.csv"] {
            let lines = String(decoding: shuffled[name]!, as: UTF8.self).split(separator: "\n")
            let body = Array(lines.dropFirst())
            // A fixed permutation: odd rows reversed, then even rows.
            let permuted = body.enumerated().filter { $0.offset % 2 == 1 }.map(\.element).reversed() + body.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            shuffled[name] = Array(([lines[0]] + permuted).joined(separator: "\n").appending("\n").utf8)
        }
        #expect(shuffled["students.csv"] != Self.generated["students.csv"])
        let reordered = try render(shuffled, workers: 2)
        #expect(one.map(\.name) == ForecastFiles.names)
        for (index, file) in one.enumerated() {
            #expect(file.bytes == two[index].bytes, "\(file.name): 1 vs 2 workers")
            #expect(file.bytes == reordered[index].bytes, "\(file.name): shuffled rows")
        }
        let html = String(decoding: one[3].bytes, as: UTF8.self)
        #expect(html.contains("<svg") && !html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
    }

    // MARK: Bad input

    static func problems(_ files: [String: [UInt8]], scenario: String? = nil) -> [String] {
        do {
            _ = try ForecastInputs.parse(files: files, scenario: scenario.map { ("scenario.json", $0) })
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static func with(_ name: String, _ text: String) -> [String: [UInt8]] {
        var files = tinyFiles
        files[name] = Array(text.utf8)
        return files
    }

    @Test func missingCohortsSaysWhatIsNeededAndHow() {
        var files = Self.tinyFiles
        files["cohorts.csv"] = nil
        let problems = Self.problems(files)
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix("cohorts.csv: required for a forecast"))
        #expect(problems[0].contains("zone_id, year, students") && problems[0].contains("grade-5") && problems[0].contains("never makes these numbers up"))
    }

    @Test func everyCohortProblemIsReportedWithItsLine() {
        let problems = Self.problems(Self.with("cohorts.csv", """
        zone_id,year,students
        ZA,2025,8
        ZX,2025,3
        ZA,2025,9
        ZB,2026,-4
        ZB,2027,many
        ZB,next,5
        ,2025,5
        ZC,2025,3

        """))
        #expect(problems == [
            "cohorts.csv:3: zone_id: unknown zone 'ZX' (not in zones.csv)",
            "cohorts.csv:4: year: zone 'ZA' already has a projection for 2025 on line 2",
            "cohorts.csv:5: students: -4 is below the minimum 0",
            "cohorts.csv:6: students: 'many' is not a whole number",
            "cohorts.csv:7: year: 'next' is not a whole number",
            "cohorts.csv:8: zone_id: a value is required",
            "cohorts.csv:9: zone_id: unknown zone 'ZC' (not in zones.csv)",
        ])
        let header = Self.problems(Self.with("cohorts.csv", "zone,year,students\nZA,2025,8\n"))
        #expect(header == ["cohorts.csv:1: zone_id: required column is missing from the header"])
    }

    @Test func aZoneWithNobodyToResampleIsRefused() {
        var files = Self.tinyFiles
        files["zones.csv"] = Array("zone_id,kind,schools\nZA,single,A\nZB,single,B\nZN,single,B\n".utf8)
        files["cohorts.csv"] = Array("zone_id,year,students\nZN,2025,0\nZN,2026,30\n".utf8)
        let problems = Self.problems(files)
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix("cohorts.csv:3: students: zone 'ZN' has no students in students.csv this year"))
    }

    @Test func everyCapacityProblemIsReportedWithItsLine() {
        let problems = Self.problems(Self.with("capacity_changes.csv", """
        school_id,year,capacity
        A,2026,12
        Q,2026,12
        A,2026,14
        B,2027,-1
        B,2028,lots
        B,,5

        """))
        #expect(problems == [
            "capacity_changes.csv:3: school_id: unknown school 'Q' (not in schools.csv; a new school is listed there with capacity 0)",
            "capacity_changes.csv:4: year: school 'A' already changes capacity in 2026 on line 2",
            "capacity_changes.csv:5: capacity: -1 is below the minimum 0",
            "capacity_changes.csv:6: capacity: 'lots' is not a whole number",
            "capacity_changes.csv:7: year: a value is required",
        ])
    }

    @Test func everyScenarioProblemIsReportedWithItsLine() {
        let problems = Self.problems(Self.tinyFiles, scenario: """
        {
          "name": "bad",
          "colour": "red",
          "capacity": [
            {"school_id": "Q", "year": 2026, "capacity": 5},
            {"school_id": "A", "year": 2026, "capacity": -5},
            {"school_id": "A", "year": 2026.5, "capacity": 5, "note": "x"},
            {"school_id": "A", "year": 2027}
          ],
          "cohorts": [
            {"zone_id": "ZZ", "year": 2026, "students": 5},
            {"zone_id": "ZA", "year": 2026, "students": "ten"},
            {"zone_id": "ZA", "year": 2027, "students": 10},
            {"zone_id": "ZA", "year": 2027, "students": 11}
          ],
          "zones": [
            {"zone_id": "ZA", "year": 2026, "schools": ["A", "B"]},
            {"zone_id": "ZB", "year": 2026, "schools": ["B", "B"]},
            {"zone_id": "ZB", "year": 2027, "schools": "B"}
          ]
        }
        """)
        #expect(problems == [
            "scenario.json:3: colour: unknown field (expected one of: name, description, capacity, cohorts, zones)",
            "scenario.json:5: capacity[0].school_id: unknown school 'Q' (not in schools.csv; a new school is listed there with capacity 0)",
            "scenario.json:6: capacity[1].capacity: -5 is below the minimum 0",
            "scenario.json:7: capacity[2].note: unknown field (expected one of: school_id, year, capacity)",
            "scenario.json:7: capacity[2].year: 2026.5 is not a whole number",
            "scenario.json:8: capacity[3]: the field 'capacity' is required",
            "scenario.json:11: cohorts[0].zone_id: unknown zone 'ZZ' (not in zones.csv)",
            "scenario.json:12: cohorts[1].students: expected a whole number, found a string",
            "scenario.json:14: cohorts[3]: zone 'ZA' already has a cohort for 2027 on line 13",
            "scenario.json:17: zones[0].schools: zone 'ZA' is a single zone and must list exactly one school, this lists 2",
            "scenario.json:18: zones[1].schools[1]: school 'B' is listed twice",
            "scenario.json:19: zones[2].schools: expected an array, found a string",
        ])
        let notJSON = Self.problems(Self.tinyFiles, scenario: "{\"name\": \"x\",\n  capacity: []}")
        #expect(notJSON.count == 1 && notJSON[0].hasPrefix("scenario.json:2: not valid JSON"))
    }

    @Test func compareListsWhatChanges() throws {
        let base = try Self.forecast(Self.tinyFiles, years: 2027...2027)
        let remedy = try Self.forecast(Self.tinyFiles, years: 2027...2027,
                                       scenario: #"{"capacity": [{"school_id": "A", "year": 2027, "capacity": 20}]}"#)
        func table(_ result: ForecastResult) throws -> CSVTable {
            try CSVTable.parse(ForecastFiles(result: result).forecastCSV(), file: "forecast.csv")
        }
        let comparison = ForecastComparison(a: try table(base), b: try table(remedy), nameA: "base", nameB: "remedy")
        let a = comparison.changes.first { $0.scope == "school" && $0.id == "A" }!
        #expect(a.levelChange == .better && a.a?.level == "red" && a.b?.level == "green")
        #expect(comparison.levelChangeLines().map(\.english).contains("2027 school A: red → green (better; demand 12.0 → 12.0, seats 10.0 → 20.0)"))
        #expect(!comparison.changes.contains { $0.id == "B" })   // B is the same in both
        let csv = String(decoding: comparison.csv(), as: UTF8.self)
        #expect(csv.contains("\nschool,A,2027,red,green,better,12.0,12.0,0.0,10.0,20.0,1.200,0.600,1.0000,0.0000,,\n"))
        #expect(ForecastComparison.difference("120.5", "98.0") == "-22.5")
        #expect(ForecastComparison.difference("0.0500", "0.1") == "+0.0500")
        #expect(ForecastComparison.difference("", "1.0") == "")
    }
}

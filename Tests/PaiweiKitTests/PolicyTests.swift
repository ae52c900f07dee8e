import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

@Suite struct PolicyTests {
    @Test func chaoyangMiddlePresetIsTheSpecExample() throws {
        let policy = PolicyPreset.chaoyang2023Middle.policy
        #expect(policy.name == "chaoyang-2023-middle" && policy.level == .middle && policy.year == 2023)
        #expect(policy.screening.addressLockYears == 3)
        #expect(policy.screening.redirectToParent == [StudentRule(propertyDateAfter: CalendarDate("2017-06-30"))])
        #expect(policy.stages.map(\.name) == ["private", "boarding", "group1", "group2", "feeder", "single-zone", "multi-zone", "zone-coordination", "overflow"])
        #expect(policy.stages[0].priority == [.inDistrict] && policy.stages[0].choice == .privateChoice)
        #expect(policy.stages[2].pool == .batch1 && policy.stages[2].schoolFilter == SchoolFilter(kinds: [.public], lotteryGroups: [1]))
        #expect(policy.stages[6].mechanism == .immediateAcceptance && policy.stages[6].tieBreak == .single)
        #expect(policy.stages[7].scope == .zone && policy.stages[8].scope == .district)
        #expect(policy.lastBatch1Stage == 3)
    }

    @Test func primaryPresetScreensAgeAndRedirectsRentedHomes() throws {
        let policy = PolicyPreset.chaoyang2023Primary.policy
        #expect(policy.level == .primary && policy.screening.birthDateCutoff == CalendarDate("2017-08-31"))
        #expect(policy.screening.addressLockYears == 6)
        #expect(policy.screening.redirectToParent.count == 2 && policy.screening.redirectToParent[1].housing == [.rented])
    }

    /// `policy show` writes every field; reading it back gives the same policy and the same text.
    @Test(arguments: PolicyPreset.allCases)
    func shownPolicyReadsBackUnchanged(preset: PolicyPreset) throws {
        let shown = preset.policy.json.rendered()
        let reread = try Policy.parse(shown, file: "shown.json")
        #expect(reread == preset.policy)
        #expect(reread.json.rendered() == shown)
        #expect(shown.contains("\"losers\": \"continue\"") && shown.contains("\"tie_break\": \"single\""))
    }

    @Test func defaultsOfAMinimalPolicy() throws {
        let policy = try Policy.parse(#"{"year": 2024, "stages": [{"kind": "multi_zone"}, {"kind": "overflow"}]}"#, file: "p.json")
        #expect(policy.level == .middle && policy.name == "")
        #expect(policy.screening == Screening())
        #expect(policy.screening.ineligibleHousing == [.passage, .basement, .garage, .nominal])
        #expect(policy.stages[0].name == "multi_zone" && policy.stages[0].mechanism == .immediateAcceptance && policy.stages[0].losers == .continue)
        #expect(policy.stages[1].method == .nearestByLottery && policy.stages[1].scope == .district)
    }

    static func problems(_ text: String) -> [String] {
        do {
            _ = try Policy.parse(text, file: "policy.json")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func everyMistakeIsReportedWithItsLineAndField() {
        let problems = Self.problems("""
        {"year": 2023, "colour": "red",
         "screening": {"address_lock_years": -1, "redirect_to_parent": [{"property_date_after": "2017-13-01", "pets": true}]},
         "stages": [
          {"kind": "single_choice_lottery", "name": "a/b", "pool": "batch2"},
          {"kind": "multi_zone", "mechanism": "boston", "scope": "zone"},
          {"kind": "overflow", "priority": ["zone", "talent"], "losers": "continue"},
          {"kind": "teleport"},
          {"kind": "feeder", "name": "f"}, {"kind": "single_zone", "name": "f"},
          {"kind": "overflow", "name": "o2", "objective": "max_then_total"}
         ]}
        """)
        #expect(problems == [
            "policy.json:1: colour: unknown field (expected one of: name, level, year, screening, stages)",
            "policy.json:2: screening.address_lock_years: -1 is below the minimum 0",
            "policy.json:2: screening.redirect_to_parent[0].pets: unknown field (expected one of: property_date_after, property_date_before, property_date_missing, housing, hukou)",
            "policy.json:2: screening.redirect_to_parent[0].property_date_after: '2017-13-01' is not a date (write YYYY-MM-DD)",
            "policy.json:4: stages[0].choice: a single_choice_lottery needs the choice column it reads (one of: private_choice, boarding_choice, group1_choice, group2_choice)",
            "policy.json:4: stages[0].name: 'a/b' cannot name a stage: it must be non-empty and contain no '/' (it starts every lottery label)",
            "policy.json:4: stages[0].pool: 'batch2' is not one of: general, batch1",
            "policy.json:5: stages[1].mechanism: 'boston' is not one of: immediate_acceptance, deferred_acceptance, parallel, top_trading_cycles",
            "policy.json:5: stages[1].scope: unknown field (expected one of: kind, name, school_filter, priority, order, losers, families, mechanism, choices_per_round, tie_break)",
            "policy.json:6: stages[2].losers: unknown field (expected one of: kind, name, school_filter, priority, order, method, scope, objective)",
            "policy.json:6: stages[2].priority[0]: 'zone' cannot order an overflow stage, which knows no school in advance (use disabled, care or care:<category>)",
            "policy.json:6: stages[2].priority[1]: 'talent' is not a priority rule (one of: disabled, care, care:<category>, in_district, feeder, zone, sibling)",
            "policy.json:7: stages[3].kind: 'teleport' is not one of: single_choice_lottery, feeder, single_zone, multi_zone, overflow",
            "policy.json:8: stages[5].name: 'f' is already the name of stages[4]; stage names must be unique",
            "policy.json:9: stages[6].objective: 'max_then_total' needs \"method\": \"min_total_distance\" (nearest_by_lottery places student by student and minimises nothing)",
        ])
    }

    @Test func missingYearAndStagesAndBadJSON() {
        #expect(Self.problems("{}") == ["policy.json:1: stages: the list of stages is required", "policy.json:1: year: the admission year is required"])
        #expect(Self.problems("{\"year\": 2023,\n \"stages\": [}").first?.hasPrefix("policy.json:2:") == true)
        #expect(Self.problems(#"{"year": "2023", "stages": []}"#) == [
            "policy.json:1: stages: a policy needs at least one stage", "policy.json:1: year: expected a whole number, found a string",
        ])
    }

    @Test func studentRulesMatchAsWritten() throws {
        let student = Student(id: "s", zone: 0, hukou: .nonlocal, housing: .rented, propertyDate: CalendarDate("2017-06-30"))
        #expect(!StudentRule(propertyDateAfter: CalendarDate("2017-06-30")).matches(student))   // strictly after
        #expect(StudentRule(propertyDateBefore: CalendarDate("2017-07-01")).matches(student))
        #expect(!StudentRule(propertyDateMissing: true).matches(student))
        #expect(StudentRule(housing: [.rented, .owned], hukou: [.nonlocal]).matches(student))
        #expect(!StudentRule(housing: [.rented], hukou: [.local]).matches(student))
        #expect(StudentRule().matches(student))
        let undated = Student(id: "u", zone: 0)
        #expect(!StudentRule(propertyDateAfter: CalendarDate("2000-01-01")).matches(undated))
        #expect(StudentRule(propertyDateMissing: true).matches(undated))
    }

    /// A policy built in code holds only what its kind allows (deferred acceptance has no families
    /// option to set), and what the types cannot hold is refused by the model itself, not only by the
    /// JSON reader.
    @Test func aPolicyBuiltInCodeIsCheckedByTheModel() throws {
        var policy = Policy(year: 2023, stages: [
            Stage(name: "m", rule: .multiZone(MultiZoneRule(mechanism: .deferredAcceptance))),
            Stage(name: "m", priority: [.zone], rule: .overflow(OverflowRule(assignment: .minTotalDistance(.maxThenTotal), scope: .all))),
        ])
        #expect(policy.stages[0].families == .separate && policy.stages[1].objective == .maxThenTotal)
        #expect(policy.validate().map(\.description) == [
            "stages[1].name: 'm' is already the name of stages[0]; stage names must be unique",
            "stages[1].priority[0]: 'zone' cannot order an overflow stage, which knows no school in advance (use disabled, care or care:<category>)",
        ])
        let dataset = try HandMadeCaseTests.multiZone.dataset()
        #expect(throws: InputProblems.self) { try PlacementInstance(dataset: dataset, policy: policy) }
        policy.stages[1] = Stage(name: "o", rule: .overflow(OverflowRule()))
        #expect(policy.validate().isEmpty)
        // What the writer writes, the reader reads back to the same model.
        #expect(try Policy.parse(policy.json.rendered(), file: "shown.json") == policy)
    }
}

/// The data rules that depend on the policy (SPEC §3): refused before anything is placed, or warned about.
@Suite struct PolicyDataRuleTests {
    @Test func choicesOfTheWrongKindAndMissingCoordinatesAreRefused() throws {
        let district = TestDistrict(
            schools: "school_id,kind,capacity,lottery_group,lat,lon\nP,private,5,,,\nG,public,5,1,39.9,116.4\nH,public,5,,,\n",
            zones: "zone_id,kind,schools\nZ,single,G\n",
            students: "student_id,zone_id,private_choice,group1_choice,lat,lon\na,Z,G,H,39.9,116.4\nb,Z,P,G,,\n")
        let policy = try Policy.parse("""
        {"year": 2023, "stages": [
          {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}},
          {"kind": "single_choice_lottery", "name": "group1", "choice": "group1_choice", "school_filter": {"kind": "public", "lottery_group": 1}},
          {"kind": "overflow"}]}
        """, file: "policy.json")
        #expect {
            _ = try PlacementInstance(dataset: district.dataset(), policy: policy)
        } throws: { error in
            let lines = (error as! InputProblems).problems.map(\.description)
            return lines == [
                "schools.csv:4: lat: coordinates are required for a school taking overflow students (overflow=yes)",
                "students.csv:2: group1_choice: school 'H' (public) cannot be chosen here: stage 'group1' places only into public schools of lottery group 1",
                "students.csv:2: private_choice: school 'G' (public, lottery group 1) cannot be chosen here: stage 'private' places only into private schools",
                "students.csv:3: lat: home coordinates are required: the policy has an overflow stage, which places by distance",
            ]
        }
    }

    @Test func unreadChoiceColumnsAndForeignPreferencesAreWarnings() throws {
        let district = TestDistrict(
            schools: "school_id,kind,capacity\nA,public,5\nB,public,5\nP,private,5\n",
            zones: "zone_id,kind,schools\nM,multi,A\nN,multi,B\n",
            students: "student_id,zone_id,private_choice,preferences\ns,M,P,B;A;B;A\n")
        let placed = try district.place(#"{"name": "t", "year": 2023, "stages": [{"kind": "multi_zone"}]}"#)
        #expect(placed.instance.warnings.map(\.message) == [
            "preference 'A' listed twice; the later one skipped",
            "preference 'B' skipped: it does not serve zone 'M'",
            // A school that does not serve the zone, written twice, is that each time (SPEC §3).
            "preference 'B' skipped: it does not serve zone 'M'",
            "private_choice 'P' skipped: no stage of policy 't' reads this column",
        ])
        #expect(placed.school("s") == "A" && placed.rank("s") == 1)
        let warnings = String(decoding: PlacementFiles(instance: placed.instance, result: placed.result).warningsCSV(), as: UTF8.self)
        #expect(warnings.hasPrefix("file,line,student_id,message\nstudents.csv,2,s,"))
    }
}

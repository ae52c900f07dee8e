import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// Small districts taken from the policy texts, each with its exact expected placement.
@Suite struct HandMadeCaseTests {
    // MARK: First batch

    /// 民办学校报名人数超过招生计划的，实行电脑随机派位 — with in-district applicants first.
    @Test func oversubscribedPrivateSchoolAdmitsInDistrictApplicantsFirst() throws {
        let district = TestDistrict(
            schools: "school_id,kind,district,capacity\nP,private,cy,2\nQ,private,cy,10\n",
            zones: "zone_id,kind,schools\nZ,single,Q\n",
            students: """
            student_id,district,zone_id,private_choice
            a1,cy,Z,P
            a2,cy,Z,P
            a3,cy,Z,P
            b1,hd,Z,P
            b2,hd,Z,P
            c1,hd,Z,Q
            """)
        let placed = try district.place("""
        {"year": 2023, "stages": [{"kind": "single_choice_lottery", "name": "private", "choice": "private_choice",
          "school_filter": {"kind": "private"}, "priority": ["in_district"]}]}
        """)
        let inDistrict = lotteryOrder(["a1", "a2", "a3"], label: "private/P")
        #expect(placed.school(inDistrict[0]) == "P")
        #expect(placed.school(inDistrict[1]) == "P")
        #expect(placed.school(inDistrict[2]) == nil)
        #expect(placed.school("b1") == nil && placed.school("b2") == nil)
        #expect(placed.school("c1") == "Q")
        // The published cutoff is the tier and number of the last admitted.
        let summary = placed.result.schoolSummaries(stage: 0, schools: 2)[0]
        #expect(summary.applicants == 5 && summary.admitted == 2)
        #expect(summary.cutoff?.tier == 0)
        #expect(summary.cutoff?.number == lotteryNumber(seed: testSeed, label: "private/P", studentID: inDistrict[1]))
        #expect(placed.reason(inDistrict[2]) == "no_free_seat")
    }

    /// 第一组/第二组: a group school releases batch-one seats; those its lottery leaves empty go back to its zone.
    @Test func unfilledBatchOneSeatsReturnToTheZone() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lottery_group,batch1_seats\nG,5,1,2\nH,10,,0\n",
            zones: "zone_id,kind,schools\nZG,single,G\nZH,single,H\n",
            students: """
            student_id,zone_id,group1_choice
            g1,ZH,G
            z1,ZG,
            z2,ZG,
            z3,ZG,
            z4,ZG,
            """)
        let policy = """
        {"year": 2023, "stages": [
          {"kind": "single_choice_lottery", "name": "group1", "choice": "group1_choice", "school_filter": {"kind": "public", "lottery_group": 1}, "pool": "batch1"},
          {"kind": "single_zone", "name": "zone"}]}
        """
        let placed = try district.place(policy)
        #expect(placed.assignment == ["g1": "G", "z1": "G", "z2": "G", "z3": "G", "z4": "G"])
        #expect(placed.stage("g1") == "group1" && placed.stage("z1") == "zone")
        #expect(placed.result.stages[0].seatsTaken[0] == 1 && placed.result.stages[1].seatsTaken[0] == 4)

        // With a fifth zone child the returned seat is the only one short: one zone child is left out, by lottery.
        var crowded = district
        crowded.students += "\nz5,ZG,"
        let short = try crowded.place(policy)
        let order = lotteryOrder(["z1", "z2", "z3", "z4", "z5"], label: "zone/G")
        #expect(short.school(order[4]) == nil)
        #expect(order.prefix(4).allSatisfy { short.school($0) == "G" })
    }

    // MARK: Nine-year schools

    /// 九年一贯制学校对口直升: the school's own primary graduates go up first; its zone gets the rest.
    @Test func nineYearSchoolTakesItsOwnGraduatesFirst() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,feeders,lat,lon\nN,3,P1,39.900,116.400\nF,5,,39.950,116.400\n",
            zones: "zone_id,kind,schools\nZN,single,N\nZF,single,F\n",
            students: """
            student_id,zone_id,primary_school,accept_feeder,lat,lon
            p1,ZF,P1,yes,39.949,116.400
            p2,ZN,P1,yes,39.901,116.400
            p3,ZN,P1,no,39.901,116.400
            z1,ZN,P9,yes,39.901,116.400
            z2,ZN,P9,yes,39.901,116.400
            """)
        let placed = try district.place("""
        {"year": 2023, "stages": [{"kind": "feeder", "name": "feeder"}, {"kind": "single_zone", "name": "single-zone"},
          {"kind": "overflow", "name": "overflow", "scope": "all"}]}
        """)
        #expect(placed.school("p1") == "N" && placed.stage("p1") == "feeder")
        #expect(placed.school("p2") == "N" && placed.stage("p2") == "feeder")
        // One seat left for three zone children (p3 declined the feeder seat and is a zone child like the others).
        let order = lotteryOrder(["p3", "z1", "z2"], label: "single-zone/N")
        #expect(placed.school(order[0]) == "N" && placed.stage(order[0]) == "single-zone")
        #expect(placed.school(order[1]) == "F" && placed.stage(order[1]) == "overflow")
        #expect(placed.school(order[2]) == "F" && placed.stage(order[2]) == "overflow")
    }

    // MARK: Multi-school zones

    /// 志愿优先: a student refused at their first choice finds their second already full, and gets their third.
    @Test func immediateAcceptanceLosesFirstChoiceAndGetsTheThird() throws {
        let placed = try Self.multiZone.place(Self.multiZonePolicy("immediate_acceptance"))
        #expect(placed.assignment == ["s1": "C", "x": "A", "y": "B"])
        #expect(placed.rank("s1") == 3 && placed.rank("x") == 1)
        #expect(placed.result.stages[0].applications.filter { $0.student == 0 }.map(\.key.round) == [0, 1, 2])
    }

    /// The same zone under deferred acceptance gives the same matching: it is stable either way.
    @Test func deferredAcceptanceOnTheSameZone() throws {
        let placed = try Self.multiZone.place(Self.multiZonePolicy("deferred_acceptance"))
        #expect(placed.assignment == ["s1": "C", "x": "A", "y": "B"])
        #expect(placed.rank("s1") == 3)
    }

    /// Where the mechanisms differ: under immediate acceptance t's first-round application to B beats s's
    /// second-round one, although s has priority at B; deferred acceptance gives B to s.
    @Test func mechanismsDifferWhenPriorityMeetsRound() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\nB,1\n",
            zones: "zone_id,kind,schools\nM,multi,A;B\n",
            students: """
            student_id,zone_id,disabled,care,preferences
            s,M,no,martyr,A;B
            t,M,no,,B
            x,M,yes,,A
            """)
        let ia = try district.place(Self.multiZonePolicy("immediate_acceptance"))
        #expect(ia.assignment == ["s": "-", "t": "B", "x": "A"])
        let da = try district.place(Self.multiZonePolicy("deferred_acceptance"))
        #expect(da.assignment == ["s": "B", "t": "-", "x": "A"])
        #expect(da.rank("s") == 2)
    }

    static let multiZone = TestDistrict(
        schools: "school_id,capacity\nA,1\nB,1\nC,1\n",
        zones: "zone_id,kind,schools\nM,multi,A;B;C\n",
        students: """
        student_id,zone_id,disabled,preferences
        s1,M,no,A;B;C
        x,M,yes,A
        y,M,yes,B
        """)

    static func multiZonePolicy(_ mechanism: String, tieBreak: String = "single") -> String {
        """
        {"year": 2023, "stages": [{"kind": "multi_zone", "name": "multi-zone", "mechanism": "\(mechanism)",
          "tie_break": "\(tieBreak)", "priority": ["disabled", "care"]}]}
        """
    }

    /// Every student with the same preferences: the zone lottery alone orders them, under both mechanisms.
    @Test(arguments: ["immediate_acceptance", "deferred_acceptance"])
    func identicalPreferencesFollowTheLottery(mechanism: String) throws {
        let ids = (1...7).map { "s\($0)" }
        let district = TestDistrict(
            schools: "school_id,capacity\nA,2\nB,3\nC,1\n",
            zones: "zone_id,kind,schools\nM,multi,A;B;C\n",
            students: "student_id,zone_id,preferences\n" + ids.map { "\($0),M,A;B;C" }.joined(separator: "\n"))
        let placed = try district.place(Self.multiZonePolicy(mechanism))
        let order = lotteryOrder(ids, label: "multi-zone/M")
        #expect(order.map { placed.assignment[Identifier($0)]! } == ["A", "A", "B", "B", "B", "C", "-"])
    }

    /// Multiple tie-break: each school of the zone draws its own lottery.
    @Test func multipleTieBreakDrawsPerSchool() throws {
        let ids = (1...4).map { "s\($0)" }
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\nB,1\n",
            zones: "zone_id,kind,schools\nM,multi,A;B\n",
            students: "student_id,zone_id,preferences\n" + ids.map { "\($0),M,A;B" }.joined(separator: "\n"))
        let placed = try district.place(Self.multiZonePolicy("deferred_acceptance", tieBreak: "multiple"))
        let atA = lotteryOrder(ids, label: "multi-zone/M/A")[0]
        let atB = lotteryOrder(ids.filter { $0 != atA }, label: "multi-zone/M/B")[0]
        #expect(placed.school(atA) == "A")
        #expect(placed.school(atB) == "B")
        #expect(placed.placementsCSV().contains("\(atB),placed,B,multi-zone,2,multi-zone/M/B,"))
    }

    // MARK: Screening

    /// 一址六年/三年内只享受一次: an address used for a middle-school place two years ago gives no zone right;
    /// the student is coordinated by overflow, which here finds the zone school's free seat.
    @Test func addressLockedStudentIsPlacedByOverflow() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nS,3,39.900,116.400\nT,2,39.990,116.400\n",
            zones: "zone_id,kind,schools\nZ,single,S\nW,single,T\n",
            students: """
            student_id,zone_id,address_id,sibling_exempt,lat,lon
            k,Z,A1,no,39.901,116.400
            l,Z,A9,no,39.901,116.400
            m,Z,A9,yes,39.901,116.400
            """,
            addressUsage: "address_id,year,level\nA9,2021,middle\nA1,2019,middle\nA1,2022,primary\n")
        let placed = try district.place("""
        {"year": 2023, "screening": {"address_lock_years": 3}, "stages": [{"kind": "single_zone", "name": "single-zone"},
          {"kind": "overflow", "name": "zone-coordination", "scope": "zone"}, {"kind": "overflow", "name": "overflow", "scope": "district"}]}
        """)
        #expect(placed.school("k") == "S" && placed.stage("k") == "single-zone")   // 2019 is four years ago; 2022 was primary
        #expect(placed.school("m") == "S" && placed.stage("m") == "single-zone")   // sibling exemption
        #expect(placed.school("l") == "S" && placed.stage("l") == "overflow")      // locked: not the zone stage, not zone coordination
        #expect(placed.reason("l") == "address_locked")
        #expect(placed.placementsCSV().contains("l,placed,S,overflow,,overflow/,"))
    }

    /// 房产证 after 2017-06-30: the single-zone student is placed with the parent multi zone, by preference.
    @Test func lateCertificateIsRedirectedToTheParentZone() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nS,5\nA,1\nB,5\n",
            zones: "zone_id,kind,schools,parent\nZ,single,S,M\nM,multi,A;B,\n",
            students: """
            student_id,zone_id,property_date,preferences
            old,Z,2010-05-01,A
            new,Z,2018-01-01,S;B
            """)
        let placed = try district.place("""
        {"year": 2023, "screening": {"redirect_to_parent": [{"property_date_after": "2017-06-30"}]},
         "stages": [{"kind": "single_zone"}, {"kind": "multi_zone"}]}
        """)
        #expect(placed.school("old") == "S")
        #expect(placed.school("new") == "B" && placed.rank("new") == 1 && placed.reason("new") == "redirected")
        // 'S' does not serve M: skipped and reported; 'A' does not serve Z for 'old'.
        #expect(placed.instance.warnings.map(\.studentID) == ["old", "new"])
    }

    @Test func ineligibleStudentsAreNotPlaced() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nS,10\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: """
            student_id,zone_id,hukou,review_passed,housing,birth_date
            ok,Z,nonlocal,yes,owned,2017-08-31
            nr,Z,nonlocal,no,owned,
            tl,Z,treated_local,no,owned,
            gar,Z,local,no,garage,
            young,Z,local,no,owned,2017-09-01
            """)
        let placed = try district.place("""
        {"year": 2023, "level": "primary", "screening": {"birth_date_cutoff": "2017-08-31"}, "stages": [{"kind": "single_zone"}]}
        """)
        #expect(placed.assignment == ["ok": "S", "nr": "-", "tl": "S", "gar": "-", "young": "-"])
        #expect(placed.reason("nr") == "nonlocal_not_reviewed")
        #expect(placed.reason("gar") == "housing_garage")
        #expect(placed.reason("young") == "too_young")
        #expect(placed.placementsCSV().contains("young,ineligible,,,,,,too_young\n"))
    }

    /// Jilin: public or private, not both — a private-lottery loser is only coordinated.
    @Test func overflowOnlyLosersSkipZoneStages() throws {
        let district = TestDistrict(
            schools: "school_id,kind,capacity,lat,lon\nP,private,0,39.9,116.4\nS,public,1,39.9,116.4\nT,public,1,39.8,116.4\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: "student_id,zone_id,private_choice,lat,lon\nw,Z,P,39.9,116.4\n")
        let placed = try district.place("""
        {"year": 2023, "stages": [
          {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "losers": "overflow_only"},
          {"kind": "single_zone"}, {"kind": "overflow", "scope": "all"}]}
        """)
        // A zero-capacity private school takes nobody; the loser skips the zone school and is coordinated to the nearest free one.
        #expect(placed.school("w") == "S" && placed.stage("w") == "overflow")
    }

    // MARK: What crashes other matching libraries

    @Test func degenerateInstancesPlaceWithoutTrouble() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nZero,0,39.9,116.4\nLonely,3,39.95,116.4\nA,1,39.91,116.4\n",
            zones: "zone_id,kind,schools\nM,multi,Zero;A;Lonely\n",
            students: """
            student_id,zone_id,preferences,lat,lon
            e1,M,,39.9,116.4
            e2,M,Zero,39.9,116.4
            e3,M,Zero;A,39.9,116.4
            """)
        for mechanism in ["immediate_acceptance", "deferred_acceptance"] {
            let placed = try district.place("""
            {"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "\(mechanism)"}, {"kind": "overflow", "scope": "zone"}]}
            """)
            // Nobody gets the zero-capacity school; e1 (no preferences) and e2 go to overflow: A is nearer but taken by e3.
            #expect(placed.assignment == ["e1": "Lonely", "e2": "Lonely", "e3": "A"])
            #expect(placed.stage("e1") == "overflow" && placed.rank("e3") == 2)
        }
        // No students at all.
        let empty = TestDistrict(schools: district.schools, zones: district.zones, students: "student_id,zone_id\n")
        let none = try empty.place(#"{"year": 2023, "stages": [{"kind": "multi_zone"}]}"#)
        #expect(none.result.school.isEmpty)
    }

    /// 双胞胎: twins share one number in every lottery.
    @Test func twinsShareTheirNumber() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA,1\n",
            zones: "zone_id,kind,schools\nM,multi,A\n",
            students: "student_id,zone_id,family_id,preferences\nt1,M,F1,A\nt2,M,F1,A\nu,M,,A\n")
        let placed = try district.place(Self.multiZonePolicy("immediate_acceptance"))
        let applications = placed.result.stages[0].applications
        #expect(applications.first { $0.student == Int32(placed.index("t1")) }?.key.number == applications.first { $0.student == Int32(placed.index("t2")) }?.key.number)
        let t1 = lotteryNumber(seed: testSeed, label: "multi-zone/M", studentID: "t1", familyID: "F1")
        let u = lotteryNumber(seed: testSeed, label: "multi-zone/M", studentID: "u")
        // Equal numbers fall to student_id, so t1 is ahead of t2.
        #expect(placed.school(t1 < u ? "t1" : "u") == "A")
        #expect(placed.school("t2") == nil)
    }
}

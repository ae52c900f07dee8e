import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// Every preset places its dataset with every promise holding, reads back from `policy show` unchanged,
/// and each rule taken from a policy text has a case that fails if the rule is broken.
@Suite struct PresetTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: PolicyPreset.allCases)
    func presetPlacesItsDataset(preset: PolicyPreset) throws {
        let folder = Self.repository.appendingPathComponent("datasets/\(preset.rawValue)")
        let instance = try PlacementInstance(dataset: Dataset.load(from: folder), policy: preset.policy, workers: 2)
        let result = try instance.place(seed: testSeed)   // promises 1, 2 and 4 are checked inside
        #expect(result.school.filter { $0 >= 0 }.count > instance.dataset.students.count * 8 / 10, "\(preset.rawValue) places most students")
        // Round trip: show → read back → the same policy, the same placement, byte for byte.
        let shown = try Policy.parse(preset.policy.json.rendered(), file: "shown.json")
        #expect(shown == preset.policy)
        let again = try PlacementInstance(dataset: Dataset.load(from: folder), policy: shown).place(seed: testSeed)
        #expect(PlacementFiles(instance: instance, result: again).placementsCSV() == PlacementFiles(instance: instance, result: result).placementsCSV())
    }

    // MARK: Chaoyang

    /// 2021: "①自愿申请全区范围内公办初中校就近登记入学 … ②自愿申请一般公办初中校就近登记入学" — two first-batch choices.
    @Test func chaoyang2021HasDistrictWideAndGeneralChoices() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lottery_group,batch1_seats,lat,lon\nW,10,1,1,39.9,116.4\nG,10,2,1,39.9,116.4\nS,10,,0,39.9,116.4\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: "student_id,zone_id,group1_choice,group2_choice,lat,lon\na,Z,W,G,39.9,116.4\nb,Z,W,G,39.9,116.4\nc,Z,,G,39.9,116.4\n")
        let placed = try district.place(PolicyPreset.chaoyang2021Middle.source)
        let first = lotteryOrder(["a", "b"], label: "district-wide/W")[0]
        let second = first == "a" ? "b" : "a"
        #expect(placed.school(first) == "W" && placed.stage(first) == "district-wide")
        // The loser of ① takes part in ②, where G's one batch-one seat goes by G's own lottery.
        let atG = lotteryOrder([second, "c"], label: "general-public/G")[0]
        #expect(placed.school(atG) == "G" && placed.stage(atG) == "general-public")
    }

    /// 2020: "对疫情防控一线医务人员子女……根据其入学意愿优先安排保障" — first in their zone, ahead even of disability.
    @Test func chaoyang2020PutsMedicalFrontlineChildrenFirst() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nS,1,39.9,116.4\nT,5,39.99,116.4\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: "student_id,zone_id,disabled,care,lat,lon\nd,Z,yes,,39.9,116.4\nm,Z,no,medical_frontline,39.9,116.4\nx,Z,no,,39.9,116.4\n")
        let placed = try district.place(PolicyPreset.chaoyang2020Middle.source)
        #expect(placed.school("m") == "S" && placed.stage("m") == "single-zone")
        #expect(placed.school("d") == "T" && placed.school("x") == "T")
        // Under 2021 the disabled child comes first instead.
        let later = try district.place(PolicyPreset.chaoyang2021Middle.source)
        #expect(later.school("d") == "S")
    }

    /// 2023 primary: age cutoff ("2017年8月31日以前出生"), six-year address lock with the sibling exemption,
    /// rented homes to the area lottery, disabled children first, care categories under equal conditions.
    @Test func chaoyang2023PrimaryScreensAndOrders() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nS,2,39.9,116.4\nA,1,39.91,116.4\nB,3,39.92,116.4\n",
            zones: "zone_id,kind,schools,parent\nZ,single,S,M\nM,multi,A;B,\n",
            students: """
            student_id,zone_id,birth_date,housing,address_id,sibling_exempt,disabled,care,preferences,lat,lon
            young,Z,2017-09-01,owned,,no,no,,,39.9,116.4
            cut,Z,2017-08-31,owned,,no,no,,,39.9,116.4
            locked,Z,2017-01-01,owned,ADDR1,no,no,,,39.9,116.4
            sibling,Z,2017-01-01,owned,ADDR1,yes,no,,,39.9,116.4
            renter,Z,2017-01-01,rented,,no,no,,A;B,39.9,116.4
            plain,M,2017-01-01,owned,,no,no,,A,39.92,116.4
            caring,M,2017-01-01,owned,,no,no,military,A,39.92,116.4
            """,
            addressUsage: "address_id,year,level\nADDR1,2018,primary\n")
        let placed = try district.place(PolicyPreset.chaoyang2023Primary.source)
        #expect(placed.reason("young") == "too_young" && placed.school("young") == nil)
        #expect(placed.school("cut") == "S" && placed.school("sibling") == "S")
        #expect(placed.reason("locked") == "address_locked" && placed.stage("locked") != "single-zone")
        #expect(placed.reason("renter") == "redirected" && placed.stage("renter") == "multi-zone")
        // A has one seat: care comes before no priority, whatever the lottery says.
        #expect(placed.school("caring") == "A" && placed.school("plain") == "B")
    }

    // MARK: Yanqing

    /// "各乡镇小学毕业生，对口升入所在乡镇中学"; non-local students "到区教委确定的学校联系就读".
    @Test func yanqingTownshipGraduatesGoUpAndNonLocalStudentsArePlacedByTheBureau() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,feeders,lat,lon\nTown,2,P-Town,40.45,115.9\nCity,2,,40.46,115.97\nFar,5,,40.30,116.1\n",
            zones: "zone_id,kind,schools\nZT,single,Town\nZC,single,City\n",
            students: """
            student_id,zone_id,primary_school,hukou,review_passed,lat,lon
            grad,ZC,P-Town,local,no,40.46,115.97
            city,ZC,P-City,local,no,40.46,115.97
            migrant,ZC,P-City,nonlocal,yes,40.46,115.97
            unreviewed,ZC,P-City,nonlocal,no,40.46,115.97
            """)
        let placed = try district.place(PolicyPreset.yanqing2023Middle.source)
        #expect(placed.school("grad") == "Town" && placed.stage("grad") == "township")
        #expect(placed.school("city") == "City" && placed.stage("city") == "city-zone")
        // No zone right: the bureau places them, nearest public school with a free seat.
        #expect(placed.stage("migrant") == "bureau" && placed.school("migrant") == "City" && placed.reason("migrant") == "no_zone_right")
        #expect(placed.reason("unreviewed") == "nonlocal_not_reviewed")
    }

    // MARK: Jilin

    /// "每名新生只能在公办、民办学校之间选择其中一类报名，不可兼报" and "未被民办学校录取的新生，统筹安排到有空余学位的公办学校".
    @Test func jilinPrivateLoserIsOnlyCoordinated() throws {
        let district = TestDistrict(
            schools: "school_id,kind,district,capacity,lat,lon\nP,private,cq,1,43.85,126.55\nS,public,cq,5,43.80,126.55\nT,public,cq,5,43.86,126.55\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: """
            student_id,district,zone_id,private_choice,property_date,lat,lon
            in1,cq,Z,P,2015-01-01,43.86,126.55
            in2,cq,Z,P,2015-01-01,43.86,126.55
            out1,fy,Z,P,2015-01-01,43.86,126.55
            """)
        let placed = try district.place(PolicyPreset.jilin2023Middle.source)
        // In-region applicants first in the private lottery: the seat goes to one of them, by lottery.
        let winner = lotteryOrder(["in1", "in2"], label: "private/P")[0]
        let loser = winner == "in1" ? "in2" : "in1"
        #expect(placed.school(winner) == "P" && placed.school("out1") != "P")
        // The loser does not get the zone school S; coordination sends them to the nearest public school with seats, T.
        #expect(placed.stage(loser) == "coordination" && placed.school(loser) == "T")
        // Coordination is by the district the student registered in: none of these schools is in 'fy'.
        #expect(placed.stage("out1") == "coordination" && placed.school("out1") == nil)
    }

    /// "住房登记时间在2020年8月31日之前"; failing the housing review means coordination, not exclusion.
    @Test func jilinLateOrMissingCertificatesAndFailedHousingAreCoordinated() throws {
        let district = TestDistrict(
            schools: "school_id,capacity,lat,lon\nS,5,43.80,126.55\nT,5,43.86,126.55\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: """
            student_id,zone_id,property_date,housing,birth_date,lat,lon
            ok,Z,2020-08-31,owned,2017-05-01,43.86,126.55
            late,Z,2020-09-01,owned,2017-05-01,43.86,126.55
            none,Z,,rented,2017-05-01,43.86,126.55
            garage,Z,2015-01-01,garage,2017-05-01,43.86,126.55
            """)
        let placed = try district.place(PolicyPreset.jilin2023Primary.source)
        #expect(placed.school("ok") == "S" && placed.stage("ok") == "school-district")
        for id in ["late", "none", "garage"] {
            #expect(placed.school(id) == "T" && placed.stage(id) == "coordination" && placed.reason(id) == "no_zone_right", "\(id)")
        }
    }

    // MARK: Families admitted together

    static func familyDistrict(seats: Int) -> TestDistrict {
        TestDistrict(
            schools: "school_id,capacity\nS,\(seats)\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: "student_id,zone_id,family_id\nt1,Z,F\nt2,Z,F\nu,Z,\nv,Z,\n")
    }

    static let together = #"{"year": 2023, "stages": [{"kind": "single_zone", "families": "together"}]}"#

    /// A family is admitted as one unit or not at all; when it does not fit, the next applicant who fits goes in.
    @Test(arguments: [1, 2, 3])
    func familiesAreAdmittedTogether(seats: Int) throws {
        let placed = try Self.familyDistrict(seats: seats).place(Self.together)
        let family = lotteryNumber(seed: testSeed, label: "single_zone/S", studentID: "t1", familyID: "F")
        let u = lotteryNumber(seed: testSeed, label: "single_zone/S", studentID: "u")
        let v = lotteryNumber(seed: testSeed, label: "single_zone/S", studentID: "v")
        // Units in lottery order: the family (t1, t2), u, v.
        var units: [(UInt64, [String])] = [(family, ["t1", "t2"]), (u, ["u"]), (v, ["v"])]
        units.sort { $0.0 < $1.0 }
        var left = seats
        var expected: Set<String> = []
        for (_, members) in units where members.count <= left {
            expected.formUnion(members)
            left -= members.count
        }
        let admitted = Set(["t1", "t2", "u", "v"].filter { placed.school($0) == "S" })
        #expect(admitted == expected, "seats \(seats)")
        #expect(placed.school("t1") == placed.school("t2"))
    }

    @Test func familiesTogetherRefusesDeferredAcceptance() {
        #expect(throws: InputProblems.self) {
            _ = try Policy.parse(#"{"year": 2023, "stages": [{"kind": "multi_zone", "mechanism": "deferred_acceptance", "families": "together"}]}"#, file: "p.json")
        }
    }

    /// Without the option, twins share a number but may be split by the last seat.
    @Test func familiesSeparateMaySplit() throws {
        let placed = try Self.familyDistrict(seats: 1).place(#"{"year": 2023, "stages": [{"kind": "single_zone"}]}"#)
        #expect(["t1", "t2", "u", "v"].filter { placed.school($0) == "S" }.count == 1)
    }
}

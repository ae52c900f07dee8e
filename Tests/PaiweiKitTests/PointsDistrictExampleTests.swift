import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// docs/points-district-policy.json, the example for a points-based district (积分入学; no policy document
/// of ours uses points, so it is an example, not a preset): local children by zone, sibling priority, the
/// parallel mechanism in multi zones; non-local children without zone right admitted by points to the
/// seats left in their district.
@Suite struct PointsDistrictExampleTests {
    static let text: String = {
        let url = PresetTests.repository.appendingPathComponent("docs/points-district-policy.json")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test func theExamplePolicyReadsAndRoundTrips() throws {
        let policy = try Policy.parse(Self.text, file: "points-district-policy.json")
        #expect(policy.stages.map(\.name) == ["private", "single-zone", "multi-zone", "points-admission"])
        #expect(policy.stages[2].multiZoneRule?.mechanism == .parallel(choicesPerRound: 2))
        #expect(policy.stages[3].ordersByPoints)
        #expect(try Policy.parse(policy.json.rendered(), file: "shown.json") == policy)
    }

    @Test func itPlacesAPointsDistrict() throws {
        // Three local children of zone Z (school S, 3 seats) and three non-local children who are placed
        // by points on what is left in the district: T's two seats and S's last.
        let district = TestDistrict(
            schools: "school_id,district,capacity,lat,lon\nS,d,3,39.90,116.40\nT,d,2,39.95,116.45\n",
            zones: "zone_id,kind,schools\nZ,single,S\n",
            students: """
            student_id,district,zone_id,hukou,review_passed,points,sibling_school,lat,lon
            l1,d,Z,local,,,,39.90,116.40
            l2,d,Z,local,,,S,39.90,116.40
            n1,d,Z,nonlocal,yes,96.5,,39.90,116.40
            n2,d,Z,nonlocal,yes,101,,39.90,116.40
            n3,d,Z,nonlocal,yes,96.25,,39.90,116.40
            n4,d,Z,nonlocal,no,120,,39.90,116.40
            """)
        let placed = try district.place(Self.text)
        #expect(placed.assignment == ["l1": "S", "l2": "S", "n2": "S", "n1": "T", "n3": "T", "n4": "-"])
        #expect(placed.stage("n2") == "points-admission" && placed.reason("n4") == "nonlocal_not_reviewed")
        // The points decide the order of the overflow stage: n2 (101) first, takes the nearest (S).
        let order = placed.result.stages[3].overflowEntries.map { placed.instance.dataset.students[Int($0.student)].id.text }
        #expect(order == ["n2", "n1", "n3"])
    }

    @Test func itPlacesTheSampleDistrictWithItsPromises() throws {
        let dataset = try Dataset.load(from: PresetTests.repository.appendingPathComponent("datasets/sample"))
        let instance = try PlacementInstance(dataset: dataset, policy: Policy.parse(Self.text, file: "points-district-policy.json"))
        let result = try instance.place(seed: testSeed)   // every promise checked inside
        #expect(result.school.filter { $0 >= 0 }.count > dataset.students.count / 2)
    }
}

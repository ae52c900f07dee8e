import Testing
@testable import PaiweiKit

/// The faults a second, independent implementation of SPEC found, each pinned by the smallest case
/// that showed it.
@Suite struct FaultRegressionTests {
    // MARK: Fault 1 — distance ties in zone coordination

    /// Two schools of one service area on one campus: the tie goes to the smaller `school_id`, whatever
    /// the order the area's `zones.csv` row lists them in (SPEC §3).
    static func sharedCampus(students: Int) -> TestDistrict {
        var rows = "student_id,zone_id,preferences,lat,lon\n"
        for k in 1...students { rows += "s\(k),A,,39.9000,116.4000\n" }
        return TestDistrict(
            schools: "school_id,capacity,lat,lon\nF,5,39.9100,116.4100\nD,5,39.9100,116.4100\n",
            zones: "zone_id,kind,schools\nA,multi,F;D\n",
            students: rows)
    }

    @Test(arguments: ["nearest_by_lottery", "min_total_distance"])
    func zoneCoordinationBreaksDistanceTiesBySchoolID(method: String) throws {
        let policy = """
        {"year": 2023, "stages": [{"kind": "multi_zone"}, {"kind": "overflow", "name": "zone-coordination", "method": "\(method)", "scope": "zone"}]}
        """
        let one = try Self.sharedCampus(students: 1).place(policy)
        #expect(one.school("s1") == "D", "\(method): the tie goes to the smaller school_id")
        // Two students on one campus: today the product's own envy check fired and nothing was placed.
        let two = try Self.sharedCampus(students: 2).place(policy)
        #expect(two.school("s1") == "D" && two.school("s2") == "D", "\(method)")
        // Six students: five seats at D, the sixth at F.
        let six = try Self.sharedCampus(students: 6).place(policy)
        #expect(six.assignment.values.filter { $0 == "D" }.count == 5 && six.assignment.values.filter { $0 == "F" }.count == 1, "\(method)")
    }

    // MARK: Fault 5 — a comparison that changes a rule

    @Test func replacingTheMechanismRefusesAStageThatAdmitsFamiliesTogether() throws {
        let policy = try Policy.parse("""
        {"year": 2023, "stages": [{"kind": "multi_zone", "name": "m", "families": "together"}]}
        """, file: "policy.json")
        #expect(throws: MechanismRefusal(stage: "m", mechanism: .deferredAcceptance)) {
            try policy.replacingMultiZoneMechanism(with: .deferredAcceptance)
        }
        #expect(try policy.replacingMultiZoneMechanism(with: .immediateAcceptance) == policy)
        let separate = try Policy.parse("""
        {"year": 2023, "stages": [{"kind": "multi_zone", "name": "m"}]}
        """, file: "policy.json")
        #expect(try separate.replacingMultiZoneMechanism(with: .deferredAcceptance).stages[0].mechanism == .deferredAcceptance)
    }
}

import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

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

    // MARK: Fault 2 — ids are byte strings

    /// é written precomposed (U+00E9) and as e + U+0301: one character to a reader, two ids to Paiwei.
    static let precomposed = "\u{E9}"
    static let decomposed = "e\u{301}"

    @Test func canonicallyEquivalentIdsAreDifferentIdsInEveryColumn() throws {
        let (p, d) = (Self.precomposed, Self.decomposed)
        #expect(p == d, "Swift's String equality is canonical equivalence: the reason ids are Identifiers")
        #expect(Identifier(p) != Identifier(d) && Set([Identifier(p), Identifier(d)]).count == 2)
        let district = TestDistrict(
            schools: """
            school_id,district,capacity,feeders,lat,lon
            M\(p),D\(p),1,P\(p),39.90,116.40
            M\(d),D\(d),1,,39.90,116.40
            """,
            zones: "zone_id,kind,schools\nZ\(p),multi,M\(p)\nZ\(d),multi,M\(d)\n",
            students: """
            student_id,zone_id,district,primary_school,preferences,family_id,address_id,lat,lon
            S\(p),Z\(d),D\(d),P\(d),M\(d),F\(p),A\(d),39.90,116.40
            S\(d),Z\(p),D\(p),P\(p),M\(p),F\(d),A\(p),39.90,116.40
            """,
            addressUsage: "address_id,year,level\nA\(p),2022,middle\n")
        let dataset = try district.dataset()
        // Two students, two schools, two zones: no duplicate refused, nothing merged.
        #expect(dataset.students.count == 2 && dataset.schools.count == 2 && dataset.zones.count == 2)
        // Sorted by bytes: "e" (0x65) comes before the precomposed é (0xC3 0xA9).
        #expect(dataset.students.map { Array($0.id.utf8) } == [Array("S\(d)".utf8), Array("S\(p)".utf8)])
        let placed = try district.place("""
        {"year": 2023, "screening": {"address_lock_years": 3}, "stages": [
          {"kind": "feeder", "name": "feeder"},
          {"kind": "multi_zone", "name": "m\(p)", "priority": ["in_district"]},
          {"kind": "overflow", "name": "m\(d)", "scope": "district"}]}
        """)
        // S-é (precomposed) lives in Z-e+◌́ and prefers M-e+◌́: placed there by the zone stage, not as a feeder
        // of M-é (whose feeder is the precomposed P-é) and not locked (A-é is the precomposed address).
        #expect(placed.schoolID(Identifier("S\(p)")) == Identifier("M\(d)"))
        #expect(placed.stage("S\(p)").map { Array($0.utf8) } == Array("m\(p)".utf8))
        #expect(placed.reason("S\(p)") == "")
        // S-e+◌́ is the feeder pupil of M-é, but its address A-é is locked: no zone right, so neither the
        // feeder nor the zone stage; the district-scope overflow of its district D-é places it at M-é.
        let other = placed.index("S\(d)")
        #expect(placed.reason("S\(d)") == "address_locked")
        #expect(placed.result.school[other] >= 0 && Array(placed.instance.dataset.schools[Int(placed.result.school[other])].id.utf8) == Array("M\(p)".utf8))
        #expect(placed.stage("S\(d)").map { Array($0.utf8) } == Array("m\(d)".utf8))
        // Two families, two numbers; two stages, two lotteries.
        #expect(placed.instance.counters[0] != placed.instance.counters[1])
        #expect(Set(placed.instance.labels.map { Identifier($0) }).count == placed.instance.labels.count)
    }

    @Test func aZoneListingTheDecomposedFormDoesNotResolveToThePrecomposedSchool() {
        let district = TestDistrict(
            schools: "school_id,capacity\nM\(Self.precomposed),3\n",
            zones: "zone_id,kind,schools\nZ,multi,M\(Self.decomposed)\n",
            students: "student_id,zone_id,preferences\ns,Z,M\(Self.decomposed)\n")
        #expect(throws: InputProblems.self) { try district.dataset() }
        do {
            _ = try district.dataset()
        } catch let error as InputProblems {
            #expect(error.problems.map(\.description) == [
                "students.csv:2: preferences: unknown school 'M\(Self.decomposed)' (not in schools.csv)",
                "zones.csv:2: schools: unknown school 'M\(Self.decomposed)' (not in schools.csv)",
            ])
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func theFamilyPrefixIsMatchedByBytes() {
        // "family:" followed by a combining mark is one grapheme ":́" to String.hasPrefix, but its bytes begin
        // with the reserved prefix, and the lottery hashes bytes.
        let district = TestDistrict(schools: "school_id,capacity\nA,1\n", zones: "zone_id,kind,schools\nZ,single,A\n",
                                    students: "student_id,zone_id\nfamily:\u{301}x,Z\n")
        #expect(!"family:\u{301}x".hasPrefix("family:"))
        #expect(throws: InputProblems.self) { try district.dataset() }
    }

    // MARK: Fault 3 — reading rules of the revised SPEC §2

    @Test func cellsLoseUnicodeWhiteSpaceAtTheirEdges() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\nA\u{3000},2\n",
            zones: "zone_id,kind,schools\nZ,single,A\n",
            // local + U+3000 (an input method's space), an id + U+00A0 (a web copy), a tab, a no-break space.
            students: "student_id,zone_id,hukou\ns1\u{00A0},Z,local\u{3000}\n\u{3000}s2\t,Z\u{00A0},\u{2003}nonlocal\n")
        let dataset = try district.dataset()
        #expect(dataset.students.map(\.id) == ["s1", "s2"])
        #expect(dataset.students.map(\.hukou) == [.local, .nonlocal])
        #expect(dataset.schools.map(\.id) == ["A"])
    }

    @Test func loneCarriageReturnLineEndsAndWhitespaceOnlyLinesAreRead() throws {
        let district = TestDistrict(
            schools: "school_id,capacity\rA,2\r",
            zones: "zone_id,kind,schools\rZ,single,A\r\u{3000}\r",
            students: "student_id,zone_id\rs1,Z\r \t\rs2,Z\r")
        let placed = try district.place(#"{"year": 2023, "stages": [{"kind": "single_zone"}]}"#)
        #expect(placed.assignment == ["s1": "A", "s2": "A"])
        #expect(placed.instance.dataset.students.map(\.line) == [2, 4])
    }

    @Test func aPolicyFileWithAByteOrderMarkIsRead() throws {
        let policy = try Policy.parse("\u{FEFF}" + #"{"year": 2023, "stages": [{"kind": "single_zone"}]}"#, file: "policy.json")
        #expect(policy.stages.count == 1)
    }

    @Test func duplicateKeysAndEmptyListsStayErrors() {
        for text in [
            #"{"year": 2023, "year": 2024, "stages": [{"kind": "single_zone"}]}"#,
            #"{"year": 2023, "stages": []}"#,
            #"{"year": 2023, "screening": {"redirect_to_parent": [{"housing": []}]}, "stages": [{"kind": "single_zone"}]}"#,
            #"{"year": 2023, "stages": [{"kind": "single_zone", "school_filter": {"kind": []}}]}"#,
            "\u{FEFF}" + #"{"year": 2023, "stages": [{"kind": "single_zone", "kind": "feeder"}]}"#,
        ] {
            #expect(throws: InputProblems.self, "\(text)") { try Policy.parse(text, file: "policy.json") }
        }
    }

    // MARK: Fault 6 — distances from the platform's maths library

    /// The exact haversine of this pair is 3,408.500 000 000 22 m, so SPEC §3's whole metres are 3,409.
    /// glibc's sin, cos and asin land one bit low and give 3,408; the product's own functions
    /// (``PortableMath``) give the same 3,409 on every machine.
    @Test func aDistanceOnAHalfMetreIsTheSameOnEveryMachine() {
        let home = Coordinate(latitude: 39.91045069236156, longitude: 116.44195636748974)
        let school = Coordinate(latitude: 39.92047155395378, longitude: 116.4797261327771)
        #expect(distanceMetres(home, school) == 3409)
        #expect(distanceMetres(school, home) == 3409)
    }
}

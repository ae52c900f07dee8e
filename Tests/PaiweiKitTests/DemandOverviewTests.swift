import Testing
@testable import PaiweiCore
@testable import PaiweiRuns
@testable import PaiweiReports

/// `paiwei check`'s tables: students, seats and first choices per zone and per school.
@Suite struct DemandOverviewTests {
    static let district = TestDistrict(
        schools: "school_id,name,kind,capacity\nA,甲校,public,2\nB,乙校,public,2\nP,民办校,private,1\n",
        zones: "zone_id,kind,schools\nZA,single,A\nM,multi,A;B\n",
        students: """
        student_id,zone_id,private_choice,preferences,housing
        s1,ZA,P,,
        s2,ZA,P,,
        s3,M,,B;A,
        s4,M,,A,
        s5,M,,A;B,
        s6,ZA,,,garage
        s7,M,,,

        """)
    static let policy = """
        {"year": 2023, "stages": [
          {"kind": "single_choice_lottery", "name": "private", "choice": "private_choice", "school_filter": {"kind": "private"}},
          {"kind": "single_zone", "name": "single-zone"}, {"kind": "multi_zone", "name": "multi-zone"}]}
        """

    @Test func figuresPerZoneAndSchool() throws {
        let placed = try Self.district.place(Self.policy)
        let overview = DemandOverview(placed.instance)
        // s1 and s2 want the private school first; s6 (a garage) is ineligible; s7 names nothing in the multi zone.
        #expect(overview.zones.map(\.id.text) == ["M", "ZA"])
        #expect(overview.zones.map(\.students) == [4, 3])
        #expect(overview.zones.map(\.seats) == [4, 2])
        #expect(overview.zones.map(\.firstChoice) == [3, 0])
        #expect(overview.zones.map(\.isShort) == [false, true])
        #expect(overview.zones.map(\.shortBy) == [0, 1])
        #expect(overview.schools.map(\.id.text) == ["A", "B", "P"])
        #expect(overview.schools.map(\.firstChoice) == [2, 1, 2])
        #expect(overview.schools.map(\.isOversubscribed) == [false, false, true])
        #expect(overview.students == 7 && overview.seats == 5 && overview.withFirstChoice == 5)
    }

    @Test func tablesInBothLanguagesAndInOne() throws {
        let overview = DemandOverview(try Self.district.place(Self.policy).instance)
        let both = DemandOverviewTable(overview).lines()
        #expect(both.contains { $0.hasPrefix("ZA") && $0.contains("单校划片/single") && $0.contains("3 人/students")
            && $0.contains("2 个学位/seats") && $0.hasSuffix("是，缺 1 个学位/yes, 1 seats short") })
        #expect(both.contains { $0.hasPrefix("片区") && $0.contains("学位") })
        #expect(both.contains { $0.hasPrefix("zone") && $0.contains("seats") })
        #expect(both.contains { $0.hasPrefix("P ") && $0.contains("民办校") && $0.contains("2.00") && $0.hasSuffix("是/yes") })
        let english = DemandOverviewTable(overview, languages: [.english]).lines()
        #expect(english.contains { $0.hasPrefix("ZA") && $0.contains("3 students") && $0.contains("2 seats") && $0.hasSuffix("yes, 1 seats short") })
        #expect(!english.joined().contains("学位"))
        let chinese = DemandOverviewTable(overview, languages: [.chinese]).lines()
        #expect(chinese.contains { $0.hasPrefix("ZA") && $0.contains("3 人") && $0.hasSuffix("是，缺 1 个学位") })
        // Columns line up by display width: every row of a table is as wide as its rule at most.
        let rule = both.first { $0.hasPrefix("----") }!
        for line in both.prefix(9).dropFirst() where !line.isEmpty {
            #expect(DemandOverviewTable.displayWidth(line) <= DemandOverviewTable.displayWidth(rule), "\(line)")
        }
    }
}

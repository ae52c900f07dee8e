import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// The `points` and `sibling_school` columns of `students.csv` (SPEC §2, revision of 2026-12-01): points
/// read exactly, in hundredths; a bad cell or an unknown school is located bad input in both languages.
@Suite struct PointsColumnTests {
    static let schools = "school_id,capacity\nS1,10\nS2,10\n"
    static let zones = "zone_id,kind,schools\nM1,multi,S1;S2\n"

    static func files(_ students: String) -> [String: [UInt8]] {
        ["schools.csv": Array(schools.utf8), "zones.csv": Array(zones.utf8), "students.csv": Array(students.utf8)]
    }

    @Test(arguments: [("0", 0), ("85", 8500), ("85.5", 8550), ("85.25", 8525), ("085.05", 8505), ("9999999.99", 999_999_999), ("0.01", 1)])
    func pointsAreReadExactlyInHundredths(text: String, hundredths: Int) throws {
        #expect(Points(text)?.hundredths == UInt32(hundredths), "\(text)")
    }

    @Test(arguments: ["-1", "+1", "1e2", "1,000", "85.", ".5", "85.123", "1.2.3", "八十", "0x10", "85 5", ""])
    func malformedPointsAreRefused(text: String) {
        #expect(Points.parse(Array(text.utf8)) == .failure(.malformed), "\(text)")
    }

    @Test(arguments: ["10000000", "10000000.00", "99999999999999999999999"])
    func pointsAboveTheMaximumAreRefused(text: String) {
        #expect(Points.parse(Array(text.utf8)) == .failure(.tooLarge), "\(text)")
    }

    @Test func pointsPrintWithTwoDecimals() {
        #expect(Points(hundredths: 8550).description == "85.50")
        #expect(Points(hundredths: 5).description == "0.05")
        #expect(Points.maximum.description == "9999999.99")
    }

    @Test func columnsAreReadWithDefaults() throws {
        let dataset = try Dataset.parse(files: Self.files("student_id,zone_id,points,sibling_school\na,M1,92.5,S2\nb,M1,,\nc,M1, 7 ,S1\n"))
        #expect(dataset.students.map(\.points.hundredths) == [9250, 0, 700])
        #expect(dataset.students.map(\.siblingSchool) == [1, nil, 0])
        let without = try Dataset.parse(files: Self.files("student_id,zone_id\na,M1\n"))
        #expect(without.students[0].points == .zero && without.students[0].siblingSchool == nil)
    }

    @Test func badCellsAreLocatedInBothLanguages() {
        do {
            _ = try Dataset.parse(files: Self.files("student_id,zone_id,points,sibling_school\na,M1,85.125,S9\nb,M1,12345678,\n"))
            Issue.record("expected problems")
        } catch {
            #expect(error.problems.map(\.description) == [
                "students.csv:2: points: '85.125' is not a number of points (write digits with at most two decimals, such as 85 or 85.5; no sign, exponent or thousands separator)",
                "students.csv:2: sibling_school: unknown school 'S9' (not in schools.csv)",
                "students.csv:3: points: '12345678' points exceed the largest accepted, 9999999.99",
            ])
            #expect(error.problems.map { $0.description(in: .chinese) } == [
                "students.csv:2: points: “85.125”不是有效的积分（请写数字，最多两位小数，如 85 或 85.5；不带正负号、指数或千位分隔符）",
                "students.csv:2: sibling_school: 未知学校“S9”（schools.csv 中没有）",
                "students.csv:3: points: 积分“12345678”超过允许的最大值 9999999.99",
            ])
        }
    }
}

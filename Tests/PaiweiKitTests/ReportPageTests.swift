import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// `report.html` and `rosters.html`: self-contained, escaped, and saying the same as the CSV files (that they
/// are the same bytes in every process is `CLITests.pagesAreTheSameBytesInEveryProcess`).
@Suite struct ReportPageTests {
    /// A generated district placed with the Chaoyang middle-school policy: every kind of stage has work.
    static let placed: Placed = {
        let files = Dictionary(uniqueKeysWithValues: DistrictGenerator(preset: .chaoyang, students: 600, seed: 3).makeFiles().map { ($0.name, $0.bytes) })
        // The fixture is fixed; failing to place it is a test bug.
        let instance = try! PlacementInstance(dataset: Dataset.parse(files: files), policy: PolicyPreset.chaoyang2023Middle.policy)
        return Placed(instance: instance, result: try! instance.place(seed: testSeed))
    }()

    static let report = PlacementReportPage(instance: placed.instance, result: placed.result).html()
    static let rosters = RosterPages(instance: placed.instance, result: placed.result).html()

    /// A tiny district whose first school's name needs escaping and whose last school admits nobody.
    static func tinyDistrict() throws -> Placed {
        try TestDistrict(
            schools: """
            school_id,name,kind,district,capacity,overflow,lat,lon
            A,"Bad <&""> School",public,cy,2,yes,39.90,116.40
            B,Plain School,public,cy,5,yes,39.95,116.45
            C,Empty School,public,cy,3,no,39.99,116.49
            """,
            zones: "zone_id,kind,schools\nZ,single,A\n",
            students: """
            student_id,district,zone_id,lat,lon
            s1,cy,Z,39.90,116.40
            s2,cy,Z,39.91,116.41
            s3,cy,Z,39.92,116.42
            s4,cy,Z,39.93,116.43
            """
        ).place("""
        {"name": "tiny <&\\"> policy", "year": 2023, "stages": [
          {"kind": "single_zone", "name": "zone"},
          {"kind": "overflow", "name": "overflow", "scope": "all"}]}
        """)
    }

    // MARK: Page properties

    @Test(arguments: ["report", "rosters"])
    func pagesReferenceNothingOutside(page: String) {
        let html = (page == "report" ? Self.report : Self.rosters).lowercased()
        for forbidden in ["http", "src=", "<link", "url(", "<script", "@import", "<img"] {
            #expect(!html.contains(forbidden), "\(page) contains \(forbidden)")
        }
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"zh-cn\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test func reportHasChartsWithTitles() {
        let svgs = Self.report.components(separatedBy: "<svg class=\"chart\"").count - 1
        let fillCharts = (Self.placed.instance.dataset.schools.count + PlacementReportPage.schoolsPerChart - 1) / PlacementReportPage.schoolsPerChart
        #expect(svgs == 4 + fillCharts)
        #expect(Self.report.components(separatedBy: "<title id=\"chart-").count - 1 == svgs)
        #expect(Self.report.components(separatedBy: "<desc id=\"chart-").count - 1 == svgs)
        // The district map and the overflow map, each with its own title and description.
        let maps = Self.report.components(separatedBy: "<svg class=\"map\"").count - 1
        #expect(maps == 2)
        #expect(Self.report.components(separatedBy: "<title id=\"map-").count - 1 == maps)
        #expect(Self.report.components(separatedBy: "<desc id=\"map-").count - 1 == maps)
    }

    // MARK: Report numbers

    @Test func outcomeNumbersEqualThoseOfPlacementFiles() {
        let placed = Self.placed
        let files = PlacementFiles(instance: placed.instance, result: placed.result)
        for outcome in PlacementOutcome.allCases {
            let expected = placed.instance.dataset.students.indices.filter { files.outcome($0) == outcome }.count
            #expect(attributeValues("data-outcome-\(outcome.rawValue)", in: Self.report) == [expected], "\(outcome)")
        }
        #expect(attributeValues("data-outcome-placed", in: Self.report)[0] > 0)
    }

    @Test func placedByStageAndTakenPerSchoolAddUp() {
        let placed = Self.placed
        let stages = attributeValues("data-stage-placed", in: Self.report)
        #expect(stages.count == placed.instance.policy.stages.count)
        #expect(stages == placed.result.stages.map { Int($0.seatsTaken.reduce(0, +)) })
        let taken = attributeValues("data-taken", in: Self.report)
        #expect(taken == placed.instance.dataset.schools.indices.map { s in placed.result.school.filter { $0 == s }.count })
    }

    @Test func histogramBinsSumToOverflowPlacedStudents() {
        let placed = Self.placed
        let overflow = Set(placed.instance.policy.stages.indices.filter { placed.instance.policy.stages[$0].kind == .overflow })
        let expected = placed.result.school.indices.filter { placed.result.isPlaced($0) && overflow.contains(Int(placed.result.placingStage[$0])) }.count
        #expect(expected > 0)
        let bins = attributeValues("data-bin-count", in: Self.report)
        #expect(!bins.isEmpty && bins.count <= PlacementReportPage.histogramKilometres + 1)
        #expect(bins.reduce(0, +) == expected)
        #expect(attributeValues("data-overflow-students", in: Self.report) == [expected])
    }

    @Test func distanceStatisticsUseIntegerRounding() {
        let placed = Self.placed
        let distances = placed.result.overflowDistance.filter { $0 >= 0 }.map(Int.init).sorted()
        let metres = attributeValues("data-metres", in: Self.report)
        #expect(metres.count == 4)
        #expect(metres[0] == (distances.reduce(0, +) + distances.count / 2) / distances.count)
        #expect(metres[3] == distances.last)
        #expect(metres[1] <= metres[2] && metres[2] <= metres[3])
    }

    @Test func numbersAreFormattedWithoutLocale() {
        #expect(NumberText.grouped(0) == "0")
        #expect(NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(1000) == "1,000")
        #expect(NumberText.grouped(1234567) == "1,234,567")
        #expect(NumberText.grouped(-1234) == "-1,234")
        #expect(NumberText.kilometres(14032) == "14.0")
        #expect(NumberText.kilometres(2850) == "2.9")
        #expect(NumberText.kilometres(49) == "0.0")
        #expect(NumberText.kilometres(50) == "0.1")
        #expect(NumberText.percent(1962, of: 2000) == "98.1%")
        #expect(NumberText.percent(1, of: 3) == "33.3%")
        #expect(NumberText.percent(2, of: 3) == "66.7%")
        #expect(NumberText.ratio(476, 127, decimals: 2) == "3.75")
        #expect(NumberText.ratio(5, 0, decimals: 2) == "—")
        #expect(NumberText.fixed(1234505, decimals: 3) == "1,234.505")
        #expect(SVGChart.niceStep(maximum: 1962) == 500)
        #expect(SVGChart.axis(maximum: 0) == (1, 1))
    }

    // MARK: Rosters

    @Test func everySchoolHasOneRosterSectionWithItsStudentsInAdmissionOrder() throws {
        let placed = Self.placed
        let schools = placed.instance.dataset.schools
        let sections = rosterSections(Self.rosters)
        #expect(sections.map(\.school) == schools.map(\.id.text))
        for (s, section) in sections.enumerated() where s < schools.count {
            let expected = admissionOrder(placed, school: s)
            #expect(section.students.count == placed.result.school.filter { $0 == s }.count, "\(schools[s].id)")
            #expect(section.students == expected.map { placed.instance.dataset.students[$0].id.text }, "\(schools[s].id)")
            #expect(section.numbers == Array(stride(from: 1, through: expected.count, by: 1)))
            #expect(section.html.contains("data-admitted=\"\(expected.count)\""))
            for line in ["公证员", "Notary", "家长代表", "Parents' representative", "监督员", "Supervisor", "日期", "Date"] {
                #expect(section.html.contains(line), "\(line)")
            }
        }
        #expect(Self.rosters.components(separatedBy: "break-after: page").count > 1)
    }

    /// Written a segment at a time (as the output folder writes it), rosters.html is the same bytes, cut
    /// only after whole rows or sections; the segments are about the size asked for.
    @Test(arguments: [1, 4096, 1 << 20])
    func rostersInSegmentsAreTheSameBytes(segmentBytes: Int) {
        let pages = RosterPages(instance: Self.placed.instance, result: Self.placed.result)
        var segments: [[UInt8]] = []
        pages.write(segmentBytes: segmentBytes) { segments.append($0) }
        #expect(Array(segments.joined()) == pages.bytes())
        #expect(String(decoding: segments.joined(), as: UTF8.self) == Self.rosters)
        if segmentBytes < Self.rosters.utf8.count { #expect(segments.count > 1) }
        for segment in segments.dropLast() {
            #expect(segment.count >= segmentBytes)
            #expect(segment.last == UInt8(ascii: "\n"))
        }
    }

    @Test func rosterRowsShowStageTierNumberAndLabel() throws {
        let placed = Self.placed
        let files = PlacementFiles(instance: placed.instance, result: placed.result)
        let section = try #require(rosterSections(Self.rosters).first { !$0.students.isEmpty })
        let student = placed.index(section.students[0])
        let stage = placed.instance.policy.stages[Int(placed.result.placingStage[student])]
        let application = try #require(placed.result.stages[Int(placed.result.placingStage[student])].applications.first {
            $0.student == Int32(student) && $0.school == placed.result.school[student]
        })
        let row = "<td class=\"mono\">\(section.students[0])</td><td>\(HTML.escape(stage.name))</td><td>\(HTML.escape(files.tierName(application.key.tier, stage: stage)))</td>"
            + "<td class=\"mono\">\(formatLotteryNumber(application.key.number))</td><td class=\"mono\">\(HTML.escape(placed.instance.labels[Int(application.label)]))</td>"
        #expect(section.html.contains(row))
    }

    @Test func namesAreEscapedAndEmptySchoolsStillGetAPage() throws {
        let tiny = try Self.tinyDistrict()
        let report = PlacementReportPage(instance: tiny.instance, result: tiny.result).html()
        let rosters = RosterPages(instance: tiny.instance, result: tiny.result).html()
        for html in [report, rosters] {
            #expect(!html.contains("<&\">"))
            #expect(!html.contains("Bad <"))
            #expect(!html.contains("tiny <"))
        }
        #expect(report.contains("Bad &lt;&amp;\"&gt; School"))
        #expect(rosters.contains("Bad &lt;&amp;\"&gt; School"))
        #expect(rosters.contains("tiny &lt;&amp;\"&gt; policy"))
        #expect(HTML.escapeAttribute("a<&\"'>b") == "a&lt;&amp;&quot;&#39;&gt;b")
        #expect(HTML.escape("a<&\"'>b") == "a&lt;&amp;\"'&gt;b")
        #expect(HTML.escape("中文<b>") == "中文&lt;b&gt;")

        let sections = rosterSections(rosters)
        #expect(sections.map(\.school) == ["A", "B", "C"])
        #expect(sections[0].students.count == 2 && sections[1].students.count == 2)
        #expect(sections[2].students.isEmpty)
        #expect(sections[2].html.contains("No student was admitted to this school."))
        // Two placed by the zone, two by overflow at B (A is full, C takes no overflow).
        #expect(attributeValues("data-bin-count", in: report).reduce(0, +) == 2)
    }

    @Test func aPlacementWithoutOverflowSaysSo() throws {
        let placed = try TestDistrict(
            schools: "school_id,capacity\nA,1\n",
            zones: "zone_id,kind,schools\nZ,single,A\n",
            students: "student_id,zone_id\ns1,Z\ns2,Z\n"
        ).place(#"{"year": 2023, "stages": [{"kind": "single_zone"}]}"#)
        let report = PlacementReportPage(instance: placed.instance, result: placed.result).html()
        #expect(report.contains("No student was placed by an overflow stage."))
        #expect(attributeValues("data-outcome-placed", in: report) == [1])
        #expect(attributeValues("data-outcome-unplaced", in: report) == [1])
        #expect(report.contains("no_free_seat"))
    }

    // MARK: Helpers

    /// The integer values of every `name="…"` attribute, in page order.
    private func attributeValues(_ name: String, in html: String) -> [Int] {
        html.components(separatedBy: " \(name)=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
    }

    private struct RosterSection {
        var school: String
        var html: String
        var numbers: [Int]
        var students: [String]
    }

    /// Each roster section: its school id, its row numbers and the student ids of its rows, in page order.
    private func rosterSections(_ html: String) -> [RosterSection] {
        html.components(separatedBy: "<section class=\"roster\"").dropFirst().map { section in
            let school = String(section.components(separatedBy: "data-school=\"")[1].prefix { $0 != "\"" })
            var numbers: [Int] = [], students: [String] = []
            for match in section.matches(of: /<tr><td class="num">(\d+)<\/td><td class="mono">([^<]*)<\/td>/) {
                numbers.append(Int(match.output.1)!)
                students.append(String(match.output.2))
            }
            return RosterSection(school: school, html: section, numbers: numbers, students: students)
        }
    }

    /// The admitted students of a school sorted independently of ``RosterOrder``: by stage, then by the
    /// deciding key of the application that admitted them.
    private func admissionOrder(_ placed: Placed, school: Int) -> [Int] {
        let result = placed.result
        let admitted = result.school.indices.filter { result.school[$0] == school }
        func key(_ s: Int) -> AdmissionKey {
            result.stages[Int(result.placingStage[s])].applications.first { $0.student == Int32(s) && $0.school == Int32(school) }!.key
        }
        return admitted.sorted { a, b in
            result.placingStage[a] != result.placingStage[b] ? result.placingStage[a] < result.placingStage[b] : key(a) < key(b)
        }
    }
}

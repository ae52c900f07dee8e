import Foundation
import Testing
@testable import PaiweiCore
@testable import PaiweiGenerator
@testable import PaiweiRuns
@testable import PaiweiReports
import PaiweiTestSupport

/// The district maps of the three reports: the projection, the scale, labels that never overlap, zones
/// as grid cells, overflow journeys, the nearest_by_lottery comparison, and the simulation's and the
/// forecast's new figures.
@Suite struct DistrictMapTests {
    static var placed: Placed { ReportPageTests.placed }

    static func geometry(_ placed: Placed = placed) -> DistrictGeometry {
        DistrictGeometry(dataset: placed.instance.dataset, maxWidth: 680, maxHeight: 680)!
    }

    // MARK: Projection

    @Test func projectionFitsEveryPointInTheFrameNorthUp() throws {
        let dataset = Self.placed.instance.dataset, geometry = Self.geometry()
        #expect(geometry.width <= 680 && geometry.height <= 680)
        #expect(geometry.width == 680 || geometry.height == 680)
        let points = geometry.schools.compactMap { $0 } + geometry.homes.compactMap { $0 }
        #expect(points.count == dataset.schools.count + dataset.students.count)
        for point in points {
            #expect(point.x >= 0 && point.x <= geometry.width * 10 && point.y >= 0 && point.y <= geometry.height * 10)
        }
        // North is up, east is right.
        let a = try #require(dataset.schools.indices.first), b = try #require(dataset.schools.indices.last)
        let (ca, cb) = (dataset.schools[a].location!, dataset.schools[b].location!)
        let (pa, pb) = (geometry.schools[a]!, geometry.schools[b]!)
        #expect((ca.latitude > cb.latitude) == (pa.y < pb.y))
        #expect((ca.longitude > cb.longitude) == (pa.x > pb.x))
    }

    @Test func pixelsPerKilometreAgreeWithTheDistancesOfTheEngine() {
        let dataset = Self.placed.instance.dataset, geometry = Self.geometry()
        let perKilometre = geometry.projection.tenthsPerKilometre
        for (i, j) in [(0, 1), (0, dataset.schools.count - 1), (2, 5)] {
            let metres = distanceMetres(dataset.schools[i].location!, dataset.schools[j].location!)
            guard metres > 2000 else { continue }
            let (p, q) = (geometry.schools[i]!, geometry.schools[j]!)
            let tenths = (Double((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y))).squareRoot()
            let expected = Double(metres) * Double(perKilometre) / 1000
            #expect(abs(tenths - expected) / expected < 0.01, "schools \(i) and \(j)")
        }
    }

    @Test func scaleBarIsARoundNumberOfKilometresAtMostAFifthOfTheFrame() {
        let projection = Self.geometry().projection
        let bar = MapScaleBar(projection)
        #expect([5, 10, 20, 50, 100, 200, 500].contains(bar.kilometreTenths))
        #expect(bar.length <= projection.width * 10 / 5)
        #expect(bar.length == bar.kilometreTenths * projection.tenthsPerKilometre / 10)
    }

    @Test func oneSpotDistrictStillGetsAFrame() throws {
        let geometry = try #require(DistrictGeometry(dataset: ForecastTests.forecast(ForecastTests.tinyFiles, years: 2025...2025).inputs.dataset,
                                                      maxWidth: 440, maxHeight: 440))
        #expect(geometry.width >= 20 && geometry.height > 20 && geometry.height <= 440)
    }

    @Test func tenthsAreWrittenWithoutGroupingOrTrailingZero() {
        #expect(NumberText.tenths(0) == "0")
        #expect(NumberText.tenths(1234) == "123.4")
        #expect(NumberText.tenths(12340) == "1234")
        #expect(NumberText.tenths(-5) == "-0.5")
        #expect(NumberText.tenths(-20) == "-2")
    }

    // MARK: Labels

    @Test func placedLabelsNeverOverlapAndEveryOtherIsCountedAsDropped() {
        var placer = MapLabelPlacer(bounds: .init(x0: 0, y0: 0, x1: 3000, y1: 2000))
        var random = TestRandom(state: 9)
        let attempts = 400
        for n in 0..<attempts {
            let point = MapPoint(x: Int(random.next() % 3000), y: Int(random.next() % 2000))
            placer.place("M\(n)", size: 10, candidates: MapLabelPlacer.around(point, radius: 30, size: 10))
        }
        #expect(placer.placed.count + placer.dropped == attempts)
        #expect(placer.dropped > 0 && placer.placed.count > 50)
        let boxes = placer.placed.map { MapLabelPlacer.box($0.text, size: $0.size, x: $0.x, y: $0.y, anchor: $0.anchor) }
        for i in boxes.indices {
            #expect(boxes[i].inside(placer.bounds))
            for j in boxes.indices where j > i { #expect(!boxes[i].intersects(boxes[j])) }
        }
    }

    @Test func reservedBoxesStayFreeAndAvoidedOnesAreUsedOnlyWhenNothingElseIsFree() {
        var placer = MapLabelPlacer(bounds: .init(x0: 0, y0: 0, x1: 2000, y1: 2000))
        let centre = MapPoint(x: 1000, y: 1000)
        let candidates = MapLabelPlacer.around(centre, radius: 50, size: 10)
        // The first position is avoided: the label goes to another that does not touch it.
        let first = MapLabelPlacer.box("M001", size: 10, x: candidates[0].x, y: candidates[0].y, anchor: candidates[0].anchor)
        placer.avoid(first)
        let taken = placer.place("M001", size: 10, candidates: candidates)
        #expect(taken)
        let label = placer.placed.last!
        #expect(!MapLabelPlacer.box(label.text, size: 10, x: label.x, y: label.y, anchor: label.anchor).intersects(first))
        // Everything avoided: the first position is taken after all.
        var crowded = MapLabelPlacer(bounds: placer.bounds)
        crowded.avoid(placer.bounds)
        let squeezed = crowded.place("M001", size: 10, candidates: candidates)
        #expect(squeezed && crowded.placed[0].x == candidates[0].x && crowded.placed[0].y == candidates[0].y)
        // With every candidate reserved, the label is dropped.
        var full = MapLabelPlacer(bounds: placer.bounds)
        full.reserve(placer.bounds)
        let fitted = full.place("M001", size: 10, candidates: candidates)
        #expect(!fitted)
        #expect(full.dropped == 1)
    }

    // MARK: Zones and homes

    @Test func aCellWithHomesBelongsToTheZoneOfMostOfThemOrIsASpeck() {
        let geometry = Self.geometry(), regions = geometry.zones
        let zones = Self.placed.instance.dataset.zones.count
        var counts = [[Int]](repeating: [Int](repeating: 0, count: zones), count: regions.columns * regions.rows)
        for (s, home) in geometry.homes.enumerated() {
            let c = min(regions.columns - 1, home!.x / (10 * regions.cell)), r = min(regions.rows - 1, home!.y / (10 * regions.cell))
            counts[r * regions.columns + c][geometry.homeZones[s]] += 1
        }
        var checked = 0
        for (cell, perZone) in counts.enumerated() where perZone.contains(where: { $0 > 0 }) {
            let zone = regions.zoneOfCell[cell]
            guard zone >= 0 else { continue }   // an isolated cell, dropped as a speck
            let most = perZone.max()!
            #expect(Int(zone) == perZone.firstIndex(of: most)!)
            checked += 1
        }
        #expect(checked > 0)
        #expect(!regions.outline(areas: true).isEmpty)
        #expect(regions.anchors.contains { $0 != nil })
    }

    @Test func densityClassesCoverEveryHome() {
        let density = HomeDensity(Self.geometry())
        #expect(density.homes == Self.placed.instance.dataset.students.count)
        #expect(!density.paths.isEmpty && density.paths.count <= 5)
        for k in density.ranges.indices.dropFirst() { #expect(density.ranges[k].low == density.ranges[k - 1].high + 1) }
    }

    // MARK: Placement report

    @Test func overflowMapDrawsOneLinePerOverflowStudentWithTheLongestDarker() throws {
        let placed = Self.placed, report = ReportPageTests.report
        let overflow = placed.instance.dataset.students.indices.filter { PlacementMaps.isOverflow(placed.instance, placed.result, $0) }
        #expect(!overflow.isEmpty)
        let start = try #require(report.range(of: "<svg class=\"map\" viewBox=\"0 0 ", range: report.range(of: "id=\"distances\"")!.upperBound..<report.endIndex))
        let end = try #require(report.range(of: "</svg>", range: start.upperBound..<report.endIndex))
        let svg = String(report[start.lowerBound..<end.upperBound])
        let journeys = String(svg[svg.range(of: "<g class=\"journeys\">")!.lowerBound..<svg.range(of: "<g class=\"schools\">")!.lowerBound])
        let pale = journeys.components(separatedBy: "L").count - 1, dark = journeys.components(separatedBy: "<line ").count - 1
        #expect(pale + dark == overflow.count)
        let figures = DistanceFigures(overflow.map { Int(placed.result.overflowDistance[$0]) })
        #expect(dark == overflow.count { Int(placed.result.overflowDistance[$0]) >= figures.p95! })
        #expect(svg.contains(DistrictMap.journeyColours[2]))
    }

    static func minTotalDistance(_ policy: Policy) -> Policy {
        var policy = policy
        for index in policy.stages.indices {
            if case .overflow(let rule) = policy.stages[index].rule {
                policy.stages[index].rule = .overflow(OverflowRule(assignment: .minTotalDistance(.total), scope: rule.scope))
            }
        }
        return policy
    }

    @Test func minTotalDistanceReportComparesWithNearestByLotteryAndSaysItIsNotThePlacement() throws {
        let base = Self.placed.instance
        let policy = Self.minTotalDistance(base.policy)
        let instance = try PlacementInstance(dataset: base.dataset, policy: policy)
        let result = try instance.place(seed: testSeed)
        #expect(NearestByLotteryComparison.applies(to: policy) && !NearestByLotteryComparison.applies(to: base.policy))
        #expect(NearestByLotteryComparison.policy(policy) == base.policy)
        // The preset is nearest_by_lottery: switched back, the comparison is exactly its placement.
        let comparison = try #require(NearestByLotteryComparison.place(instance, seed: testSeed))
        #expect(comparison.school == Self.placed.result.school)
        let report = PlacementReportPage(instance: instance, result: result).html()
        #expect(report.contains("id=\"map-overflow-comparison-title\""))
        #expect(report.contains("This is a comparison, not the placement"))
        #expect(report.contains("A comparison, not the placement."))
        #expect(!ReportPageTests.report.contains("map-overflow-comparison"))
    }

    // MARK: Simulation report

    static let simulated: (instance: PlacementInstance, tally: SimulationTally, html: String) = {
        let instance = try! SimulationTests.instance()
        let tally = try! Simulation.run(instance: instance, seed: SimulationTests.seed, replications: 0..<12, workers: 2)
        let html = String(decoding: SimulationTests.rendered(instance, tally)["report.html"]!, as: UTF8.self)
        return (instance, tally, html)
    }()

    @Test func simulationReportRanksByExcessDemandWithItsBandAndDrawsTheMap() {
        let html = Self.simulated.html
        for id in ["map-demand", "chart-excess", "chart-first-choice", "chart-zones"] {
            #expect(html.contains("<title id=\"\(id)-title\">"), "\(id)")
        }
        #expect(!html.contains("超额概率 Probability of oversubscription"))
    }

    @Test func firstChoiceBinsAddUpToTheStudentsWithAFirstChoice() {
        let (instance, tally, html) = Self.simulated
        let odds = FirstChoiceOdds(instance: instance, tally: tally)
        #expect(odds.students > 0)
        #expect(odds.bins.reduce(0, +) == odds.students)
        #expect(odds.bins.prefix(6).reduce(0, +) == odds.worseThanEven)
        let shown = html.components(separatedBy: "data-first-choice-bin=\"").dropFirst().map { Int($0.prefix { $0.isNumber })! }
        #expect(shown == odds.bins)
        // A student's first choice is the first school they name: their first counted preference when
        // they enter no single-school lottery.
        let students = instance.dataset.students
        for s in students.indices where odds.firstChoice[s] >= 0 && students[s].allChoices.allSatisfy({ $0 == nil }) {
            #expect(Int(odds.firstChoice[s]) == students[s].preferences.first { instance.dataset.zones[Int(instance.effectiveZone[s])].schools.contains($0) })
        }
    }

    @Test func demandOfASchoolIsWhatItPlacedPlusWhatItRefused() {
        let (instance, tally, _) = Self.simulated
        let (demand, seats) = SimulationMap.demand(instance, tally)
        let schools = instance.dataset.schools
        for s in schools.indices {
            #expect(seats[s] == schools[s].capacity * tally.replications)
            var refused = 0
            for stage in instance.policy.stages.indices where instance.policy.stages[stage].kind != .overflow {
                refused += tally.excess[stage * schools.count + s].sum
            }
            #expect(demand[s] == tally.filled[s].sum + refused)
        }
    }

    // MARK: Forecast report

    @Test func forecastReportDrawsOneMapPerYearAndALegend() throws {
        let result = try ForecastTests.forecast(ForecastTests.tinyFiles, years: 2025...2028)
        let files = ForecastFiles(result: result)
        let html = String(decoding: files.render().first { $0.name == "report.html" }!.bytes, as: UTF8.self)
        for year in 2025...2028 { #expect(html.contains("<title id=\"map-year-\(year)-title\">")) }
        #expect(html.components(separatedBy: "<svg class=\"map\"").count - 1 == 4 + 1)
        // 2027 is red at school A: its circle in that year's map has the red of the level.
        let start = try #require(html.range(of: "map-year-2027-title"))
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        #expect(html[start.lowerBound..<end.lowerBound].contains("fill=\"\(ForecastReportPage.colour(.red))\""))
    }
}

import PaiweiCore
import PaiweiRuns
/// The maps of a forecast's `report.html`: small multiples, one map per year, each school a circle
/// whose area is that year's seats coloured by its warning level, each zone tinted by its own — so that
/// a planner sees where the shortage starts and how it spreads. One legend serves every year; circles
/// share one scale, so that a school that grows grows on the page.
struct ForecastMaps {
    let result: ForecastResult
    let rows: [ForecastRow]

    /// Zone tints: the light level colours of the tables.
    static func tint(_ level: WarningLevel) -> String {
        switch level {
        case .green: "#dcefd8"
        case .yellow: "#f6e7a1"
        case .red: "#f3b8ba"
        }
    }

    /// `rows` as ``ForecastResult/rows()`` orders them: every school by year, then every zone by year.
    private func row(school s: Int, year y: Int) -> ForecastRow { rows[s * result.years.count + y] }
    private func row(zone z: Int, year y: Int) -> ForecastRow {
        rows[(result.inputs.dataset.schools.count + z) * result.years.count + y]
    }

    func render(into page: inout HTMLBuilder) {
        let dataset = result.inputs.dataset, schools = dataset.schools, zones = dataset.zones, years = result.years
        guard rows.count == (schools.count + zones.count) * years.count, !years.isEmpty,
              let geometry = DistrictGeometry(dataset: dataset, maxWidth: 460, maxHeight: 560, margin: 10) else {
            page.raw("<p>")
            page.bilingual("数据中没有坐标，无法绘制地图。", "The data has no coordinates: no map can be drawn.")
            page.raw("</p>\n")
            return
        }
        let largest = schools.indices.map { s in years.map { $0.plan.capacity[s] }.max() ?? 0 }
        let circles = SchoolCircles(seats: largest, frameWidth: geometry.width, frameHeight: geometry.height, largest: 14)
        legend(into: &page, circles: circles, largest: largest.max() ?? 0)
        // As many maps a row as fit at their own size.
        page.raw("<div class=\"maps\" style=\"grid-template-columns: repeat(auto-fill, minmax(\(geometry.width)px, 1fr))\">\n")
        for (y, year) in years.enumerated() {
            var counts: [WarningLevel: Int] = [:]
            for s in schools.indices { counts[row(school: s, year: y).level, default: 0] += 1 }
            var zoneCounts: [WarningLevel: Int] = [:]
            for z in zones.indices { zoneCounts[row(zone: z, year: y).level, default: 0] += 1 }
            let summary = "学校 schools: 红 red \(counts[.red] ?? 0), 黄 yellow \(counts[.yellow] ?? 0); 片区 zones: 红 red \(zoneCounts[.red] ?? 0), 黄 yellow \(zoneCounts[.yellow] ?? 0)."
            DistrictMap(
                id: "map-year-\(year.year)",
                title: "\(year.year) 年学位预警地图 Seat-shortage map \(year.year)",
                description: "Warning levels in \(year.year): each school a circle sized by that year's seats and coloured by its level, each zone tinted by its own. " + summary,
                geometry: geometry, circles: circles,
                schools: schools.indices.map { s in
                    let row = row(school: s, year: y), seats = year.plan.capacity[s]
                    let title = "\(year.year) · \(schools[s].id) \(schools[s].name) · \(row.level.chinese) \(row.level.rawValue) · 需求 demand \(NumberText.plainRatio(row.demandSum, row.replications, decimals: 1)) / 学位 seats \(NumberText.grouped(seats)) (\(row.demandShare))"
                    return .init(index: s, seats: seats, colour: ForecastReportPage.colour(row.level), title: title,
                                 label: row.level == .green ? "" : schools[s].id.text, importance: Self.rank(row.level) * 1_000_000_000 + ratioKey(row))
                },
                zoneFills: zones.indices.map { Self.tint(row(zone: $0, year: y).level) },
                zoneTitles: zones.indices.map { z in
                    let row = row(zone: z, year: y)
                    return "\(year.year) · \(zones[z].id) · \(zones[z].kind == .single ? "单校划片 single" : "多校划片 multi") · \(row.level.chinese) \(row.level.rawValue) · 需求 demand \(NumberText.plainRatio(row.demandSum, row.replications, decimals: 1)) / 学位 seats \(NumberText.plainRatio(row.seatsSum, row.replications, decimals: 1)) (\(row.demandShare)) · 适龄儿童 children \(NumberText.grouped(row.children))"
                },
                zoneLabels: zones.indices.map { z in
                    let row = row(zone: z, year: y)
                    return row.level == .green ? nil : (zones[z].id.text, Self.rank(row.level) * 1_000_000_000 + 500_000_000 + ratioKey(row))
                },
                density: nil, legend: nil, heading: String(year.year)
            ).render(into: &page, caption: "\(year.year): " + summary)
        }
        page.raw("</div>\n")
    }

    private static func rank(_ level: WarningLevel) -> Int {
        switch level {
        case .green: 0
        case .yellow: 1
        case .red: 2
        }
    }

    /// demand / seats in basis points, for ordering labels (capped; no seats ranks first).
    private func ratioKey(_ row: ForecastRow) -> Int {
        row.seatsSum > 0 ? min(400_000_000, row.demandSum * 10_000 / row.seatsSum) : 400_000_000
    }

    private func legend(into page: inout HTMLBuilder, circles: SchoolCircles, largest: Int) {
        var items: [MapLegend.Item] = [.heading("学校：圆圈颜色为当年预警等级，面积为当年学位数 Schools: colour is the year's warning level, area its seats")]
        for level in WarningLevel.allCases.reversed() {
            items.append(.swatch(colour: ForecastReportPage.colour(level), text: "\(level.chinese) \(level.rawValue)"))
        }
        items += circles.legendSeats(largest: largest).map { .circle(radius: circles.radius($0), text: "\(NumberText.grouped($0)) 学位 seats") }
        items.append(.circle(radius: SchoolCircles.emptyRadius, text: "当年无学位（未开办或已停办）no seats that year"))
        var right: [MapLegend.Item] = [.heading("片区：底色为当年预警等级 Zones: tint is the year's warning level")]
        for level in WarningLevel.allCases.reversed() {
            right.append(.swatch(colour: Self.tint(level), text: "\(level.chinese) \(level.rawValue)"))
        }
        right += [.gap(6), .outline(width: "1.6", dashed: false, text: "片区或统筹片区边界 Zone or area edge"),
                  .outline(width: "0.8", dashed: true, text: "统筹片区内的单校划片 Single zone inside an area"),
                  .note("只标注黄色、红色预警的学校和片区；悬停可见每所学校、每个片区的数字。Only yellow and red schools and zones are labelled; hover for every school's and zone's figures.")]
        let left = MapLegend(items: items), second = MapLegend(items: right)
        let column = 440, height = max(left.height(width: column), second.height(width: column)) + 8
        let width = 2 * column + 20
        page.raw("<figure class=\"map\"><svg class=\"map\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"map-legend-title map-legend-desc\" font-size=\"11\" style=\"max-width:\(width)px\">\n")
        page.raw("<title id=\"map-legend-title\">图例 Legend</title>\n<desc id=\"map-legend-desc\">What the colours, circles and lines of the yearly maps mean.</desc>\n")
        left.render(into: &page, x: 0, y: 2, width: column)
        second.render(into: &page, x: column + 20, y: 2, width: column)
        page.raw("</svg></figure>\n")
    }
}

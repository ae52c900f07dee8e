import PaiweiCore
import PaiweiRuns
/// `report.html` of a forecast: one self-contained page (inline styles and SVG, no script, no URL) for
/// the planners who decide which warnings to publish — the warnings worst first, a chart per zone of
/// demand against seats over the years, and every school's demand ratio year by year.
struct ForecastReportPage {
    let result: ForecastResult
    let rows: [ForecastRow]
    let notes: [String]

    /// Level colours: the palette's green, yellow and red for points; light tints behind table text,
    /// with the level also written out, so that the page reads in black and white.
    static func colour(_ level: WarningLevel) -> String {
        switch level {
        case .green: SVGChart.colour(2)
        case .yellow: SVGChart.colour(5)
        case .red: SVGChart.colour(3)
        }
    }

    private static let style = """
    header { margin-bottom: 8px; }
    td.level-red { background: #f6c9ca; }
    td.level-yellow { background: #f9ecb0; }
    td.level-green { background: #dcefd8; }
    .legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; border: 1px solid #c8c8c8; }
    ul.notes { font-size: 13px; color: #444; }
    footer { margin-top: 32px; border-top: 1px solid #c8c8c8; }
    @page { size: A4; margin: 14mm 12mm; }
    table.warn { table-layout: fixed; width: 100%; margin: 0; }
    table.warn td { overflow-wrap: anywhere; }
    table.warn.more td { border-top: none; }
    table.warn + div.warn-block, div.warn-block + div.warn-block { margin: 0; }
    @media screen { div.zone, section#schools, div.warn-block { content-visibility: auto; } }
    """ + "\n" + DistrictMap.style

    func html() -> String {
        let policy = result.policy
        return HTML.document(title: "学位预警 Seat-shortage forecast — \(policy.name)", style: Self.style) { page in
            page.raw("<header>\n")
            page.heading("h1", "学位预警", "Seat-shortage forecast")
            facts(&page)
            page.raw("</header>\n<main>\n")
            warnings(&page)
            maps(&page)
            zones(&page)
            schools(&page)
            page.raw("</main>\n<footer class=\"note\"><p>")
            page.text("\(Product.name) \(Product.version) · \(policy.name) · seed ")
            page.raw("<span class=\"mono seed\">\(result.settings.seed.hex)</span>")
            page.raw("</p></footer>\n")
        }
    }

    private func facts(_ page: inout HTMLBuilder) {
        let settings = result.settings, thresholds = settings.thresholds
        page.raw("<dl class=\"facts\">\n")
        func fact(_ zh: String, _ en: String, _ value: String, mono: Bool = false) {
            page.raw("<dt>")
            page.bilingual(zh, en)
            page.raw(mono ? "</dt><dd class=\"mono seed\">" : "</dt><dd>")
            page.text(value)
            page.raw("</dd>\n")
        }
        fact("政策", "Policy", "\(result.policy.name) (\(result.policy.level.rawValue), \(result.policy.year))")
        fact("预测年份", "Years", result.years.map { String($0.year) }.joined(separator: ", "))
        fact("模拟次数", "Replications per year", NumberText.grouped(settings.replications))
        fact("随机种子", "Seed", settings.seed.hex, mono: true)
        fact("预警标准", "Thresholds",
             "红色 red: demand ≥ \(WarningThresholds.percent(thresholds.red)) of seats; 黄色 yellow: ≥ \(WarningThresholds.percent(thresholds.yellow)); 绿色 green: below")
        if let scenario = result.inputs.scenario {
            fact("方案", "Scenario", scenario.name.isEmpty ? scenario.file : scenario.name + (scenario.description.isEmpty ? "" : " — " + scenario.description))
        }
        fact("本年学生", "Students this year", NumberText.grouped(result.inputs.dataset.students.count))
        page.raw("</dl>\n<p class=\"note\">")
        page.text("需求 Demand — school: students expected to need a seat there: those its lotteries admit, plus every student claiming a seat there through a zone or feeder right, admitted or turned away; zone: its children expected to need a zone seat (not ineligible, not placed by a private, boarding or first-batch lottery or by a feeder school), against the seats of its schools that its children got or could have had (seats they were placed in, seats left empty, and seats others took in a later stage). A multi zone counts the children of the single zones rolling up to it. Means over the replications; see docs/forecast.md.")
        page.raw("</p>\n")
        if !notes.isEmpty {
            page.raw("<ul class=\"notes\">\n")
            for note in notes {
                page.raw("<li>")
                page.text(note)
                page.raw("</li>\n")
            }
            page.raw("</ul>\n")
        }
    }

    private func levelCell(_ page: inout HTMLBuilder, _ level: WarningLevel) {
        page.raw("<td class=\"level-\(level.rawValue)\">")
        page.bilingual(level.chinese, level.rawValue)
        page.raw("</td>")
    }

    private func warnings(_ page: inout HTMLBuilder) {
        let list = rows.filter { $0.level != .green }.sorted(by: ForecastRow.worseFirst)
        page.raw("<section id=\"warnings\">\n")
        page.heading("h2", "预警列表", "Warnings, worst first")
        if list.isEmpty {
            page.raw("<p>")
            page.text("没有黄色或红色预警。No school or zone reaches the yellow threshold in any year.")
            page.raw("</p>\n</section>\n")
            return
        }
        // A city's list runs to thousands of rows: past the first block, blocks of rows are laid out
        // only when scrolled to (content-visibility), in tables of fixed columns so that they line up.
        let block = 100, long = list.count > block
        let widths = [13, 6, 11, 7, 25, 10, 9, 10, 9]
        for start in stride(from: 0, to: list.count, by: block) {
            let rows = list[start..<min(list.count, start + block)]
            if start > 0 { page.raw("<div class=\"warn-block\" style=\"contain-intrinsic-size: auto \(30 * rows.count)px\">") }
            page.raw(long ? "<table class=\"warn\(start > 0 ? " more" : "")\"><colgroup>" + widths.map { "<col style=\"width:\($0)%\">" }.joined() + "</colgroup>\n" : "<table>\n")
            if start == 0 {
                page.headerRow([("等级", "Level", false), ("年份", "Year", true), ("对象", "Scope", false), ("编号", "Id", false),
                                ("名称", "Name / schools", false), ("需求", "Demand", true), ("学位", "Seats", true),
                                ("需求/学位", "Ratio", true), ("超额概率", "P(short)", true)])
            }
            page.raw("<tbody>\n")
            for row in rows {
                page.raw("<tr>")
                levelCell(&page, row.level)
                page.cell(String(row.year), className: "num")
                page.cell(row.scope == .school ? "学校 school" : "片区 zone")
                page.cell(row.id, className: "mono")
                page.cell(row.name)
                page.cell(NumberText.plainRatio(row.demandSum, row.replications, decimals: 1), className: "num")
                page.cell(NumberText.plainRatio(row.seatsSum, row.replications, decimals: 1), className: "num")
                page.cell(percent(row), className: "num")
                page.cell(NumberText.plainRatio(row.oversubscribed * 100, row.replications, decimals: 0) + "%", className: "num")
                page.raw("</tr>\n")
            }
            page.raw("</tbody></table>\n")
            if start > 0 { page.raw("</div>\n") }
        }
        page.raw("</section>\n")
    }

    private func maps(_ page: inout HTMLBuilder) {
        page.raw("<section id=\"maps\">\n")
        page.heading("h2", "各年学位预警地图", "Warning levels on the map, year by year")
        page.raw("<p class=\"note\">")
        page.bilingual("每年一张图：学校圆圈的颜色为当年预警等级，面积为当年学位数；片区底色为片区的预警等级。",
                       "One map per year: each school's circle is coloured by that year's warning level and sized by that year's seats; each zone is tinted by its own level.")
        page.raw("</p>\n")
        ForecastMaps(result: result, rows: rows).render(into: &page)
        page.raw("</section>\n")
    }

    private func percent(_ row: ForecastRow) -> String { row.demandShare }

    private func zones(_ page: inout HTMLBuilder) {
        let thresholds = result.settings.thresholds
        let years = result.years.map(\.year)
        page.raw("<section id=\"zones\">\n")
        page.heading("h2", "各片区需求与学位", "Zones: demand against seats over the years")
        for zone in result.inputs.dataset.zones {
            let mine = rows.filter { $0.scope == .zone && Identifier($0.id) == zone.id }
            guard !mine.isEmpty else { continue }
            let demand = mine.map { tenths($0.demandSum, $0.replications) }
            let seats = mine.map { tenths($0.seatsSum, $0.replications) }
            let yellow = mine.map { tenths($0.seatsSum * thresholds.yellow, $0.replications * 10000) }
            // Each zone's block is laid out only when scrolled to (a city has hundreds): its height is
            // reserved, so the page opens at once and the scroll bar stays true.
            page.raw("<div class=\"zone\" style=\"contain-intrinsic-size: auto \(330 + 31 * mine.count)px\">\n")
            page.raw("<h3 id=\"zone-")
            page.attribute(zone.id.text)
            page.raw("\">")
            page.text("\(zone.id) · \(zone.kind == .single ? "单校划片 single" : "多校划片 multi") · \(mine.last!.name.split(separator: ";").joined(separator: ", "))")
            page.raw("</h3>\n")
            ForecastLineChart(
                id: "chart-zone-\(zone.id.utf8.map { String($0, radix: 16) }.joined())",
                title: "\(zone.id): 需求与学位 demand and seats",
                description: "Zone \(zone.id) by year: " + mine.map { "\($0.year) demand \(NumberText.plainRatio($0.demandSum, $0.replications, decimals: 1)) for \(NumberText.plainRatio($0.seatsSum, $0.replications, decimals: 1)) seats, \($0.level.rawValue)" }.joined(separator: "; ") + ".",
                years: years,
                yAxisLabel: "学生 / 学位 Students / seats",
                series: [
                    .init(name: "学位 Seats", colour: "#1a1a1a", values: seats),
                    .init(name: "黄色预警线 Yellow at \(WarningThresholds.percent(thresholds.yellow))", colour: "#c9a227", values: yellow, dashed: true),
                    .init(name: "需求 Demand", colour: SVGChart.colour(0), values: demand,
                          points: mine.map { (Self.colour($0.level), percent($0)) }),
                ]
            ).render(into: &page)
            page.raw("<table>\n")
            page.headerRow([("年份", "Year", true), ("适龄儿童", "Children", true), ("需求", "Demand", true), ("学位", "Seats", true),
                            ("等级", "Level", false), ("统筹", "Overflow", true), ("未录取", "Unplaced", true),
                            ("统筹距离", "Overflow km (mean / p95)", true)])
            page.raw("<tbody>\n")
            for row in mine {
                page.raw("<tr>")
                page.cell(String(row.year), className: "num")
                page.numberCell(row.children)
                page.cell(NumberText.plainRatio(row.demandSum, row.replications, decimals: 1), className: "num")
                page.cell(NumberText.plainRatio(row.seatsSum, row.replications, decimals: 1), className: "num")
                levelCell(&page, row.level)
                page.cell(NumberText.plainRatio(row.overflowSum ?? 0, row.replications, decimals: 1), className: "num")
                page.cell(NumberText.plainRatio(row.unplacedSum ?? 0, row.replications, decimals: 1), className: "num")
                if let distance = row.distance, distance.total > 0 {
                    let mean = (distance.sum * 2 + distance.total) / (distance.total * 2)
                    page.cell(NumberText.kilometres(mean) + " / " + NumberText.kilometres(distance.percentile(95)), className: "num")
                } else {
                    page.cell("—", className: "num")
                }
                page.raw("</tr>\n")
            }
            page.raw("</tbody></table>\n</div>\n")
        }
        page.raw("</section>\n")
    }

    private func schools(_ page: inout HTMLBuilder) {
        let years = result.years.map(\.year)
        page.raw("<section id=\"schools\" style=\"contain-intrinsic-size: auto \(120 + 31 * result.inputs.dataset.schools.count)px\">\n")
        page.heading("h2", "各校需求/学位", "Schools: demand as a share of seats")
        page.raw("<table>\n<thead><tr><th>")
        page.bilingual("学校", "School")
        page.raw("</th><th>")
        page.bilingual("类型", "Kind")
        page.raw("</th>")
        for year in years { page.raw("<th class=\"num\">\(year)</th>") }
        page.raw("</tr></thead>\n<tbody>\n")
        for school in result.inputs.dataset.schools {
            let mine = rows.filter { $0.scope == .school && Identifier($0.id) == school.id }
            page.raw("<tr><td><span class=\"mono\">")
            page.text(school.id.text)
            page.raw("</span> ")
            page.text(school.name.utf8.elementsEqual(school.id.utf8) ? "" : school.name)
            page.raw("</td>")
            page.cell(school.kind.rawValue)
            for row in mine {
                page.raw("<td class=\"num level-\(row.level.rawValue)\" title=\"")
                page.attribute("\(row.level.rawValue): \(NumberText.plainRatio(row.demandSum, row.replications, decimals: 1)) for \(NumberText.plainRatio(row.seatsSum, row.replications, decimals: 0)) seats")
                page.raw("\">")
                page.text(percent(row))
                page.raw("</td>")
            }
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
    }

    /// `sum / n` in tenths, rounded half up.
    private func tenths(_ sum: Int, _ n: Int) -> Int {
        n > 0 ? (sum * 20 + n) / (2 * n) : 0
    }
}

import PaiweiCore
import PaiweiRuns
/// `report.html`: one self-contained page for the bureau officer who signs off a placement — what the
/// run was (policy, seed, counts), what it decided (outcomes, stages, reasons), how full each school is,
/// where the lotteries were oversubscribed, and how far overflow sent students. Charts are inline SVG
/// with the same numbers in tables beside them, so the page reads on screen, offline and on paper.
public struct PlacementReportPage: Sendable {
    public let instance: PlacementInstance
    public let result: PlacementResult

    public init(instance: PlacementInstance, result: PlacementResult) {
        self.instance = instance
        self.result = result
    }

    /// At most this many (stage, school) pairs in the oversubscription chart and table.
    static let oversubscriptionLimit = 30
    /// At most this many schools per fill chart: about one printed page.
    static let schoolsPerChart = 40
    /// Overflow distances are binned per kilometre up to this; the last bin holds everything beyond.
    static let histogramKilometres = 15

    /// One self-contained HTML page (no network, no scripts needed): report.html
    public func html() -> String {
        let facts = ReportFacts(instance: instance, result: result)
        let policy = instance.policy
        return HTML.document(title: "派位结果报告 Placement report — \(policy.name)", style: Self.style) { page in
            page.raw("<header>\n")
            page.heading("h1", "派位结果报告", "Placement report")
            header(&page, facts)
            page.raw("</header>\n<main>\n")
            let maps = PlacementMaps(instance: instance, result: result)
            district(&page, maps)
            outcomes(&page, facts)
            stages(&page, facts)
            reasons(&page, facts)
            fill(&page, facts)
            oversubscription(&page, facts)
            distances(&page, facts, maps)
            warnings(&page, facts)
            page.raw("</main>\n<footer class=\"note\"><p>")
            page.text("\(Product.name) \(Product.version) · \(policy.name) · seed ")
            page.raw("<span class=\"mono seed\">\(result.seed.hex)</span>")
            page.raw("</p></footer>\n")
        }
    }

    private static let style = """
    header { margin-bottom: 8px; }
    section { margin-bottom: 8px; }
    .pair { display: flex; flex-wrap: wrap; gap: 8px 32px; align-items: flex-start; }
    table.horizontal td, table.horizontal th { text-align: right; }
    table.horizontal th:first-child { text-align: left; }
    footer { margin-top: 32px; border-top: 1px solid #c8c8c8; }
    @page { size: A4; margin: 14mm 12mm; }
    """ + "\n" + DistrictMap.style

    // MARK: Sections

    private func header(_ page: inout HTMLBuilder, _ facts: ReportFacts) {
        let dataset = instance.dataset, policy = instance.policy
        page.raw("<dl class=\"facts\">\n")
        func fact(_ zh: String, _ en: String, _ value: String, mono: Bool = false) {
            page.raw("<dt>")
            page.bilingual(zh, en)
            page.raw(mono ? "</dt><dd class=\"mono seed\">" : "</dt><dd>")
            page.text(value)
            page.raw("</dd>\n")
        }
        fact("政策", "Policy", policy.name.isEmpty ? "—" : policy.name)
        fact("学段 · 年份", "Level · year", "\(policy.level.rawValue) · \(policy.year)")
        fact("随机种子", "Seed", result.seed.hex, mono: true)
        fact("学生", "Students", NumberText.grouped(dataset.students.count))
        fact("学校", "Schools", NumberText.grouped(dataset.schools.count))
        fact("学位", "Seats", NumberText.grouped(facts.seats))
        fact("阶段", "Stages", policy.stages.map(\.name).joined(separator: " → "))
        fact("警告", "Warnings", NumberText.grouped(instance.warnings.count))
        page.raw("</dl>\n")
    }

    private func district(_ page: inout HTMLBuilder, _ maps: PlacementMaps?) {
        page.raw("<section id=\"map\">\n")
        page.heading("h2", "学区地图", "District map")
        guard let maps else {
            page.raw("<p>")
            page.bilingual("数据中没有坐标，无法绘制地图。", "The data has no coordinates: no map can be drawn.")
            page.raw("</p>\n</section>\n")
            return
        }
        page.raw("<p class=\"note\">")
        page.bilingual("每所学校一个圆圈，面积为学位数，颜色为派位后学位占用；灰色网格为学生住址密度；粗线为片区（统筹片区）边界，即其学生所住之处。",
                       "Each school is a circle whose area is its seats, coloured by the share of seats the placement filled; grey cells are where students live; heavy lines are the edges of zones and coordination areas, drawn where their children live.")
        page.raw("</p>\n")
        maps.districtMap().render(into: &page)
        page.raw("</section>\n")
    }

    private func outcomes(_ page: inout HTMLBuilder, _ facts: ReportFacts) {
        let students = instance.dataset.students.count
        let rows: [(PlacementOutcome, String, String, String)] = [
            (.placed, "已录取", "placed", SVGChart.colour(2)),
            (.unplaced, "未录取", "unplaced", SVGChart.colour(1)),
            (.ineligible, "不符合资格", "ineligible", SVGChart.colour(9)),
        ]
        page.raw("<section id=\"outcomes\">\n")
        page.heading("h2", "录取结果", "Outcomes")
        HorizontalBarChart(
            id: "chart-outcomes",
            title: "录取结果 Outcomes",
            description: "Students by outcome: " + rows.map { "\($0.2) \(facts.count($0.0))" }.joined(separator: ", ") + " of \(students).",
            axisLabel: "学生人数 Students",
            bars: rows.map { .init(label: "\($0.1) \($0.2)", value: facts.count($0.0),
                                   valueText: NumberText.grouped(facts.count($0.0)) + " (" + NumberText.percent(facts.count($0.0), of: students) + ")",
                                   colour: $0.3) }
        ).render(into: &page)
        page.raw("<table>\n")
        page.headerRow([("结果", "Outcome", false), ("学生", "Students", true), ("占比", "Share", true)])
        page.raw("<tbody>\n")
        for row in rows {
            page.raw("<tr><td>")
            page.bilingual(row.1, row.2)
            page.raw("</td>")
            page.numberCell(facts.count(row.0), data: "data-outcome-\(row.0.rawValue)")
            page.cell(NumberText.percent(facts.count(row.0), of: students), className: "num")
            page.raw("</tr>\n")
        }
        page.raw("<tr><th>")
        page.bilingual("合计", "Total")
        page.raw("</th>")
        page.numberCell(students)
        page.cell("100.0%", className: "num")
        page.raw("</tr>\n</tbody></table>\n</section>\n")
    }

    private func stages(_ page: inout HTMLBuilder, _ facts: ReportFacts) {
        let stages = instance.policy.stages
        let placed = facts.count(.placed)
        page.raw("<section id=\"stages\">\n")
        page.heading("h2", "各阶段录取", "Placed by stage")
        HorizontalBarChart(
            id: "chart-stages",
            title: "各阶段录取 Placed by stage",
            description: "Students placed by each stage, in policy order: "
                + stages.indices.map { "\(stages[$0].name) \(facts.placedByStage[$0])" }.joined(separator: ", ") + ".",
            axisLabel: "录取人数 Students placed",
            bars: stages.indices.map { .init(label: "\($0 + 1). \(stages[$0].name)", value: facts.placedByStage[$0],
                                             valueText: NumberText.grouped(facts.placedByStage[$0]) + " (" + NumberText.percent(facts.placedByStage[$0], of: placed) + ")",
                                             colour: SVGChart.colour($0)) }
        ).render(into: &page)
        page.raw("<table>\n")
        page.headerRow([("序", "No.", true), ("阶段", "Stage", false), ("类型", "Kind", false), ("录取", "Placed", true), ("占已录取", "Share of placed", true)])
        page.raw("<tbody>\n")
        for (index, stage) in stages.enumerated() {
            page.raw("<tr>")
            page.numberCell(index + 1)
            page.cell(stage.name, className: "nowrap")
            page.cell(stage.kind.rawValue, className: "mono")
            page.numberCell(facts.placedByStage[index], data: "data-stage-placed")
            page.cell(NumberText.percent(facts.placedByStage[index], of: placed), className: "num")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n")
        mechanismNotes(&page)
        page.raw("</section>\n")
    }

    /// How the parallel mechanism and top trading cycles placed their students: admissions per round, and
    /// placements on the student's own place against trades. Nothing for the other mechanisms.
    private func mechanismNotes(_ page: inout HTMLBuilder) {
        for (index, stage) in instance.policy.stages.enumerated() {
            guard let mechanism = stage.multiZoneRule?.mechanism else { continue }
            let record = result.stages[index]
            switch mechanism {
            case .parallel(let e):
                var perRound: [Int] = []
                for application in record.applications
                where result.isPlaced(Int(application.student), byStage: index) && result.school[Int(application.student)] == application.school {
                    let round = Int(application.key.round)
                    if perRound.count <= round { perRound += Array(repeating: 0, count: round + 1 - perRound.count) }
                    perRound[round] += 1
                }
                let zh = perRound.enumerated().map { "第\($0.offset + 1)轮 \(NumberText.grouped($0.element)) 人" }.joined(separator: "、")
                let en = perRound.enumerated().map { "round \($0.offset + 1): \(NumberText.grouped($0.element))" }.joined(separator: ", ")
                page.raw("<p class=\"note\">")
                page.bilingual("“\(stage.name)”按平行志愿（每轮 \(e) 个志愿）录取：\(zh.isEmpty ? "无人录取" : zh)；每轮结束时持有的学位即为最终结果。",
                               "'\(stage.name)' under the parallel mechanism (\(e) choices per round) admitted \(en.isEmpty ? "nobody" : en); a seat held at the end of a round is final.")
                page.raw("</p>\n")
            case .topTradingCycles:
                let own = record.trades.filter { $0.partner == $0.student }.count
                let traded = record.trades.count - own
                let cycles = Set(record.trades.filter { $0.cycleLength > 1 }.map(\.cycle)).count
                page.raw("<p class=\"note\">")
                page.bilingual("“\(stage.name)”按顶层交易循环录取：\(NumberText.grouped(own)) 人以本人在该校的顺位录取，\(NumberText.grouped(traded)) 人通过 \(NumberText.grouped(cycles)) 个交易循环交换顺位录取（结果无法再使任何一组学生同时更好，但不保证无合理嫉妒）。",
                               "'\(stage.name)' under top trading cycles: \(NumberText.grouped(own)) students admitted on their own place in the school's order, \(NumberText.grouped(traded)) by trading places in \(NumberText.grouped(cycles)) cycles (no group of students could all do better, but justified envy can remain).")
                page.raw("</p>\n")
            case .immediateAcceptance, .deferredAcceptance:
                continue
            }
        }
    }

    private func reasons(_ page: inout HTMLBuilder, _ facts: ReportFacts) {
        page.raw("<section id=\"reasons\">\n")
        page.heading("h2", "原因代码", "Reason codes")
        page.raw("<p class=\"note\">")
        page.bilingual("每名学生可有多个代码（见 placements.csv 的 reason 列）。",
                       "A student may carry several codes (the reason column of placements.csv).")
        page.raw("</p>\n")
        if facts.reasons.isEmpty {
            page.raw("<p>")
            page.bilingual("无。", "None.")
            page.raw("</p>\n</section>\n")
            return
        }
        page.raw("<table>\n")
        page.headerRow([("代码", "Code", false), ("学生", "Students", true)])
        page.raw("<tbody>\n")
        for reason in facts.reasons {
            page.raw("<tr>")
            page.cell(reason.code, className: "mono")
            page.numberCell(reason.count)
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
    }

    private func fill(_ page: inout HTMLBuilder, _ facts: ReportFacts) {
        let schools = instance.dataset.schools, stages = instance.policy.stages
        page.raw("<section id=\"fill\">\n")
        page.heading("h2", "各校学位", "Fill per school")
        // Many schools make one chart taller than a printed page: draw them in charts of a page's worth
        // each, on one shared scale so that bars compare across charts.
        let scale = schools.indices.map { max(facts.taken[$0].reduce(0, +), schools[$0].capacity) }.max() ?? 0
        let chunks = stride(from: 0, to: schools.count, by: Self.schoolsPerChart).map { $0..<min(schools.count, $0 + Self.schoolsPerChart) }
        for (n, chunk) in chunks.enumerated() {
            let part = chunks.count == 1 ? ""
                : " (\(schools[chunk.lowerBound].id)–\(schools[chunk.upperBound - 1].id), \(chunk.lowerBound + 1)–\(chunk.upperBound) / \(schools.count))"
            StackedBarChart(
                id: chunks.count == 1 ? "chart-fill" : "chart-fill-\(n + 1)",
                title: "各校学位 Fill per school" + part,
                description: "Seats taken at each school, split by the stage that filled them, against the school's capacity (dark line), schools by id" + part + ".",
                axisLabel: "学位 Seats",
                series: stages.map(\.name),
                markerName: "学位数 Capacity",
                rows: chunk.map { s in
                    let taken = facts.taken[s].reduce(0, +)
                    return .init(label: schools[s].id.text, segments: facts.taken[s], marker: schools[s].capacity,
                                 valueText: NumberText.grouped(taken) + " / " + NumberText.grouped(schools[s].capacity))
                },
                axisMaximum: scale
            ).render(into: &page)
        }
        page.raw("<table>\n")
        page.headerRow([("学校", "School", false), ("名称", "Name", false), ("类型", "Kind", false),
                        ("学位", "Capacity", true), ("已录取", "Taken", true), ("剩余", "Left", true), ("占用", "Filled", true)])
        page.raw("<tbody>\n")
        for (s, school) in schools.enumerated() {
            let taken = facts.taken[s].reduce(0, +)
            page.raw("<tr>")
            page.cell(school.id.text, className: "mono")
            page.cell(school.name)
            page.cell(school.kind.rawValue)
            page.numberCell(school.capacity)
            page.numberCell(taken, data: "data-taken")
            page.numberCell(school.capacity - taken)
            page.cell(NumberText.percent(taken, of: school.capacity), className: "num")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
    }

    private func oversubscription(_ page: inout HTMLBuilder, _ facts: ReportFacts) {
        let schools = instance.dataset.schools, stages = instance.policy.stages
        let shown = facts.oversubscribed.prefix(Self.oversubscriptionLimit)
        page.raw("<section id=\"oversubscription\">\n")
        page.heading("h2", "超额报名", "Oversubscription")
        page.raw("<p class=\"note\">")
        page.bilingual("抽签阶段（统筹除外）中申请人数多于录取人数的学校：每个录取学位的申请人数。",
                       "Schools in the lottery stages (overflow aside) with more applicants than admitted: applicants per seat admitted.")
        page.raw("</p>\n")
        if shown.isEmpty {
            page.raw("<p>")
            page.bilingual("没有超额报名的学校。", "No school was oversubscribed.")
            page.raw("</p>\n")
        } else {
            if facts.oversubscribed.count > shown.count {
                page.raw("<p class=\"note\">")
                page.bilingual("按比率列出前 \(shown.count) 项，共 \(facts.oversubscribed.count) 项。",
                               "The top \(shown.count) of \(facts.oversubscribed.count) by ratio.")
                page.raw("</p>\n")
            }
            HorizontalBarChart(
                id: "chart-oversubscription",
                title: "超额报名 Oversubscription",
                description: "Applicants per seat admitted, highest first, for each stage and school where applicants exceeded admissions: "
                    + shown.map { "\(stages[$0.stage].name) \(schools[$0.school].id) \($0.applicants) for \($0.admitted)" }.joined(separator: ", ") + ".",
                axisLabel: "每个录取学位的申请人数 Applicants per seat admitted",
                decimals: 2,
                bars: shown.map {
                    .init(label: "\(stages[$0.stage].name) · \(schools[$0.school].id)",
                          value: NumberText.scaledRatio($0.applicants, $0.admitted, decimals: 2),
                          valueText: NumberText.ratio($0.applicants, $0.admitted, decimals: 2) + " (" + NumberText.grouped($0.applicants) + " ÷ " + NumberText.grouped($0.admitted) + ")",
                          colour: SVGChart.colour($0.stage))
                }
            ).render(into: &page)
            pressureTable(&page, Array(shown), ratio: true)
        }
        if !facts.noFreeSeat.isEmpty {
            page.heading("h3", "无空余学位", "No free seat left")
            page.raw("<p class=\"note\">")
            page.bilingual("这些学校在该阶段开始时已无学位，申请者全部转入后续阶段。",
                           "These schools had no seat left when the stage began; every applicant went on to later stages.")
            page.raw("</p>\n")
            pressureTable(&page, facts.noFreeSeat, ratio: false)
        }
        page.raw("</section>\n")
    }

    private func pressureTable(_ page: inout HTMLBuilder, _ rows: [ReportFacts.Pressure], ratio: Bool) {
        let schools = instance.dataset.schools, stages = instance.policy.stages
        let files = PlacementFiles(instance: instance, result: result)
        page.raw("<table>\n")
        var columns: [(zh: String, en: String, numeric: Bool)] = [("阶段", "Stage", false), ("学校", "School", false), ("名称", "Name", false),
                                                                  ("申请", "Applicants", true), ("录取", "Admitted", true)]
        if ratio { columns += [("比率", "Ratio", true), ("录取线类别", "Cutoff tier", false), ("录取线随机号", "Cutoff number", false)] }
        page.headerRow(columns)
        page.raw("<tbody>\n")
        for row in rows {
            let stage = stages[row.stage]
            page.raw("<tr>")
            page.cell(stage.name, className: "nowrap")
            page.cell(schools[row.school].id.text, className: "mono")
            page.cell(schools[row.school].name)
            page.numberCell(row.applicants)
            page.numberCell(row.admitted)
            if ratio {
                page.cell(NumberText.ratio(row.applicants, row.admitted, decimals: 2), className: "num")
                if let cutoff = row.cutoff {
                    // Immediate acceptance decides by round before tier, so the round is part of the cutoff.
                    let round = stage.decidesByRound ? "round \(cutoff.round + 1) · " : ""
                    let points = stage.ordersByPoints ? " · " + Points(hundredths: cutoff.points).description : ""
                    page.cell(round + files.tierName(cutoff.tier, stage: stage) + points, className: "nowrap")
                    page.cell(formatLotteryNumber(cutoff.number), className: "mono")
                } else {
                    page.raw("<td></td><td></td>")
                }
            }
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n")
    }

    private func distances(_ page: inout HTMLBuilder, _ facts: ReportFacts, _ maps: PlacementMaps?) {
        page.raw("<section id=\"distances\">\n")
        page.heading("h2", "统筹距离", "Overflow distances")
        let sorted = facts.distances
        guard let maximum = sorted.last else {
            page.raw("<p>")
            page.bilingual("没有学生经统筹录取。", "No student was placed by an overflow stage.")
            page.raw("</p>\n</section>\n")
            return
        }
        if let maps, let drawn = maps.overflowMap(result, id: "map-overflow", comparison: false) {
            page.heading("h3", "统筹安排路线图", "Where overflow sends students")
            page.raw("<p class=\"note\">")
            page.bilingual("每条线从一名经统筹安排的学生的住址连到其录取学校；颜色越深路程越远，红色为最远。底色为各片区学生经统筹安排的比例。",
                           "Each line joins the home of a student placed by overflow to the school they were placed at; the darker, the longer the journey, the longest in red. Zones are tinted by the share of their children placed by overflow.")
            page.raw("</p>\n")
            drawn.map.render(into: &page, caption: drawn.missing > 0
                ? "\(drawn.missing) 名学生因住址或学校无坐标未画出。\(drawn.missing) students not drawn: their home or school has no coordinates." : nil)
        }
        let bins = facts.histogram(kilometres: Self.histogramKilometres)
        let last = bins.count - 1
        let capped = maximum / 1000 >= Self.histogramKilometres
        let labels = bins.indices.map { $0 == last && capped ? "≥\($0)" : "\($0)–\($0 + 1)" }
        HistogramChart(
            id: "chart-distances",
            title: "统筹距离 Overflow distances",
            description: "Home-to-school distance of the \(sorted.count) students placed by overflow stages, in 1 km bins"
                + (capped ? ", the last bin holding \(Self.histogramKilometres) km and more" : "") + ": "
                + bins.indices.map { "\(labels[$0]) km \(bins[$0])" }.joined(separator: ", ") + ".",
            xAxisLabel: "距离（公里）Distance (km)",
            yAxisLabel: "学生 Students",
            bins: bins.indices.map { .init(label: labels[$0], count: bins[$0]) }
        ).render(into: &page)

        page.raw("<table class=\"horizontal\">\n<tbody>\n<tr><th>")
        page.bilingual("公里", "km")
        page.raw("</th>")
        for label in labels {
            page.raw("<th>")
            page.text(label)
            page.raw("</th>")
        }
        page.raw("</tr>\n<tr><th>")
        page.bilingual("学生", "Students")
        page.raw("</th>")
        for count in bins { page.numberCell(count, data: "data-bin-count") }
        page.raw("</tr>\n</tbody></table>\n")

        let figures = facts.summary.overflowDistances
        let n = figures.students, mean = figures.mean!, median = figures.median!, p95 = figures.p95!
        page.raw("<table>\n")
        page.headerRow([("学生", "Students", true), ("平均", "Mean", true), ("中位数", "Median", true),
                        ("第95百分位", "95th percentile", true), ("最大", "Max", true)])
        page.raw("<tbody>\n<tr>")
        page.numberCell(n, data: "data-overflow-students")
        for metres in [mean, median, p95, maximum] {
            page.raw("<td class=\"num\" data-metres=\"\(metres)\">")
            page.text(NumberText.kilometres(metres) + " km")
            page.raw("</td>")
        }
        page.raw("</tr>\n</tbody></table>\n")
        comparison(&page, maps)
        page.raw("</section>\n")
    }

    /// With a `min_total_distance` stage: the journeys `nearest_by_lottery` would have made, beside the placement's.
    private func comparison(_ page: inout HTMLBuilder, _ maps: PlacementMaps?) {
        guard NearestByLotteryComparison.applies(to: instance.policy) else { return }
        page.heading("h3", "对比：若统筹按就近摇号", "Comparison: nearest_by_lottery instead")
        page.raw("<p class=\"note\">")
        page.bilingual("本节为对比，不是派位结果：同一数据、同一随机种子，只把 min_total_distance（总距离最短）的统筹阶段换成 nearest_by_lottery（按抽签号依次就近），看学生会被安排到哪里、多远。",
                       "This is a comparison, not the placement: the same data and seed, with only the min_total_distance overflow stages switched to nearest_by_lottery (each student in lottery order to the nearest school with a free seat), to show where and how far students would have gone.")
        page.raw("</p>\n")
        guard let other = NearestByLotteryComparison.place(instance, seed: result.seed) else {
            page.raw("<p>")
            page.bilingual("无法计算对比派位。", "The comparison could not be computed.")
            page.raw("</p>\n")
            return
        }
        let mine = PlacementSummary(instance: instance, result: result), theirs = PlacementSummary(instance: instance, result: other)
        page.raw("<table>\n")
        page.headerRow([("统筹方式", "Overflow assignment", false), ("统筹录取", "Placed by overflow", true), ("总距离", "Total", true),
                        ("平均", "Mean", true), ("中位数", "Median", true), ("第95百分位", "95th percentile", true), ("最大", "Max", true),
                        ("未录取", "Unplaced", true)])
        page.raw("<tbody>\n")
        for (zh, en, summary) in [("本次派位", "this placement: min_total_distance", mine), ("对比", "comparison: nearest_by_lottery", theirs)] {
            let figures = summary.overflowDistances
            page.raw("<tr><td>")
            page.bilingual(zh, en)
            page.raw("</td>")
            page.numberCell(figures.students)
            for metres in [figures.total, figures.mean ?? 0, figures.median ?? 0, figures.p95 ?? 0, figures.maximum] {
                page.raw("<td class=\"num\">")
                page.text(NumberText.kilometres(metres) + " km")
                page.raw("</td>")
            }
            page.numberCell(summary.count(.unplaced))
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n")
        if let maps, let drawn = maps.overflowMap(other, id: "map-overflow-comparison", comparison: true) {
            drawn.map.render(into: &page, caption: "对比，不是派位结果。A comparison, not the placement."
                + (drawn.missing > 0 ? " \(drawn.missing) 名学生因无坐标未画出。\(drawn.missing) students not drawn for want of coordinates." : ""))
        }
    }

    private func warnings(_ page: inout HTMLBuilder, _ facts: ReportFacts) {
        page.raw("<section id=\"warnings\">\n")
        page.heading("h2", "警告", "Warnings")
        page.raw("<p><strong data-warnings=\"\(instance.warnings.count)\">")
        page.raw(NumberText.grouped(instance.warnings.count))
        page.raw("</strong> ")
        page.bilingual("条警告，详见 warnings.csv。", "warnings; see warnings.csv for each one.")
        page.raw("</p>\n</section>\n")
    }
}

/// The numbers behind `report.html`: the placement's ``PlacementSummary``, and what only the page shows
/// (seats taken per school and stage, the pressure on each lottery).
struct ReportFacts {
    let summary: PlacementSummary
    /// Students placed by each stage, in policy order.
    var placedByStage: [Int] { summary.stages.map(\.placed) }
    var reasons: [(code: String, count: Int)] { summary.reasons }
    var seats: Int { summary.seats }
    /// Metres from home to school of every student placed by an overflow stage, ascending.
    var distances: [Int] { summary.overflowDistances.sorted }
    /// Per school, per stage: seats the stage filled there.
    var taken: [[Int]]
    /// (lottery stage, school) pairs with more applicants than admitted and at least one admitted,
    /// most applicants per admitted seat first.
    var oversubscribed: [Pressure] = []
    /// (lottery stage, school) pairs where applicants met no free seat at all.
    var noFreeSeat: [Pressure] = []

    struct Pressure {
        var stage: Int
        var school: Int
        var applicants: Int
        var admitted: Int
        var cutoff: AdmissionKey?
    }

    init(instance: PlacementInstance, result: PlacementResult) {
        summary = PlacementSummary(instance: instance, result: result)
        let schools = instance.dataset.schools, stages = instance.policy.stages
        taken = schools.indices.map { s in stages.indices.map { Int(result.stages[$0].seatsTaken[s]) } }
        for (index, stage) in stages.enumerated() where stage.kind != .overflow {
            for (s, summary) in result.schoolSummaries(stage: index, schools: schools.count).enumerated() where summary.applicants > summary.admitted {
                let pressure = Pressure(stage: index, school: s, applicants: summary.applicants, admitted: summary.admitted, cutoff: summary.cutoff)
                if summary.admitted > 0 { oversubscribed.append(pressure) } else { noFreeSeat.append(pressure) }
            }
        }
        // Exact comparison of the ratios by cross-multiplication; ties by applicants, then stage and school.
        oversubscribed.sort { a, b in
            let left = a.applicants * b.admitted, right = b.applicants * a.admitted
            if left != right { return left > right }
            if a.applicants != b.applicants { return a.applicants > b.applicants }
            return (a.stage, a.school) < (b.stage, b.school)
        }
    }

    func count(_ outcome: PlacementOutcome) -> Int { summary.count(outcome) }

    /// Students per whole kilometre of distance; the bin `kilometres` (the last) holds every distance
    /// from `kilometres` km up, and appears only when some student is that far.
    func histogram(kilometres: Int) -> [Int] {
        guard let maximum = distances.last else { return [] }
        var bins = Array(repeating: 0, count: min(maximum / 1000, kilometres) + 1)
        for d in distances { bins[min(d / 1000, kilometres)] += 1 }
        return bins
    }
}

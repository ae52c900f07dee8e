import PaiweiCore
import PaiweiRuns
/// `report.html` of a simulation: the district map of expected demand against seats, expected outcomes,
/// the schools ranked by expected excess demand with its spread, each student's chance of their first
/// choice, seats filled against capacity, expected overflow per zone with its spread, and the mechanism
/// comparison — charts drawn here as inline SVG, no network. Deterministic: the same tally gives the
/// same bytes, every number written by integer arithmetic.
public struct SimulationReportPage: Sendable {
    public let files: SimulationFiles

    public init(files: SimulationFiles) {
        self.files = files
    }

    private var tally: SimulationTally { files.tally }
    private var instance: PlacementInstance { files.instance }

    public func html() -> String {
        let n = tally.replications
        return HTML.document(title: "派位模拟 Simulation — \(instance.policy.name)", style: "section { margin-bottom: 8px; }\n" + DistrictMap.style) { page in
            page.heading("h1", "派位模拟报告", "Simulation report")
            page.raw("<p>")
            page.bilingual("政策", "Policy")
            page.raw(": <code>")
            page.text(instance.policy.name)
            page.raw("</code> · ")
            page.bilingual("种子", "seed")
            page.raw(": <code>")
            page.text(files.seed.hex)
            page.raw("</code> · ")
            page.bilingual("模拟次数", "replications")
            page.raw(": ")
            page.int(n)
            page.raw(" (")
            page.text(tally.ranges.map { "\($0.lowerBound)..<\($0.upperBound)" }.joined(separator: ", "))
            page.raw(") · ")
            page.bilingual("学生", "students")
            page.raw(": ")
            page.raw(NumberText.grouped(tally.students))
            page.raw("</p>\n")
            district(&page)
            outcomes(&page)
            oversubscription(&page)
            firstChoice(&page)
            seats(&page)
            zones(&page)
            if tally.comparison != nil { mechanisms(&page) }
        }
    }

    private func outcomes(_ page: inout HTMLBuilder) {
        guard case .object(let expected)? = files.summary()["expected_per_replication"] else { return }
        var bars: [HorizontalBarChart.Bar] = []
        for (index, (key, value)) in expected.enumerated() {
            guard case .double(let mean) = value, let name = SimulationFiles.outcomeNames[key] else { continue }
            bars.append(.init(label: "\(name.0) \(name.1)", value: Int(mean.rounded()), valueText: SimulationFiles.decimal(mean, 1), colour: SVGChart.colour(index)))
        }
        page.raw("<section id=\"outcomes\">\n")
        page.heading("h2", "每次模拟的平均结果", "Expected outcomes per replication")
        HorizontalBarChart(id: "chart-outcomes", title: "平均结果 Expected outcomes",
                           description: "Mean number of students per outcome over \(tally.replications) replications.",
                           axisLabel: "学生人数（均值）Students (mean)", bars: bars).render(into: &page)
        page.raw("</section>\n")
    }

    private func district(_ page: inout HTMLBuilder) {
        page.raw("<section id=\"map\">\n")
        page.heading("h2", "学区地图：哪里学位紧张", "District map: where seats run short")
        guard let map = SimulationMap(instance: instance, tally: tally).map() else {
            page.raw("<p>")
            page.bilingual("数据中没有坐标，无法绘制地图。", "The data has no coordinates: no map can be drawn.")
            page.raw("</p>\n</section>\n")
            return
        }
        page.raw("<p class=\"note\">")
        page.bilingual("每所学校一个圆圈，面积为学位数，颜色为预期需求与学位之比（红色：需求超过学位）；片区底色为其学生预期经统筹安排的比例；灰色网格为学生住址密度。",
                       "Each school is a circle whose area is its seats, coloured by expected demand as a share of its seats (red: more demand than seats); zones are tinted by the share of their children expected to be placed by overflow; grey cells are where students live.")
        page.raw("</p>\n")
        map.render(into: &page)
        page.raw("</section>\n")
    }

    private struct Pressure {
        var school: Int
        var stage: Int
        /// Applicants − admitted, summed over the replications.
        var excess: Int
        var oversubscribed: Int
    }

    /// `sum / n` with one decimal, rounded half up, digits grouped.
    private func mean(_ sum: Int) -> String { NumberText.ratio(sum, max(1, tally.replications), decimals: 1) }

    /// `count / n` as a probability with four decimals.
    private func probability(_ count: Int) -> String { NumberText.plainRatio(count, max(1, tally.replications), decimals: 4) }

    private func oversubscription(_ page: inout HTMLBuilder) {
        let n = max(1, tally.replications), schools = instance.dataset.schools
        var rows: [Pressure] = []
        for (stage, definition) in instance.policy.stages.enumerated() where definition.kind != .overflow {
            for school in schools.indices {
                let cell = stage * schools.count + school
                let excess = tally.applicants[cell].sum - tally.admitted[cell].sum
                if excess > 0 { rows.append(Pressure(school: school, stage: stage, excess: excess, oversubscribed: tally.oversubscribed[cell])) }
            }
        }
        // Largest expected excess first (the sums share one n); ties by probability, then stage and school.
        rows.sort { ($1.excess, $1.oversubscribed, $0.stage, $0.school) < ($0.excess, $0.oversubscribed, $1.stage, $1.school) }
        let top = Array(rows.prefix(30))
        page.raw("<section id=\"oversubscription\">\n")
        page.heading("h2", "超额需求最大的学校", "Schools with the largest expected excess demand")
        if top.isEmpty {
            page.raw("<p>")
            page.bilingual("没有学校在任何一次模拟中超额。", "No school was oversubscribed in any replication.")
            page.raw("</p>\n</section>\n")
            return
        }
        page.raw("<p class=\"note\">")
        page.bilingual("超额需求 = 申请人数 − 录取学位（该阶段学位不足时未被录取的申请人），为各次模拟的平均；横线为第5至第95百分位。按超额人数排序，而不是按已饱和的超额概率。",
                       "Excess demand = applicants − seats (the applicants the stage's seats could not take), the mean over the replications; the line spans the 5th to the 95th percentile. Ranked by how many, not by a probability that saturates at 100%.")
        page.raw("</p>\n")
        if rows.count > top.count {
            page.raw("<p class=\"note\">")
            page.bilingual("列出前 \(top.count) 项，共 \(rows.count) 项。", "The top \(top.count) of \(rows.count).")
            page.raw("</p>\n")
        }
        let bands = top.map { excessBand($0) }
        BandBarChart(
            id: "chart-excess", title: "预期超额需求 Expected excess demand",
            description: "Expected applicants beyond the seats of each school and stage, largest first, with the 5th–95th percentile over \(tally.replications) replications: "
                + zip(top, bands).map { row, band in "\(schools[row.school].id) \(instance.policy.stages[row.stage].name) \(NumberText.plainRatio(row.excess, n, decimals: 1))" + (band.map { " (\($0.low)–\($0.high))" } ?? "") }.joined(separator: ", ") + ".",
            axisLabel: "超额人数（申请 − 学位）Excess demand (applicants − seats)", decimals: 1,
            valueName: "均值 mean", bandName: "第5–95百分位 5th–95th percentile",
            rows: zip(top, bands).map { row, band in
                .init(label: "\(schools[row.school].id) · \(instance.policy.stages[row.stage].name)",
                      value: NumberText.scaledRatio(row.excess, n, decimals: 1), low: band.map { $0.low * 10 }, high: band.map { $0.high * 10 },
                      valueText: mean(row.excess) + (band.map { " (\($0.low)–\($0.high))" } ?? ""), colour: SVGChart.colour(3))
            }).render(into: &page)
        page.raw("<table>\n")
        page.headerRow([("学校", "School", false), ("阶段", "Stage", false), ("学位", "Capacity", true), ("超额（均值）", "Excess (mean)", true),
                        ("超额 P5–P95", "Excess P5–P95", true), ("超额概率", "P(oversubscribed)", true), ("95% 区间", "95% interval", true),
                        ("申请人数（均值）", "Applicants (mean)", true), ("录取（均值）", "Admitted (mean)", true)])
        page.raw("<tbody>\n")
        for (row, band) in zip(top, bands) {
            let cell = row.stage * schools.count + row.school
            let (low, high) = wilsonInterval(successes: row.oversubscribed, trials: n)
            page.raw("<tr>")
            page.cell(schools[row.school].id.text + " " + schools[row.school].name)
            page.cell(instance.policy.stages[row.stage].name)
            page.numberCell(schools[row.school].capacity)
            page.cell(mean(row.excess), className: "num")
            page.cell(band.map { "\(NumberText.grouped($0.low))–\(NumberText.grouped($0.high))" } ?? "—", className: "num")
            page.cell(probability(row.oversubscribed), className: "num")
            page.cell(NumberText.probability(low) + "–" + NumberText.probability(high), className: "num")
            page.cell(mean(tally.applicants[cell].sum), className: "num")
            page.cell(mean(tally.admitted[cell].sum), className: "num")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
    }

    /// The 5th and 95th percentiles of a cell's excess demand, when every replication's is known (not
    /// for replications merged from a version-1 `tally.txt`).
    private func excessBand(_ row: Pressure) -> (low: Int, high: Int)? {
        let excess = tally.excess[row.stage * instance.dataset.schools.count + row.school]
        guard excess.total == tally.replications, excess.total > 0 else { return nil }
        return (excess.percentile(5), excess.percentile(95))
    }

    private func firstChoice(_ page: inout HTMLBuilder) {
        let odds = FirstChoiceOdds(instance: instance, tally: tally)
        page.raw("<section id=\"first-choice\">\n")
        page.heading("h2", "获得第一志愿的概率", "Each student's chance of their first choice")
        let students = odds.students
        guard students > 0, tally.replications > 0 else {
            page.raw("<p>")
            page.bilingual("没有学生填报可选择的学校。", "No student names a school to choose.")
            page.raw("</p>\n</section>\n")
            return
        }
        let worse = odds.worseThanEven, bins = odds.bins
        page.raw("<p><strong data-worse-than-even=\"\(worse)\">")
        page.raw(NumberText.grouped(worse))
        page.raw("</strong> ")
        page.bilingual("名学生（占有第一志愿者的 \(NumberText.percent(worse, of: students))）获得第一志愿的概率低于一半。",
                       "students (\(NumberText.percent(worse, of: students)) of the \(NumberText.grouped(students)) with a first choice) face worse than even odds of their first choice.")
        page.raw("</p>\n<p class=\"note\">")
        page.bilingual("第一志愿：按政策阶段顺序，学生第一次填报的学校——一次单校摇号（民办、寄宿、第一批次组），或多校划片中的第一志愿。单校划片和对口直升是入学权利，不算志愿。",
                       "First choice: the school of the first stage, in the policy's order, in which the student names one — a single-school lottery (private, boarding, first-batch group) or their first preference in a multi-school zone. Single-zone and feeder seats are rights, not choices.")
        page.raw("</p>\n")
        HistogramChart(
            id: "chart-first-choice", title: "获得第一志愿的概率分布 Chance of the first choice",
            description: "Students with a first choice by their chance of getting it over \(tally.replications) replications, in bins of 10 percentage points, with never (0) and always (100) apart: "
                + FirstChoiceOdds.labels.indices.map { "\(FirstChoiceOdds.labels[$0])% \(bins[$0])" }.joined(separator: ", ") + "; \(worse) below 50%.",
            xAxisLabel: "获得第一志愿的概率（%）Chance of the first choice (%)",
            yAxisLabel: "学生 Students",
            bins: FirstChoiceOdds.labels.indices.map { k in
                .init(label: FirstChoiceOdds.labels[k], count: bins[k], colour: (1...5).contains(k) || k == 0 ? SVGChart.colour(3) : SVGChart.colour(0))
            }).render(into: &page)
        page.raw("<table class=\"horizontal\">\n<tbody>\n<tr><th>")
        page.bilingual("概率 %", "Chance %")
        page.raw("</th>")
        for label in FirstChoiceOdds.labels {
            page.raw("<th>")
            page.text(label)
            page.raw("</th>")
        }
        page.raw("</tr>\n<tr><th>")
        page.bilingual("学生", "Students")
        page.raw("</th>")
        for count in bins { page.numberCell(count, data: "data-first-choice-bin") }
        page.raw("</tr>\n</tbody></table>\n</section>\n")
    }

    private func seats(_ page: inout HTMLBuilder) {
        let schools = instance.dataset.schools
        page.raw("<section id=\"seats\">\n")
        page.heading("h2", "学位使用", "Seats filled")
        StackedBarChart(
            id: "chart-seats", title: "学位使用 Seats filled", description: "Mean seats filled per school at the end of the placement, against capacity.",
            axisLabel: "学位 Seats", series: ["平均已用 mean filled"], markerName: "容量 capacity",
            rows: schools.indices.map { s in
                let mean = tally.filled[s].mean
                return .init(label: schools[s].id.text, segments: [Int(mean.rounded())], marker: schools[s].capacity,
                             valueText: SimulationFiles.decimal(mean, 1) + " / " + NumberText.grouped(schools[s].capacity))
            }).render(into: &page)
        page.raw("</section>\n")
    }

    private func zones(_ page: inout HTMLBuilder) {
        let zones = instance.dataset.zones, n = max(1, tally.replications)
        page.raw("<section id=\"zones\">\n")
        page.heading("h2", "片区压力", "Pressure per zone")
        let ranked = zones.indices.filter { tally.zoneOverflow[$0].sum > 0 }.sorted {
            let a = tally.zoneOverflow[$0].sum, b = tally.zoneOverflow[$1].sum
            return a != b ? a > b : $0 < $1
        }
        let shown = Array(ranked.prefix(40))
        if shown.isEmpty {
            page.raw("<p>")
            page.bilingual("没有片区的学生在任何一次模拟中经统筹安排。", "No zone's children were placed by overflow in any replication.")
            page.raw("</p>\n")
        } else {
            if ranked.count > shown.count {
                page.raw("<p class=\"note\">")
                page.bilingual("列出前 \(shown.count) 个片区，共 \(ranked.count) 个有学生经统筹安排。", "The top \(shown.count) of the \(ranked.count) zones with children placed by overflow.")
                page.raw("</p>\n")
            }
            BandBarChart(
                id: "chart-zones", title: "片区预期统筹人数 Expected overflow per zone",
                description: "Mean number of each zone's children placed by overflow coordination per replication, largest first, with the 5th–95th percentile: "
                    + shown.map { "\(zones[$0].id) \(NumberText.plainRatio(tally.zoneOverflow[$0].sum, n, decimals: 1)) (\(tally.zoneOverflow[$0].percentile(5))–\(tally.zoneOverflow[$0].percentile(95)))" }.joined(separator: ", ") + ".",
                axisLabel: "经统筹安排的学生（均值）Children placed by overflow (mean)", decimals: 1,
                valueName: "均值 mean", bandName: "第5–95百分位 5th–95th percentile",
                rows: shown.map { z in
                    let overflow = tally.zoneOverflow[z]
                    return .init(label: zones[z].id.text, value: NumberText.scaledRatio(overflow.sum, n, decimals: 1),
                                 low: overflow.percentile(5) * 10, high: overflow.percentile(95) * 10,
                                 valueText: mean(overflow.sum) + " (\(overflow.percentile(5))–\(overflow.percentile(95)))", colour: SVGChart.colour(6))
                }).render(into: &page)
        }
        page.raw("<table>\n")
        page.headerRow([("片区", "Zone", false), ("统筹（均值）", "Overflow (mean)", true), ("统筹 P5–P95", "Overflow P5–P95", true),
                        ("未录取（均值）", "Unplaced (mean)", true), ("有人未录取的概率", "P(anyone unplaced)", true)])
        page.raw("<tbody>\n")
        for (z, zone) in zones.enumerated() {
            let overflow = tally.zoneOverflow[z], unplaced = tally.zoneUnplaced[z]
            let any = unplaced.total - (unplaced.counts[0] ?? 0)
            let (low, high) = wilsonInterval(successes: any, trials: n)
            page.raw("<tr>")
            page.cell(zone.id.text)
            page.cell(mean(overflow.sum), className: "num")
            page.cell("\(NumberText.grouped(overflow.percentile(5)))–\(NumberText.grouped(overflow.percentile(95)))", className: "num")
            page.cell(NumberText.ratio(unplaced.sum, n, decimals: 2), className: "num")
            page.cell(probability(any) + " (" + NumberText.probability(low) + "–" + NumberText.probability(high) + ")", className: "num")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
    }

    private func mechanisms(_ page: inout HTMLBuilder) {
        guard let comparison = tally.comparison else { return }
        guard comparison.isTwoWay else { return mechanismLab(&page, comparison) }
        let names = [("第一志愿录取", "first choice"), ("统筹安排", "placed by overflow"), ("未录取", "unplaced"), ("比另一机制更好", "better off than under the other")]
        page.raw("<section id=\"mechanisms\">\n")
        page.heading("h2", "志愿优先与延迟接受的比较", "Immediate vs deferred acceptance")
        page.raw("<table>\n")
        page.headerRow([("指标", "Metric", false), ("志愿优先（均值）", "Immediate acceptance (mean)", true), ("延迟接受（均值）", "Deferred acceptance (mean)", true)])
        page.raw("<tbody>\n")
        for (k, name) in names.enumerated() {
            page.raw("<tr><td>")
            page.bilingual(name.0, name.1)
            page.raw("</td>")
            page.cell(SimulationFiles.decimal(comparison.histograms[0][k].mean, 1), className: "num")
            page.cell(SimulationFiles.decimal(comparison.histograms[1][k].mean, 1), className: "num")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n<p>")
        page.bilingual("两种机制使用相同的抽签号和相同的志愿；现实中家庭在志愿优先下会策略性地填报。",
                       "Both use the same numbers and the same preferences; under immediate acceptance real families rank strategically.")
        page.raw("</p>\n</section>\n")
    }

    /// `--mechanisms`: per mechanism, where students end up (1st, 2nd, … counted preference, overflow,
    /// unplaced) as a stacked bar, and the table of every metric, the first mechanism the reference.
    private func mechanismLab(_ page: inout HTMLBuilder, _ comparison: MechanismComparison) {
        let metrics = comparison.metrics, k = comparison.longestList
        page.raw("<section id=\"mechanisms\">\n")
        page.heading("h2", "录取机制比较（同一数据、同一抽签号）", "Mechanisms compared (the same data, the same numbers)")
        page.raw("<p>")
        page.bilingual("每次模拟用同一组随机号，把各 multi_zone 阶段分别换成以下机制运行；其他阶段不变。“更好/更差”与第一个机制（\(comparison.mechanisms[0])）比较。",
                       "Every replication is run again with each multi_zone stage under each mechanism below, with the same numbers; every other stage is unchanged. Better and worse off are measured against the first mechanism (\(comparison.mechanisms[0])).")
        page.raw("</p>\n")
        let series = (1...k).map { "第\($0)志愿 choice \($0)" } + ["统筹 overflow", "未录取 unplaced"]
        StackedBarChart(
            id: "chart-mechanisms", title: "各机制的录取结果 Where students end up, per mechanism",
            description: "Mean students per replication placed at their 1st, 2nd, … counted preference, by overflow, and unplaced, under each mechanism.",
            axisLabel: "学生人数（均值）Students (mean)", series: series, markerName: "",
            rows: comparison.mechanisms.indices.map { m in
                let means = (0..<(k + 2)).map { comparison.histograms[m][$0].mean }
                return .init(label: comparison.mechanisms[m].description, segments: means.map { Int($0.rounded()) }, marker: nil,
                             valueText: SimulationFiles.decimal(means.reduce(0, +), 1))
            }).render(into: &page)
        page.raw("<table>\n")
        page.headerRow([("指标", "Metric", false)] + comparison.mechanisms.map { ("均值", $0.description, true) })
        page.raw("<tbody>\n")
        for (index, metric) in metrics.enumerated() {
            page.raw("<tr><td>")
            page.text(metric)
            page.raw("</td>")
            for m in comparison.mechanisms.indices {
                page.cell(SimulationFiles.decimal(comparison.histograms[m][index].mean, 1), className: "num")
            }
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n<p>")
        page.bilingual("justified_envy_pairs：某生排在某校已录取者之前、且更想去该校的（学生，被录取者）对数。各机制使用相同的志愿；现实中家庭会针对机制调整填报（志愿优先下尤其如此）。",
                       "justified_envy_pairs: pairs of a student and someone admitted at a school the student ranks higher and comes before them in its order. Every mechanism gets the same preferences; real families adapt their ranking to the mechanism (above all under immediate acceptance).")
        page.raw("</p>\n</section>\n")
    }
}

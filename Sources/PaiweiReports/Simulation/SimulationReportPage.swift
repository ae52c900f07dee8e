import PaiweiCore
import PaiweiRuns
/// `report.html` of a simulation: expected outcomes, the schools most likely to be oversubscribed, seats
/// filled against capacity, pressure per zone, and the mechanism comparison — charts drawn here as inline
/// SVG, no network. Deterministic: the same tally gives the same bytes.
public struct SimulationReportPage: Sendable {
    public let files: SimulationFiles

    public init(files: SimulationFiles) {
        self.files = files
    }

    private var tally: SimulationTally { files.tally }
    private var instance: PlacementInstance { files.instance }

    public func html() -> String {
        let n = tally.replications
        return HTML.document(title: "派位模拟 Simulation — \(instance.policy.name)", style: "section { margin-bottom: 8px; }") { page in
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
            outcomes(&page)
            oversubscription(&page)
            seats(&page)
            zones(&page)
            if tally.comparison != nil { mechanisms(&page) }
        }
    }

    private func outcomes(_ page: inout HTMLBuilder) {
        guard case .object(let expected)? = files.summary()["expected_per_replication"] else { return }
        let names = ["placed_by_lottery_or_zone": ("派位或划片录取", "placed by lottery or zone"), "placed_by_overflow": ("统筹安排", "placed by overflow"),
                     "unplaced": ("未录取", "unplaced"), "ineligible": ("不符合资格", "ineligible")]
        var bars: [HorizontalBarChart.Bar] = []
        for (index, (key, value)) in expected.enumerated() {
            guard case .double(let mean) = value, let name = names[key] else { continue }
            bars.append(.init(label: "\(name.0) \(name.1)", value: Int(mean.rounded()), valueText: SimulationFiles.decimal(mean, 1), colour: SVGChart.colour(index)))
        }
        page.raw("<section id=\"outcomes\">\n")
        page.heading("h2", "每次模拟的平均结果", "Expected outcomes per replication")
        HorizontalBarChart(id: "chart-outcomes", title: "平均结果 Expected outcomes",
                           description: "Mean number of students per outcome over \(tally.replications) replications.",
                           axisLabel: "学生人数（均值）Students (mean)", bars: bars).render(into: &page)
        page.raw("</section>\n")
    }

    private struct Pressure {
        var school: Int
        var stage: Int
        var count: Int
    }

    private func oversubscription(_ page: inout HTMLBuilder) {
        let n = max(1, tally.replications), schools = instance.dataset.schools
        var rows: [Pressure] = []
        for (stage, definition) in instance.policy.stages.enumerated() where definition.kind != .overflow {
            for school in schools.indices where tally.oversubscribed[stage * schools.count + school] > 0 {
                rows.append(Pressure(school: school, stage: stage, count: tally.oversubscribed[stage * schools.count + school]))
            }
        }
        rows.sort { ($1.count, $0.stage, $0.school) < ($0.count, $1.stage, $1.school) }
        let top = Array(rows.prefix(30))
        page.raw("<section id=\"oversubscription\">\n")
        page.heading("h2", "最可能超额的学校", "Schools most likely to be oversubscribed")
        if top.isEmpty {
            page.raw("<p>")
            page.bilingual("没有学校在任何一次模拟中超额。", "No school was oversubscribed in any replication.")
            page.raw("</p>\n</section>\n")
            return
        }
        HorizontalBarChart(
            id: "chart-oversubscription", title: "超额概率 Probability of oversubscription",
            description: "Share of replications in which the school refused someone in the stage; the \(top.count) highest.",
            axisLabel: "概率 % Probability %",
            bars: top.map { row in
                let p = Double(row.count) / Double(n)
                return .init(label: "\(schools[row.school].id) · \(instance.policy.stages[row.stage].name)", value: Int((p * 100).rounded()),
                             valueText: SimulationFiles.decimal(p * 100, 1) + "%", colour: SVGChart.colour(3))
            }).render(into: &page)
        page.raw("<table>\n")
        page.headerRow([("学校", "School", false), ("阶段", "Stage", false), ("超额概率", "P(oversubscribed)", true), ("95% 区间", "95% interval", true),
                        ("申请人数（均值）", "Applicants (mean)", true), ("录取（均值）", "Admitted (mean)", true)])
        page.raw("<tbody>\n")
        for row in top {
            let cell = row.stage * schools.count + row.school
            let (low, high) = wilsonInterval(successes: row.count, trials: n)
            page.raw("<tr>")
            page.cell(schools[row.school].id.text + " " + schools[row.school].name)
            page.cell(instance.policy.stages[row.stage].name)
            page.cell(SimulationFiles.decimal(Double(row.count) / Double(n)), className: "num")
            page.cell(SimulationFiles.decimal(low) + "–" + SimulationFiles.decimal(high), className: "num")
            page.cell(SimulationFiles.decimal(tally.applicants[cell].mean, 1), className: "num")
            page.cell(SimulationFiles.decimal(tally.admitted[cell].mean, 1), className: "num")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
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
        StackedBarChart(
            id: "chart-zones", title: "片区统筹与未录取 Overflow and unplaced per zone",
            description: "Mean students of each zone placed by overflow coordination and left unplaced, per replication.",
            axisLabel: "学生（均值）Students (mean)", series: ["统筹 overflow", "未录取 unplaced"], markerName: "",
            rows: zones.indices.map { z in
                let overflow = tally.zoneOverflow[z].mean, unplaced = tally.zoneUnplaced[z].mean
                return .init(label: zones[z].id.text, segments: [Int(overflow.rounded()), Int(unplaced.rounded())], marker: nil,
                             valueText: SimulationFiles.decimal(overflow, 1) + " + " + SimulationFiles.decimal(unplaced, 1))
            }).render(into: &page)
        page.raw("<table>\n")
        page.headerRow([("片区", "Zone", false), ("统筹（均值）", "Overflow (mean)", true), ("统筹 P95", "Overflow P95", true),
                        ("未录取（均值）", "Unplaced (mean)", true), ("有人未录取的概率", "P(anyone unplaced)", true)])
        page.raw("<tbody>\n")
        for (z, zone) in zones.enumerated() {
            let unplaced = tally.zoneUnplaced[z]
            let any = unplaced.total - (unplaced.counts[0] ?? 0)
            let (low, high) = wilsonInterval(successes: any, trials: n)
            page.raw("<tr>")
            page.cell(zone.id.text)
            page.cell(SimulationFiles.decimal(tally.zoneOverflow[z].mean, 1), className: "num")
            page.numberCell(tally.zoneOverflow[z].percentile(95))
            page.cell(SimulationFiles.decimal(unplaced.mean, 2), className: "num")
            page.cell(SimulationFiles.decimal(Double(any) / Double(n)) + " (" + SimulationFiles.decimal(low) + "–" + SimulationFiles.decimal(high) + ")", className: "num")
            page.raw("</tr>\n")
        }
        page.raw("</tbody></table>\n</section>\n")
    }

    private func mechanisms(_ page: inout HTMLBuilder) {
        guard let comparison = tally.comparison else { return }
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
}

import PaiweiCore
import PaiweiRuns
/// The map of a simulation's `report.html`: each school coloured by its expected demand against its
/// seats, each zone tinted by the share of its children expected to be placed by overflow, homes as
/// density — where the pressure is, and how big.
///
/// **Expected demand** of a school: the students placed there (mean seats filled at the end) plus the
/// applications its stages refused (mean excess demand of each lottery or zone stage, summed), so that it
/// is the seats a school would need to refuse nobody. A student refused there in two stages counts twice.
/// All sums of integer counts over the replications; ratios compared and written exactly.
struct SimulationMap {
    let instance: PlacementInstance
    let tally: SimulationTally

    /// Per school: demand summed over the replications, and seats (capacity × replications).
    static func demand(_ instance: PlacementInstance, _ tally: SimulationTally) -> (demand: [Int], seats: [Int]) {
        let schools = instance.dataset.schools, n = tally.replications
        var demand = schools.indices.map { tally.filled[$0].sum }
        for (stage, definition) in instance.policy.stages.enumerated() where definition.kind != .overflow {
            for s in schools.indices {
                let cell = stage * schools.count + s
                demand[s] += tally.applicants[cell].sum - tally.admitted[cell].sum
            }
        }
        return (demand, schools.map { $0.capacity * n })
    }

    /// Demand as a share of seats: class bounds in percent.
    static let demandClasses: [(colour: String, text: String)] = [
        ("#66bd63", "< 80%"),
        ("#d9ef8b", "80–<100%"),
        ("#fdae61", "100–<120%"),
        ("#f46d43", "120–<150%"),
        ("#a50026", "≥ 150%"),
    ]

    static func demandClass(demand: Int, seats: Int) -> Int {
        if seats <= 0 { return demand > 0 ? 4 : 0 }
        for (k, bound) in [80, 100, 120, 150].enumerated() where demand * 100 < seats * bound { return k }
        return 4
    }

    func map() -> DistrictMap? {
        let dataset = instance.dataset, schools = dataset.schools, zones = dataset.zones, n = max(1, tally.replications)
        guard let geometry = DistrictGeometry(dataset: dataset, maxWidth: 680, maxHeight: 680) else { return nil }
        let circles = SchoolCircles(seats: schools.map(\.capacity), frameWidth: geometry.width, frameHeight: geometry.height)
        let (demand, seats) = Self.demand(instance, tally)
        var residents = [Int](repeating: 0, count: zones.count)
        for student in dataset.students { residents[student.zone] += 1 }
        let classes = schools.indices.map { Self.demandClass(demand: demand[$0], seats: seats[$0]) }
        var counts = [Int](repeating: 0, count: Self.demandClasses.count)
        for k in classes { counts[k] += 1 }

        let density = HomeDensity(geometry)
        var legend: [MapLegend.Item] = [.heading("预期需求 ÷ 学位 Expected demand ÷ seats")]
        legend += Self.demandClasses.enumerated().map { .swatch(colour: $1.colour, text: "\($1.text) · \(counts[$0]) 所 schools") }
        legend.append(.note("需求 = 录取人数 + 被拒申请（各阶段超额之和），为各次模拟的平均。Demand = students placed there + applications refused there (each stage's excess), mean over the replications."))
        legend += [.gap(6), .heading("片区学生预期经统筹安排的比例 Share of a zone's children expected in overflow")]
        legend += PlacementMaps.overflowClasses.map { .swatch(colour: $0.colour ?? "#fbfbf8", text: $0.zh) }
        legend += [.gap(6), .heading("圆圈面积 = 学位数 Circle area = seats")]
        legend += circles.legendSeats(largest: schools.map(\.capacity).max() ?? 0).map { .circle(radius: circles.radius($0), text: "\(NumberText.grouped($0)) 学位 seats") }
        legend += [.gap(6), .heading(density.heading(geometry.projection))]
        for (k, range) in density.ranges.enumerated() {
            legend.append(.swatch(colour: density.shade(k), text: range.low == range.high ? "\(range.low)" : "\(range.low)–\(range.high)"))
        }
        legend += [.gap(6), .outline(width: "1.6", dashed: false, text: "片区或统筹片区边界 Zone or area edge"),
                   .outline(width: "0.8", dashed: true, text: "统筹片区内的单校划片 Single zone inside an area")]

        let over = classes.count { $0 >= 2 }
        return DistrictMap(
            id: "map-demand",
            title: "学区地图：预期需求与学位 District map: expected demand against seats",
            description: "Map of the district over \(tally.replications) replications: \(schools.count) schools as circles sized by seats and coloured by expected demand as a share of seats (\(over) at 100% or more), zones tinted by the share of their children expected to be placed by overflow, homes as density.",
            geometry: geometry, circles: circles,
            schools: schools.indices.map { s in
                let ratio = seats[s] > 0 ? NumberText.percent(demand[s], of: seats[s]) : "—"
                let title = "\(schools[s].id) \(schools[s].name) · 学位 seats \(NumberText.grouped(schools[s].capacity)) · 预期需求 expected demand \(NumberText.ratio(demand[s], n, decimals: 1)) (\(ratio)) · 平均录取 mean placed \(NumberText.ratio(tally.filled[s].sum, n, decimals: 1))"
                return .init(index: s, seats: schools[s].capacity, colour: Self.demandClasses[classes[s]].colour, title: title,
                             label: schools[s].id.text, importance: (demand[s] - seats[s]) * 10 / n)
            },
            zoneFills: zones.indices.map { PlacementMaps.overflowClasses[PlacementMaps.overflowClass(tally.zoneOverflow[$0].sum, of: residents[$0] * n)].colour },
            zoneTitles: zones.indices.map { z in
                let overflow = tally.zoneOverflow[z], unplaced = tally.zoneUnplaced[z]
                var title = "\(zones[z].id) · \(zones[z].kind == .single ? "单校划片 single" : "多校划片 multi")"
                if let parent = zones[z].parent { title += " · 属 part of \(zones[parent].id)" }
                title += " · 居住学生 children living here \(NumberText.grouped(residents[z]))"
                title += " · 预期统筹安排 expected in overflow \(NumberText.ratio(overflow.sum, n, decimals: 1)) (P5–P95 \(overflow.percentile(5))–\(overflow.percentile(95)))"
                if unplaced.sum > 0 { title += " · 预期未录取 expected unplaced \(NumberText.ratio(unplaced.sum, n, decimals: 1))" }
                return title
            },
            // Labelled by the children short of a seat, in tenths: a school's demand beyond its seats, a
            // zone's children in overflow; the most first.
            zoneLabels: zones.indices.map { z in (zones[z].id.text, tally.zoneOverflow[z].sum * 10 / n) },
            density: density,
            legend: MapLegend(items: legend))
    }
}

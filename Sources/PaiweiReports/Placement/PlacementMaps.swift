import PaiweiCore
import PaiweiRuns
/// The maps of a placement's `report.html`: the district with every school coloured by how full the
/// placement left it, and the overflow journeys — a line from each overflow student's home to the school
/// they were placed at, the longest drawn darker — so that an official sees who is sent how far and
/// where to. With a `min_total_distance` stage, the same journeys as `nearest_by_lottery` would have
/// drawn them: a comparison computed here with the same seed, never the placement.
struct PlacementMaps {
    let instance: PlacementInstance
    let result: PlacementResult
    let geometry: DistrictGeometry
    let circles: SchoolCircles
    /// Per school: seats taken at the end, and by an overflow stage.
    let taken: [Int]
    let overflowIn: [Int]
    /// Per residence zone: children living there, those placed by overflow, those left unplaced.
    let residents: [Int]
    let zoneOverflow: [Int]
    let zoneUnplaced: [Int]

    init?(instance: PlacementInstance, result: PlacementResult) {
        guard let geometry = DistrictGeometry(dataset: instance.dataset, maxWidth: 680, maxHeight: 680) else { return nil }
        self.instance = instance
        self.result = result
        self.geometry = geometry
        let schools = instance.dataset.schools
        circles = SchoolCircles(seats: schools.map(\.capacity), frameWidth: geometry.width, frameHeight: geometry.height)
        (taken, overflowIn) = Self.seats(instance, result)
        var residents = [Int](repeating: 0, count: instance.dataset.zones.count)
        var zoneOverflow = residents, zoneUnplaced = residents
        for (s, student) in instance.dataset.students.enumerated() {
            residents[student.zone] += 1
            if Self.isOverflow(instance, result, s) { zoneOverflow[student.zone] += 1 }
            if instance.outcome(s, in: result) == .unplaced { zoneUnplaced[student.zone] += 1 }
        }
        self.residents = residents
        self.zoneOverflow = zoneOverflow
        self.zoneUnplaced = zoneUnplaced
    }

    static func isOverflow(_ instance: PlacementInstance, _ result: PlacementResult, _ s: Int) -> Bool {
        result.school[s] >= 0 && instance.policy.stages[Int(result.placingStage[s])].kind == .overflow
    }

    static func seats(_ instance: PlacementInstance, _ result: PlacementResult) -> (taken: [Int], overflow: [Int]) {
        var taken = [Int](repeating: 0, count: instance.dataset.schools.count), overflow = taken
        for s in instance.dataset.students.indices where result.school[s] >= 0 {
            taken[Int(result.school[s])] += 1
            if isOverflow(instance, result, s) { overflow[Int(result.school[s])] += 1 }
        }
        return (taken, overflow)
    }

    // MARK: Fill classes

    /// How full the placement left a school: class bounds in percent of its seats.
    static let fillClasses: [(colour: String, zh: String, en: String)] = [
        ("#fee5d9", "< 50%", ""),
        ("#fcae91", "50–80%", ""),
        ("#fb6a4a", "80–<100%", ""),
        ("#a50f15", "满额 full", "100%"),
    ]

    static func fillClass(taken: Int, seats: Int) -> Int {
        if seats <= 0 || taken >= seats { return 3 }
        if taken * 100 >= seats * 80 { return 2 }
        if taken * 100 >= seats * 50 { return 1 }
        return 0
    }

    /// Share of a zone's children placed by overflow, for the tint of the overflow maps.
    static let overflowClasses: [(colour: String?, zh: String, en: String)] = [
        (nil, "无 none", ""),
        ("#e7e1ef", "< 5%", ""),
        ("#c9b8dc", "5–15%", ""),
        ("#a48cc6", "≥ 15%", ""),
    ]

    static func overflowClass(_ overflow: Int, of children: Int) -> Int {
        if overflow == 0 || children == 0 { return 0 }
        if overflow * 100 < children * 5 { return 1 }
        if overflow * 100 < children * 15 { return 2 }
        return 3
    }

    private func schoolTitle(_ s: Int, taken: Int, overflowIn: Int) -> String {
        let school = instance.dataset.schools[s]
        var title = "\(school.id) \(school.name) · \(school.kind.rawValue) · 学位 seats \(NumberText.grouped(school.capacity)) · 录取 placed \(NumberText.grouped(taken)) (\(NumberText.percent(taken, of: school.capacity)))"
        if overflowIn > 0 { title += " · 其中统筹安排 of them by overflow \(NumberText.grouped(overflowIn))" }
        return title
    }

    private func zoneTitle(_ z: Int, overflow: Int, unplaced: Int) -> String {
        let zone = instance.dataset.zones[z], schools = instance.dataset.schools
        var title = "\(zone.id) · \(zone.kind == .single ? "单校划片 single" : "多校划片 multi")"
        if let parent = zone.parent { title += " · 属 part of \(instance.dataset.zones[parent].id)" }
        title += " · 学校 schools \(zone.schools.map { schools[$0].id.text }.joined(separator: ", "))"
        title += " · 居住学生 children living here \(NumberText.grouped(residents[z]))"
        title += " · 统筹安排 placed by overflow \(NumberText.grouped(overflow)) (\(NumberText.percent(overflow, of: residents[z])))"
        if unplaced > 0 { title += " · 未录取 unplaced \(NumberText.grouped(unplaced))" }
        return title
    }

    private func sizeLegend() -> [MapLegend.Item] {
        let largest = instance.dataset.schools.map(\.capacity).max() ?? 0
        return [.heading("圆圈面积 = 学位数 Circle area = seats")]
            + circles.legendSeats(largest: largest).map { .circle(radius: circles.radius($0), text: "\(NumberText.grouped($0)) 学位 seats") }
    }

    private func fillLegend(taken: [Int]) -> [MapLegend.Item] {
        let schools = instance.dataset.schools
        var counts = [0, 0, 0, 0]
        for s in schools.indices { counts[Self.fillClass(taken: taken[s], seats: schools[s].capacity)] += 1 }
        return [.heading("派位后学位占用 Seats filled after placement")]
            + Self.fillClasses.enumerated().map { k, c in .swatch(colour: c.colour, text: "\(c.zh)\(c.en.isEmpty ? "" : " " + c.en) · \(counts[k]) 所 schools") }
    }

    // MARK: The district

    func districtMap() -> DistrictMap {
        let schools = instance.dataset.schools, zones = instance.dataset.zones
        let full = schools.indices.filter { taken[$0] >= schools[$0].capacity }.count
        let density = HomeDensity(geometry)
        var legend = fillLegend(taken: taken) + [.gap(6)] + sizeLegend() + [.gap(6)]
        legend.append(.heading(density.heading(geometry.projection)))
        for (k, range) in density.ranges.enumerated() {
            legend.append(.swatch(colour: density.shade(k), text: range.low == range.high ? "\(range.low)" : "\(range.low)–\(range.high)"))
        }
        legend += [.gap(6), .outline(width: "1.6", dashed: false, text: "片区或统筹片区边界 Zone or area edge"),
                   .outline(width: "0.8", dashed: true, text: "统筹片区内的单校划片 Single zone inside an area"),
                   .gap(4), .note("片区画为其学生住址所在的网格。A zone is drawn as the grid cells where most of its children live.")]
        return DistrictMap(
            id: "map-district",
            title: "学区地图：派位后各校学位占用 District map: seats filled after placement",
            description: "Map of the district: \(schools.count) schools as circles sized by seats and coloured by the share of seats the placement filled (\(full) full), \(zones.count) zones as the areas where their children live, homes as density.",
            geometry: geometry, circles: circles,
            schools: schools.indices.map { s in
                let fillClass = Self.fillClass(taken: taken[s], seats: schools[s].capacity)
                return .init(index: s, seats: schools[s].capacity, colour: Self.fillClasses[fillClass].colour,
                             title: schoolTitle(s, taken: taken[s], overflowIn: overflowIn[s]), label: schools[s].id.text,
                             importance: schools[s].capacity)
            },
            zoneFills: zones.map { _ in nil },
            zoneTitles: zones.indices.map { zoneTitle($0, overflow: zoneOverflow[$0], unplaced: zoneUnplaced[$0]) },
            // Labelled by size, zones and schools alike (children living there, seats): the largest first.
            zoneLabels: zones.indices.map { z in (zones[z].id.text, residents[z]) },
            density: density,
            legend: MapLegend(items: legend))
    }

    // MARK: Overflow journeys

    /// The journeys of `result` (this placement's or the comparison's): the map, and what it says.
    func overflowMap(_ result: PlacementResult, id: String, comparison: Bool) -> (map: DistrictMap, shown: Int, missing: Int)? {
        let students = instance.dataset.students, schools = instance.dataset.schools, zones = instance.dataset.zones
        let placed = students.indices.filter { Self.isOverflow(instance, result, $0) }
        guard !placed.isEmpty else { return nil }
        let figures = DistanceFigures(placed.map { Int(result.overflowDistance[$0]) })
        let p95 = figures.p95!, longest = figures.maximum
        var journeys: [DistrictMap.Journey] = [], missing = 0
        for s in placed {
            let school = Int(result.school[s])
            guard let home = geometry.homes[s], let to = geometry.schools[school] else { missing += 1; continue }
            let metres = Int(result.overflowDistance[s])
            let level = metres >= longest ? 2 : metres >= p95 ? 1 : 0
            journeys.append(.init(from: home, to: to, level: level,
                                  title: level == 0 ? "" : "\(students[s].id) (\(zones[students[s].zone].id)) → \(schools[school].id): \(NumberText.kilometres(metres)) km"))
        }
        let (taken, overflowIn) = comparison ? Self.seats(instance, result) : (self.taken, self.overflowIn)
        var zoneOverflow = [Int](repeating: 0, count: zones.count)
        for s in placed { zoneOverflow[students[s].zone] += 1 }
        let p95Count = placed.count { Int(result.overflowDistance[$0]) >= p95 }, longestCount = placed.count { Int(result.overflowDistance[$0]) >= longest }
        var legend: [MapLegend.Item] = [.heading("统筹安排路线 Overflow journeys")]
        legend.append(.line(colour: DistrictMap.journeyColours[0], width: "1.2", opacity: "0.5", text: "一名学生从家到录取学校 One student, home to school"))
        legend.append(.line(colour: DistrictMap.journeyColours[1], width: "1.6", opacity: "0.9", text: "第95百分位及以上 95th percentile and longer: ≥ \(NumberText.kilometres(p95)) km · \(p95Count) 名 students"))
        legend.append(.line(colour: DistrictMap.journeyColours[2], width: "2.2", opacity: "1", text: "最远 Longest: \(NumberText.kilometres(longest)) km · \(longestCount) 名 students"))
        legend += [.gap(6), .heading("片区学生经统筹安排的比例 Share of a zone's children placed by overflow")]
        legend += Self.overflowClasses.map { .swatch(colour: $0.colour ?? "#fbfbf8", text: $0.zh) }
        legend += [.gap(6)] + fillLegend(taken: taken) + [.gap(6)] + sizeLegend()
        legend += [.gap(4), .note("粗边圆圈：接收统筹学生的学校。Heavy outline: a school that took overflow students.")]
        let destinations = schools.indices.filter { overflowIn[$0] > 0 }.count
        let map = DistrictMap(
            id: id,
            title: comparison ? "对比：若统筹按就近摇号 Comparison: the journeys nearest_by_lottery would have made" : "统筹安排：谁被安排到多远、去哪里 Overflow: who is sent how far, and where to",
            description: "\(journeys.count) lines from the home of each student placed by overflow\(comparison ? " under nearest_by_lottery (a comparison, not the placement)" : "") to the school they were placed at, \(destinations) schools receiving them; journeys of \(NumberText.kilometres(p95)) km (the 95th percentile) and more drawn darker, the longest (\(NumberText.kilometres(longest)) km) in red.",
            geometry: geometry, circles: circles,
            schools: schools.indices.map { s in
                .init(index: s, seats: schools[s].capacity, colour: Self.fillClasses[Self.fillClass(taken: taken[s], seats: schools[s].capacity)].colour,
                      title: schoolTitle(s, taken: taken[s], overflowIn: overflowIn[s]), label: overflowIn[s] > 0 ? schools[s].id.text : "",
                      importance: overflowIn[s], emphasised: overflowIn[s] > 0)
            },
            zoneFills: zones.indices.map { Self.overflowClasses[Self.overflowClass(zoneOverflow[$0], of: residents[$0])].colour },
            zoneTitles: zones.indices.map { zoneTitle($0, overflow: zoneOverflow[$0], unplaced: comparison ? 0 : zoneUnplaced[$0]) },
            // Labelled by overflow students, zones (sent) and schools (taking them) alike: the most first.
            zoneLabels: zones.indices.map { z in zoneOverflow[z] > 0 ? (zones[z].id.text, zoneOverflow[z]) : nil },
            density: nil, journeys: journeys,
            legend: MapLegend(items: legend))
        return (map, journeys.count, missing)
    }
}

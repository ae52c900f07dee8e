import PaiweiCore
/// A map of the district drawn by the program as inline SVG — no tiles, no network, no script: the
/// zones as regions of where their children live (``ZoneRegions``), homes as density
/// (``HomeDensity``), journeys as lines from home to school, each school a circle whose area is its
/// seats (``SchoolCircles``) coloured by what the page is about, a scale bar and a north arrow, the
/// legend beside it, and labels that never overlap (``MapLabelPlacer``; how many were left out is said
/// under the map). Every school and zone carries a `<title>` with its numbers, shown on hover.
///
/// Used by the three reports: `report.html` of a placement (fill, and overflow journeys), of a
/// simulation (expected demand against seats) and of a forecast (warning levels, one small map per year).
struct DistrictMap {
    struct School {
        var index: Int
        var seats: Int
        var colour: String
        /// Hover text: the school and its numbers.
        var title: String
        /// The label on the map (the school's id).
        var label: String
        /// Labels are placed most important first; the least important are the ones dropped.
        var importance: Int
        /// Drawn with a heavier outline (a school the page points at).
        var emphasised = false
    }

    struct Journey {
        var from: MapPoint
        var to: MapPoint
        /// 0 an ordinary journey, 1 one of the longest (the 95th percentile and above), 2 the longest.
        var level: Int
        /// Hover text, for levels 1 and 2.
        var title: String
    }

    var id: String
    var title: String
    var description: String
    let geometry: DistrictGeometry
    let circles: SchoolCircles
    var schools: [School]
    /// Per zone: its fill (nil: none), hover text, and the importance of its label (nil: no label).
    var zoneFills: [String?]
    var zoneTitles: [String]
    var zoneLabels: [(text: String, importance: Int)?]
    var density: HomeDensity?
    var journeys: [Journey] = []
    /// Beside the map; nil for the small maps of a forecast, which share one legend.
    var legend: MapLegend?
    /// Written in the map's top-left corner (the year of a small map).
    var heading: String?

    static let legendWidth = 250, legendGap = 18

    /// The page style the maps need (each page appends it to its own).
    static let style = """
    figure.map { margin: 8px 0 16px; }
    figure.map figcaption { color: #555; font-size: 13px; margin-top: 2px; }
    svg.map { display: block; width: 100%; height: auto; }
    svg.map text { font-family: \(HTML.sansFonts); fill: #1a1a1a; }
    svg.map text.v { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
    .maps { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 4px 16px; }
    .maps figure.map { margin: 4px 0 8px; }
    @media print { figure.map { break-inside: avoid; } }
    """

    /// Draws the map in a `<figure>`, the caption under it saying what was left out.
    func render(into out: inout HTMLBuilder, caption: String? = nil) {
        let frameWidth = geometry.width, frameHeight = geometry.height
        let legendHeight = legend?.height(width: Self.legendWidth) ?? 0
        let width = frameWidth + (legend == nil ? 0 : Self.legendGap + Self.legendWidth)
        let height = max(frameHeight, legendHeight + 8)
        out.raw("<figure class=\"map\">\n")
        out.raw("<svg class=\"map\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-size=\"11\" style=\"max-width:\(width)px\">\n")
        out.raw("<title id=\"\(id)-title\">")
        out.text(title)
        out.raw("</title>\n<desc id=\"\(id)-desc\">")
        out.text(description)
        out.raw("</desc>\n")
        out.raw("<rect x=\"0.5\" y=\"0.5\" width=\"\(frameWidth - 1)\" height=\"\(frameHeight - 1)\" fill=\"#fbfbf8\" stroke=\"#b8b8b8\"/>\n")

        let regions = geometry.zones
        // Homes, then the zones over them (tints let the density show through), each zone its own
        // shape so that hovering names it.
        density?.render(into: &out)
        out.raw("<g class=\"zones\">\n")
        for zone in zoneFills.indices where regions.cellCount[zone] > 0 {
            let fill = zoneFills[zone]
            let opacity = fill == nil ? "0" : density == nil ? "1" : "0.6"
            out.raw("<path d=\"\(regions.fill([Int32(zone)]))\" fill=\"\(fill ?? "#ffffff")\"\(opacity == "1" ? "" : " fill-opacity=\"\(opacity)\"")><title>")
            out.text(zoneTitles[zone])
            out.raw("</title></path>\n")
        }
        out.raw("</g>\n")
        let inner = regions.outline(areas: false), outer = regions.outline(areas: true)
        if !inner.isEmpty { out.raw("<path d=\"\(inner)\" fill=\"none\" stroke=\"#4a4a4a\" stroke-width=\"0.8\" stroke-dasharray=\"3 2\"/>\n") }
        if !outer.isEmpty { out.raw("<path d=\"\(outer)\" fill=\"none\" stroke=\"#3b3b3b\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>\n") }

        renderJourneys(into: &out)

        // Circles, largest first so that small schools stay visible on top of large ones.
        let order = schools.indices.filter { geometry.schools[schools[$0].index] != nil }.sorted {
            let a = circles.radius(schools[$0].seats), b = circles.radius(schools[$1].seats)
            return a != b ? a > b : $0 < $1
        }
        out.raw("<g class=\"schools\">\n")
        for i in order {
            let school = schools[i], point = geometry.schools[school.index]!
            let r = circles.radius(school.seats)
            out.raw("<circle cx=\"\(NumberText.tenths(point.x))\" cy=\"\(NumberText.tenths(point.y))\" r=\"\(NumberText.tenths(r))\"")
            if school.seats > 0 {
                out.raw(" fill=\"\(school.colour)\" fill-opacity=\"0.92\" stroke=\"\(school.emphasised ? "#000000" : "#2b2b2b")\" stroke-width=\"\(school.emphasised ? "1.6" : "0.7")\">")
            } else {
                out.raw(" fill=\"#ffffff\" stroke=\"#2b2b2b\" stroke-width=\"1\" stroke-dasharray=\"2 1.5\">")
            }
            out.raw("<title>")
            out.text(school.title)
            out.raw("</title></circle>\n")
        }
        out.raw("</g>\n")

        // Furniture: the scale bar bottom left, the north arrow top right, the heading top left.
        var labels = MapLabelPlacer(bounds: .init(x0: 20, y0: 20, x1: frameWidth * 10 - 20, y1: frameHeight * 10 - 20),
                                    limit: max(12, frameWidth * frameHeight / 2400) + (heading == nil ? 0 : 1))
        let bar = MapScaleBar(geometry.projection)
        let barX = 8, barY = frameHeight - MapScaleBar.height - 6
        bar.render(into: &out, x: barX, y: barY)
        labels.reserve(bar.box(x: barX, y: barY))
        let arrowX = frameWidth - NorthArrow.width - 8, arrowY = 8
        NorthArrow.render(into: &out, x: arrowX, y: arrowY)
        labels.reserve(NorthArrow.box(x: arrowX, y: arrowY))
        if let heading {
            labels.place(heading, size: 14, weight: "700", candidates: [(80, 220, "start")])
        }

        // Circles are kept clear of labels where a label has another place to go.
        for school in schools {
            guard let point = geometry.schools[school.index] else { continue }
            let r = circles.radius(school.seats)
            labels.avoid(.init(x0: point.x - r, y0: point.y - r, x1: point.x + r, y1: point.y + r))
        }
        // Labels, most important first: zones and schools in one order, so that a page decides which matter.
        var queue: [(importance: Int, kind: Int, index: Int)] = []
        for (zone, label) in zoneLabels.enumerated() where label != nil && regions.anchors[zone] != nil {
            queue.append((label!.importance, 0, zone))
        }
        for (i, school) in schools.enumerated() where geometry.schools[school.index] != nil && !school.label.isEmpty {
            queue.append((school.importance, 1, i))
        }
        queue.sort { a, b in a.importance != b.importance ? a.importance > b.importance : (a.kind, a.index) < (b.kind, b.index) }
        for item in queue {
            if item.kind == 0 {
                labels.place(zoneLabels[item.index]!.text, size: 11, weight: "700", colour: "#2d3e55",
                             candidates: regions.labelPlaces(item.index, count: 8).flatMap { MapLabelPlacer.centred($0, size: 11) })
            } else {
                let school = schools[item.index], point = geometry.schools[school.index]!
                labels.place(school.label, size: 10, candidates: MapLabelPlacer.around(point, radius: circles.radius(school.seats), size: 10))
            }
        }
        labels.render(into: &out)

        if let legend {
            legend.render(into: &out, x: frameWidth + Self.legendGap, y: 4, width: Self.legendWidth)
        }
        out.raw("</svg>\n<figcaption>")
        var parts: [String] = []
        if let caption { parts.append(caption) }
        let shown = labels.placed.count - (heading == nil ? 0 : 1)
        if labels.dropped > 0 {
            parts.append("地图上标注 \(shown) 个编号，另有 \(labels.dropped) 个为避免重叠未标注（悬停圆圈或片区可见其编号和数字）。\(shown) labels shown; \(labels.dropped) left out so that none overlap (hover over a circle or zone for its id and figures).")
        }
        if geometry.schoolsWithoutLocation > 0 || geometry.homesWithoutLocation > 0 {
            parts.append("无坐标未画出：学校 \(geometry.schoolsWithoutLocation) 所，学生 \(NumberText.grouped(geometry.homesWithoutLocation)) 名。Not drawn for want of coordinates: \(geometry.schoolsWithoutLocation) schools, \(NumberText.grouped(geometry.homesWithoutLocation)) homes.")
        }
        out.text(parts.joined(separator: " "))
        out.raw("</figcaption>\n</figure>\n")
    }

    /// Ordinary journeys in one pale path; the longest each a line of its own with its numbers on hover,
    /// drawn after (on top), darker.
    private func renderJourneys(into out: inout HTMLBuilder) {
        guard !journeys.isEmpty else { return }
        var pale = ""
        for journey in journeys where journey.level == 0 {
            pale += "M\(NumberText.tenths(journey.from.x)) \(NumberText.tenths(journey.from.y))L\(NumberText.tenths(journey.to.x)) \(NumberText.tenths(journey.to.y))"
        }
        out.raw("<g class=\"journeys\">\n")
        if !pale.isEmpty {
            out.raw("<path d=\"\(pale)\" fill=\"none\" stroke=\"\(Self.journeyColours[0])\" stroke-width=\"0.8\" stroke-opacity=\"0.45\"/>\n")
        }
        for level in 1...2 {
            for journey in journeys where journey.level == level {
                let (x1, y1, x2, y2) = (NumberText.tenths(journey.from.x), NumberText.tenths(journey.from.y), NumberText.tenths(journey.to.x), NumberText.tenths(journey.to.y))
                out.raw("<g><title>")
                out.text(journey.title)
                out.raw("</title><line x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" stroke=\"\(Self.journeyColours[level])\" stroke-width=\"\(level == 2 ? "2.2" : "1.2")\" stroke-opacity=\"\(level == 2 ? "1" : "0.75")\"/>")
                out.raw("<circle cx=\"\(x1)\" cy=\"\(y1)\" r=\"\(level == 2 ? "2.5" : "1.5")\" fill=\"\(Self.journeyColours[level])\"/></g>\n")
            }
        }
        out.raw("</g>\n")
    }

    /// Ordinary, among the longest, the longest.
    static let journeyColours = ["#3f6c9e", "#1d2f4f", "#c0392b"]
}

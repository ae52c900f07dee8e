import PaiweiCore
import PaiweiRuns
/// Lines over the forecast years (one point per year), for a zone's demand against its seats in
/// `report.html`. Drawn with the ``SVGChart`` conventions: integer coordinates, a `<title>` and `<desc>`,
/// a legend, and the values written at the points so that the chart reads on paper.
struct ForecastLineChart {
    struct Series {
        var name: String
        var colour: String
        /// One value per year in tenths (fixed point, one decimal).
        var values: [Int]
        var dashed = false
        /// Per point: a fill colour (the warning level) and the value written above it; nil draws no points.
        var points: [(colour: String, label: String)]?
    }

    var id: String
    var title: String
    var description: String
    var years: [Int]
    var yAxisLabel: String
    var series: [Series]

    private static let left = 64, right = 24, plotHeight = 170

    func render(into out: inout HTMLBuilder) {
        let width = SVGChart.width
        let legendLines = legendLayout().lines
        let top = legendLines * 20 + 22
        let bottom = top + Self.plotHeight
        let height = bottom + 44
        let plot = width - Self.left - Self.right
        // The axis in whole units (values are tenths), so that ticks read 0, 50, 100 rather than 0.0, 50.0.
        let maximum = max(1, ((series.flatMap(\.values).max() ?? 0) + 9) / 10)
        let axis = SVGChart.axis(maximum: maximum)
        let slots = max(1, years.count)
        func x(_ i: Int) -> Int { Self.left + plot * (2 * i + 1) / (2 * slots) }
        func y(_ tenths: Int) -> Int { bottom - tenths * Self.plotHeight / (axis.top * 10) }

        SVGChart.open(&out, id: id, height: height, title: title, description: description)
        for item in legendLayout().items {
            let entry = series[item.index]
            let ly = item.line * 20 + 4
            out.raw("<line x1=\"\(item.x)\" y1=\"\(ly + 6)\" x2=\"\(item.x + 14)\" y2=\"\(ly + 6)\" stroke=\"\(entry.colour)\" stroke-width=\"3\"\(entry.dashed ? " stroke-dasharray=\"4 3\"" : "")/>")
            SVGChart.text(&out, entry.name, x: item.x + 19, y: ly + 11)
        }
        out.raw("<g stroke=\"#dddddd\">")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            out.raw("<line x1=\"\(Self.left)\" y1=\"\(y(tick * 10))\" x2=\"\(Self.left + plot)\" y2=\"\(y(tick * 10))\"/>")
        }
        out.raw("</g>\n")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            SVGChart.text(&out, NumberText.grouped(tick), x: Self.left - 6, y: y(tick * 10) + 4, anchor: "end", size: 11)
        }
        let middle = (top + bottom) / 2
        out.raw("<text x=\"14\" y=\"\(middle)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(middle))\">")
        out.text(yAxisLabel)
        out.raw("</text>\n")
        out.raw("<line x1=\"\(Self.left)\" y1=\"\(bottom)\" x2=\"\(Self.left + plot)\" y2=\"\(bottom)\" stroke=\"#555555\"/>\n")
        for (i, year) in years.enumerated() {
            SVGChart.text(&out, String(year), x: x(i), y: bottom + 16, anchor: "middle", size: 11)
        }
        SVGChart.text(&out, "年份 Year", x: Self.left + plot / 2, y: bottom + 36, anchor: "middle")

        for entry in series {
            let points = entry.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            out.raw("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(entry.colour)\" stroke-width=\"2\"\(entry.dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n")
        }
        for entry in series {
            guard let marks = entry.points else { continue }
            for (i, value) in entry.values.enumerated() where i < marks.count {
                out.raw("<g><title>")
                out.text("\(years[i]) \(entry.name): \(marks[i].label)")
                out.raw("</title><circle cx=\"\(x(i))\" cy=\"\(y(value))\" r=\"5\" fill=\"\(marks[i].colour)\" stroke=\"#1a1a1a\"/>")
                SVGChart.text(&out, marks[i].label, x: x(i), y: y(value) - 9, anchor: "middle", size: 11)
                out.raw("</g>\n")
            }
        }
        out.raw("</svg>\n")
    }

    /// Legend items left to right, wrapping: (series index, x, line).
    private func legendLayout() -> (items: [(index: Int, x: Int, line: Int)], lines: Int) {
        var items: [(index: Int, x: Int, line: Int)] = []
        var x = Self.left, line = 0
        for index in series.indices {
            let itemWidth = 19 + SVGChart.estimatedWidth(series[index].name, fontSize: 12) + 18
            if x > Self.left && x + itemWidth > SVGChart.width {
                x = Self.left
                line += 1
            }
            items.append((index, x, line))
            x += itemWidth
        }
        return (items, line + 1)
    }
}

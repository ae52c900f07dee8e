import PaiweiCore
/// One bar per row for an expected value, with a line across it for its spread (the 5th to the 95th
/// percentile over the replications), ranked by the caller: what ranks schools and zones by how big
/// their pressure is, and how sure that is. Drawn with the ``SVGChart`` conventions: integer
/// coordinates, a `<title>` and `<desc>`, each row's numbers written after it and on hover.
struct BandBarChart {
    struct Row {
        var label: String
        /// The bar, in units of 10^-``BandBarChart/decimals``.
        var value: Int
        /// The spread, same units; nil when it is not known.
        var low: Int?
        var high: Int?
        /// Written after the bar (e.g. `273.2 (250–301)`).
        var valueText: String
        var colour: String
    }

    var id: String
    var title: String
    var description: String
    var axisLabel: String
    var decimals = 0
    /// Legend entries for the bar and the line.
    var valueName: String
    var bandName: String
    var rows: [Row]

    private static let rowHeight = 22, barHeight = 14, labelGap = 8

    func render(into out: inout HTMLBuilder) {
        let width = SVGChart.width
        let top = 28
        let labelWidth = min(240, rows.map { SVGChart.estimatedWidth($0.label, fontSize: 12) }.max() ?? 0)
        let valueWidth = min(220, rows.map { SVGChart.estimatedWidth($0.valueText, fontSize: 12) }.max() ?? 0)
        let left = labelWidth + Self.labelGap + 4, right = valueWidth + 14
        let plot = width - left - right
        let axis = SVGChart.axis(maximum: rows.map { max($0.value, $0.high ?? 0) }.max() ?? 0)
        let bottom = top + rows.count * Self.rowHeight
        let height = bottom + 44
        func x(_ value: Int) -> Int { left + max(0, value) * plot / axis.top }

        SVGChart.open(&out, id: id, height: height, title: title, description: description)
        // Legend: the bar, then the line.
        out.raw("<rect x=\"\(left)\" y=\"6\" width=\"14\" height=\"12\" fill=\"\(rows.first?.colour ?? SVGChart.colour(0))\"/>")
        SVGChart.text(&out, valueName, x: left + 19, y: 16)
        let second = left + 19 + SVGChart.estimatedWidth(valueName, fontSize: 12) + 24
        out.raw("<line x1=\"\(second)\" y1=\"12\" x2=\"\(second + 16)\" y2=\"12\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>")
        out.raw("<line x1=\"\(second)\" y1=\"7\" x2=\"\(second)\" y2=\"17\" stroke=\"#1a1a1a\" stroke-width=\"2\"/><line x1=\"\(second + 16)\" y1=\"7\" x2=\"\(second + 16)\" y2=\"17\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>\n")
        SVGChart.text(&out, bandName, x: second + 22, y: 16)

        out.raw("<g stroke=\"#dddddd\">")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            out.raw("<line x1=\"\(x(tick))\" y1=\"\(top)\" x2=\"\(x(tick))\" y2=\"\(bottom)\"/>")
        }
        out.raw("</g>\n<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(left + plot)\" y2=\"\(bottom)\" stroke=\"#555555\"/>\n")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            SVGChart.text(&out, NumberText.fixed(tick, decimals: decimals), x: x(tick), y: bottom + 15, anchor: "middle", size: 11)
        }
        SVGChart.text(&out, axisLabel, x: left + plot / 2, y: bottom + 36, anchor: "middle")

        for (index, row) in rows.enumerated() {
            let y = top + index * Self.rowHeight + (Self.rowHeight - Self.barHeight) / 2
            let end = x(row.value)
            out.raw("<g><title>")
            out.text(row.label + ": " + row.valueText)
            out.raw("</title>")
            out.raw("<rect x=\"\(left)\" y=\"\(y)\" width=\"\(end - left)\" height=\"\(Self.barHeight)\" fill=\"\(row.colour)\"/>\n")
            var after = end
            if let low = row.low, let high = row.high {
                let x0 = x(low), x1 = x(high), middle = y + Self.barHeight / 2
                out.raw("<line x1=\"\(x0)\" y1=\"\(middle)\" x2=\"\(x1)\" y2=\"\(middle)\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>")
                out.raw("<line x1=\"\(x0)\" y1=\"\(y + 1)\" x2=\"\(x0)\" y2=\"\(y + Self.barHeight - 1)\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>")
                out.raw("<line x1=\"\(x1)\" y1=\"\(y + 1)\" x2=\"\(x1)\" y2=\"\(y + Self.barHeight - 1)\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>\n")
                after = max(after, x1)
            }
            SVGChart.text(&out, SVGChart.truncated(row.label, width: labelWidth, fontSize: 12), x: left - Self.labelGap, y: y + 11, anchor: "end")
            SVGChart.text(&out, row.valueText, x: after + 5, y: y + 11, halo: true)
            out.raw("</g>\n")
        }
        out.raw("</svg>\n")
    }
}

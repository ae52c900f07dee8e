import PaiweiCore
import PaiweiRuns
/// Inline SVG charts drawn by the program (no script, no library), for the HTML pages.
///
/// Every value is an integer — counts, or fixed-point numbers in units of 10^-`decimals` — and every
/// coordinate is computed with integer arithmetic, so a chart is byte-identical on every machine. Each
/// chart carries a `<title>` and `<desc>` (its accessible name and description), axis labels, and its
/// values as text, so it still reads when printed in black and white.
enum SVGChart {
    /// Colours for series and bars: the Tableau 10 palette, distinguishable on screen and on paper.
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
    /// Whether text drawn on top of the palette colour of the same index should be dark (light fill).
    static let darkTextOnPalette = [false, true, false, false, true, true, false, true, false, true]

    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// The full width of every chart in user units; the page scales it down to fit (viewBox).
    static let width = 760

    /// Approximate rendered width of `text` at `fontSize` pixels: about 0.6 em per Latin character and a
    /// full em per CJK or full-width one. Used to size the label column and to decide whether a value
    /// fits inside a bar; it errs on the wide side so that labels do not collide.
    static func estimatedWidth(_ text: String, fontSize: Int) -> Int {
        var tenths = 0
        for scalar in text.unicodeScalars {
            tenths += scalar.value < 0x2E80 ? 6 : 10
        }
        return (tenths * fontSize + 9) / 10
    }

    /// `text` cut with an ellipsis so that it fits `width` at `fontSize`.
    static func truncated(_ text: String, width: Int, fontSize: Int) -> String {
        guard estimatedWidth(text, fontSize: fontSize) > width else { return text }
        var out = ""
        for character in text {
            if estimatedWidth(out + String(character) + "…", fontSize: fontSize) > width { break }
            out.append(character)
        }
        return out + "…"
    }

    /// A "nice" axis step (1, 2 or 5 × 10^k) giving about `ticks` intervals up to `maximum`.
    static func niceStep(maximum: Int, ticks: Int = 5) -> Int {
        let raw = max(1, (maximum + ticks - 1) / ticks)
        var magnitude = 1
        while magnitude * 10 <= raw { magnitude *= 10 }
        for multiple in [1, 2, 5, 10] where multiple * magnitude >= raw {
            return multiple * magnitude
        }
        return 10 * magnitude
    }

    /// The axis maximum: `maximum` rounded up to a whole number of steps (at least one step).
    static func axis(maximum: Int) -> (step: Int, top: Int) {
        let step = niceStep(maximum: maximum)
        return (step, max(step, (maximum + step - 1) / step * step))
    }

    /// Opens the `<svg>` with its accessible name and description. No `xmlns`: the HTML parser puts an
    /// inline `<svg>` in the SVG namespace itself, and the pages carry no URL of any kind.
    static func open(_ out: inout HTMLBuilder, id: String, height: Int, title: String, description: String) {
        out.raw("<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-size=\"12\">\n")
        out.raw("<title id=\"\(id)-title\">")
        out.text(title)
        out.raw("</title>\n<desc id=\"\(id)-desc\">")
        out.text(description)
        out.raw("</desc>\n")
    }

    /// Text at (`x`, `y`); `anchor` is start, middle or end.
    /// - Parameter halo: outline the text in white (class `v`), so that grid lines behind it do not cut through it.
    static func text(_ out: inout HTMLBuilder, _ value: String, x: Int, y: Int, anchor: String = "start", size: Int? = nil, fill: String? = nil, weight: String? = nil, halo: Bool = false) {
        out.raw("<text x=\"\(x)\" y=\"\(y)\"")
        if halo { out.raw(" class=\"v\"") }
        if anchor != "start" { out.raw(" text-anchor=\"\(anchor)\"") }
        if let size { out.raw(" font-size=\"\(size)\"") }
        if let fill { out.raw(" style=\"fill:\(fill)\"") }
        if let weight { out.raw(" font-weight=\"\(weight)\"") }
        out.raw(">")
        out.text(value)
        out.raw("</text>\n")
    }
}

/// One bar per row, growing to the right, with its value written after it.
struct HorizontalBarChart {
    struct Bar {
        var label: String
        /// In units of 10^-``HorizontalBarChart/decimals``.
        var value: Int
        /// What is written after the bar (e.g. `1,962 (98.1%)`).
        var valueText: String
        var colour: String
    }

    var id: String
    var title: String
    var description: String
    var axisLabel: String
    var decimals = 0
    var bars: [Bar]

    private static let rowHeight = 24, barHeight = 16, top = 8, labelGap = 8

    func render(into out: inout HTMLBuilder) {
        let width = SVGChart.width
        let labelWidth = min(240, bars.map { SVGChart.estimatedWidth($0.label, fontSize: 12) }.max() ?? 0)
        let valueWidth = min(200, bars.map { SVGChart.estimatedWidth($0.valueText, fontSize: 12) }.max() ?? 0)
        let left = labelWidth + Self.labelGap + 4, right = valueWidth + 14
        let plot = width - left - right
        let axis = SVGChart.axis(maximum: bars.map(\.value).max() ?? 0)
        let bottom = Self.top + bars.count * Self.rowHeight
        let height = bottom + 44
        func x(_ value: Int) -> Int { left + value * plot / axis.top }

        SVGChart.open(&out, id: id, height: height, title: title, description: description)
        // Grid and ticks first, so that the bars are drawn over them.
        out.raw("<g stroke=\"#dddddd\">")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            out.raw("<line x1=\"\(x(tick))\" y1=\"\(Self.top)\" x2=\"\(x(tick))\" y2=\"\(bottom)\"/>")
        }
        out.raw("</g>\n<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(left + plot)\" y2=\"\(bottom)\" stroke=\"#555555\"/>\n")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            SVGChart.text(&out, NumberText.fixed(tick, decimals: decimals), x: x(tick), y: bottom + 15, anchor: "middle", size: 11)
        }
        SVGChart.text(&out, axisLabel, x: left + plot / 2, y: bottom + 36, anchor: "middle")

        for (row, bar) in bars.enumerated() {
            let y = Self.top + row * Self.rowHeight + (Self.rowHeight - Self.barHeight) / 2
            let end = x(bar.value)
            out.raw("<g><title>")
            out.text(bar.label + ": " + bar.valueText)
            out.raw("</title>")
            out.raw("<rect x=\"\(left)\" y=\"\(y)\" width=\"\(end - left)\" height=\"\(Self.barHeight)\" fill=\"\(bar.colour)\"/>\n")
            SVGChart.text(&out, SVGChart.truncated(bar.label, width: labelWidth, fontSize: 12), x: left - Self.labelGap, y: y + 12, anchor: "end")
            SVGChart.text(&out, bar.valueText, x: end + 5, y: y + 12, halo: true)
            out.raw("</g>\n")
        }
        out.raw("</svg>\n")
    }
}

/// One bar per row made of coloured segments (one per series), with a legend and an optional marker
/// line per row (e.g. capacity), and the row's total written after the bar.
struct StackedBarChart {
    struct Row {
        var label: String
        /// One value per series.
        var segments: [Int]
        /// Drawn as a dark vertical line across the bar (capacity).
        var marker: Int?
        var valueText: String
    }

    var id: String
    var title: String
    var description: String
    var axisLabel: String
    var series: [String]
    /// Legend entry for the marker line.
    var markerName: String
    var rows: [Row]
    /// The value the axis must reach, when several charts share one scale; else the largest in `rows`.
    var axisMaximum: Int?

    private static let rowHeight = 24, barHeight = 16, labelGap = 8

    /// Legend items in a grid of equal columns (as wide as the widest item), filled row by row:
    /// (series index or -1 for the marker, x, line).
    private func legendLayout() -> (items: [(index: Int, x: Int, line: Int)], lines: Int) {
        let indices = Array(series.indices) + [-1]
        let names = indices.map { $0 >= 0 ? series[$0] : markerName }
        let column = (names.map { SVGChart.estimatedWidth($0, fontSize: 12) }.max() ?? 0) + 18 + 16
        let columns = max(1, SVGChart.width / column)
        let items = indices.enumerated().map { (i, index) in (index, i % columns * column, i / columns) }
        return (items, (indices.count + columns - 1) / columns)
    }

    func render(into out: inout HTMLBuilder) {
        let width = SVGChart.width
        let legend = legendLayout()
        let top = legend.lines * 20 + 10
        let labelWidth = min(240, rows.map { SVGChart.estimatedWidth($0.label, fontSize: 12) }.max() ?? 0)
        let valueWidth = min(200, rows.map { SVGChart.estimatedWidth($0.valueText, fontSize: 12) }.max() ?? 0)
        let left = labelWidth + Self.labelGap + 4, right = valueWidth + 14
        let plot = width - left - right
        let maximum = rows.map { max($0.segments.reduce(0, +), $0.marker ?? 0) }.max() ?? 0
        let axis = SVGChart.axis(maximum: max(maximum, axisMaximum ?? 0))
        let bottom = top + rows.count * Self.rowHeight
        let height = bottom + 44
        func x(_ value: Int) -> Int { left + value * plot / axis.top }

        SVGChart.open(&out, id: id, height: height, title: title, description: description)
        for item in legend.items {
            let y = item.line * 20 + 4
            if item.index >= 0 {
                out.raw("<rect x=\"\(item.x)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(SVGChart.colour(item.index))\"/>")
                SVGChart.text(&out, series[item.index], x: item.x + 17, y: y + 11)
            } else {
                out.raw("<line x1=\"\(item.x + 6)\" y1=\"\(y - 2)\" x2=\"\(item.x + 6)\" y2=\"\(y + 14)\" stroke=\"#1a1a1a\" stroke-width=\"3\"/>")
                SVGChart.text(&out, markerName, x: item.x + 17, y: y + 11)
            }
        }
        out.raw("<g stroke=\"#dddddd\">")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            out.raw("<line x1=\"\(x(tick))\" y1=\"\(top)\" x2=\"\(x(tick))\" y2=\"\(bottom)\"/>")
        }
        out.raw("</g>\n<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(left + plot)\" y2=\"\(bottom)\" stroke=\"#555555\"/>\n")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            SVGChart.text(&out, NumberText.grouped(tick), x: x(tick), y: bottom + 15, anchor: "middle", size: 11)
        }
        SVGChart.text(&out, axisLabel, x: left + plot / 2, y: bottom + 36, anchor: "middle")

        for (r, row) in rows.enumerated() {
            let y = top + r * Self.rowHeight + (Self.rowHeight - Self.barHeight) / 2
            out.raw("<g><title>")
            var tooltip = row.label + ": " + row.valueText
            for (index, value) in row.segments.enumerated() where value > 0 {
                tooltip += "; " + series[index] + " " + NumberText.grouped(value)
            }
            out.text(tooltip)
            out.raw("</title>\n")
            SVGChart.text(&out, SVGChart.truncated(row.label, width: labelWidth, fontSize: 12), x: left - Self.labelGap, y: y + 12, anchor: "end")
            if let marker = row.marker {
                // A pale track up to the marker: the seats still free show as the uncoloured rest of it.
                out.raw("<rect x=\"\(left)\" y=\"\(y)\" width=\"\(x(marker) - left)\" height=\"\(Self.barHeight)\" fill=\"#ebebeb\"/>\n")
            }
            // Segment edges come from the running total, so rounding never leaves gaps or overlaps.
            var total = 0
            for (index, value) in row.segments.enumerated() where value > 0 {
                let x0 = x(total), x1 = x(total + value)
                total += value
                out.raw("<rect x=\"\(x0)\" y=\"\(y)\" width=\"\(x1 - x0)\" height=\"\(Self.barHeight)\" fill=\"\(SVGChart.colour(index))\"/>\n")
                // The count inside its segment, when it fits.
                let label = NumberText.grouped(value)
                if SVGChart.estimatedWidth(label, fontSize: 10) + 4 <= x1 - x0 {
                    let dark = SVGChart.darkTextOnPalette[index % SVGChart.palette.count]
                    SVGChart.text(&out, label, x: (x0 + x1) / 2, y: y + 12, anchor: "middle", size: 10, fill: dark ? "#1a1a1a" : "#ffffff")
                }
            }
            var end = x(total)
            if let marker = row.marker {
                let mx = x(marker)
                out.raw("<line x1=\"\(mx)\" y1=\"\(y - 3)\" x2=\"\(mx)\" y2=\"\(y + Self.barHeight + 3)\" stroke=\"#1a1a1a\" stroke-width=\"3\"/>\n")
                end = max(end, mx + 2)
            }
            SVGChart.text(&out, row.valueText, x: end + 5, y: y + 12, halo: true)
            out.raw("</g>\n")
        }
        out.raw("</svg>\n")
    }
}

/// Vertical bars over consecutive bins, each bar's count written above it.
struct HistogramChart {
    struct Bin {
        /// Written under the bin (e.g. `3–4`).
        var label: String
        var count: Int
        /// The bar's colour; the palette's first when nil.
        var colour: String? = nil
    }

    var id: String
    var title: String
    var description: String
    var xAxisLabel: String
    var yAxisLabel: String
    var bins: [Bin]

    private static let left = 64, right = 12, top = 22, plotHeight = 220

    func render(into out: inout HTMLBuilder) {
        let width = SVGChart.width
        let plot = width - Self.left - Self.right
        let binWidth = plot / max(1, bins.count)
        let bottom = Self.top + Self.plotHeight
        let height = bottom + 48
        let axis = SVGChart.axis(maximum: bins.map(\.count).max() ?? 0)
        func y(_ value: Int) -> Int { bottom - value * Self.plotHeight / axis.top }
        // Bin labels and counts are smaller when the bins are narrow, so that neighbours do not touch.
        let widest = bins.map { max(SVGChart.estimatedWidth($0.label, fontSize: 11), SVGChart.estimatedWidth(NumberText.grouped($0.count), fontSize: 11)) }.max() ?? 0
        let size = widest + 4 <= binWidth ? 11 : 9

        SVGChart.open(&out, id: id, height: height, title: title, description: description)
        out.raw("<g stroke=\"#dddddd\">")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            out.raw("<line x1=\"\(Self.left)\" y1=\"\(y(tick))\" x2=\"\(Self.left + binWidth * bins.count)\" y2=\"\(y(tick))\"/>")
        }
        out.raw("</g>\n")
        for tick in stride(from: 0, through: axis.top, by: axis.step) {
            SVGChart.text(&out, NumberText.grouped(tick), x: Self.left - 6, y: y(tick) + 4, anchor: "end", size: 11)
        }
        let middle = Self.top + Self.plotHeight / 2
        out.raw("<text x=\"16\" y=\"\(middle)\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(middle))\">")
        out.text(yAxisLabel)
        out.raw("</text>\n")

        for (index, bin) in bins.enumerated() {
            let x0 = Self.left + index * binWidth
            let barTop = y(bin.count)
            out.raw("<g><title>")
            out.text(bin.label + ": " + NumberText.grouped(bin.count))
            out.raw("</title>")
            out.raw("<rect x=\"\(x0 + 1)\" y=\"\(barTop)\" width=\"\(binWidth - 2)\" height=\"\(bottom - barTop)\" fill=\"\(bin.colour ?? SVGChart.colour(0))\"/>\n")
            if bin.count > 0 {
                SVGChart.text(&out, NumberText.grouped(bin.count), x: x0 + binWidth / 2, y: barTop - 4, anchor: "middle", size: size, halo: true)
            }
            SVGChart.text(&out, bin.label, x: x0 + binWidth / 2, y: bottom + 15, anchor: "middle", size: size)
            out.raw("</g>\n")
        }
        out.raw("<line x1=\"\(Self.left)\" y1=\"\(bottom)\" x2=\"\(Self.left + binWidth * bins.count)\" y2=\"\(bottom)\" stroke=\"#555555\"/>\n")
        SVGChart.text(&out, xAxisLabel, x: Self.left + binWidth * bins.count / 2, y: bottom + 38, anchor: "middle")
        out.raw("</svg>\n")
    }
}

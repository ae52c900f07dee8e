import PaiweiCore
/// The scale bar of a map: a round number of kilometres (1, 2 or 5 × 10^k, or half a kilometre on a
/// small district) at most a fifth of the frame wide, in a black and a white half, numbered at its ends
/// and middle, the unit after the last number.
struct MapScaleBar: Sendable {
    /// Kilometres the bar stands for, in tenths of a kilometre.
    let kilometreTenths: Int
    /// Its length in tenths of a pixel.
    let length: Int

    init(_ projection: MapProjection) {
        let perKilometre = max(1, projection.tenthsPerKilometre)
        let room = projection.width * 10 / 5
        var best = 5
        for candidate in [5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] where candidate * perKilometre / 10 <= room {
            best = candidate
        }
        kilometreTenths = best
        length = best * perKilometre / 10
    }

    /// Height in pixels of what ``render(into:x:y:)`` draws.
    static let height = 22
    static let unit = "公里 km"

    /// Width in pixels of what ``render(into:x:y:)`` draws.
    var width: Int { (length + MapLabelPlacer.width("000 " + Self.unit, size: 10)) / 10 + 4 }

    /// The box it covers with its top-left corner at (`x`, `y`) pixels, in tenths (for the label placer).
    func box(x: Int, y: Int) -> MapLabelPlacer.Box {
        MapLabelPlacer.Box(x0: x * 10 - 60, y0: y * 10, x1: (x + width) * 10, y1: (y + Self.height) * 10)
    }

    private static func kilometres(_ tenths: Int) -> String {
        tenths % 10 == 0 ? String(tenths / 10) : NumberText.tenths(tenths)
    }

    /// Draws the bar with its top-left corner at (`x`, `y`) pixels: numbers above, the bar under them.
    func render(into out: inout HTMLBuilder, x: Int, y: Int) {
        let x0 = x * 10, barY = (y + 14) * 10, mid = x0 + length / 2, end = x0 + length
        out.raw("<g class=\"scale\"><title>")
        out.text("比例尺 Scale: \(Self.kilometres(kilometreTenths)) 公里 km")
        out.raw("</title>")
        out.raw("<rect x=\"\(NumberText.tenths(x0))\" y=\"\(NumberText.tenths(barY))\" width=\"\(NumberText.tenths(mid - x0))\" height=\"5\" fill=\"#1a1a1a\"/>")
        out.raw("<rect x=\"\(NumberText.tenths(mid))\" y=\"\(NumberText.tenths(barY))\" width=\"\(NumberText.tenths(end - mid))\" height=\"5\" fill=\"#ffffff\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>\n")
        // The numbers above the ticks; the last carries the unit, starting over its tick.
        var numbers = [(x0, "0", "middle")]
        if kilometreTenths % 2 == 0 { numbers.append((mid, Self.kilometres(kilometreTenths / 2), "middle")) }
        numbers.append((end - 30, Self.kilometres(kilometreTenths) + " " + Self.unit, "start"))
        for (position, text, anchor) in numbers {
            out.raw("<text x=\"\(NumberText.tenths(position))\" y=\"\(y + 11)\" class=\"v\" font-size=\"10\"\(anchor == "middle" ? " text-anchor=\"middle\"" : "")>")
            out.text(text)
            out.raw("</text>")
        }
        out.raw("</g>\n")
    }
}

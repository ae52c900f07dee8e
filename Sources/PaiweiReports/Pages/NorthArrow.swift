/// The north arrow of a map: north is up (the projection keeps meridians vertical), an arrowhead over
/// the letters 北 N.
enum NorthArrow {
    /// Width and height in pixels of what ``render(into:x:y:)`` draws.
    static let width = 22, height = 34

    /// Draws the arrow with its top-left corner at (`x`, `y`) pixels.
    static func render(into out: inout HTMLBuilder, x: Int, y: Int) {
        let c = x + width / 2
        out.raw("<g class=\"north\"><title>北 North</title>")
        out.raw("<path d=\"M\(c) \(y)L\(c + 7) \(y + 16)L\(c) \(y + 12)L\(c - 7) \(y + 16)z\" fill=\"#1a1a1a\"/>")
        out.raw("<text x=\"\(c)\" y=\"\(y + 30)\" class=\"v\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\">北 N</text></g>\n")
    }

    /// The box it covers, in tenths of a pixel (for the label placer).
    static func box(x: Int, y: Int) -> MapLabelPlacer.Box {
        MapLabelPlacer.Box(x0: x * 10 - 40, y0: y * 10, x1: (x + width) * 10 + 40, y1: (y + height) * 10 + 20)
    }
}

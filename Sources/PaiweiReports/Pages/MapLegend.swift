import PaiweiCore
/// The legend beside a map: what each colour, circle size, shade and line means, in a column of its
/// own so that it never covers the district. Long text wraps at spaces (and between CJK characters) to
/// the column's width.
struct MapLegend: Sendable {
    enum Item: Sendable {
        /// A bold line of text.
        case heading(String)
        /// A filled square.
        case swatch(colour: String, text: String)
        /// A school circle of `radius` tenths of a pixel.
        case circle(radius: Int, text: String)
        /// A journey line.
        case line(colour: String, width: String, opacity: String, text: String)
        /// An outline (zone edges): `dashed` for the edges inside an area.
        case outline(width: String, dashed: Bool, text: String)
        /// Small grey text.
        case note(String)
        /// Vertical space, in pixels.
        case gap(Int)
    }

    var items: [Item]

    private static let size = 11, noteSize = 10, lineHeight = 16

    /// `text` in lines no wider than `width` tenths at `size`: words of Latin letters stay whole, a line may
    /// break at any space and between CJK characters.
    static func wrap(_ text: String, width: Int, size: Int) -> [String] {
        var tokens: [String] = [], word = "", space = false
        for character in text {
            if character == " " {
                if !word.isEmpty { tokens.append(word); word = "" }
                space = true
            } else if character.unicodeScalars.first!.value >= 0x2E80 {
                if !word.isEmpty { tokens.append(word); word = "" }
                tokens.append((space ? " " : "") + String(character))
                space = false
            } else {
                if word.isEmpty && space { word = " " }
                word.append(character)
                space = false
            }
        }
        if !word.isEmpty { tokens.append(word) }
        var lines: [String] = [], line = ""
        for token in tokens {
            if !line.isEmpty && MapLabelPlacer.width(line + token, size: size) > width {
                lines.append(line)
                line = token.hasPrefix(" ") ? String(token.dropFirst()) : token
            } else {
                line += line.isEmpty && token.hasPrefix(" ") ? String(token.dropFirst()) : token
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Whole pixels of the radius of a legend circle of `radius` tenths, rounded up.
    private static func pixels(_ radius: Int) -> Int { (radius + 9) / 10 }

    /// Height in pixels of the legend `width` pixels wide.
    func height(width: Int) -> Int {
        var y = 0
        for item in items { y += advance(item, width: width) }
        return y
    }

    private func advance(_ item: Item, width: Int) -> Int {
        switch item {
        case .heading(let text): Self.wrap(text, width: width * 10, size: Self.size).count * Self.lineHeight + 2
        case .swatch(_, let text), .line(_, _, _, let text), .outline(_, _, let text):
            Self.wrap(text, width: (width - 22) * 10, size: Self.size).count * Self.lineHeight + 2
        case .circle(let radius, let text):
            max(Self.pixels(radius) * 2 + 4, Self.wrap(text, width: (width - 8 - Self.pixels(radius) * 2) * 10, size: Self.size).count * Self.lineHeight) + 2
        case .note(let text): Self.wrap(text, width: width * 10, size: Self.noteSize).count * 14 + 2
        case .gap(let pixels): pixels
        }
    }

    /// Draws the legend with its top-left corner at (`x`, `y`) pixels, `width` pixels wide.
    func render(into out: inout HTMLBuilder, x: Int, y: Int, width: Int) {
        var top = y
        out.raw("<g class=\"legend\">\n")
        for item in items {
            switch item {
            case .heading(let text):
                lines(&out, Self.wrap(text, width: width * 10, size: Self.size), x: x, top: top, size: Self.size, weight: "600")
            case .swatch(let colour, let text):
                out.raw("<rect x=\"\(x)\" y=\"\(top + 2)\" width=\"14\" height=\"12\" fill=\"\(colour)\" stroke=\"#555555\" stroke-width=\"0.5\"/>")
                lines(&out, Self.wrap(text, width: (width - 22) * 10, size: Self.size), x: x + 22, top: top, size: Self.size)
            case .circle(let radius, let text):
                let r = Self.pixels(radius), textLines = Self.wrap(text, width: (width - 8 - r * 2) * 10, size: Self.size)
                let rowHeight = max(r * 2 + 4, textLines.count * Self.lineHeight)
                out.raw("<circle cx=\"\(NumberText.tenths(x * 10 + 10 + radius))\" cy=\"\(NumberText.tenths(top * 10 + rowHeight * 5))\" r=\"\(NumberText.tenths(radius))\" fill=\"#ffffff\" stroke=\"#555555\"/>")
                lines(&out, textLines, x: x + 8 + r * 2, top: top + (rowHeight - textLines.count * Self.lineHeight) / 2, size: Self.size)
            case .line(let colour, let lineWidth, let opacity, let text):
                out.raw("<line x1=\"\(x)\" y1=\"\(top + 8)\" x2=\"\(x + 16)\" y2=\"\(top + 8)\" stroke=\"\(colour)\" stroke-width=\"\(lineWidth)\" stroke-opacity=\"\(opacity)\"/>")
                lines(&out, Self.wrap(text, width: (width - 22) * 10, size: Self.size), x: x + 22, top: top, size: Self.size)
            case .outline(let lineWidth, let dashed, let text):
                out.raw("<line x1=\"\(x)\" y1=\"\(top + 8)\" x2=\"\(x + 16)\" y2=\"\(top + 8)\" stroke=\"#3b3b3b\" stroke-width=\"\(lineWidth)\"\(dashed ? " stroke-dasharray=\"3 2\"" : "")/>")
                lines(&out, Self.wrap(text, width: (width - 22) * 10, size: Self.size), x: x + 22, top: top, size: Self.size)
            case .note(let text):
                let wrapped = Self.wrap(text, width: width * 10, size: Self.noteSize)
                for (i, line) in wrapped.enumerated() {
                    out.raw("<text x=\"\(x)\" y=\"\(top + 11 + i * 14)\" font-size=\"\(Self.noteSize)\" style=\"fill:#555555\">")
                    out.text(line)
                    out.raw("</text>")
                }
                out.raw("\n")
            case .gap:
                break
            }
            top += advance(item, width: width)
        }
        out.raw("</g>\n")
    }

    private func lines(_ out: inout HTMLBuilder, _ lines: [String], x: Int, top: Int, size: Int, weight: String? = nil) {
        for (i, line) in lines.enumerated() {
            out.raw("<text x=\"\(x)\" y=\"\(top + 12 + i * Self.lineHeight)\" font-size=\"\(size)\"\(weight.map { " font-weight=\"\($0)\"" } ?? "")>")
            out.text(line)
            out.raw("</text>")
        }
        out.raw("\n")
    }
}

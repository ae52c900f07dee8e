import PaiweiCore
/// Places the text labels of a map so that no two overlap: each label is tried at a few positions
/// around its mark, in order of importance, and the first free position is taken; a label that fits
/// nowhere is dropped and counted, so that the page can say how many were left out.
///
/// Boxes are estimates of the rendered text (``MapLabelPlacer/box(_:size:x:y:anchor:)``), a little wider
/// and taller than what a browser draws, in tenths of a pixel. The placer is greedy and deterministic:
/// the same marks in the same order give the same labels.
struct MapLabelPlacer {
    /// A rectangle in tenths of a pixel; `x1`, `y1` excluded.
    struct Box: Sendable {
        var x0: Int, y0: Int, x1: Int, y1: Int

        func intersects(_ other: Box) -> Bool {
            x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1
        }

        func inside(_ other: Box) -> Bool {
            x0 >= other.x0 && y0 >= other.y0 && x1 <= other.x1 && y1 <= other.y1
        }
    }

    /// A label that found its place: its baseline anchor in tenths of a pixel.
    struct Placed: Sendable {
        var text: String
        var x: Int
        var y: Int
        var anchor: String
        var size: Int
        var weight: String?
        var colour: String?
    }

    /// Where labels may go.
    let bounds: Box
    /// At most this many labels: more than about one per 50 × 50 pixels does not read, however well
    /// they fit. Labels beyond it are dropped (and counted) like those that fit nowhere.
    let limit: Int
    private(set) var taken: [Box] = []
    private(set) var placed: [Placed] = []
    private(set) var dropped = 0
    /// Boxes are kept in buckets of a coarse grid, so that checking a candidate looks at its neighbours only.
    private var buckets: [Int: [Int]] = [:]
    private var softTaken: [Box] = []
    private var softBuckets: [Int: [Int]] = [:]
    private static let bucketSize = 600

    init(bounds: Box, limit: Int = .max) {
        self.bounds = bounds
        self.limit = limit
    }

    /// Estimated width of `text` at `size` pixels, in tenths of a pixel: wider than ``SVGChart/estimatedWidth(_:fontSize:)``
    /// for capitals and digits (about 0.7 em in the sans-serif fonts of Linux), a full em for CJK.
    static func width(_ text: String, size: Int) -> Int {
        var em = 0   // in hundredths of an em
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2E80...: em += 100
            case 0x41...0x5A, 0x30...0x39: em += 70
            case 0x20, 0x2E, 0x2C, 0x3A, 0x69, 0x6C: em += 34
            default: em += 62
            }
        }
        return (em * size + 9) / 10 + 20
    }

    /// The box of `text` drawn with its baseline at (`x`, `y`) tenths: from 1.2 em above the baseline to
    /// 0.35 em below (the ascent and descent of CJK fonts, the tallest in the font stacks).
    static func box(_ text: String, size: Int, x: Int, y: Int, anchor: String) -> Box {
        let w = width(text, size: size)
        let left = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x
        return Box(x0: left, y0: y - size * 12, x1: left + w, y1: y + size * 4)
    }

    /// Keeps a box free of labels (a legend, the scale bar, the north arrow).
    mutating func reserve(_ box: Box) {
        add(box, soft: false)
    }

    /// Keeps labels off a box where it can (a school's circle): a label goes over it only when every
    /// position free of it is taken.
    mutating func avoid(_ box: Box) {
        add(box, soft: true)
    }

    /// Places `text` at the first of `candidates` (baseline x, y in tenths, and text anchor) where it fits
    /// inside the bounds without touching any label, reserved box or avoided box; failing that, at the
    /// first that touches no label or reserved box; false when it fits nowhere (counted as dropped).
    @discardableResult
    mutating func place(_ text: String, size: Int, weight: String? = nil, colour: String? = nil,
                        candidates: [(x: Int, y: Int, anchor: String)]) -> Bool {
        guard placed.count < limit else {
            dropped += 1
            return false
        }
        let boxes = candidates.map { Self.box(text, size: size, x: $0.x, y: $0.y, anchor: $0.anchor) }
        for strict in [true, false] {
            for (candidate, box) in zip(candidates, boxes) {
                guard box.inside(bounds), !collides(box, soft: false), !strict || !collides(box, soft: true) else { continue }
                add(box, soft: false)
                placed.append(Placed(text: text, x: candidate.x, y: candidate.y, anchor: candidate.anchor, size: size, weight: weight, colour: colour))
                return true
            }
        }
        dropped += 1
        return false
    }

    /// The eight positions around a circle of `radius` tenths at `centre`: right, left, above, below,
    /// then the diagonals, the label `gap` tenths off the circle.
    static func around(_ centre: MapPoint, radius: Int, size: Int, gap: Int = 20) -> [(x: Int, y: Int, anchor: String)] {
        let r = radius + gap
        let middle = centre.y + size * 4   // baseline that centres the text vertically on the point
        let diagonal = r * 7 / 10
        return [
            (centre.x + r, middle, "start"),
            (centre.x - r, middle, "end"),
            (centre.x, centre.y - r - size * 4, "middle"),
            (centre.x, centre.y + r + size * 12, "middle"),
            (centre.x + diagonal, centre.y - diagonal - size * 2, "start"),
            (centre.x - diagonal, centre.y - diagonal - size * 2, "end"),
            (centre.x + diagonal, centre.y + diagonal + size * 10, "start"),
            (centre.x - diagonal, centre.y + diagonal + size * 10, "end"),
        ]
    }

    /// Centred on `point`, then nudged a little up, down, left and right.
    static func centred(_ point: MapPoint, size: Int) -> [(x: Int, y: Int, anchor: String)] {
        let y = point.y + size * 4, step = size * 8
        return [(point.x, y, "middle"), (point.x, y - step, "middle"), (point.x, y + step, "middle"),
                (point.x - step * 2, y, "middle"), (point.x + step * 2, y, "middle")]
    }

    /// Writes every placed label: `<text>` with a white halo (class `v`).
    func render(into out: inout HTMLBuilder) {
        for label in placed {
            out.raw("<text x=\"\(NumberText.tenths(label.x))\" y=\"\(NumberText.tenths(label.y))\" class=\"v\"")
            if label.anchor != "start" { out.raw(" text-anchor=\"\(label.anchor)\"") }
            out.raw(" font-size=\"\(label.size)\"")
            if let weight = label.weight { out.raw(" font-weight=\"\(weight)\"") }
            if let colour = label.colour { out.raw(" style=\"fill:\(colour)\"") }
            out.raw(">")
            out.text(label.text)
            out.raw("</text>\n")
        }
    }

    // MARK: Buckets

    private func bucketRange(_ box: Box) -> (ClosedRange<Int>, ClosedRange<Int>) {
        let size = Self.bucketSize
        return (Self.floorDiv(box.x0, size)...Self.floorDiv(box.x1, size), Self.floorDiv(box.y0, size)...Self.floorDiv(box.y1, size))
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private func collides(_ box: Box, soft: Bool) -> Bool {
        let (xs, ys) = bucketRange(box)
        let list = soft ? softTaken : taken, table = soft ? softBuckets : buckets
        for bx in xs {
            for by in ys {
                for index in table[bx &* 100_003 &+ by] ?? [] where list[index].intersects(box) { return true }
            }
        }
        return false
    }

    private mutating func add(_ box: Box, soft: Bool) {
        let (xs, ys) = bucketRange(box)
        if soft {
            let index = softTaken.count
            softTaken.append(box)
            for bx in xs { for by in ys { softBuckets[bx &* 100_003 &+ by, default: []].append(index) } }
        } else {
            let index = taken.count
            taken.append(box)
            for bx in xs { for by in ys { buckets[bx &* 100_003 &+ by, default: []].append(index) } }
        }
    }
}

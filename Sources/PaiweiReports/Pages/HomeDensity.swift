import PaiweiCore
/// Homes drawn as density, not one dot each: the frame cut into small square cells, each cell with
/// anyone living in it shaded by how many do, in five classes whose bounds are the 20th, 40th, 60th and
/// 80th percentiles of the occupied cells (nearest rank), so that the shading reads the same at 2,000
/// and at 150,000 students. Cells of one class along a row are drawn as one rectangle, all of a class
/// in one `<path>`: the size of the page follows the map's area, not the number of students.
struct HomeDensity: Sendable {
    /// Side of a cell, in pixels.
    let cell: Int
    /// Per class, lowest to highest: the path data of its cells.
    let paths: [String]
    /// Per class, the smallest and largest number of homes in one of its cells.
    let ranges: [(low: Int, high: Int)]
    let homes: Int

    /// Light to dark greys with a touch of blue: under the coloured schools, never competing with them.
    static let shades = ["#e9ecf1", "#d3d8e0", "#b5bcc8", "#929aa8", "#6c7484"]

    init(_ geometry: DistrictGeometry, cell: Int = 6) {
        self.cell = cell
        let columns = max(1, (geometry.width + cell - 1) / cell), rows = max(1, (geometry.height + cell - 1) / cell)
        var counts = [Int](repeating: 0, count: columns * rows)
        var homes = 0
        for home in geometry.homes {
            guard let home else { continue }
            let c = min(columns - 1, max(0, home.x / (10 * cell))), r = min(rows - 1, max(0, home.y / (10 * cell)))
            counts[r * columns + c] += 1
            homes += 1
        }
        self.homes = homes
        let occupied = counts.filter { $0 > 0 }.sorted()
        // Class bounds: class k holds counts above bounds[k - 1] up to bounds[k].
        var bounds: [Int] = []
        if !occupied.isEmpty {
            for percent in [20, 40, 60, 80] {
                let value = NearestRank.value(occupied, percent: percent)
                if bounds.last.map({ value > $0 }) ?? true { bounds.append(value) }
            }
            if bounds.last! < occupied.last! { bounds.append(occupied.last!) }
        }
        func classOf(_ count: Int) -> Int {
            var k = 0
            while k < bounds.count - 1 && count > bounds[k] { k += 1 }
            return k
        }
        var paths = [String](repeating: "", count: bounds.count)
        for r in 0..<rows {
            var c = 0
            while c < columns {
                let count = counts[r * columns + c]
                guard count > 0 else { c += 1; continue }
                let k = classOf(count), start = c
                c += 1
                while c < columns && counts[r * columns + c] > 0 && classOf(counts[r * columns + c]) == k { c += 1 }
                // Cut to the frame: the last row and column of cells may reach past it.
                let x0 = start * cell, x1 = min(c * cell, geometry.width), y0 = r * cell, y1 = min((r + 1) * cell, geometry.height)
                paths[k] += "M\(x0) \(y0)h\(x1 - x0)v\(y1 - y0)h-\(x1 - x0)z"
            }
        }
        self.paths = paths
        ranges = bounds.indices.map { k in (k == 0 ? (occupied.first ?? 1) : bounds[k - 1] + 1, bounds[k]) }
    }

    /// The legend's heading: homes per cell, and the cell's side on the ground, in metres rounded to 10.
    func heading(_ projection: MapProjection) -> String {
        let metres = (cell * 10 * 1000 * 2 / max(1, projection.tenthsPerKilometre) + 10) / 20 * 10
        return "学生住址密度：每格（约 \(metres) 米见方）的学生数 Homes per cell of about \(metres) m"
    }

    /// The shade of class `k`: the lightest first, so that a sparse district (few classes, a handful of
    /// homes a cell at most) stays light and only a dense one reaches the darkest shade.
    func shade(_ k: Int) -> String {
        Self.shades[min(k, Self.shades.count - 1)]
    }

    func render(into out: inout HTMLBuilder) {
        out.raw("<g class=\"density\">\n")
        for (k, path) in paths.enumerated() where !path.isEmpty {
            out.raw("<path fill=\"\(shade(k))\" d=\"\(path)\"/>\n")
        }
        out.raw("</g>\n")
    }
}

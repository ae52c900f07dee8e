import PaiweiCore
/// Zones drawn as the cells of a coarse grid over the map: each cell belongs to the residence zone of
/// most of the homes in it (ties to the zone first in id order), so that a zone's region is where its
/// children live and regions never overlap. A single zone rolling up to a multi zone (its parent) is a
/// region of its own inside its parent's area: the area's outer edge is drawn bold, the edges between
/// its zones thin.
///
/// Cells hold whole pixels, so every edge is an integer; the grid is small (at most about 60 cells a
/// side), so outlines stay a few kilobytes at any district size.
struct ZoneRegions: Sendable {
    /// Side of a cell, in pixels.
    let cell: Int
    let columns: Int
    let rows: Int
    /// Per cell (row by row), the zone, or -1 where nobody lives.
    let zoneOfCell: [Int32]
    /// Per zone, the zone whose area it is part of: its parent, or itself.
    let area: [Int]
    /// Per zone, the centre of its cell nearest to the middle of its cells (tenths of a pixel), where its
    /// label goes; nil for a zone with no cell.
    let anchors: [MapPoint?]
    /// Per zone, its cells.
    let cellCount: [Int]
    /// The frame, in pixels: the last row and column of cells are cut to it.
    let width: Int
    let height: Int

    init(homes: [MapPoint?], homeZones: [Int], zones: [Zone], width: Int, height: Int) {
        let cell = Self.cellSize(homes: homes, width: width, height: height)
        let columns = max(1, (width + cell - 1) / cell), rows = max(1, (height + cell - 1) / cell)
        self.cell = cell
        self.width = width
        self.height = height
        self.columns = columns
        self.rows = rows
        area = zones.indices.map { zones[$0].parent ?? $0 }
        let zoneCount = max(1, zones.count)

        // (cell, zone) of every home, sorted, then counted run by run: the zone with most homes wins.
        var keys: [Int] = []
        keys.reserveCapacity(homes.count)
        for (student, home) in homes.enumerated() {
            guard let home else { continue }
            let c = min(columns - 1, max(0, home.x / (10 * cell))), r = min(rows - 1, max(0, home.y / (10 * cell)))
            keys.append((r * columns + c) * zoneCount + homeZones[student])
        }
        keys.sort()
        var zoneOfCell = [Int32](repeating: -1, count: columns * rows)
        var best = [Int](repeating: 0, count: columns * rows)
        var i = 0
        while i < keys.count {
            var j = i
            while j < keys.count && keys[j] == keys[i] { j += 1 }
            let cellIndex = keys[i] / zoneCount, zone = keys[i] % zoneCount
            // Runs come in zone order within a cell, so a strictly larger count is needed to win.
            if j - i > best[cellIndex] {
                best[cellIndex] = j - i
                zoneOfCell[cellIndex] = Int32(zone)
            }
            i = j
        }
        let filled = Self.smoothed(zoneOfCell, columns: columns, rows: rows, zones: zoneCount)
        self.zoneOfCell = filled

        var sumX = [Int](repeating: 0, count: zones.count), sumY = sumX, count = sumX
        for index in filled.indices where filled[index] >= 0 {
            let z = Int(filled[index])
            sumX[z] += index % columns
            sumY[z] += index / columns
            count[z] += 1
        }
        var nearest = [Int](repeating: -1, count: zones.count), distance = [Int](repeating: Int.max, count: zones.count)
        for index in filled.indices where filled[index] >= 0 {
            let z = Int(filled[index])
            // Twice the cell coordinates against twice the mean, in integers: (2c·n − 2Σ)².
            let dx = (index % columns) * 2 * count[z] - 2 * sumX[z], dy = (index / columns) * 2 * count[z] - 2 * sumY[z]
            let d = dx * dx + dy * dy
            if d < distance[z] {
                distance[z] = d
                nearest[z] = index
            }
        }
        anchors = nearest.map { index in
            index < 0 ? nil : MapPoint(x: (index % columns) * cell * 10 + cell * 5, y: (index / columns) * cell * 10 + cell * 5)
        }
        cellCount = count
    }

    /// The finest cell size (in pixels, from 8) at which the occupied cells hold six homes each on
    /// average, so that a zone of a few hundred children is a patch and not a scatter of dots; at most a
    /// twentieth of the frame.
    static func cellSize(homes: [MapPoint?], width: Int, height: Int) -> Int {
        let coarsest = max(8, max(width, height) / 20)
        let count = homes.count { $0 != nil }
        var size = 8
        while size < coarsest {
            let columns = (width + size - 1) / size + 1
            var occupied = Set<Int>()
            for home in homes {
                guard let home else { continue }
                occupied.insert(home.y / (10 * size) * columns + home.x / (10 * size))
            }
            if occupied.count * 6 <= count { break }
            size += 2
        }
        return min(size, coarsest)
    }

    /// Closes the gaps of the grid and drops its specks: twice, an empty cell with at least five of its
    /// eight neighbours occupied takes the zone most of them have (ties to the first in id order); then
    /// an occupied cell with no occupied neighbour is emptied (its homes still show as density).
    static func smoothed(_ grid: [Int32], columns: Int, rows: Int, zones: Int) -> [Int32] {
        var current = grid
        func neighbours(_ r: Int, _ c: Int, in grid: [Int32]) -> [Int32] {
            var found: [Int32] = []
            for dr in -1...1 {
                for dc in -1...1 where dr != 0 || dc != 0 {
                    let rr = r + dr, cc = c + dc
                    guard rr >= 0, cc >= 0, rr < rows, cc < columns else { continue }
                    let z = grid[rr * columns + cc]
                    if z >= 0 { found.append(z) }
                }
            }
            return found
        }
        for _ in 0..<2 {
            var next = current
            for r in 0..<rows {
                for c in 0..<columns where current[r * columns + c] < 0 {
                    let around = neighbours(r, c, in: current)
                    guard around.count >= 5 else { continue }
                    var best: Int32 = -1, bestCount = 0
                    for z in around.sorted() where z != best {
                        let n = around.count { $0 == z }
                        if n > bestCount { best = z; bestCount = n }
                    }
                    next[r * columns + c] = best
                }
            }
            current = next
        }
        var cleaned = current
        for r in 0..<rows {
            for c in 0..<columns where current[r * columns + c] >= 0 && neighbours(r, c, in: current).isEmpty {
                cleaned[r * columns + c] = -1
            }
        }
        return cleaned
    }

    /// Up to `count` places for the label of `zone`: the centres of its cells nearest to the middle of
    /// its cells, nearest first (ties in cell order).
    func labelPlaces(_ zone: Int, count: Int) -> [MapPoint] {
        var cells: [(distance: Int, index: Int)] = []
        var sumX = 0, sumY = 0, n = 0
        for index in zoneOfCell.indices where zoneOfCell[index] == Int32(zone) {
            sumX += index % columns
            sumY += index / columns
            n += 1
        }
        guard n > 0 else { return [] }
        for index in zoneOfCell.indices where zoneOfCell[index] == Int32(zone) {
            let dx = (index % columns) * n - sumX, dy = (index / columns) * n - sumY
            cells.append((dx * dx + dy * dy, index))
        }
        cells.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
        return cells.prefix(count).map { MapPoint(x: ($0.index % columns) * cell * 10 + cell * 5, y: ($0.index / columns) * cell * 10 + cell * 5) }
    }

    /// The left edge of column `c` and the top edge of row `r`, in pixels, within the frame.
    private func x(_ c: Int) -> Int { min(c * cell, width) }
    private func y(_ r: Int) -> Int { min(r * cell, height) }

    private func zone(_ column: Int, _ row: Int) -> Int32 {
        guard column >= 0, row >= 0, column < columns, row < rows else { return -1 }
        return zoneOfCell[row * columns + column]
    }

    /// Path data of the edges between areas (`areas`: between different areas, or an area and nowhere)
    /// or, with `areas` false, between zones of the same area.
    func outline(areas: Bool) -> String {
        func differs(_ a: Int32, _ b: Int32) -> Bool {
            if a == b { return false }
            if a < 0 || b < 0 { return areas }
            let same = area[Int(a)] == area[Int(b)]
            return areas ? !same : same
        }
        var path = ""
        // Horizontal edges above each row (and below the last), in runs.
        for r in 0...rows {
            var c = 0
            while c < columns {
                guard differs(zone(c, r - 1), zone(c, r)) else { c += 1; continue }
                let start = c
                while c < columns && differs(zone(c, r - 1), zone(c, r)) { c += 1 }
                path += "M\(x(start)) \(y(r))h\(x(c) - x(start))"
            }
        }
        for c in 0...columns {
            var r = 0
            while r < rows {
                guard differs(zone(c - 1, r), zone(c, r)) else { r += 1; continue }
                let start = r
                while r < rows && differs(zone(c - 1, r), zone(c, r)) { r += 1 }
                path += "M\(x(c)) \(y(start))v\(y(r) - y(start))"
            }
        }
        return path
    }

    /// Path data filling the cells of `zones` (one zone, or several drawn alike), in runs along each row.
    func fill(_ zones: Set<Int32>) -> String {
        // A mask over zone indices (shifted by one, so that -1 has a slot), not a hash per cell: a map
        // asks this for every zone and tint, each time over every cell.
        var member = [Bool](repeating: false, count: Int(zones.max() ?? -1) + 2)
        for zone in zones where zone >= -1 { member[Int(zone) + 1] = true }
        func inside(_ cell: Int) -> Bool {
            let slot = Int(zoneOfCell[cell]) + 1
            return slot >= 0 && slot < member.count && member[slot]
        }
        var path = ""
        for r in 0..<rows {
            var c = 0
            while c < columns {
                guard inside(r * columns + c) else { c += 1; continue }
                let start = c
                while c < columns && inside(r * columns + c) { c += 1 }
                path += "M\(x(start)) \(y(r))h\(x(c) - x(start))v\(y(r + 1) - y(r))h-\(x(c) - x(start))z"
            }
        }
        return path
    }
}

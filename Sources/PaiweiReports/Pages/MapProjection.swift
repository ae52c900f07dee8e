import PaiweiCore
/// A point of a map in tenths of a pixel of its SVG, so that every coordinate written is an integer
/// (``NumberText/tenths(_:)``) and a page is the same bytes on every machine.
struct MapPoint: Sendable, Equatable {
    var x: Int
    var y: Int
}

/// The equirectangular projection fitted to a district: longitude scaled by the cosine of the
/// district's middle latitude, latitude as is, north up, the whole district inside a frame of at most
/// the size asked, with a margin.
///
/// The cosine is ``PortableMath/cos(_:)`` and everything else is IEEE-754 basic arithmetic rounded once
/// to whole tenths of a pixel, so the map is the same bytes on every platform. Over a district (tens of
/// kilometres) the projection's distortion is far below a pixel.
struct MapProjection: Sendable {
    /// The frame, in whole pixels: the map's drawing area.
    let width: Int
    let height: Int
    let margin: Int
    private let west: Double
    private let north: Double
    private let cosLatitude: Double
    /// Pixels per degree of latitude.
    private let pixelsPerDegree: Double

    /// Metres per degree of latitude on the sphere of SPEC §3 (R = 6,371,008.8 m): R·π/180.
    static let metresPerDegree = 6_371_008.8 * Double.pi / 180

    /// The projection of `coordinates` (at least one) into a frame of at most `maxWidth` × `maxHeight`
    /// pixels, `margin` pixels kept free on every side.
    init?(fitting coordinates: [Coordinate], maxWidth: Int, maxHeight: Int, margin: Int) {
        guard let first = coordinates.first else { return nil }
        var south = first.latitude, north = first.latitude, west = first.longitude, east = first.longitude
        for c in coordinates {
            south = min(south, c.latitude)
            north = max(north, c.latitude)
            west = min(west, c.longitude)
            east = max(east, c.longitude)
        }
        let middle = (south + north) / 2
        cosLatitude = PortableMath.cos(middle * Double.pi / 180)
        self.west = west
        self.north = north
        self.margin = margin
        let spanX = (east - west) * cosLatitude, spanY = north - south
        let roomX = Double(maxWidth - 2 * margin), roomY = Double(maxHeight - 2 * margin)
        // A district of one point (or one line) still gets a scale: a kilometre to 40 pixels at most.
        var scale = 40 * 1000 / Self.metresPerDegree
        if spanX > 0 && spanY > 0 {
            scale = min(roomX / spanX, roomY / spanY)
        } else if spanX > 0 {
            scale = min(scale, roomX / spanX)
        } else if spanY > 0 {
            scale = min(scale, roomY / spanY)
        }
        pixelsPerDegree = scale
        width = min(maxWidth, Int((spanX * scale).rounded(.up)) + 2 * margin)
        height = min(maxHeight, Int((spanY * scale).rounded(.up)) + 2 * margin)
    }

    /// Where `coordinate` falls, in tenths of a pixel from the frame's top-left corner.
    func point(_ coordinate: Coordinate) -> MapPoint {
        let x = Double(margin) + (coordinate.longitude - west) * cosLatitude * pixelsPerDegree
        let y = Double(margin) + (north - coordinate.latitude) * pixelsPerDegree
        return MapPoint(x: Int((x * 10).rounded()), y: Int((y * 10).rounded()))
    }

    /// Tenths of a pixel per kilometre on the ground (the same east–west and north–south).
    var tenthsPerKilometre: Int {
        Int((pixelsPerDegree * 10 * 1000 / Self.metresPerDegree).rounded())
    }
}

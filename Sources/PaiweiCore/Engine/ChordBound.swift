/// A cheap test that a school is certainly further than a distance, so that the nearest free school is
/// found measuring few schools exactly: the straight-line (chord) distance between two points on the
/// unit sphere grows with the great-circle distance, and costs a few multiplications instead of two
/// sines and an arcsine.
///
/// It only ever rules a school out; whatever it lets through is measured by SPEC §3's formula
/// (``distanceMetres(_:_:)``) and decided on those metres alone, so the decisions are the formula's.
/// Sound because the two ways to the angle differ by far less than the slack: both are within about
/// 10⁻⁶ m of the true distance for any pair not within metres of being antipodal, and the limit is
/// taken 2 m beyond the distance it stands for; past 19,000 km (an angle of 3 radians) nothing is
/// ruled out.
package struct ChordBound {
    package struct Point: Sendable {
        let x: Double, y: Double, z: Double

        package init(_ site: Site) {
            x = site.cosLatitude * PortableMath.cos(site.longitude)
            y = site.cosLatitude * PortableMath.sin(site.longitude)
            z = PortableMath.sin(site.latitude)
        }

        @inline(__always)
        func chordSquared(to other: Point) -> Double {
            let dx = x - other.x, dy = y - other.y, dz = z - other.z
            return dx * dx + dy * dy + dz * dz
        }
    }

    /// The squared chord beyond which a school is further than `metres` whole metres.
    package private(set) var limit = Double.infinity

    package init() {}

    /// Rules out from now on whatever is further than `metres`.
    package mutating func within(_ metres: Int32) {
        let angle = (Double(metres) + 2) / earthRadiusMetres
        guard angle < 3 else {
            limit = .infinity
            return
        }
        let chord = 2 * PortableMath.sin(angle / 2)
        limit = chord * chord
    }

    /// Whole metres at least those of SPEC §3's formula for any two points `chordSquared` apart or
    /// nearer: the chord's angle in metres, rounded half up as the formula is, plus one for the two ways'
    /// differences (far below a millimetre).
    package static func metres(ofChordSquared chordSquared: Double) -> Int32 {
        let angle = 2 * PortableMath.asin(min(1, chordSquared.squareRoot() / 2))
        return Int32(min(Double(Int32.max - 3), (angle * earthRadiusMetres + 0.5).rounded(.down) + 1))
    }

    /// Whether the school at `point` may be within the limit's metres of `home`.
    @inline(__always)
    package func mayBeWithin(_ point: Point, of home: Point) -> Bool {
        home.chordSquared(to: point) <= limit
    }
}

/// A place prepared for the haversine formula: radians and the cosine of the latitude, computed once.
package struct Site: Sendable {
    let latitude: Double
    let longitude: Double
    let cosLatitude: Double

    init(_ coordinate: Coordinate) {
        latitude = coordinate.latitude * .pi / 180
        longitude = coordinate.longitude * .pi / 180
        cosLatitude = PortableMath.cos(latitude)
    }
}

/// Mean Earth radius (IUGG), metres, as SPEC §3 fixes it.
let earthRadiusMetres = 6_371_008.8

/// Great-circle distance in whole metres, rounded half up: `d = 2R·asin(√a)`,
/// `a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2)`, all in doubles (SPEC §3), with the product's own
/// sine, cosine and arcsine (``PortableMath``), so the metres are the same on every machine.
@inline(__always)
package func distanceMetres(_ a: Site, _ b: Site) -> Int {
    let sinHalfLatitude = PortableMath.sin((b.latitude - a.latitude) / 2)
    let sinHalfLongitude = PortableMath.sin((b.longitude - a.longitude) / 2)
    let h = sinHalfLatitude * sinHalfLatitude + a.cosLatitude * b.cosLatitude * sinHalfLongitude * sinHalfLongitude
    let d = 2 * earthRadiusMetres * PortableMath.asin(min(1, h.squareRoot()))
    return Int((d + 0.5).rounded(.down))
}

/// Distance between two coordinates in whole metres (SPEC §3).
public func distanceMetres(_ a: Coordinate, _ b: Coordinate) -> Int {
    distanceMetres(Site(a), Site(b))
}

import PaiweiCore
/// A point of the synthetic district on a local plane: kilometres east (`x`) and north (`y`) of its centre.
struct PlanePoint: Sendable {
    var x: Double
    var y: Double
}

/// The map of the synthetic district: a Chaoyang-sized rectangle around Chaoyang's centre.
///
/// Everything is laid out on a flat plane in kilometres (distances are plain Euclidean, good to a fraction of
/// a percent over 25 km) and converted to WGS84 micro-degrees only when written, with constant scale
/// factors, so that no trigonometry is evaluated at run time.
enum DistrictGeography {
    /// Half the east–west and north–south extent (20 km × 25 km).
    static let halfWidth = 10.0
    static let halfHeight = 12.5

    /// 39.92° N, 116.48° E.
    static let centreLatitudeMicro = 39_920_000
    static let centreLongitudeMicro = 116_480_000

    /// Kilometres per degree of latitude, R·π/180 with the mean Earth radius R = 6371.0088 km of SPEC §3.
    static let kilometresPerDegreeLatitude = 111.195_080_233_532_9
    /// Kilometres per degree of longitude at 39.92° N (the value above × cos 39.92°, precomputed).
    static let kilometresPerDegreeLongitude = 85.280_087_925_959_14

    static func contains(_ point: PlanePoint) -> Bool {
        abs(point.x) <= halfWidth && abs(point.y) <= halfHeight
    }

    /// The nearest point inside the district.
    static func clamped(_ point: PlanePoint) -> PlanePoint {
        PlanePoint(x: min(max(point.x, -halfWidth), halfWidth), y: min(max(point.y, -halfHeight), halfHeight))
    }

    static func distance(_ a: PlanePoint, _ b: PlanePoint) -> Double {
        let dx = a.x - b.x, dy = a.y - b.y
        return (dx * dx + dy * dy).squareRoot()
    }

    static func latitudeMicro(_ point: PlanePoint) -> Int {
        centreLatitudeMicro + Int((point.y / kilometresPerDegreeLatitude * 1_000_000).rounded())
    }

    static func longitudeMicro(_ point: PlanePoint) -> Int {
        centreLongitudeMicro + Int((point.x / kilometresPerDegreeLongitude * 1_000_000).rounded())
    }

    /// A point uniformly distributed in the disc of `radius` around `centre` (by rejection from the square).
    static func point(near centre: PlanePoint, radius: Double, using random: inout GeneratorRandom) -> PlanePoint {
        while true {
            let u = random.uniform(-1, 1), v = random.uniform(-1, 1)
            if u * u + v * v <= 1 {
                return clamped(PlanePoint(x: centre.x + u * radius, y: centre.y + v * radius))
            }
        }
    }

    /// Relative likelihood of choosing a school `distance` km away, halving at `scale` km.
    ///
    /// A Cauchy-shaped decay `1 / (1 + (d/L)²)` rather than `exp(−d/L)`: it needs no libm, and its long tail
    /// keeps far-away famous schools in reach, as they are in reality.
    static func decay(_ distance: Double, scale: Double) -> Double {
        let r = distance / scale
        return 1 / (1 + r * r)
    }
}

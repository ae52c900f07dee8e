/// The sizes of the school circles of a map: a circle's area is its seats, on one scale for every map
/// it is shared by (the years of a forecast), so that circles compare across maps.
///
/// The scale gives the circles together about a twentieth of the frame, and the largest a radius of at
/// most `largest` pixels: a district of a few schools gets readable circles, a city of hundreds gets
/// circles that leave the district visible between them. A school with seats is never smaller than
/// 1.5 pixels across; one without seats is drawn as a ring (``emptyRadius``).
struct SchoolCircles: Sendable {
    /// Tenths of a pixel of radius per square root of a seat.
    private let perRootSeat: Double

    static let emptyRadius = 25

    init(seats: [Int], frameWidth: Int, frameHeight: Int, largest: Int = 18) {
        let total = seats.reduce(0) { $0 + max(0, $1) }, most = seats.max() ?? 0
        guard total > 0, most > 0 else {
            perRootSeat = 0
            return
        }
        // Σ π r² = share × area with r = k √seats: k = √(share × area / (π Σ seats)).
        let area = Double(frameWidth * frameHeight) * 100   // in square tenths
        let byArea = (area / 20 / (Double.pi * Double(total))).squareRoot()
        let byLargest = Double(largest * 10) / Double(most).squareRoot()
        perRootSeat = min(byArea, byLargest)
    }

    /// The radius of a school of `seats` seats, in tenths of a pixel.
    func radius(_ seats: Int) -> Int {
        guard seats > 0 else { return Self.emptyRadius }
        return max(15, Int((perRootSeat * Double(seats).squareRoot()).rounded()))
    }

    /// Round numbers of seats for the legend: about the largest school's, a third of it, a tenth of it.
    func legendSeats(largest: Int) -> [Int] {
        guard largest > 0 else { return [] }
        func round(_ x: Int) -> Int {
            var magnitude = 1
            while magnitude * 10 <= x { magnitude *= 10 }
            for m in [5, 2, 1] where m * magnitude <= x { return m * magnitude }
            return max(1, x)
        }
        var values: [Int] = []
        for v in [round(largest), round(max(1, largest / 3)), round(max(1, largest / 10))] where values.last.map({ v < $0 }) ?? true {
            values.append(v)
        }
        return values
    }
}

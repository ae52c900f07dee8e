import Testing
@testable import PaiweiCore
import PaiweiTestSupport

/// The chord only ever rules out a school further than the metres it was given, by SPEC §3's formula.
@Suite("Chord bound of the nearest free school")
struct ChordBoundTests {
    /// Pairs near each other (a district, on a coarse grid where many are equidistant), anywhere on
    /// Earth, and near antipodes: a school exactly at the limit's metres, or nearer, always passes; one
    /// well beyond a short limit does not.
    @Test(arguments: 0..<4)
    func neverRulesOutASchoolWithinItsMetres(kind: Int) {
        var random = TestRandom(state: 0xC40D + UInt64(kind))
        var ruledOut = 0
        for _ in 0..<20_000 {
            let a: Coordinate, b: Coordinate
            switch kind {
            case 0:
                a = Coordinate(latitude: 39.8 + Double(random.int(200)) / 1000, longitude: 116.3 + Double(random.int(200)) / 1000)
                b = Coordinate(latitude: 39.8 + Double(random.int(200)) / 1000, longitude: 116.3 + Double(random.int(200)) / 1000)
            case 1:
                a = Coordinate(latitude: Double(random.int(180_001)) / 1000 - 90, longitude: Double(random.int(360_001)) / 1000 - 180)
                b = Coordinate(latitude: Double(random.int(180_001)) / 1000 - 90, longitude: Double(random.int(360_001)) / 1000 - 180)
            case 2:
                a = Coordinate(latitude: Double(random.int(180_001)) / 1000 - 90, longitude: Double(random.int(360_001)) / 1000 - 180)
                b = Coordinate(latitude: -a.latitude + Double(random.int(2001)) / 1_000_000 - 0.001,
                               longitude: (a.longitude > 0 ? a.longitude - 180 : a.longitude + 180) + Double(random.int(2001)) / 1_000_000 - 0.001)
            default:
                a = Coordinate(latitude: 39.9, longitude: 116.4)
                b = Coordinate(latitude: 39.9 + Double(random.int(2001)) / 100_000_000, longitude: 116.4 + Double(random.int(2001)) / 100_000_000)
            }
            let home = Site(a), school = Site(b)
            let metres = Int32(distanceMetres(home, school))
            // The metres of the chord bound the formula's from above, closely.
            let chordMetres = ChordBound.metres(ofChordSquared: ChordBound.Point(home).chordSquared(to: ChordBound.Point(school)))
            #expect(chordMetres >= metres && (chordMetres - metres <= 2 || metres > 19_000_000), "\(a) \(b): \(metres) m, by chord \(chordMetres)")
            for limit in [metres, metres + 1, metres + 1000] {
                var bound = ChordBound()
                bound.within(limit)
                #expect(bound.mayBeWithin(ChordBound.Point(school), of: ChordBound.Point(home)), "\(a) \(b): \(metres) m, limit \(limit)")
            }
            if metres > 100 {
                var bound = ChordBound()
                bound.within(metres / 2 - 10)
                if !bound.mayBeWithin(ChordBound.Point(school), of: ChordBound.Point(home)) { ruledOut += 1 }
            }
        }
        // Far schools are ruled out (except past 19,000 km, where nothing is).
        if kind == 0 || kind == 1 { #expect(ruledOut > 15_000) }
    }
}

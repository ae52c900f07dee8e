/// Numbers as text without any locale: files and pages must be byte-identical on every machine, so
/// fractions are computed with integers and rounded half up (or truncated where said), never through
/// `Double` formatting.
package enum NumberText {
    /// `1234567` → `1,234,567`.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        guard digits.utf8.count > 3 else { return value < 0 ? "-" + digits : digits }
        var out = value < 0 ? "-" : ""
        let lead = digits.utf8.count % 3
        for (i, character) in digits.enumerated() {
            if i > 0 && (i - lead) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    /// `units` of 10^-`decimals` as a fixed-point decimal: `fixed(2888, decimals: 3)` → `2.888`.
    package static func fixed(_ units: Int, decimals: Int) -> String {
        guard decimals > 0 else { return grouped(units) }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let whole = units.magnitude / UInt(scale), fraction = String(units.magnitude % UInt(scale))
        let sign = units < 0 ? "-" : ""
        return sign + grouped(Int(whole)) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `numerator / denominator` in units of 10^-`decimals`, rounded half up (both non-negative, denominator > 0).
    package static func scaledRatio(_ numerator: Int, _ denominator: Int, decimals: Int) -> Int {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        return (numerator * scale * 2 + denominator) / (denominator * 2)
    }

    /// `numerator / denominator` with `decimals` decimals; `—` when the denominator is 0.
    package static func ratio(_ numerator: Int, _ denominator: Int, decimals: Int) -> String {
        guard denominator > 0 else { return "—" }
        return fixed(scaledRatio(numerator, denominator, decimals: decimals), decimals: decimals)
    }

    /// A share as a percentage with one decimal: `percent(1962, of: 2000)` → `98.1%`.
    package static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        return fixed(scaledRatio(part * 100, whole, decimals: 1), decimals: 1) + "%"
    }

    /// Tenths as a plain decimal for SVG coordinates: no grouping, the decimal only when it is not 0:
    /// `1234` → `123.4`, `1230` → `123`, `-5` → `-0.5`.
    package static func tenths(_ value: Int) -> String {
        let magnitude = value.magnitude, sign = value < 0 ? "-" : ""
        let whole = String(magnitude / 10), fraction = magnitude % 10
        return fraction == 0 ? sign + whole : sign + whole + "." + String(fraction)
    }

    /// Metres as kilometres with one decimal: `14032` → `14.0`.
    package static func kilometres(_ metres: Int) -> String {
        fixed(scaledRatio(metres, 1000, decimals: 1), decimals: 1)
    }
}

// MARK: Without digit grouping, for the files machines read

extension NumberText {
    /// `numerator / denominator` with `decimals` decimals, rounded half up, no digit grouping; empty
    /// when the denominator is 0. Both non-negative.
    package static func plainRatio(_ numerator: Int, _ denominator: Int, decimals: Int) -> String {
        guard denominator > 0 else { return "" }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let units = (numerator * scale * 2 + denominator) / (denominator * 2)
        guard decimals > 0 else { return String(units) }
        let fraction = String(units % scale)
        return "\(units / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// The demand ratio, truncated rather than rounded, so that what is written agrees with the level:
    /// a ratio just under the yellow threshold never reads as the threshold itself.
    package static func truncatedRatio(_ demand: Int, _ seats: Int, decimals: Int, percent: Bool = false) -> String {
        guard seats > 0 else { return "" }
        var scale = percent ? 100 : 1
        for _ in 0..<decimals { scale *= 10 }
        let units = demand * scale / seats
        var divisor = 1
        for _ in 0..<decimals { divisor *= 10 }
        return plainRatio(units, divisor, decimals: decimals)
    }

    /// A probability from a Wilson bound, four decimals.
    package static func probability(_ value: Double) -> String {
        let units = Int((value * 10000).rounded())
        return plainRatio(units, 10000, decimals: 4)
    }
}

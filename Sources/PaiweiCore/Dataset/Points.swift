/// A student's points in a points-based admission (积分入学), held exactly as whole hundredths.
///
/// Written `DIGITS`, `DIGITS.D` or `DIGITS.DD` (ASCII digits; no sign, exponent or thousands separator;
/// SPEC §2), so every value the column can hold is an integer number of hundredths and no floating point
/// ever takes part in a comparison: two students' points are equal exactly when their hundredths are.
/// Stages with `order: points_then_lottery` admit more points first.
public struct Points: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times 100.
    public let hundredths: UInt32

    /// The largest value accepted, 9999999.99: far above any points scheme, and below 2³⁰ hundredths, so
    /// that a deciding key can hold it in 30 bits.
    public static let maximum = Points(hundredths: 999_999_999)
    public static let zero = Points(hundredths: 0)

    public init(hundredths: UInt32) {
        precondition(hundredths <= 999_999_999, "points above the maximum")
        self.hundredths = hundredths
    }

    /// Why a cell is not a number of points.
    public enum SyntaxError: Error, Equatable, Sendable {
        /// Not `DIGITS`, `DIGITS.D` or `DIGITS.DD`.
        case malformed
        /// Above ``Points/maximum``.
        case tooLarge
    }

    /// Parses the cell's bytes exactly; leading zeros are fine (`085.5` is 85.5).
    public static func parse(_ bytes: some Collection<UInt8>) -> Result<Points, SyntaxError> {
        var whole: UInt64 = 0, fraction: UInt64 = 0
        var wholeDigits = 0, fractionDigits = 0, point = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if point { return .failure(.malformed) }
                point = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .failure(.malformed) }
            let digit = UInt64(byte - UInt8(ascii: "0"))
            if point {
                fractionDigits += 1
                guard fractionDigits <= 2 else { return .failure(.malformed) }
                fraction = fraction * 10 + digit
            } else {
                wholeDigits += 1
                // Past ten digits the value is too large whatever follows; stop before UInt64 could overflow.
                if whole <= 10_000_000_000 { whole = whole * 10 + digit }
            }
        }
        // "85." and ".5" are not DIGITS.D.
        guard wholeDigits > 0, !point || fractionDigits > 0 else { return .failure(.malformed) }
        if fractionDigits == 1 { fraction *= 10 }
        let total = whole * 100 + fraction
        guard total <= UInt64(maximum.hundredths) else { return .failure(.tooLarge) }
        return .success(Points(hundredths: UInt32(total)))
    }

    public init?(_ text: String) {
        guard case .success(let points) = Self.parse(text.utf8) else { return nil }
        self = points
    }

    /// Always two decimals (`85.50`), so that every cutoff in a column has the same form.
    public var description: String {
        let whole = hundredths / 100, cents = hundredths % 100
        return "\(whole)." + (cents < 10 ? "0" : "") + String(cents)
    }

    public static func < (a: Points, b: Points) -> Bool { a.hundredths < b.hundredths }
}

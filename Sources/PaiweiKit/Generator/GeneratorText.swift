/// Locale-free formatting of the generator's numbers, ids and coordinates, by integer arithmetic only.
enum GeneratorText {
    /// `value` (≥ 0) in decimal, left-padded with zeros to at least `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        let missing = width - digits.utf8.count
        return missing > 0 ? String(repeating: "0", count: missing) + digits : digits
    }

    /// `prefix` and `number` zero-padded so that ids sort naturally: `id("S", 7, width: 6)` is `S000007`.
    static func id(_ prefix: String, _ number: Int, width: Int) -> String {
        prefix + padded(number, width: width)
    }

    /// Digits needed for `count` ids, and never fewer than `minimum`.
    static func width(for count: Int, minimum: Int) -> Int {
        max(minimum, String(max(count, 0)).utf8.count)
    }

    /// Micro-degrees as decimal degrees with exactly six decimals: `39920000` is `39.920000`.
    static func degrees(micro: Int) -> String {
        let magnitude = micro.magnitude
        let whole = String(magnitude / 1_000_000)
        let fraction = padded(Int(magnitude % 1_000_000), width: 6)
        return (micro < 0 ? "-" : "") + whole + "." + fraction
    }
}

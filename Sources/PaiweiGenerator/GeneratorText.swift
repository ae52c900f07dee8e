import PaiweiCore
/// Locale-free formatting of the generator's numbers, ids, dates and coordinates, by integer arithmetic only.
///
/// Each text is written right to left into a small stack buffer and becomes one (usually inline, small)
/// string: a million-row dataset formats several million of them, and concatenating pieces cost more.
enum GeneratorText {
    /// `value` (≥ 0) in decimal, left-padded with zeros to at least `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        format { $0.digits(value, width: width) }
    }

    /// `prefix` and `number` zero-padded so that ids sort naturally: `id("S", 7, width: 6)` is `S000007`.
    static func id(_ prefix: String, _ number: Int, width: Int) -> String {
        format {
            $0.digits(number, width: width)
            $0.text(prefix)
        }
    }

    /// Digits needed for `count` ids, and never fewer than `minimum`.
    static func width(for count: Int, minimum: Int) -> Int {
        var digits = 1, rest = max(count, 0)
        while rest >= 10 {
            digits += 1
            rest /= 10
        }
        return max(minimum, digits)
    }

    /// Micro-degrees as decimal degrees with exactly six decimals: `39920000` is `39.920000`.
    static func degrees(micro: Int) -> String {
        format {
            let magnitude = Int(micro.magnitude)
            $0.digits(magnitude % 1_000_000, width: 6)
            $0.byte(UInt8(ascii: "."))
            $0.digits(magnitude / 1_000_000, width: 1)
            if micro < 0 { $0.byte(UInt8(ascii: "-")) }
        }
    }

    /// `YYYY-MM-DD` (years 0–9999).
    static func date(year: Int, month: Int, day: Int) -> String {
        format {
            $0.digits(day, width: 2)
            $0.byte(UInt8(ascii: "-"))
            $0.digits(month, width: 2)
            $0.byte(UInt8(ascii: "-"))
            $0.digits(year, width: 4)
        }
    }

    /// Room for any text made here: an id prefix and a 64-bit number with margin.
    private static let capacity = 48

    /// Writes ASCII from the end of a buffer towards its start.
    private struct BackwardWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var start: Int

        mutating func byte(_ value: UInt8) {
            precondition(start > 0, "text too long for the formatting buffer")
            start -= 1
            buffer[start] = value
        }

        /// `value` (≥ 0) in decimal, at least `width` digits.
        mutating func digits(_ value: Int, width: Int) {
            var rest = value, written = 0
            repeat {
                byte(UInt8(truncatingIfNeeded: 48 + rest % 10))
                rest /= 10
                written += 1
            } while rest > 0
            while written < width {
                byte(48)
                written += 1
            }
        }

        mutating func text(_ string: String) {
            for value in string.utf8.reversed() { byte(value) }
        }
    }

    private static func format(_ write: (inout BackwardWriter) -> Void) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var writer = BackwardWriter(buffer: buffer, start: buffer.count)
            write(&writer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[writer.start...]), as: UTF8.self)
        }
    }
}

/// Numbers as the SPEC writes a workbook's numbers: the shortest decimal that reads back to the
/// same double, in plain digits (no exponent), whole numbers without a fractional part.
///
/// Swift's `description` already finds the shortest round-tripping digits (85.5, 0.1 — not
/// 0.10000000000000001 as Excel stores it); this moves its decimal point instead of printing an
/// exponent, so 1e-05 is `0.00001` and 1e+16 is `10000000000000000`. Negative zero is `0`.
///
/// - Complexity: O(digits), at most about 330 characters for the smallest subnormal.
enum DecimalText {
    /// The plain decimal of a finite `value`; nil for infinities and NaN, which have none.
    static func shortest(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }
        let text = (value < 0 ? -value : value).description
        // The common case (39.986234, 85.5): Swift's digits are already plain.
        if !text.utf8.contains(UInt8(ascii: "e")) && !text.hasSuffix(".0") {
            return value < 0 ? "-" + text : text
        }
        var digits: [UInt8] = []
        var pointPosition = 0
        var exponent = 0
        var seenPoint = false
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let b = utf8[index]
            if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                exponent = Int(String(text[utf8.index(after: index)...])) ?? 0
                break
            }
            if b == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(b)
                if !seenPoint { pointPosition += 1 }
            }
            index = utf8.index(after: index)
        }
        pointPosition += exponent
        // Leading zeros move the point; trailing zeros (the ".0" of whole numbers) say nothing.
        var leading = 0
        while leading < digits.count && digits[leading] == UInt8(ascii: "0") { leading += 1 }
        digits.removeFirst(leading)
        pointPosition -= leading
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        if pointPosition <= 0 {
            out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            out += [UInt8](repeating: UInt8(ascii: "0"), count: -pointPosition)
            out += digits
        } else if pointPosition >= digits.count {
            out += digits
            out += [UInt8](repeating: UInt8(ascii: "0"), count: pointPosition - digits.count)
        } else {
            out += digits[0..<pointPosition]
            out.append(UInt8(ascii: "."))
            out += digits[pointPosition...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A `<v>` number as Excel writes it: optional sign, digits, optional fraction and exponent.
    /// Stricter than `Double(_:)`, which also takes "nan", "inf" and hexadecimal floats.
    static func parse(_ text: String) -> Double? {
        var sawDigit = false
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "-"), UInt8(ascii: "+"): continue
            default: return nil
            }
        }
        guard sawDigit, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

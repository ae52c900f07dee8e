/// Unicode's White_Space property on UTF-8 bytes: what every cell loses at its edges (SPEC §2) —
/// spaces and tabs typed by hand, the no-break space U+00A0 of web copies, the ideographic space U+3000
/// of Chinese input methods, and the rest of the property (U+0009–U+000D, U+0020, U+0085, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F).
///
/// Works on valid UTF-8 only, so that a match at either edge is a whole character.
enum UnicodeWhitespace {
    /// The length of the White_Space character starting at `i`, or 0.
    @inline(__always)
    static func leading(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        let b = bytes[i]
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return 1 }
        if b < 0xC2 { return 0 }
        if b == 0xC2, i + 1 < end { return bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0 ? 2 : 0 }
        guard i + 2 < end else { return 0 }
        return isThreeByteSpace(b, bytes[i + 1], bytes[i + 2]) ? 3 : 0
    }

    /// The length of the White_Space character ending just before `end`, or 0.
    @inline(__always)
    static func trailing(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int, start: Int) -> Int {
        let b = bytes[end - 1]
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) { return 1 }
        guard b >= 0x80 else { return 0 }
        if end - 2 >= start, bytes[end - 2] == 0xC2, b == 0x85 || b == 0xA0 { return 2 }
        if end - 3 >= start, isThreeByteSpace(bytes[end - 3], bytes[end - 2], b) { return 3 }
        return 0
    }

    @inline(__always)
    static func isThreeByteSpace(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        switch a {
        case 0xE1: return b == 0x9A && c == 0x80                                       // U+1680
        case 0xE2:
            if b == 0x80 { return (c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 || c == 0xAF } // U+2000–200A, 2028, 2029, 202F
            return b == 0x81 && c == 0x9F                                              // U+205F
        case 0xE3: return b == 0x80 && c == 0x80                                       // U+3000
        default: return false
        }
    }

    /// `range` of `bytes` without White_Space at either edge.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            let n = leading(bytes, at: start, end: end)
            if n == 0 { break }
            start += n
        }
        while end > start {
            let n = trailing(bytes, before: end, start: start)
            if n == 0 { break }
            end -= n
        }
        return start..<end
    }
}

extension String {
    /// Without Unicode White_Space at either edge (SPEC §2), compared and cut by bytes.
    package var trimmingWhitespace: String {
        var copy = self
        return copy.withUTF8 { bytes in
            let range = UnicodeWhitespace.trimmed(bytes, 0..<bytes.count)
            return range.count == bytes.count ? self : String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }
}

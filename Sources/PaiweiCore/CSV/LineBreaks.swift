/// Line breaks as the CSV scanner counts them — every LF, and every CR not followed by LF (so CRLF
/// is one) — inside or outside quotes alike, which is what lets a worker know the line a stretch of
/// a file starts on without reading what comes before it.
enum LineBreaks {
    /// The line breaks in `bytes[range]`, where `range` does not end between a CR and an LF (it ends
    /// at the end of the bytes or just after an LF).
    /// - Complexity: O(`range.count`), eight bytes at a time where they hold no CR.
    static func count(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count, end = range.upperBound
            var i = range.lowerBound, count = 0
            let raw = UnsafeRawPointer(b.baseAddress)
            // Word loads stay below `end`, which is at most `n`: no read leaves the buffer.
            while i + 8 <= end {
                let word = UInt64(littleEndian: raw!.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D) == 0 {
                    count += zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A).nonzeroBitCount
                    i += 8
                    continue
                }
                for k in i..<i + 8 where b[k] == 0x0A || (b[k] == 0x0D && !(k + 1 < n && b[k + 1] == 0x0A)) { count += 1 }
                i += 8
            }
            while i < end {
                if b[i] == 0x0A || (b[i] == 0x0D && !(i + 1 < n && b[i + 1] == 0x0A)) { count += 1 }
                i += 1
            }
            return count
        }
    }

    /// The offset just after the first LF at or after `i`, or `bytes.count`: where a stretch of a file
    /// can start without splitting a CRLF.
    static func afterNextLineFeed(_ bytes: [UInt8], from i: Int) -> Int {
        var i = i
        while i < bytes.count {
            if bytes[i] == 0x0A { return i + 1 }
            i += 1
        }
        return bytes.count
    }

    /// The high bit of every byte of `word` that is zero, and no other bit (exact, unlike the shorter
    /// test for "some byte is zero": adding 0x7F to the low seven bits sets the high bit of every
    /// byte that is not zero, without a carry into the next).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        return ~(((word & low) &+ low) | word | low)
    }
}

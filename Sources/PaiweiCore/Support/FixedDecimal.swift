/// A `Double` written with a fixed number of decimals exactly as C's `printf("%.*f")` writes it with
/// round-to-nearest: the exact binary value rounded to the nearest multiple of 10^-decimals, ties to
/// even. Written with integers so that every machine and every C library gives the same bytes (the
/// simulation's files were first written through `String(format:)`, and their digests are pinned),
/// and because going through Foundation's formatter cost a thousand times the work of the digits.
package enum FixedDecimal {
    /// `string(0.03125, decimals: 4)` → `0.0312` (a tie, to even); `string(-0.0, decimals: 1)` → `-0.0`.
    package static func string(_ x: Double, decimals: Int) -> String {
        var bytes: [UInt8] = []
        append(x, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the digits of `x` to `bytes`. `decimals` is 0...17.
    package static func append(_ x: Double, decimals: Int, to bytes: inout [UInt8]) {
        precondition((0...17).contains(decimals), "FixedDecimal supports 0...17 decimals")
        if x.isNaN { bytes.append(contentsOf: x.sign == .minus ? Array("-nan".utf8) : Array("nan".utf8)); return }
        if x.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        if x.isInfinite { bytes.append(contentsOf: Array("inf".utf8)); return }

        let biased = Int(x.exponentBitPattern)
        let significand = x.significandBitPattern | (biased == 0 ? 0 : 1 << 52)
        let exponent = biased == 0 ? -1074 : biased - 1075     // |x| = significand × 2^exponent
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }

        if exponent >= 0 {
            // An integer: its digits, then zeros.
            appendInteger(significand: significand, shift: exponent, to: &bytes)
            if decimals > 0 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals))
            }
            return
        }
        // units = round(significand × 10^decimals / 2^shift); the product is below 2^110.
        let shift = -exponent
        let product = UInt128(significand) * UInt128(scale)
        var units: UInt128 = 0
        if shift < 128 {
            units = product >> shift
            let remainder = product & ((1 << shift) - 1), half: UInt128 = 1 << (shift - 1)
            if remainder > half || (remainder == half && units & 1 == 1) { units += 1 }
        }   // else the value is below half a unit: 0
        // |x| < 2^52 here, so the whole part fits 64 bits; 128-bit division only past 1.8e19 units.
        let (whole, fraction) = units <= UInt128(UInt64.max)
            ? (UInt64(units) / scale, UInt64(units) % scale)
            : (UInt64(units / UInt128(scale)), UInt64(units % UInt128(scale)))
        appendDigits(whole, to: &bytes)
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        appendDigits(fraction, count: decimals, to: &bytes)
    }

    /// An integer's decimal digits, with a `-` if negative.
    package static func append(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), to: &bytes)
    }

    /// The decimal digits of `value`, left-padded with zeros to `count` (at most 24).
    private static func appendDigits(_ value: UInt64, count: Int = 1, to bytes: inout [UInt8]) {
        // Digits land right to left in 24 bytes on the stack: a UInt64 has at most 20, and the
        // padding at most 24, so the index never leaves the buffer.
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var i = raw.count, rest = value
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            while raw.count - i < count {
                i -= 1
                raw[i] = UInt8(ascii: "0")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    /// `significand × 2^shift` in decimal, through base-10^9 limbs (values up to 2^1024).
    private static func appendInteger(significand: UInt64, shift: Int, to bytes: inout [UInt8]) {
        let base: UInt64 = 1_000_000_000
        var limbs: [UInt64] = [significand % base, significand / base % base, significand / base / base]
        var left = shift
        while left > 0 {
            let step = min(left, 29)    // a limb below 2^30 times 2^29, plus a carry, stays below 2^64
            var carry: UInt64 = 0
            for i in limbs.indices {
                let value = limbs[i] << step + carry
                limbs[i] = value % base
                carry = value / base
            }
            while carry > 0 { limbs.append(carry % base); carry /= base }
            left -= step
        }
        while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
        appendDigits(limbs.last!, to: &bytes)
        for limb in limbs.dropLast().reversed() { appendDigits(limb, count: 9, to: &bytes) }
    }
}

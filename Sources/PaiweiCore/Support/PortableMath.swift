// The sine, cosine and arcsine of SPEC §3, ported to Swift from FreeBSD's msun, which carries
// fdlibm 5.3 forward: k_sin.c 1.11, k_cos.c 1.12, s_sin.c 1.12, s_cos.c 1.12, e_rem_pio2.c 1.21
// (medium-argument path only) and e_asin.c 1.14. Names, constants, branch thresholds and the order
// of every operation follow those files; comments quote the high words the C code tests. The notice
// below is the one those files carry, kept as it asks:
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
//
// e_rem_pio2.c: "Optimized by Bruce D. Evans."

/// Sine, cosine and arcsine of doubles built only from IEEE-754 basic operations, so that distances
/// (SPEC §3) come out the same, bit for bit, on every machine — unlike the platform's libm, where glibc
/// and Apple's library may differ in the last bit.
///
/// **Guarantee.** Each function is within one unit in the last place (ulp) of the exact value on its
/// domain (fdlibm's stated accuracy; the tests check it against 50-digit values and against glibc). The
/// result is a pure function of the argument's bits on any IEEE-754 binary64 machine rounding to
/// nearest, because only `+`, `−`, `×`, `÷`, `squareRoot()` (all correctly rounded by IEEE-754),
/// exact conversions between `Double` and `Int32`, and bit manipulation through
/// `Double(bitPattern:)` / `.bitPattern` are used.
///
/// **No contraction.** A fused multiply-add rounds once where `a*b + c` rounds twice, so an expression
/// contracted into FMA on one machine and not on another would give different bits. Swift does not
/// contract: it emits plain `fmul`/`fadd` without the `contract` fast-math flag and never
/// `llvm.fmuladd`. Verified with Swift 6.3.1 on x86_64 Linux: `swiftc -O -emit-ir` of this file shows
/// no `contract`, `fast` or `fmuladd`, and `swiftc -O -target-cpu haswell -emit-assembly` (a CPU with
/// FMA) shows no `vfmadd`, while an explicit `addingProduct` in the same build does compile to `vfmadd`.
///
/// **Domain.** `sin` and `cos`: any finite |x| < 2²⁰·π/2 (high word below `0x413921fb`, about 1.6e6),
/// where fdlibm's medium-argument reduction with its three-part π/2 is exact enough; distances need only
/// |x| ≤ π. Larger finite arguments would need `__kernel_rem_pio2` (not ported) and stop on a
/// `precondition`. ±∞ and NaN give NaN, as in fdlibm. `asin`: all doubles; |x| > 1 and NaN give NaN.
package enum PortableMath {
    // MARK: Public functions

    /// sin(x) within 1 ulp; `sin(±0) = ±0`, `sin(±∞) = sin(NaN) = NaN` (s_sin.c).
    /// - Precondition: `x` is not finite, or |x| < 2²⁰·π/2.
    @inline(__always)
    static func sin(_ x: Double) -> Double {
        let ix = highWord(x) & 0x7fff_ffff
        if ix <= 0x3fe9_21fb {                      // |x| ~< π/4
            if ix < 0x3e40_0000 { return x }        // |x| < 2⁻²⁷
            return kernelSin(x, 0, false)
        }
        if ix >= 0x7ff0_0000 { return x - x }       // sin(Inf or NaN) is NaN
        let (n, y0, y1) = remPio2(x, ix)
        switch n & 3 {
        case 0: return kernelSin(y0, y1, true)
        case 1: return kernelCos(y0, y1)
        case 2: return -kernelSin(y0, y1, true)
        default: return -kernelCos(y0, y1)
        }
    }

    /// cos(x) within 1 ulp; `cos(±0) = 1`, `cos(±∞) = cos(NaN) = NaN` (s_cos.c).
    /// - Precondition: `x` is not finite, or |x| < 2²⁰·π/2.
    @inline(__always)
    package static func cos(_ x: Double) -> Double {
        let ix = highWord(x) & 0x7fff_ffff
        if ix <= 0x3fe9_21fb {                      // |x| ~< π/4
            if ix < 0x3e40_0000 { return 1 }        // |x| < 2⁻²⁷
            return kernelCos(x, 0)
        }
        if ix >= 0x7ff0_0000 { return x - x }       // cos(Inf or NaN) is NaN
        let (n, y0, y1) = remPio2(x, ix)
        switch n & 3 {
        case 0: return kernelCos(y0, y1)
        case 1: return -kernelSin(y0, y1, true)
        case 2: return -kernelCos(y0, y1)
        default: return kernelSin(y0, y1, true)
        }
    }

    /// asin(x) within 1 ulp on [−1, 1]; `asin(±0) = ±0`, `asin(±1) = ±π/2` (the double nearest),
    /// NaN for |x| > 1 and for NaN (e_asin.c).
    @inline(__always)
    static func asin(_ x: Double) -> Double {
        let hx = highWord(x)
        let ix = hx & 0x7fff_ffff
        if ix >= 0x3ff0_0000 {                      // |x| >= 1
            if ix == 0x3ff0_0000 && lowWord(x) == 0 {       // ((ix − 0x3ff00000) | lx) == 0
                return x * pio2Hi + x * pio2Lo      // asin(±1) = ±π/2
            }
            return (x - x) / (x - x)                // asin(|x| > 1) and asin(NaN) are NaN
        }
        if ix < 0x3fe0_0000 {                       // |x| < 0.5
            if ix < 0x3e40_0000 { return x }        // |x| < 2⁻²⁷
            let t = x * x
            let w = asinP(t) / asinQ(t)
            return x + x * w
        }
        // 1 > |x| >= 0.5
        var t = (1 - x.magnitude) * 0.5
        let p = asinP(t)
        let q = asinQ(t)
        let s = t.squareRoot()
        if ix >= 0x3fef_3333 {                      // |x| > 0.975
            let w = p / q
            t = pio2Hi - (2.0 * (s + s * w) - pio2Lo)
        } else {
            let w = Double(bitPattern: s.bitPattern & 0xffff_ffff_0000_0000) // low word cleared
            let c = (t - w * w) / (s + w)
            let r = p / q
            let p2 = 2.0 * s * r - (pio2Lo - 2.0 * c)
            let q2 = pio4Hi - 2.0 * w
            t = pio4Hi - (p2 - q2)
        }
        return hx > 0 ? t : -t
    }

    // MARK: Kernels (k_sin.c, k_cos.c)

    /// sin(x + y) for |x| ~≤ π/4, `y` the tail of `x` (ignored unless `hasTail`); not for −0.
    @inline(__always)
    static func kernelSin(_ x: Double, _ y: Double, _ hasTail: Bool) -> Double {
        let z = x * x
        let w = z * z
        let r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6)
        let v = z * x
        if !hasTail { return x + v * (S1 + z * r) }
        return x - ((z * (0.5 * y - v * r) - y) - v * S1)
    }

    /// cos(x + y) for |x| ~≤ π/4, `y` the tail of `x`.
    @inline(__always)
    static func kernelCos(_ x: Double, _ y: Double) -> Double {
        let z = x * x
        var w = z * z
        let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6))
        let hz = 0.5 * z
        w = 1 - hz
        return w + (((1 - w) - hz) + (z * r - x * y))
    }

    // MARK: Argument reduction (e_rem_pio2.c)

    /// `x − n·π/2 = y0 + y1` with |y0 + y1| ~≤ π/4, for π/4 ~< |x| < 2²⁰·π/2; `ix` is |x|'s high word.
    static func remPio2(_ x: Double, _ ix: Int32) -> (n: Int32, y0: Double, y1: Double) {
        precondition(ix < 0x4139_21fb, "PortableMath: |x| ≥ 2²⁰·π/2 needs the large-argument reduction, which is not ported")
        let positive = highWord(x) > 0
        if ix <= 0x400f_6a7a {                      // |x| ~<= 5π/4
            if ix & 0xf_ffff != 0x9_21fb {          // not |x| ~= π/2 or 2π/2 (those cancel: medium case)
                if ix <= 0x4002_d97c {              // |x| ~<= 3π/4
                    return reduce(x, 1, pio2_1, pio2_1t, positive)
                }
                return reduce(x, 2, 2 * pio2_1, 2 * pio2_1t, positive)
            }
        } else if ix <= 0x401c_463b {               // |x| ~<= 9π/4
            if ix <= 0x4015_fdbc {                  // |x| ~<= 7π/4
                if ix != 0x4012_d97c {              // not |x| ~= 3π/2
                    return reduce(x, 3, 3 * pio2_1, 3 * pio2_1t, positive)
                }
            } else if ix != 0x4019_21fb {           // not |x| ~= 4π/2
                return reduce(x, 4, 4 * pio2_1, 4 * pio2_1t, positive)
            }
        }
        // medium: |x| ~< 2²⁰·π/2. Round to nearest with the 1.5·2⁵² trick (rounding to nearest assumed).
        let fn = (x * invpio2 + 0x1.8p52) - 0x1.8p52
        let n = Int32(fn)
        var r = x - fn * pio2_1
        var w = fn * pio2_1t                        // 1st round good to 85 bits
        let j = ix >> 20
        var y0 = r - w
        var i = j - ((highWord(y0) >> 20) & 0x7ff)
        if i > 16 {                                 // 2nd iteration needed, good to 118 bits
            var t = r
            w = fn * pio2_2
            r = t - w
            w = fn * pio2_2t - ((t - r) - w)
            y0 = r - w
            i = j - ((highWord(y0) >> 20) & 0x7ff)
            if i > 49 {                             // 3rd iteration needed, 151 bits accurate
                t = r
                w = fn * pio2_3
                r = t - w
                w = fn * pio2_3t - ((t - r) - w)
                y0 = r - w
            }
        }
        let y1 = (r - y0) - w
        return (n, y0, y1)
    }

    /// The small-multiple cases of e_rem_pio2.c: `x ∓ k·π/2` with π/2 in two parts, `k = n`.
    @inline(__always)
    private static func reduce(_ x: Double, _ n: Int32, _ hi: Double, _ lo: Double, _ positive: Bool) -> (n: Int32, y0: Double, y1: Double) {
        if positive {
            let z = x - hi                          // one round good to 85 bits
            let y0 = z - lo
            return (n, y0, (z - y0) - lo)
        }
        let z = x + hi
        let y0 = z + lo
        return (-n, y0, (z - y0) + lo)
    }

    // MARK: asin's rational approximation R(t) = P(t)/Q(t) (e_asin.c)

    @inline(__always)
    private static func asinP(_ t: Double) -> Double {
        t * (pS0 + t * (pS1 + t * (pS2 + t * (pS3 + t * (pS4 + t * pS5)))))
    }

    @inline(__always)
    private static func asinQ(_ t: Double) -> Double {
        1 + t * (qS1 + t * (qS2 + t * (qS3 + t * qS4)))
    }

    // MARK: Bits

    /// The high 32 bits (sign, exponent, top of the significand) as fdlibm's `GET_HIGH_WORD` into an `int32_t`.
    @inline(__always)
    static func highWord(_ x: Double) -> Int32 {
        Int32(truncatingIfNeeded: Int64(bitPattern: x.bitPattern) >> 32)
    }

    @inline(__always)
    private static func lowWord(_ x: Double) -> UInt32 {
        UInt32(truncatingIfNeeded: x.bitPattern)
    }

    // MARK: Constants, by their bits as the C sources give them

    // k_sin.c
    static let S1 = Double(bitPattern: 0xBFC5_5555_5555_5549) // -1.66666666666666324348e-01
    static let S2 = Double(bitPattern: 0x3F81_1111_1110_F8A6) //  8.33333333332248946124e-03
    static let S3 = Double(bitPattern: 0xBF2A_01A0_19C1_61D5) // -1.98412698298579493134e-04
    static let S4 = Double(bitPattern: 0x3EC7_1DE3_57B1_FE7D) //  2.75573137070700676789e-06
    static let S5 = Double(bitPattern: 0xBE5A_E5E6_8A2B_9CEB) // -2.50507602534068634195e-08
    static let S6 = Double(bitPattern: 0x3DE5_D93A_5ACF_D57C) //  1.58969099521155010221e-10

    // k_cos.c
    static let C1 = Double(bitPattern: 0x3FA5_5555_5555_554C) //  4.16666666666666019037e-02
    static let C2 = Double(bitPattern: 0xBF56_C16C_16C1_5177) // -1.38888888888741095749e-03
    static let C3 = Double(bitPattern: 0x3EFA_01A0_19CB_1590) //  2.48015872894767294178e-05
    static let C4 = Double(bitPattern: 0xBE92_7E4F_809C_52AD) // -2.75573143513906633035e-07
    static let C5 = Double(bitPattern: 0x3E21_EE9E_BDB4_B1C4) //  2.08757232129817482790e-09
    static let C6 = Double(bitPattern: 0xBDA8_FAE9_BE88_38D4) // -1.13596475577881948265e-11

    // e_rem_pio2.c
    static let invpio2 = Double(bitPattern: 0x3FE4_5F30_6DC9_C883) // 53 bits of 2/π
    static let pio2_1 = Double(bitPattern: 0x3FF9_21FB_5440_0000)  // first 33 bits of π/2
    static let pio2_1t = Double(bitPattern: 0x3DD0_B461_1A62_6331) // π/2 − pio2_1
    static let pio2_2 = Double(bitPattern: 0x3DD0_B461_1A60_0000)  // second 33 bits of π/2
    static let pio2_2t = Double(bitPattern: 0x3BA3_198A_2E03_7073) // π/2 − (pio2_1 + pio2_2)
    static let pio2_3 = Double(bitPattern: 0x3BA3_198A_2E00_0000)  // third 33 bits of π/2
    static let pio2_3t = Double(bitPattern: 0x397B_839A_2520_49C1) // π/2 − (pio2_1 + pio2_2 + pio2_3)

    // e_asin.c
    static let pio2Hi = Double(bitPattern: 0x3FF9_21FB_5444_2D18) // 1.57079632679489655800e+00
    static let pio2Lo = Double(bitPattern: 0x3C91_A626_3314_5C07) // 6.12323399573676603587e-17
    static let pio4Hi = Double(bitPattern: 0x3FE9_21FB_5444_2D18) // 7.85398163397448278999e-01
    static let pS0 = Double(bitPattern: 0x3FC5_5555_5555_5555)    //  1.66666666666666657415e-01
    static let pS1 = Double(bitPattern: 0xBFD4_D612_03EB_6F7D)    // -3.25565818622400915405e-01
    static let pS2 = Double(bitPattern: 0x3FC9_C155_0E88_4455)    //  2.01212532134862925881e-01
    static let pS3 = Double(bitPattern: 0xBFA4_8228_B568_8F3B)    // -4.00555345006794114027e-02
    static let pS4 = Double(bitPattern: 0x3F49_EFE0_7501_B288)    //  7.91534994289814532176e-04
    static let pS5 = Double(bitPattern: 0x3F02_3DE1_0DFD_F709)    //  3.47933107596021167570e-05
    static let qS1 = Double(bitPattern: 0xC003_3A27_1C8A_2D4B)    // -2.40339491173441421878e+00
    static let qS2 = Double(bitPattern: 0x4000_2AE5_9C59_8AC8)    //  2.02094576023350569471e+00
    static let qS3 = Double(bitPattern: 0xBFE6_066C_1B8D_0159)    // -6.88283971605453293030e-01
    static let qS4 = Double(bitPattern: 0x3FB3_B8C5_B12E_9282)    //  7.70381505559019352791e-02
}

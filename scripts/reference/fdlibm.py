"""A port of fdlibm 5.3's sin, cos and asin to Python floats.

SPEC §3 asks for sine, cosine and arcsine "built from IEEE-754 basic operations (no platform maths
library) ... a port of a published algorithm (fdlibm's, say)". Python floats are IEEE-754 doubles and
Python's + - * / and math.sqrt are correctly rounded, so a literal transcription of fdlibm computes
the same bits on every machine.

Ported from Sun's fdlibm 5.3 (k_sin.c, k_cos.c, e_rem_pio2.c medium path, s_sin.c, s_cos.c,
e_asin.c). Every constant is given by its bit pattern (the hex words of the C source), so no decimal
transcription can go wrong. The large-argument path of rem_pio2 (|x| > 2^19·π/2, __kernel_rem_pio2)
is not ported: haversine arguments are below π in magnitude; such an argument raises.
"""

import math
import struct


def _from_words(hi: int, lo: int) -> float:
    return struct.unpack("<d", struct.pack("<II", lo, hi))[0]


def _hi(x: float) -> int:
    """The high 32-bit word of x, as a signed int (like fdlibm's __HI)."""
    w = struct.unpack("<II", struct.pack("<d", x))[1]
    return w - (1 << 32) if w & 0x80000000 else w


def _lo(x: float) -> int:
    return struct.unpack("<II", struct.pack("<d", x))[0]


def _with_lo_zero(x: float) -> float:
    hi = struct.unpack("<II", struct.pack("<d", x))[1]
    return _from_words(hi, 0)


# ---- k_sin.c ---------------------------------------------------------------------------------
_S1 = _from_words(0xBFC55555, 0x55555549)  # -1.66666666666666324348e-01
_S2 = _from_words(0x3F811111, 0x1110F8A6)  #  8.33333333332248946124e-03
_S3 = _from_words(0xBF2A01A0, 0x19C161D5)  # -1.98412698298579493134e-04
_S4 = _from_words(0x3EC71DE3, 0x57B1FE7D)  #  2.75573137070700676789e-06
_S5 = _from_words(0xBE5AE5E6, 0x8A2B9CEB)  # -2.50507602534068634195e-08
_S6 = _from_words(0x3DE5D93A, 0x5ACFD57C)  #  1.58969099521155010221e-10


def kernel_sin(x: float, y: float, iy: int) -> float:
    """sin(x+y) for |x| <= π/4, y the tail of x; iy = 0 when y is known to be 0."""
    ix = _hi(x) & 0x7FFFFFFF
    if ix < 0x3E400000:  # |x| < 2**-27
        if int(x) == 0:
            return x
    z = x * x
    v = z * x
    r = _S2 + z * (_S3 + z * (_S4 + z * (_S5 + z * _S6)))
    if iy == 0:
        return x + v * (_S1 + z * r)
    return x - ((z * (0.5 * y - v * r) - y) - v * _S1)


# ---- k_cos.c ---------------------------------------------------------------------------------
_C1 = _from_words(0x3FA55555, 0x5555554C)  #  4.16666666666666019037e-02
_C2 = _from_words(0xBF56C16C, 0x16C15177)  # -1.38888888888741095749e-03
_C3 = _from_words(0x3EFA01A0, 0x19CB1590)  #  2.48015872894767294178e-05
_C4 = _from_words(0xBE927E4F, 0x809C52AD)  # -2.75573143513906633035e-07
_C5 = _from_words(0x3E21EE9E, 0xBDB4B1C4)  #  2.08757232129817482790e-09
_C6 = _from_words(0xBDA8FAE9, 0xBE8838D4)  # -1.13596475577881948265e-11


def kernel_cos(x: float, y: float) -> float:
    """cos(x+y) for |x| <= π/4, y the tail of x."""
    ix = _hi(x) & 0x7FFFFFFF
    if ix < 0x3E400000:  # |x| < 2**-27
        if int(x) == 0:
            return 1.0
    z = x * x
    r = z * (_C1 + z * (_C2 + z * (_C3 + z * (_C4 + z * (_C5 + z * _C6)))))
    if ix < 0x3FD33333:  # |x| < 0.3
        return 1.0 - (0.5 * z - (z * r - x * y))
    if ix > 0x3FE90000:  # |x| > 0.78125
        qx = 0.28125
    else:
        qx = _from_words(ix - 0x00200000, 0)  # x/4
    hz = 0.5 * z - qx
    a = 1.0 - qx
    return a - (hz - (z * r - x * y))


# ---- e_rem_pio2.c (all but the __kernel_rem_pio2 path) ------------------------------------------
_INVPIO2 = _from_words(0x3FE45F30, 0x6DC9C883)  # 6.36619772367581382433e-01
_PIO2_1 = _from_words(0x3FF921FB, 0x54400000)  # first 33 bits of pi/2
_PIO2_1T = _from_words(0x3DD0B461, 0x1A626331)  # pi/2 - pio2_1
_PIO2_2 = _from_words(0x3DD0B461, 0x1A600000)  # second 33 bits of pi/2
_PIO2_2T = _from_words(0x3BA3198A, 0x2E037073)  # pi/2 - (pio2_1+pio2_2)
_PIO2_3 = _from_words(0x3BA3198A, 0x2E000000)  # third 33 bits of pi/2
_PIO2_3T = _from_words(0x397B839A, 0x252049C1)  # pi/2 - (pio2_1+pio2_2+pio2_3)

_NPIO2_HW = [
    0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C,
    0x4025FDBB, 0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C,
    0x40346B9C, 0x4035FDBB, 0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A,
    0x403DD85A, 0x403F6A7A, 0x40407E4C, 0x4041475C, 0x4042106C, 0x4042D97C,
    0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB, 0x4046C6CB, 0x40478FDB,
    0x404858EB, 0x404921FB,
]


def rem_pio2(x: float):
    """(n, y0, y1) with x = n·π/2 + (y0 + y1), |y0 + y1| <= π/4."""
    hx = _hi(x)
    ix = hx & 0x7FFFFFFF
    if ix <= 0x3FE921FB:  # |x| ~<= pi/4
        return 0, x, 0.0
    if ix < 0x4002D97C:  # |x| < 3pi/4, n = +-1
        if hx > 0:
            z = x - _PIO2_1
            if ix != 0x3FF921FB:
                y0 = z - _PIO2_1T
                y1 = (z - y0) - _PIO2_1T
            else:  # near pi/2
                z -= _PIO2_2
                y0 = z - _PIO2_2T
                y1 = (z - y0) - _PIO2_2T
            return 1, y0, y1
        z = x + _PIO2_1
        if ix != 0x3FF921FB:
            y0 = z + _PIO2_1T
            y1 = (z - y0) + _PIO2_1T
        else:
            z += _PIO2_2
            y0 = z + _PIO2_2T
            y1 = (z - y0) + _PIO2_2T
        return -1, y0, y1
    if ix <= 0x413921FB:  # |x| ~<= 2^19*(pi/2), medium size
        t = abs(x)
        n = int(t * _INVPIO2 + 0.5)
        fn = float(n)
        r = t - fn * _PIO2_1
        w = fn * _PIO2_1T  # 1st round good to 85 bits
        if n < 32 and ix != _NPIO2_HW[n - 1]:
            y0 = r - w  # quick check: no cancellation
        else:
            j = ix >> 20
            y0 = r - w
            i = j - ((_hi(y0) >> 20) & 0x7FF)
            if i > 16:  # 2nd iteration, good to 118 bits
                t = r
                w = fn * _PIO2_2
                r = t - w
                w = fn * _PIO2_2T - ((t - r) - w)
                y0 = r - w
                i = j - ((_hi(y0) >> 20) & 0x7FF)
                if i > 49:  # 3rd iteration, 151 bits
                    t = r
                    w = fn * _PIO2_3
                    r = t - w
                    w = fn * _PIO2_3T - ((t - r) - w)
                    y0 = r - w
        y1 = (r - y0) - w
        if hx < 0:
            return -n, -y0, -y1
        return n, y0, y1
    if ix >= 0x7FF00000:
        return 0, x - x, x - x
    raise ValueError("rem_pio2: argument too large for the medium path: %r" % x)


# ---- s_sin.c, s_cos.c ------------------------------------------------------------------------
def sin(x: float) -> float:
    ix = _hi(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:
        return kernel_sin(x, 0.0, 0)
    if ix >= 0x7FF00000:
        return x - x
    n, y0, y1 = rem_pio2(x)
    q = n & 3
    if q == 0:
        return kernel_sin(y0, y1, 1)
    if q == 1:
        return kernel_cos(y0, y1)
    if q == 2:
        return -kernel_sin(y0, y1, 1)
    return -kernel_cos(y0, y1)


def cos(x: float) -> float:
    ix = _hi(x) & 0x7FFFFFFF
    if ix <= 0x3FE921FB:
        return kernel_cos(x, 0.0)
    if ix >= 0x7FF00000:
        return x - x
    n, y0, y1 = rem_pio2(x)
    q = n & 3
    if q == 0:
        return kernel_cos(y0, y1)
    if q == 1:
        return -kernel_sin(y0, y1, 1)
    if q == 2:
        return -kernel_cos(y0, y1)
    return kernel_sin(y0, y1, 1)


# ---- e_asin.c --------------------------------------------------------------------------------
_PIO2_HI = _from_words(0x3FF921FB, 0x54442D18)
_PIO2_LO = _from_words(0x3C91A626, 0x33145C07)
_PIO4_HI = _from_words(0x3FE921FB, 0x54442D18)
_PS0 = _from_words(0x3FC55555, 0x55555555)
_PS1 = _from_words(0xBFD4D612, 0x03EB6F7D)
_PS2 = _from_words(0x3FC9C155, 0x0E884455)
_PS3 = _from_words(0xBFA48228, 0xB5688F3B)
_PS4 = _from_words(0x3F49EFE0, 0x7501B288)
_PS5 = _from_words(0x3F023DE1, 0x0DFDF709)
_QS1 = _from_words(0xC0033A27, 0x1C8A2D4B)
_QS2 = _from_words(0x40002AE5, 0x9C598AC8)
_QS3 = _from_words(0xBFE6066C, 0x1B8D0159)
_QS4 = _from_words(0x3FB3B8C5, 0xB12E9282)


def asin(x: float) -> float:
    hx = _hi(x)
    ix = hx & 0x7FFFFFFF
    if ix >= 0x3FF00000:  # |x| >= 1
        if ((ix - 0x3FF00000) | _lo(x)) == 0:
            return x * _PIO2_HI + x * _PIO2_LO  # asin(+-1) = +-pi/2
        return math.nan
    if ix < 0x3FE00000:  # |x| < 0.5
        if ix < 0x3E400000:  # |x| < 2**-27
            return x
        t = x * x
        p = t * (_PS0 + t * (_PS1 + t * (_PS2 + t * (_PS3 + t * (_PS4 + t * _PS5)))))
        q = 1.0 + t * (_QS1 + t * (_QS2 + t * (_QS3 + t * _QS4)))
        w = p / q
        return x + x * w
    # 1 > |x| >= 0.5
    w = 1.0 - abs(x)
    t = w * 0.5
    p = t * (_PS0 + t * (_PS1 + t * (_PS2 + t * (_PS3 + t * (_PS4 + t * _PS5)))))
    q = 1.0 + t * (_QS1 + t * (_QS2 + t * (_QS3 + t * _QS4)))
    s = math.sqrt(t)
    if ix >= 0x3FEF3333:  # |x| > 0.975
        w = p / q
        t = _PIO2_HI - (2.0 * (s + s * w) - _PIO2_LO)
    else:
        w = _with_lo_zero(s)
        c = (t - w * w) / (s + w)
        r = p / q
        p = 2.0 * s * r - (_PIO2_LO - 2.0 * c)
        q = _PIO4_HI - 2.0 * w
        t = _PIO4_HI - (p - q)
    return t if hx > 0 else -t

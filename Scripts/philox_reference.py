"""Reference implementation of NNInit's PhiloxGenerator (Docs/Philox.md), pure Python.

An independent reimplementation of the documented algorithms, written from Docs/Philox.md, not from
the Swift or C code. fma(a, b, c) is computed exactly with Fractions and rounded once (Python's
float(Fraction) rounds to nearest even); binary32 operations are computed exactly and rounded once by
round_f32, so this reproduces the Swift bits without hardware FMA or float32 types.

  python3 Scripts/philox_reference.py    # prints the values in Tests/RandomModuleTests/PhiloxGoldens.swift
"""
from fractions import Fraction
import math, struct

M = 0xFFFFFFFF
def philox4x32_10(ctr, key):
    x0, x1, x2, x3 = ctr
    k0, k1 = key
    for r in range(10):
        if r:
            k0 = (k0 + 0x9E3779B9) & M
            k1 = (k1 + 0xBB67AE85) & M
        p0 = 0xD2511F53 * x0
        p1 = 0xCD9E8D57 * x2
        x0, x1, x2, x3 = ((p1 >> 32) ^ x1 ^ k0, p1 & M, (p0 >> 32) ^ x3 ^ k1, p0 & M)
    return (x0, x1, x2, x3)

U64 = (1 << 64) - 1
def fnv1a64(s):
    h = 0xCBF29CE484222325
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & U64
    return h
def splitmix64(z):
    z = (z + 0x9E3779B97F4A7C15) & U64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & U64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & U64
    return z ^ (z >> 31)
def key64(seed, path):
    return splitmix64(splitmix64(seed & U64) ^ fnv1a64(path))

STREAM_UNIFORM, STREAM_NORMAL, STREAM_TRUNC, STREAM_PERM = 0, 1, 2, 3
class Gen:
    def __init__(self, seed, path=""):
        k = key64(seed, path)
        self.key = (k & M, k >> 32)
    def block(self, b, stream):
        return philox4x32_10((b & M, b >> 32, stream, 0), self.key)
    def word(self, j, stream):
        return self.block(j >> 2, stream)[j & 3]
    def bits53(self, j, stream):
        return ((self.word(j, stream) << 32) | self.word(j + 1, stream)) >> 11

def exact_zero(a, b, c):
    """IEEE 754's sign of an exactly zero a·b + c (round to nearest): −0 only if a·b and c are both −0."""
    product_negative_zero = (a == 0 or b == 0) and math.copysign(1, a) * math.copysign(1, b) < 0
    return -0.0 if product_negative_zero and c == 0 and math.copysign(1, c) < 0 else 0.0
def fma(a, b, c):
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    return exact_zero(a, b, c) if exact == 0 else float(exact)
def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]
def round_f32(fr):
    # Correct rounding of a Fraction to float32 (ties to even).
    if fr == 0: return 0.0
    sign = -1 if fr < 0 else 1
    fr = abs(fr)
    e = math.floor(math.log2(fr))
    while Fraction(2) ** e > fr: e -= 1
    while Fraction(2) ** (e + 1) <= fr: e += 1
    e = max(e, -126)
    q = fr / Fraction(2) ** (e - 23)
    n = q.numerator // q.denominator
    rem = q - n
    if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and n % 2 == 1): n += 1
    return sign * float(n * Fraction(2) ** (e - 23))
def fmaf(a, b, c):
    exact = Fraction(a) * Fraction(b) + Fraction(c)
    return exact_zero(a, b, c) if exact == 0 else round_f32(exact)

def uniform32(g, i, lo, hi):
    f, t = f32(lo), f32(hi)
    rng = f32(t - f)
    x = f32((g.word(i, STREAM_UNIFORM) >> 8) * 2.0**-24)
    v = fmaf(x, rng, f)
    return f if v == t else v
def uniform64(g, i, lo, hi):
    x = g.bits53(2 * i, STREAM_UNIFORM) * 2.0**-53
    v = fma(x, hi - lo, lo)
    return lo if v == hi else v

SQRT2 = struct.unpack("<d", bytes.fromhex("cd3b7f669ea0f63f"))[0]
LN2_HI = struct.unpack("<d", (0x3FE62E42FEE00000).to_bytes(8, "little"))[0]
LN2_LO = struct.unpack("<d", (0x3DEA39EF35793C76).to_bytes(8, "little"))[0]
TWO_PI = struct.unpack("<d", (0x401921FB54442D18).to_bytes(8, "little"))[0]
LG = [6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01,
      2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01,
      1.479819860511658591e-01]
def ref_log(x):
    k = 0
    if x < 2.0**-1022:
        x *= 2.0**54; k = -54
    bits = struct.unpack("<Q", struct.pack("<d", x))[0]
    k += (bits >> 52) - 1023
    m = struct.unpack("<d", struct.pack("<Q", (bits & 0xFFFFFFFFFFFFF) | 0x3FF0000000000000))[0]
    if m > SQRT2:
        m *= 0.5; k += 1
    f = m - 1
    s = f / (2 + f)
    z = s * s; w = z * z
    t1 = w * (LG[1] + w * (LG[3] + w * LG[5]))
    t2 = z * (LG[0] + w * (LG[2] + w * (LG[4] + w * LG[6])))
    r = t2 + t1
    hfsq = 0.5 * f * f
    dk = float(k)
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f)
SIN_C = [(-1) ** k / math.factorial(2 * k + 1) for k in range(9, -1, -1)]
COS_C = [(-1) ** k / math.factorial(2 * k) for k in range(10, -1, -1)]
def ref_sincos(m):
    q = ((m + (1 << 50)) & U64) >> 51
    r = (m - (q << 51)) & U64
    if r >= 1 << 63: r -= 1 << 64
    t = float(r) * 2.0**-53
    x = t * TWO_PI
    x2 = x * x
    s = SIN_C[0]
    for c in SIN_C[1:]: s = fma(s, x2, c)
    s = s * x
    c = COS_C[0]
    for k in COS_C[1:]: c = fma(c, x2, k)
    return [(s, c), (c, -s), (-s, -c), (-c, s)][q & 3]
def std_normal(g, i):
    w = g.block(i >> 1, STREAM_NORMAL)
    m1 = ((w[0] << 32) | w[1]) >> 11
    m2 = ((w[2] << 32) | w[3]) >> 11
    u1 = float((1 << 53) - m1) * 2.0**-53
    r = math.sqrt(-2 * ref_log(u1))
    s, c = ref_sincos(m2)
    return r * c if i % 2 == 0 else r * s
def normal64(g, i, mean, std):
    return fma(std_normal(g, i), std, mean)

# --- truncated normal: Cody's Phi (R pnorm_both) and Wichura's AS241, as in PhiloxMath+NormalDistribution.swift
EXP_C = [1.0 / math.factorial(k) for k in range(13, -1, -1)]
def ref_exp(x):
    if not x > -745.2: return 0.0
    kf = round(x * (1 / 0.693147180559945309417232121458176568))  # Python round: ties to even
    kf = float(kf)
    r = (x - kf * LN2_HI) - kf * LN2_LO
    p = EXP_C[0]
    for c in EXP_C[1:]: p = fma(p, r, c)
    k = int(kf)
    if k >= -1022: return p * 2.0**k
    return (p * 2.0**(k + 64)) * 2.0**-64
A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113]
B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956]
C = [0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
     2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8]
D = [22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
     18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727]
P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
     2.9112874951168792e-5, 0.02307344176494017303]
Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5]
def ref_pnorm(x):
    y = abs(x)
    if y <= 0.67448975:
        xnum = xden = 0.0
        if y > 2.0**-53:
            xsq = x * x
            xnum = A[4] * xsq; xden = xsq
            for i in range(3):
                xnum = (xnum + A[i]) * xsq; xden = (xden + B[i]) * xsq
        temp = x * (xnum + A[3]) / (xden + B[3])
        return (0.5 + temp, 0.5 - temp)
    if y <= 5.656854249492380195206754896838:
        xnum = C[8] * y; xden = y
        for i in range(7):
            xnum = (xnum + C[i]) * y; xden = (xden + D[i]) * y
        temp = (xnum + C[7]) / (xden + D[7])
    elif y < 37.5193:
        xsq = 1 / (x * x)
        xnum = P[5] * xsq; xden = xsq
        for i in range(4):
            xnum = (xnum + P[i]) * xsq; xden = (xden + Q[i]) * xsq
        temp = xsq * (xnum + P[4]) / (xden + Q[4])
        temp = (0.398942280401432677939946059934 - temp) / y
    else:
        return (1.0, 0.0) if x > 0 else (0.0, 1.0)
    xsq = math.trunc(y * 16) / 16
    dl = (y - xsq) * (y + xsq)
    tail = ref_exp(-xsq * xsq * 0.5) * ref_exp(-dl * 0.5) * temp
    return (1 - tail, tail) if x > 0 else (tail, 1 - tail)
AS_A = [3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
        4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3]
AS_B = [1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3]
AS_C = [1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
        1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4]
AS_D = [1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9]
AS_E = [6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
        2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7]
AS_F = [1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15]
def horner(c, x):
    v = c[-1]
    for ci in reversed(c[:-1]): v = v * x + ci
    return v
def ref_qnorm(p):
    if p <= 0: return -math.inf
    if p >= 1: return math.inf
    q = p - 0.5
    if abs(q) <= 0.425:
        r = 0.180625 - q * q
        return q * horner(AS_A, r) / horner(AS_B, r)
    r = math.sqrt(-ref_log(p if q < 0 else 1 - p))
    if r <= 5:
        r = r - 1.6; v = horner(AS_C, r) / horner(AS_D, r)
    else:
        r = r - 5; v = horner(AS_E, r) / horner(AS_F, r)
    return -v if q < 0 else v
def trunc64(g, i, mean, std, a, b):
    if not (std > 0 and a < b): return min(max(mean, a), b)
    al, be = (a - mean) / std, (b - mean) / std
    mir = al + be > 0
    if mir: al, be = -be, -al
    lowA = ref_pnorm(al)[0]
    lowB, upB = ref_pnorm(be)
    mass = lowB - lowA
    m = g.bits53(2 * i, STREAM_TRUNC)
    t = fma(m * 2.0**-53, mass, lowA)
    z = ref_qnorm(t) if t <= 0.5 else -ref_qnorm(fma(float((1 << 53) - m) * 2.0**-53, mass, upB))
    if mir: z = -z
    return min(max(fma(z, std, mean), a), b)
def randperm(g, n):
    keys = [(((g.word(2 * i, STREAM_PERM) << 32) | g.word(2 * i + 1, STREAM_PERM)), i) for i in range(n)]
    return [i for _, i in sorted(keys)]


# --- binary32 normal (§3 "normal, float32"): Box–Muller with Cephes' logf, sinf, cosf, four per block
def f32mul(a, b): return f32(a * b)  # the binary64 product of two binary32 values is exact; one rounding
def f32add(a, b): return fmaf(1.0, a, b)
def f32bits(x): return struct.unpack("<I", struct.pack("<f", x))[0]
def f32from(bits): return struct.unpack("<f", struct.pack("<I", bits))[0]
SQRT2F = f32from(0x3FB504F3)
LOGF_P = [f32(c) for c in (7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
                           -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1)]
SINF_S = [f32(c) for c in (-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1)]
COSF_C = [f32(c) for c in (2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2)]
TWO_PI_2P24 = f32from(0x40C90FDB) * 2.0**-24
def ref_logf(x):
    bits = f32bits(x)
    k = float((bits >> 23) - 127)
    m = f32from((bits & 0x7FFFFF) | 0x3F800000)
    if m > SQRT2F:
        m *= 0.5; k += 1
    f = m - 1  # exact
    z = f32mul(f, f)
    p = LOGF_P[0]
    for c in LOGF_P[1:]: p = fmaf(p, f, c)
    y = f32mul(f32mul(p, f), z)
    y = fmaf(k, f32(-2.12194440e-4), y)
    y = fmaf(-0.5, z, y)
    return fmaf(k, 0.693359375, f32add(f, y))
def ref_sincosf(m):
    q = ((m + (1 << 21)) & M) >> 22
    t = (m - (q << 22)) & M
    if t >= 1 << 31: t -= 1 << 32
    x = f32mul(float(t), TWO_PI_2P24)
    z = f32mul(x, x)
    s = fmaf(fmaf(fmaf(SINF_S[0], z, SINF_S[1]), z, SINF_S[2]), f32mul(z, x), x)
    c = fmaf(fmaf(fmaf(COSF_C[0], z, COSF_C[1]), z, COSF_C[2]), f32mul(z, z), fmaf(-0.5, z, 1.0))
    return [(s, c), (c, -s), (-s, -c), (-c, s)][q & 3]
def box_muller24(a, b):
    u = float((1 << 24) - (a >> 8)) * 2.0**-24
    r = f32(math.sqrt(f32mul(-2.0, ref_logf(u))))  # binary32 sqrt: the binary64 sqrt rounded once more is exact (sqrt(−0) = −0)
    s, c = ref_sincosf(b >> 8)
    return f32mul(r, c), f32mul(r, s)
def normal32(g, i, mean, std):
    w = g.block(i >> 2, STREAM_NORMAL)
    pair = box_muller24(w[0], w[1]) if i & 3 < 2 else box_muller24(w[2], w[3])
    return fmaf(pair[i & 1], f32(std), f32(mean))

if __name__ == "__main__":
    for ctr, key in [((0,)*4, (0, 0)), ((M,)*4, (M, M)), ((0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344), (0xa4093822, 0x299f31d0))]:
        print("// Philox4x32-10 KAT:", " ".join("%08x" % w for w in philox4x32_10(ctr, key)))
    bits32 = lambda x: "0x%08x" % struct.unpack("<I", struct.pack("<f", x))[0]
    bits64 = lambda x: "0x%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]
    g = Gen(42, "0.weight")
    print("static let keySeed0Empty: UInt64 = %s" % hex(key64(0, "")))
    print("static let keySeed42Weight: UInt64 = %s" % hex(key64(42, "0.weight")))
    print("static let uniform32: [UInt32] = [%s]" % ", ".join(bits32(uniform32(g, i, -1, 1)) for i in range(6)))
    print("static let uniform64: [UInt64] = [%s]" % ", ".join(bits64(uniform64(g, i, 0, 1)) for i in range(5)))
    print("static let normal32: [UInt32] = [%s]" % ", ".join(bits32(normal32(g, i, 0, 1)) for i in range(10)))
    print("static let normal32Offset3: [UInt32] = [%s]" % ", ".join(bits32(normal32(g, i, 1, 2)) for i in range(3, 12)))
    print("static let normal64: [UInt64] = [%s]" % ", ".join(bits64(normal64(g, i, 0, 1)) for i in range(5)))
    print("static let truncatedNormal64: [UInt64] = [%s]" % ", ".join(bits64(trunc64(g, i, 0, 1, -2, 2)) for i in range(5)))
    print("static let truncatedNormalMirrored64: [UInt64] = [%s]" % ", ".join(bits64(trunc64(g, i, 0.5, 0.5, 1, 1.5)) for i in range(4)))
    print("static let randperm10 = %s" % randperm(g, 10))
    print("static let boxMuller24: [UInt32] = [%s]  // (cos, sin) of words (0, 0x4000_0000), (0xFF, 0xC000_0000), (0xFFFF_FFFF, 0x2000_0000)"
          % ", ".join(bits32(v) for a, b in ((0, 0x40000000), (0xFF, 0xC0000000), (0xFFFFFFFF, 0x20000000)) for v in box_muller24(a, b)))

@_spi(Testing) import RandomModule

/// The elementary functions behind ``PhiloxGenerator``'s normal and truncated normal, written with
/// IEEE-754 double `+ − × / sqrt`, explicit `fma`, exact rounding to an integer and exact bit
/// manipulation only — never libm — so that any language or SIMD kernel that performs the same
/// operations in the same order reproduces them bit for bit (`Docs/Philox.md`). No operation is
/// contracted into an `fma` unless written as `fusedMultiplyAdd`.
public enum PhiloxMath {
  static let ln2Hi = Double(bitPattern: 0x3FE6_2E42_FEE0_0000)  // fdlibm ln2_hi, 32 significant bits
  static let ln2Lo = Double(bitPattern: 0x3DEA_39EF_3579_3C76)  // fdlibm ln2_lo
  static let sqrt2 = Double(bitPattern: 0x3FF6_A09E_667F_3BCD)
  static let twoPi = Double(bitPattern: 0x4019_21FB_5444_2D18)
  // fdlibm e_log.c: Lg1…Lg7.
  static let lg: [Double] = [
    6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01,
    2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01,
    1.479819860511658591e-01,
  ]
  /// 1/k! for k = 13 down to 0 (Taylor series of exp, |r| ≤ ln2/2: truncation < 2⁻⁵⁷).
  static let expTaylor: [Double] = (0...13).reversed().map { k in 1 / (1...max(k, 1)).reduce(1.0) { $0 * Double($1) } }
  /// (−1)ᵏ/(2k+1)! for k = 9 down to 0 (sin on |x| ≤ π/4: truncation < 2⁻⁶⁰).
  static let sinTaylor: [Double] = (0...9).reversed().map { k in
    (k % 2 == 0 ? 1.0 : -1.0) / (1...(2 * k + 1)).reduce(1.0) { $0 * Double($1) }
  }
  /// (−1)ᵏ/(2k)! for k = 10 down to 0 (cos on |x| ≤ π/4: truncation < 2⁻⁶³).
  static let cosTaylor: [Double] = (0...10).reversed().map { k in
    (k % 2 == 0 ? 1.0 : -1.0) / (1...max(2 * k, 1)).reduce(1.0) { $0 * Double($1) }
  }

  /// Natural logarithm for finite x > 0 (fdlibm `__ieee754_log`'s main path; error < 1 ulp).
  ///
  /// `x = 2ᵏ·m` with m ∈ (√2/2, √2], `f = m − 1` (exact), `s = f/(2+f)`, and
  /// `log x = k·ln2_hi − ((f²/2 − (s·(f²/2 + R(s²)) + k·ln2_lo)) − f)`, R fdlibm's degree-14 polynomial.
  public static func log(_ input: Double) -> Double {
    var x = input
    var k = 0
    if x < 0x1p-1022 {
      x *= 0x1p54
      k = -54
    }
    let bits = x.bitPattern
    k += Int(bits >> 52) - 1023
    var m = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
    if m > sqrt2 {
      m *= 0.5
      k += 1
    }
    let f = m - 1
    let s = f / (2 + f)
    let z = s * s
    let w = z * z
    let t1 = w * (lg[1] + w * (lg[3] + w * lg[5]))
    let t2 = z * (lg[0] + w * (lg[2] + w * (lg[4] + w * lg[6])))
    let r = t2 + t1
    let hfsq = 0.5 * f * f
    let dk = Double(k)
    return dk * ln2Hi - ((hfsq - (s * (hfsq + r) + dk * ln2Lo)) - f)
  }

  /// eˣ for x ≤ 0 (relative error ≲ 1 ulp; 0 below −745.2).
  ///
  /// `k = roundToEven(x/ln2)`, `r = (x − k·ln2_hi) − k·ln2_lo`, Horner with `fma` over the Taylor
  /// coefficients 1/13! … 1, times 2ᵏ (in two exact-power steps when 2ᵏ is subnormal).
  public static func exp(_ x: Double) -> Double {
    guard x > -745.2 else { return 0 }
    let kf = (x * (1 / 0.693147180559945309417232121458176568)).rounded(.toNearestOrEven)
    let r = (x - kf * ln2Hi) - kf * ln2Lo
    var p = expTaylor[0]
    for c in expTaylor.dropFirst() { p = fusedMultiplyAdd(p, r, c) }
    let k = Int(kf)
    if k >= -1022 { return p * Double(sign: .plus, exponent: k, significand: 1) }
    return (p * Double(sign: .plus, exponent: k + 64, significand: 1)) * 0x1p-64
  }

  /// sin(2π·m·2⁻⁵³) and cos(2π·m·2⁻⁵³) for a 53-bit integer m (an angle in turns).
  ///
  /// Exact reduction to the nearest quarter turn `q = (m + 2⁵⁰) >> 51`, remainder
  /// `t = (m − q·2⁵¹)·2⁻⁵³ ∈ [−1/8, 1/8)` (exact), `x = t·2π` (one rounding), Taylor polynomials for
  /// sin and cos on |x| ≤ π/4 evaluated in x² with `fma`, then the quadrant's rotation (exact).
  public static func sinCos(turns53 m: UInt64) -> (sin: Double, cos: Double) {
    let q = (m &+ (1 << 50)) >> 51
    let t = Double(Int64(bitPattern: m &- (q << 51))) * 0x1p-53
    let x = t * twoPi
    let x2 = x * x
    var s = sinTaylor[0]
    for c in sinTaylor.dropFirst() { s = fusedMultiplyAdd(s, x2, c) }
    s = s * x
    var c = cosTaylor[0]
    for k in cosTaylor.dropFirst() { c = fusedMultiplyAdd(c, x2, k) }
    switch q & 3 {
    case 0: return (s, c)
    case 1: return (c, -s)
    case 2: return (-s, -c)
    default: return (-c, s)
    }
  }
}

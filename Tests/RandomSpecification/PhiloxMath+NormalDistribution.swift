@_spi(Testing) import RandomModule

extension PhiloxMath {
  // W. J. Cody, "Rational Chebyshev approximations for the error function" (1969), as R's
  // `pnorm_both` (src/nmath/pnorm.c) arranges them.
  static let codyA: [Double] = [
    2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
    0.065682337918207449113,
  ]
  static let codyB: [Double] = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956]
  static let codyC: [Double] = [
    0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
    2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
    1.0765576773720192317e-8,
  ]
  static let codyD: [Double] = [
    22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
    18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
  ]
  static let codyP: [Double] = [
    0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
    2.9112874951168792e-5, 0.02307344176494017303,
  ]
  static let codyQ: [Double] = [
    1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
    7.29751555083966205e-5,
  ]
  static let oneOverSqrt2Pi = 0.398942280401432677939946059934
  static let sqrt32 = 5.656854249492380195206754896838

  /// Φ(x) and 1 − Φ(x), each with full relative precision in its own tail (relative error ~1e-15).
  ///
  /// Cody's rational approximations exactly as R's `pnorm_both` evaluates them (plain `+ − × /`,
  /// no `fma`), with ``exp(_:)`` for e^(−x²/2) split as `e^(−xsq²/2)·e^(−del/2)`,
  /// `xsq = trunc(16x)/16`, `del = (x − xsq)(x + xsq)`. Beyond |x| ≥ 37.5193 the tails are 0 and 1.
  public static func normalCDF(_ x: Double) -> (lower: Double, upper: Double) {
    guard !x.isNaN else { return (x, x) }
    let y = abs(x)
    if y <= 0.67448975 {
      var xnum = 0.0, xden = 0.0
      let eps = Double.ulpOfOne * 0.5
      if y > eps {
        let xsq = x * x
        xnum = codyA[4] * xsq
        xden = xsq
        for i in 0..<3 {
          xnum = (xnum + codyA[i]) * xsq
          xden = (xden + codyB[i]) * xsq
        }
      }
      let temp = x * (xnum + codyA[3]) / (xden + codyB[3])
      return (0.5 + temp, 0.5 - temp)
    }
    var temp: Double
    if y <= sqrt32 {
      var xnum = codyC[8] * y
      var xden = y
      for i in 0..<7 {
        xnum = (xnum + codyC[i]) * y
        xden = (xden + codyD[i]) * y
      }
      temp = (xnum + codyC[7]) / (xden + codyD[7])
    } else if y < 37.5193 {
      let xsq = 1 / (x * x)
      var xnum = codyP[5] * xsq
      var xden = xsq
      for i in 0..<4 {
        xnum = (xnum + codyP[i]) * xsq
        xden = (xden + codyQ[i]) * xsq
      }
      temp = xsq * (xnum + codyP[4]) / (xden + codyQ[4])
      temp = (oneOverSqrt2Pi - temp) / y
    } else {
      return x > 0 ? (1, 0) : (0, 1)
    }
    let xsq = (y * 16).rounded(.towardZero) / 16
    let del = (y - xsq) * (y + xsq)
    let tail = exp(-xsq * xsq * 0.5) * exp(-del * 0.5) * temp
    return x > 0 ? (1 - tail, tail) : (tail, 1 - tail)
  }

  // M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution" (1988), PPND16.
  static let as241A: [Double] = [
    3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
    4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3,
  ]
  static let as241B: [Double] = [
    1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
    2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3,
  ]
  static let as241C: [Double] = [
    1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
    1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4,
  ]
  static let as241D: [Double] = [
    1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
    1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9,
  ]
  static let as241E: [Double] = [
    6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
    2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
  ]
  static let as241F: [Double] = [
    1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
    7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15,
  ]

  /// Φ⁻¹(p) for p ∈ (0, 1) (relative error ~1e-16); −∞ for p ≤ 0, +∞ for p ≥ 1.
  ///
  /// Wichura's AS 241 (PPND16): with `q = p − ½`, for |q| ≤ 0.425 `q·A(r)/B(r)`, `r = 0.180625 − q²`;
  /// otherwise `r = √(−log(min(p, 1−p)))` and `C(r−1.6)/D(r−1.6)` (r ≤ 5) or `E(r−5)/F(r−5)`, signed as q.
  /// Horner from the highest coefficient, plain `+ − × /`; ``log(_:)`` for the logarithm.
  public static func inverseNormalCDF(_ p: Double) -> Double {
    if p <= 0 { return -.infinity }
    if p >= 1 { return .infinity }
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      return q * horner(as241A, r) / horner(as241B, r)
    }
    var r = (-log(q < 0 ? p : 1 - p)).squareRoot()
    let value: Double
    if r <= 5 {
      r = r - 1.6
      value = horner(as241C, r) / horner(as241D, r)
    } else {
      r = r - 5
      value = horner(as241E, r) / horner(as241F, r)
    }
    return q < 0 ? -value : value
  }

  /// `c[n−1]·xⁿ⁻¹ + … + c[0]` by Horner from the highest coefficient, unfused.
  @inline(__always)
  static func horner(_ c: [Double], _ x: Double) -> Double {
    var v = c[c.count - 1]
    for i in stride(from: c.count - 2, through: 0, by: -1) { v = v * x + c[i] }
    return v
  }
}

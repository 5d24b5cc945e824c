@_spi(Testing) import RandomModule

/// The binary32 Box–Muller behind ``PhiloxGenerator``'s float32 normal (`Docs/Philox.md` §3), with
/// the same rules as the binary64 functions: IEEE-754 `+ − × sqrt`, explicit `fma`, exact integer and
/// bit manipulation only, so every SIMD kernel and any other language reproduces it bit for bit.
/// The polynomials are Cephes' `logf`, `sinf` and `cosf` (S. L. Moshier), evaluated with `fma`.
extension PhiloxMath {
  /// √2 rounded to binary32 (0x3FB504F3).
  static let sqrt2f = Float(bitPattern: 0x3FB5_04F3)
  /// Cephes `logf`'s P, highest degree first: log(1+f) ≈ f − f²/2 + f³·P(f) on f ∈ [√2/2 − 1, √2 − 1].
  static let logfP: [Float] = [
    7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
    -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
  ]
  /// Cephes `sinf`'s coefficients for |x| ≤ π/4: sin x ≈ x + x³·(S₀x⁴ + S₁x² + S₂).
  static let sinfS: [Float] = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1]
  /// Cephes `cosf`'s coefficients for |x| ≤ π/4: cos x ≈ 1 − x²/2 + x⁴·(C₀x⁴ + C₁x² + C₂).
  static let cosfC: [Float] = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2]
  /// 2π rounded to binary32, times 2⁻²⁴ (exact): radians per 2⁻²⁴ turn.
  static let twoPiOver2p24 = Float(bitPattern: 0x40C9_0FDB) * 0x1p-24

  /// Natural logarithm in binary32 for normal x > 0 (Cephes `logf`; error ≤ 2 ulp).
  ///
  /// `x = 2ᵏ·m` from the bits, m ∈ [1, 2); if `m > √2`, `m = m/2`, `k += 1`; `f = m − 1` (exact),
  /// `z = f·f`, `y = (P(f)·f)·z` (P by `fma`-Horner), `y = fma(k, −2.12194440e-4, y)`,
  /// `y = fma(−0.5, z, y)`, `log x = fma(k, 0.693359375, f + y)`.
  public static func logf(_ x: Float) -> Float {
    let bits = x.bitPattern
    var k = Float(Int(bits >> 23) - 127)
    var m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)
    if m > sqrt2f {
      m *= 0.5
      k += 1
    }
    let f = m - 1
    let z = f * f
    var p = logfP[0]
    for c in logfP.dropFirst() { p = fusedMultiplyAdd(p, f, c) }
    var y = (p * f) * z
    y = fusedMultiplyAdd(k, -2.12194440e-4, y)
    y = fusedMultiplyAdd(-0.5, z, y)
    return fusedMultiplyAdd(k, 0.693359375, f + y)
  }

  /// sin and cos of 2π·m·2⁻²⁴ in binary32 for a 24-bit integer m (an angle in 2⁻²⁴ turns).
  ///
  /// Exact reduction to the nearest quarter turn `q = (m + 2²¹) >> 22`, `t = m − q·2²²` ∈ [−2²¹, 2²¹),
  /// `x = Float(t)·(f32(2π)·2⁻²⁴)` (one rounding), `z = x·x`;
  /// `sin = fma(fma(fma(S₀, z, S₁), z, S₂), z·x, x)`,
  /// `cos = fma(fma(fma(C₀, z, C₁), z, C₂), z·z, fma(−0.5, z, 1))`; then the rotation by `q mod 4`:
  /// 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
  public static func sinCos(turns24 m: UInt32) -> (sin: Float, cos: Float) {
    let q = (m &+ (1 << 21)) >> 22
    let x = Float(Int32(bitPattern: m &- (q << 22))) * twoPiOver2p24
    let z = x * x
    let s = fusedMultiplyAdd(
      fusedMultiplyAdd(fusedMultiplyAdd(sinfS[0], z, sinfS[1]), z, sinfS[2]), z * x, x)
    let c = fusedMultiplyAdd(
      fusedMultiplyAdd(fusedMultiplyAdd(cosfC[0], z, cosfC[1]), z, cosfC[2]), z * z, fusedMultiplyAdd(-0.5, z, 1))
    switch q & 3 {
    case 0: return (s, c)
    case 1: return (c, -s)
    case 2: return (-s, -c)
    default: return (-c, s)
    }
  }

  /// The binary32 Box–Muller pair of two Philox words: `(r·cos θ, r·sin θ)` with
  /// `u = (2²⁴ − (a >> 8))·2⁻²⁴ ∈ (0, 1]`, `r = √(−2·logf(u))` and θ = 2π·(b >> 8)·2⁻²⁴.
  /// |r| ≤ √(48·ln 2) ≈ 5.77, as PyTorch's float32 `normal_` (24-bit uniforms).
  public static func boxMuller24(_ a: UInt32, _ b: UInt32) -> (cos: Float, sin: Float) {
    let u = Float((1 << 24) - (a >> 8)) * 0x1p-24
    let r = (-2 * logf(u)).squareRoot()
    let (s, c) = sinCos(turns24: b >> 8)
    return (r * c, r * s)
  }
}

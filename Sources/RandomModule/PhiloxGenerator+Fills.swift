extension PhiloxGenerator {
  /// Fills elements `[offset, offset + count)` of a float32 tensor with U[from, to).
  ///
  /// Element i: word `w = W(uniform, i)`, `x = Float(w >> 8)·2⁻²⁴ ∈ [0, 1)`,
  /// `v = fmaf(x, Float(to) − Float(from), Float(from))` (fused, as PyTorch's vectorized kernel), and
  /// `v == Float(to)` is replaced by `Float(from)` (as `uniform_`).
  /// - Precondition: `offset >= 0`.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double, offset: Int) {
    precondition(offset >= 0, "expected offset >= 0, got \(offset)")
    let f = Float(from), t = Float(to)
    let range = t - f
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.uniform.rawValue)
    for k in buffer.indices {
      let x = Float(cursor.word(UInt64(offset + k)) >> 8) * 0x1p-24
      let v = fusedMultiplyAdd(x, range, f)
      buffer[k] = v == t ? f : v
    }
  }

  /// Fills elements `[offset, offset + count)` of a float64 tensor with U[from, to).
  ///
  /// Element i: `x = ((W(2i) << 32 | W(2i+1)) >> 11)·2⁻⁵³`, `v = fma(x, to − from, from)`, `v == to` → `from`.
  /// - Precondition: `offset >= 0`.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double, offset: Int) {
    precondition(offset >= 0, "expected offset >= 0, got \(offset)")
    let range = to - from
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.uniform.rawValue)
    for k in buffer.indices {
      let x = Double(cursor.bits53(2 * UInt64(offset + k))) * 0x1p-53
      let v = fusedMultiplyAdd(x, range, from)
      buffer[k] = v == to ? from : v
    }
  }

  /// Fills elements `[offset, offset + count)` of a float32 tensor with N(mean, std²).
  ///
  /// The float64 value of ``fillNormal(_:mean:std:offset:)-(UnsafeMutableBufferPointer<Double>,_,_,_)``
  /// rounded to float32: a float32 tensor is exactly the rounding of the float64 one.
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, offset: Int) {
    precondition(offset >= 0, "expected offset >= 0, got \(offset)")
    forEachStandardNormal(count: buffer.count, offset: offset) { k, z in
      buffer[k] = Float(fusedMultiplyAdd(z, std, mean))
    }
  }

  /// Fills elements `[offset, offset + count)` of a float64 tensor with N(mean, std²).
  ///
  /// Box–Muller in double on block k = i / 2 of the normal stream, words (w0, w1, w2, w3):
  /// `m1 = (w0 << 32 | w1) >> 11`, `m2 = (w2 << 32 | w3) >> 11`, `u1 = 1 − m1·2⁻⁵³ ∈ (0, 1]`,
  /// `r = √(−2·log u1)`, `θ = 2π·m2·2⁻⁵³`; element 2k is `r·cos θ`, element 2k+1 is `r·sin θ`; then
  /// `fma(z, std, mean)`. `log`, `sin`, `cos` are ``PhiloxMath``'s (IEEE operations only), so the values
  /// are identical on every platform. |z| ≤ √(2·53·ln 2) ≈ 8.57.
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, offset: Int) {
    precondition(offset >= 0, "expected offset >= 0, got \(offset)")
    forEachStandardNormal(count: buffer.count, offset: offset) { k, z in
      buffer[k] = fusedMultiplyAdd(z, std, mean)
    }
  }

  /// Standard normals of elements `offset ..< offset + count`, each Box–Muller pair computed once.
  private func forEachStandardNormal(count: Int, offset: Int, _ body: (Int, Double) -> Void) {
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.normal.rawValue)
    var pairIndex = UInt64.max
    var pair = (cos: 0.0, sin: 0.0)
    for k in 0..<count {
      let i = UInt64(offset + k)
      if i >> 1 != pairIndex {
        pairIndex = i >> 1
        let w = cursor.block(pairIndex)
        let m1 = (UInt64(w.0) << 32 | UInt64(w.1)) >> 11
        let m2 = (UInt64(w.2) << 32 | UInt64(w.3)) >> 11
        let u1 = Double((1 << 53) - m1) * 0x1p-53
        let r = (-2 * PhiloxMath.log(u1)).squareRoot()
        let (s, c) = PhiloxMath.sinCos(turns53: m2)
        pair = (r * c, r * s)
      }
      body(k, i & 1 == 0 ? pair.cos : pair.sin)
    }
  }

  /// Fills elements `[offset, offset + count)` of a float32 tensor with N(mean, std²) truncated to
  /// [a, b]; the float64 algorithm's value rounded to float32, then clamped to [Float(a), Float(b)].
  public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, a: Double, b: Double, offset: Int
  ) {
    precondition(offset >= 0, "expected offset >= 0, got \(offset)")
    let lo = Float(a), hi = Float(b)
    forEachTruncatedNormal(count: buffer.count, offset: offset, mean: mean, std: std, a: a, b: b) { k, x in
      buffer[k] = min(max(Float(x), lo), hi)
    }
  }

  /// Fills elements `[offset, offset + count)` of a float64 tensor with N(mean, std²) truncated to [a, b].
  ///
  /// Inverse CDF, one 53-bit uniform per element, so each value depends only on (key, index):
  /// `α = (a−μ)/σ`, `β = (b−μ)/σ`; if `α + β > 0` mirror to `(−β, −α)` and negate the result (so the
  /// interval's centre is ≤ 0). `(A, ·) = Φ(α)`, `(B, Qβ) = (Φ(β), 1 − Φ(β))`, `P = B − A`
  /// (``PhiloxMath/normalCDF(_:)``). Element i: `m = bits53(W(2i), W(2i+1))`, `U = m·2⁻⁵³`,
  /// `t = fma(U, P, A)`; `z = Φ⁻¹(t)` if `t ≤ ½`, else `z = −Φ⁻¹(fma((2⁵³ − m)·2⁻⁵³, P, Qβ))` (the upper
  /// part through its complement, keeping relative precision); `x = fma(z, σ, μ)` clamped to [a, b].
  /// Plays the role of `torch.nn.init.trunc_normal_`; `std = 0` or `a = b` give `clamp(mean, a, b)`.
  public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, a: Double, b: Double, offset: Int
  ) {
    precondition(offset >= 0, "expected offset >= 0, got \(offset)")
    forEachTruncatedNormal(count: buffer.count, offset: offset, mean: mean, std: std, a: a, b: b) { k, x in
      buffer[k] = min(max(x, a), b)
    }
  }

  private func forEachTruncatedNormal(
    count: Int, offset: Int, mean: Double, std: Double, a: Double, b: Double, _ body: (Int, Double) -> Void
  ) {
    guard std > 0, a < b else {
      for k in 0..<count { body(k, mean) }
      return
    }
    var alpha = (a - mean) / std, beta = (b - mean) / std
    let mirrored = alpha + beta > 0
    if mirrored { (alpha, beta) = (-beta, -alpha) }
    let lowerA = PhiloxMath.normalCDF(alpha).lower
    let (lowerB, upperB) = PhiloxMath.normalCDF(beta)
    let mass = lowerB - lowerA
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.truncatedNormal.rawValue)
    for k in 0..<count {
      let m = cursor.bits53(2 * UInt64(offset + k))
      let t = fusedMultiplyAdd(Double(m) * 0x1p-53, mass, lowerA)
      var z: Double
      if t <= 0.5 {
        z = PhiloxMath.inverseNormalCDF(t)
      } else {
        z = -PhiloxMath.inverseNormalCDF(fusedMultiplyAdd(Double((1 << 53) - m) * 0x1p-53, mass, upperB))
      }
      if mirrored { z = -z }
      body(k, fusedMultiplyAdd(z, std, mean))
    }
  }
}

extension PhiloxGenerator {
  /// `fillUniform(buffer, from:, to:, offset: 0)`.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double) {
    fillUniform(buffer, from: from, to: to, offset: 0)
  }

  /// `fillUniform(buffer, from:, to:, offset: 0)`.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double) {
    fillUniform(buffer, from: from, to: to, offset: 0)
  }

  /// `fillNormal(buffer, mean:, std:, offset: 0)`.
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double) {
    fillNormal(buffer, mean: mean, std: std, offset: 0)
  }

  /// `fillNormal(buffer, mean:, std:, offset: 0)`.
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double) {
    fillNormal(buffer, mean: mean, std: std, offset: 0)
  }

  /// `fillTruncatedNormal(buffer, mean:, std:, a:, b:, offset: 0)`.
  public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, a: Double, b: Double
  ) {
    fillTruncatedNormal(buffer, mean: mean, std: std, a: a, b: b, offset: 0)
  }

  /// `fillTruncatedNormal(buffer, mean:, std:, a:, b:, offset: 0)`.
  public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, a: Double, b: Double
  ) {
    fillTruncatedNormal(buffer, mean: mean, std: std, a: a, b: b, offset: 0)
  }
}

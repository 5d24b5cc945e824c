import _Kernels

/// The fills run the C kernels of `Sources/_Kernels/philox*.c` (scalar; AVX2 or AVX-512 on x86-64, NEON on arm64; chosen at run
/// time), split by position over ``Parallel/threadCount`` threads; every path and every split gives
/// the same bits as the pure-Swift specification in `Tests/RandomSpecification/PhiloxGenerator+Reference.swift`.
extension PhiloxGenerator {
  /// Fills elements `[offset, offset + count)` of a float32 tensor with U[from, to).
  ///
  /// Element i: word `w = W(uniform, i)`, `x = Float(w >> 8)·2⁻²⁴ ∈ [0, 1)`,
  /// `v = fmaf(x, Float(to) − Float(from), Float(from))` (fused, as PyTorch's vectorized kernel), and
  /// `v == Float(to)` is replaced by `Float(from)` (as `uniform_`).
  /// - Precondition: `offset >= 0`.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double, offset: Int) {
    fillUniform(buffer, from: from, to: to, offset: offset, execution: execution)
  }

  /// Fills elements `[offset, offset + count)` of a float64 tensor with U[from, to).
  ///
  /// Element i: `x = ((W(2i) << 32 | W(2i+1)) >> 11)·2⁻⁵³`, `v = fma(x, to − from, from)`, `v == to` → `from`.
  /// - Precondition: `offset >= 0`.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double, offset: Int) {
    fillUniform(buffer, from: from, to: to, offset: offset, execution: execution)
  }

  /// Fills elements `[offset, offset + count)` of a float32 tensor with N(mean, std²).
  ///
  /// Box–Muller in binary32, four normals per Philox block: block k of the normal stream, words
  /// (w0, w1, w2, w3), gives elements 4k, 4k+1 from (w0, w1) and 4k+2, 4k+3 from (w2, w3). For words
  /// (a, b): `u = (2²⁴ − (a >> 8))·2⁻²⁴ ∈ (0, 1]`, `r = √(−2·log u)`, `θ = 2π·(b >> 8)·2⁻²⁴`; the pair is
  /// `(r·cos θ, r·sin θ)`, then `fmaf(z, Float(std), Float(mean))`. `log`, `sin`, `cos` are binary32
  /// polynomials (`PhiloxMath` (`Tests/RandomSpecification`)), identical on every platform. |z| ≤ √(48·ln 2) ≈ 5.77, as PyTorch's
  /// float32 `normal_`. (The float64 fill is a different, double-precision algorithm.)
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, offset: Int) {
    fillNormal(buffer, mean: mean, std: std, offset: offset, execution: execution)
  }

  /// Fills elements `[offset, offset + count)` of a float64 tensor with N(mean, std²).
  ///
  /// Box–Muller in double on block k = i / 2 of the normal stream, words (w0, w1, w2, w3):
  /// `m1 = (w0 << 32 | w1) >> 11`, `m2 = (w2 << 32 | w3) >> 11`, `u1 = 1 − m1·2⁻⁵³ ∈ (0, 1]`,
  /// `r = √(−2·log u1)`, `θ = 2π·m2·2⁻⁵³`; element 2k is `r·cos θ`, element 2k+1 is `r·sin θ`; then
  /// `fma(z, std, mean)`. `log`, `sin`, `cos` are `PhiloxMath` (`Tests/RandomSpecification`)'s (IEEE operations only), so the values
  /// are identical on every platform. |z| ≤ √(2·53·ln 2) ≈ 8.57.
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, offset: Int) {
    fillNormal(buffer, mean: mean, std: std, offset: offset, execution: execution)
  }

  /// Fills elements `[offset, offset + count)` of a float32 tensor with N(mean, std²) truncated to
  /// [a, b]; the float64 algorithm's value rounded to float32, then clamped to [Float(a), Float(b)].
  public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, a: Double, b: Double, offset: Int
  ) {
    fillTruncatedNormal(buffer, mean: mean, std: std, a: a, b: b, offset: offset, execution: execution)
  }

  /// Fills elements `[offset, offset + count)` of a float64 tensor with N(mean, std²) truncated to [a, b].
  ///
  /// Inverse CDF, one 53-bit uniform per element, so each value depends only on (key, index):
  /// `α = (a−μ)/σ`, `β = (b−μ)/σ`; if `α + β > 0` mirror to `(−β, −α)` and negate the result (so the
  /// interval's centre is ≤ 0). `(A, ·) = Φ(α)`, `(B, Qβ) = (Φ(β), 1 − Φ(β))`, `P = B − A`
  /// (`PhiloxMath.normalCDF` (`Tests/RandomSpecification`)). Element i: `m = bits53(W(2i), W(2i+1))`, `U = m·2⁻⁵³`,
  /// `t = fma(U, P, A)`; `z = Φ⁻¹(t)` if `t ≤ ½`, else `z = −Φ⁻¹(fma((2⁵³ − m)·2⁻⁵³, P, Qβ))` (the upper
  /// part through its complement, keeping relative precision); `x = fma(z, σ, μ)` clamped to [a, b].
  /// Plays the role of `torch.nn.init.trunc_normal_`; `std = 0` or `a = b` give `clamp(mean, a, b)`.
  public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, a: Double, b: Double, offset: Int
  ) {
    fillTruncatedNormal(buffer, mean: mean, std: std, a: a, b: b, offset: offset, execution: execution)
  }
}

extension PhiloxGenerator {
  /// `fillUniform(_:from:to:offset:)` for float32 on an explicit ISA path and thread count.
  @_spi(Testing) public func fillUniform(
    _ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double, offset: Int, execution: PhiloxExecution
  ) {
    let source = execution.source(key: key, stream: .uniform)
    let f = Float(from), t = Float(to)
    execution.forEachChunk(buffer, offset: offset) { first, out, count in
      nninit_philox_uniform_f32(source, first, count, out, f, t)
    }
  }

  /// `fillUniform(_:from:to:offset:)` for float64 on an explicit ISA path and thread count.
  @_spi(Testing) public func fillUniform(
    _ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double, offset: Int, execution: PhiloxExecution
  ) {
    let source = execution.source(key: key, stream: .uniform)
    execution.forEachChunk(buffer, offset: offset) { first, out, count in
      nninit_philox_uniform_f64(source, first, count, out, from, to)
    }
  }

  /// `fillNormal(_:mean:std:offset:)` for float32 on an explicit ISA path and thread count.
  @_spi(Testing) public func fillNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, offset: Int, execution: PhiloxExecution
  ) {
    let source = execution.source(key: key, stream: .normal)
    let m = Float(mean), s = Float(std)
    execution.forEachChunk(buffer, offset: offset) { first, out, count in
      nninit_philox_normal_f32(source, first, count, out, m, s)
    }
  }

  /// `fillNormal(_:mean:std:offset:)` for float64 on an explicit ISA path and thread count.
  @_spi(Testing) public func fillNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, offset: Int, execution: PhiloxExecution
  ) {
    let source = execution.source(key: key, stream: .normal)
    execution.forEachChunk(buffer, offset: offset) { first, out, count in
      nninit_philox_normal_f64(source, first, count, out, mean, std)
    }
  }

  /// `fillTruncatedNormal(_:mean:std:a:b:offset:)` for float32 on an explicit ISA path and thread count.
  @_spi(Testing) public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, a: Double, b: Double, offset: Int,
    execution: PhiloxExecution
  ) {
    let source = execution.source(key: key, stream: .truncatedNormal)
    execution.forEachChunk(buffer, offset: offset) { first, out, count in
      nninit_philox_trunc_normal_f32(source, first, count, out, mean, std, a, b)
    }
  }

  /// `fillTruncatedNormal(_:mean:std:a:b:offset:)` for float64 on an explicit ISA path and thread count.
  @_spi(Testing) public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, a: Double, b: Double, offset: Int,
    execution: PhiloxExecution
  ) {
    let source = execution.source(key: key, stream: .truncatedNormal)
    execution.forEachChunk(buffer, offset: offset) { first, out, count in
      nninit_philox_trunc_normal_f64(source, first, count, out, mean, std, a, b)
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

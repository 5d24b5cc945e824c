extension TorchGenerator {
  /// `normal_` for a contiguous float32 tensor.
  ///
  /// Fewer than 16 elements: the scalar double Box–Muller with its cached second sample
  /// (`at::normal_distribution<double>`). 16 or more: `normal_fill` — n uniforms, Box–Muller on each
  /// block of 16 (lanes 0–7 give the radius and receive the cosine, lanes 8–15 the angle and the sine),
  /// and for a ragged tail 16 fresh uniforms transformed into the last 16 slots.
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double) {
    guard buffer.count >= 16 else {
      return fillNormalScalarPath(buffer.count, mean: mean, std: std) { buffer[$0] = Float($1) }
    }
    let m = Float(mean), sd = Float(std)
    let block: (UnsafeMutableBufferPointer<Float>, Int) -> Void =
      flavor == .vectorized
      ? { b, i in TorchGenerator.boxMuller16Cephes(b, at: i, mean: m, std: sd) }
      : { b, i in TorchGenerator.boxMuller16LibM(b, at: i, mean: m, std: sd) }
    state.withLock { s in
      for i in buffer.indices { buffer[i] = s.engine.nextUnitFloat() }
      for i in stride(from: 0, through: buffer.count - 16, by: 16) { block(buffer, i) }
      if buffer.count % 16 != 0 {
        for i in (buffer.count - 16)..<buffer.count { buffer[i] = s.engine.nextUnitFloat() }
        block(buffer, buffer.count - 16)
      }
    }
  }

  /// `normal_` for a contiguous float64 tensor: as for float32, with 53-bit uniforms and libm
  /// `log`/`cos`/`sin` in double in every flavor (PyTorch has no vectorized float64 normal).
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double) {
    guard buffer.count >= 16 else {
      return fillNormalScalarPath(buffer.count, mean: mean, std: std) { buffer[$0] = $1 }
    }
    state.withLock { s in
      for i in buffer.indices { buffer[i] = s.engine.nextUnitDouble() }
      for i in stride(from: 0, through: buffer.count - 16, by: 16) {
        TorchGenerator.boxMuller16(buffer, at: i, mean: mean, std: std)
      }
      if buffer.count % 16 != 0 {
        for i in (buffer.count - 16)..<buffer.count { buffer[i] = s.engine.nextUnitDouble() }
        TorchGenerator.boxMuller16(buffer, at: buffer.count - 16, mean: mean, std: std)
      }
    }
  }

  /// The scalar path of `normal_`, in double: `u1`, `u2` from `random64`, `r = √(−2·log1p(−u2))`,
  /// `θ = 2π·u1`; returns `r·cos θ` and caches `r·sin θ` for the next element or call; the output
  /// is `v·std + mean` in double (fused in the vectorized flavor), then rounded by `store`.
  func fillNormalScalarPath(_ count: Int, mean: Double, std: Double, store: (Int, Double) -> Void) {
    let fused = flavor == .vectorized
    state.withLock { s in
      for i in 0..<count {
        let v: Double
        if let cached = s.nextDoubleNormal {
          v = cached
          s.nextDoubleNormal = nil
        } else {
          let u1 = s.engine.nextUnitDouble()
          let u2 = s.engine.nextUnitDouble()
          let r = (-2.0 * log1p(-u2)).squareRoot()
          let theta = 2.0 * Double.pi * u1
          s.nextDoubleNormal = r * sin(theta)
          v = r * cos(theta)
        }
        store(i, fused ? fusedMultiplyAdd(v, std, mean) : v * std + mean)
      }
    }
  }

  /// Fill16 of the AVX2 kernel (`normal_fill_16_AVX2`): Cephes log and sincos in float32.
  static func boxMuller16Cephes(_ d: UnsafeMutableBufferPointer<Float>, at i: Int, mean: Float, std: Float) {
    let twoPi = Float(2.0 * Double.pi)
    for j in 0..<8 {
      let u1 = 1 - d[i + j]
      let u2 = d[i + j + 8]
      let radius = (-2 * CephesMath.log(u1)).squareRoot()
      let (s, c) = CephesMath.sincos(twoPi * u2)
      d[i + j] = fusedMultiplyAdd(radius * c, std, mean)
      d[i + j + 8] = fusedMultiplyAdd(radius * s, std, mean)
    }
  }

  /// Fill16 of the scalar kernel (`normal_fill_16<float>`): libm `logf`/`cosf`/`sinf`, the angle
  /// computed in double then rounded.
  static func boxMuller16LibM(_ d: UnsafeMutableBufferPointer<Float>, at i: Int, mean: Float, std: Float) {
    for j in 0..<8 {
      let u1 = 1 - d[i + j]
      let u2 = d[i + j + 8]
      let radius = (-2 * logf(u1)).squareRoot()
      let theta = Float(2.0 * Double.pi * Double(u2))
      d[i + j] = fusedMultiplyAdd(radius * cosf(theta), std, mean)
      d[i + j + 8] = fusedMultiplyAdd(radius * sinf(theta), std, mean)
    }
  }

  /// Fill16 for float64 (`normal_fill_16<double>`): libm `log`/`cos`/`sin`.
  static func boxMuller16(_ d: UnsafeMutableBufferPointer<Double>, at i: Int, mean: Double, std: Double) {
    for j in 0..<8 {
      let u1 = 1 - d[i + j]
      let u2 = d[i + j + 8]
      let radius = (-2 * log(u1)).squareRoot()
      let theta = 2.0 * Double.pi * u2
      d[i + j] = fusedMultiplyAdd(radius * cos(theta), std, mean)
      d[i + j + 8] = fusedMultiplyAdd(radius * sin(theta), std, mean)
    }
  }
}

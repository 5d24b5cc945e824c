import _LibM
import _Kernels

extension TorchGenerator {
  /// `normal_` for a contiguous float32 tensor.
  ///
  /// Fewer than 16 elements: the scalar double Box–Muller with its cached second sample
  /// (`at::normal_distribution<double>`). 16 or more: `normal_fill` — n uniforms, Box–Muller on each
  /// block of 16 (lanes 0–7 give the radius and receive the cosine, lanes 8–15 the angle and the sine),
  /// and for a ragged tail 16 fresh uniforms transformed into the last 16 slots.
  ///
  /// Runs in C (`nninit_torch_normal_f32`): uniforms from the vectorized engine and Box–Muller (the
  /// Cephes log/sincos vectorized in the vectorized flavor, libm `logf`/`cosf`/`sinf` in the scalar
  /// and arm64 ones) chunk by chunk while in cache; large tensors on `Parallel.threadCount` threads (see
  /// `MT19937.fillInParallel`). Bit-identical to the Swift reference (`TorchGenerator+Reference.swift`)
  /// for every thread count and ISA path.
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double) {
    guard buffer.count >= 16, let base = buffer.baseAddress else {
      return fillNormalScalarPath(buffer.count, mean: mean, std: std) { buffer[$0] = Float($1) }
    }
    let n = buffer.count, whole = n - n % 16, m = Float(mean), sd = Float(std)
    state.withLock { s in
      let cephes: Int32 = s.flavor.usesCephesNormal ? 1 : 0
      s.engine.fillInParallel(count: whole, wordsPerElement: 1, granule: 16, slow: cephes == 0) { engine, range in
        engine.withKernelState { nninit_torch_normal_f32($0, $1, $2, base + range.lowerBound, range.count, m, sd, cephes) }
      }
      guard whole < n else { return }
      // The ragged tail's uniforms are drawn (and then overwritten): skip them, then 16 fresh ones.
      s.engine.skip(n - whole)
      s.engine.withKernelState { nninit_torch_normal_f32($0, $1, $2, base + n - 16, 16, m, sd, cephes) }
    }
  }

  /// `normal_` for a contiguous float64 tensor: as for float32, with 53-bit uniforms and libm
  /// `log`/`cos`/`sin` in double in every flavor (PyTorch has no vectorized float64 normal).
  public func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double) {
    guard buffer.count >= 16, let base = buffer.baseAddress else {
      return fillNormalScalarPath(buffer.count, mean: mean, std: std) { buffer[$0] = $1 }
    }
    let n = buffer.count, whole = n - n % 16
    state.withLock { s in
      s.engine.fillInParallel(count: whole, wordsPerElement: 2, granule: 16, slow: true) { engine, range in
        engine.withKernelState { nninit_torch_normal_f64($0, $1, $2, base + range.lowerBound, range.count, mean, std) }
      }
      guard whole < n else { return }
      s.engine.skip(2 * (n - whole))
      s.engine.withKernelState { nninit_torch_normal_f64($0, $1, $2, base + n - 16, 16, mean, std) }
    }
  }

  /// The scalar path of `normal_`, in double: `u1`, `u2` from `random64`, `r = √(−2·log1p(−u2))`,
  /// `θ = 2π·u1`; returns `r·cos θ` and caches `r·sin θ` for the next element or call; the output
  /// is `v·std + mean` in double (fused unless the flavor is ``Flavor/scalar``), then rounded by `store`.
  @_spi(Testing) public func fillNormalScalarPath(_ count: Int, mean: Double, std: Double, store: (Int, Double) -> Void) {
    state.withLock { s in
      let fused = s.flavor.fusesMultiplyAdd
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
}

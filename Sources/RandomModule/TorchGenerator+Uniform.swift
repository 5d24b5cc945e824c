import _Kernels

extension TorchGenerator {
  /// `uniform_` for float32, as `uniform_kernel` in `aten/src/ATen/native/cpu/DistributionTemplates.h`.
  ///
  /// Per element: one word `w`, `x = (w & 0xFFFFFF)·2⁻²⁴`, `v = x·(to − from) + from` in float (fused
  /// unless the flavor is ``Flavor/scalar``), and `v == to` is replaced by `from`. Runs vectorized in C
  /// (`nninit_torch_uniform_f32`), large tensors on `Parallel.threadCount` threads (see
  /// `MT19937.fillInParallel`); bit-identical to the Swift reference (`TorchGenerator+Reference.swift`).
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    let f = Float(from), t = Float(to)
    state.withLock { s in
      let fused: Int32 = s.flavor.fusesMultiplyAdd ? 1 : 0
      s.engine.fillInParallel(count: buffer.count, wordsPerElement: 1, granule: 16) { engine, range in
        engine.withKernelState { nninit_torch_uniform_f32($0, $1, $2, base + range.lowerBound, range.count, f, t, fused) }
      }
    }
  }

  /// `uniform_` for float64: `random64()` masked to 53 bits, `x·2⁻⁵³`, then as for float32 in double.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    state.withLock { s in
      let fused: Int32 = s.flavor.fusesMultiplyAdd ? 1 : 0
      s.engine.fillInParallel(count: buffer.count, wordsPerElement: 2, granule: 16) { engine, range in
        engine.withKernelState { nninit_torch_uniform_f64($0, $1, $2, base + range.lowerBound, range.count, from, to, fused) }
      }
    }
  }
}

extension MT19937 {
  /// A float32 in [0, 1) from 24 bits of one word (`uniform_real_distribution<float>(0, 1)`).
  @inline(__always)
  @_spi(Testing) public mutating func nextUnitFloat() -> Float { Float(next32() & 0xFF_FFFF) * 0x1p-24 }

  /// A float64 in [0, 1) from 53 bits of `random64()`.
  @inline(__always)
  @_spi(Testing) public mutating func nextUnitDouble() -> Double { Double(next64() & (1 << 53 - 1)) * 0x1p-53 }
}

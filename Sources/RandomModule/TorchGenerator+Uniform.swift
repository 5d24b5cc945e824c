extension TorchGenerator {
  /// `uniform_` for float32, as `uniform_kernel` in `aten/src/ATen/native/cpu/DistributionTemplates.h`.
  ///
  /// Per element: one word `w`, `x = (w & 0xFFFFFF)·2⁻²⁴`, `v = x·(to − from) + from` in float (fused
  /// in the vectorized flavor), and `v == to` is replaced by `from`.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double) {
    let f = Float(from), t = Float(to)
    let range = t - f
    let fused = flavor == .vectorized
    state.withLock { s in
      for i in buffer.indices {
        let x = Float(s.engine.next32() & 0xFF_FFFF) * 0x1p-24
        let v = fused ? fusedMultiplyAdd(x, range, f) : x * range + f
        buffer[i] = v == t ? f : v
      }
    }
  }

  /// `uniform_` for float64: `random64()` masked to 53 bits, `x·2⁻⁵³`, then as for float32 in double.
  public func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double) {
    let range = to - from
    let fused = flavor == .vectorized
    state.withLock { s in
      for i in buffer.indices {
        let x = Double(s.engine.next64() & (1 << 53 - 1)) * 0x1p-53
        let v = fused ? fusedMultiplyAdd(x, range, from) : x * range + from
        buffer[i] = v == to ? from : v
      }
    }
  }
}

extension MT19937 {
  /// A float32 in [0, 1) from 24 bits of one word (`uniform_real_distribution<float>(0, 1)`).
  @inline(__always)
  mutating func nextUnitFloat() -> Float { Float(next32() & 0xFF_FFFF) * 0x1p-24 }

  /// A float64 in [0, 1) from 53 bits of `random64()`.
  @inline(__always)
  mutating func nextUnitDouble() -> Double { Double(next64() & (1 << 53 - 1)) * 0x1p-53 }
}

@_spi(Testing) import RandomModule

/// The pure-Swift specification of ``PhiloxGenerator``'s fills, element by element (`Docs/Philox.md`).
///
/// The public fills run the C kernels of `Sources/_Kernels/philox*.c`; these are what the kernels must
/// equal bit for bit on every ISA path (`PhiloxKernelTests`), and what the golden values were checked
/// against. Slow on purpose: one Philox block per element group, scalar ``PhiloxMath``.
extension PhiloxGenerator {
  /// Specification of `fillUniform(_:from:to:offset:)` for float32.
  public func referenceFillUniform(
    _ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double, offset: Int
  ) {
    let f = Float(from), t = Float(to)
    let range = t - f
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.uniform.rawValue)
    for k in buffer.indices {
      let x = Float(cursor.word(UInt64(offset + k)) >> 8) * 0x1p-24
      let v = fusedMultiplyAdd(x, range, f)
      buffer[k] = v == t ? f : v
    }
  }

  /// Specification of `fillUniform(_:from:to:offset:)` for float64.
  public func referenceFillUniform(
    _ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double, offset: Int
  ) {
    let range = to - from
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.uniform.rawValue)
    for k in buffer.indices {
      let x = Double(cursor.bits53(2 * UInt64(offset + k))) * 0x1p-53
      let v = fusedMultiplyAdd(x, range, from)
      buffer[k] = v == to ? from : v
    }
  }

  /// Specification of `fillNormal(_:mean:std:offset:)` for float32: block k of the normal stream,
  /// words (w0, w1, w2, w3), gives elements 4k, 4k+1 (the binary32 Box–Muller pair of w0, w1) and
  /// 4k+2, 4k+3 (of w2, w3); each `fmaf(z, Float(std), Float(mean))`.
  public func referenceFillNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, offset: Int
  ) {
    let m = Float(mean), s = Float(std)
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.normal.rawValue)
    var blockIndex = UInt64.max
    var values: [Float] = [0, 0, 0, 0]
    for k in buffer.indices {
      let i = UInt64(offset + k)
      if i >> 2 != blockIndex {
        blockIndex = i >> 2
        let w = cursor.block(blockIndex)
        let first = PhiloxMath.boxMuller24(w.0, w.1), second = PhiloxMath.boxMuller24(w.2, w.3)
        values = [first.cos, first.sin, second.cos, second.sin]
      }
      buffer[k] = fusedMultiplyAdd(values[Int(i & 3)], s, m)
    }
  }

  /// Specification of `fillNormal(_:mean:std:offset:)` for float64.
  public func referenceFillNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, offset: Int
  ) {
    var cursor = _WordCursor(key: (key[0], key[1]), stream: Stream.normal.rawValue)
    var pairIndex = UInt64.max
    var pair = (cos: 0.0, sin: 0.0)
    for k in buffer.indices {
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
      buffer[k] = fusedMultiplyAdd(i & 1 == 0 ? pair.cos : pair.sin, std, mean)
    }
  }

  /// Specification of `fillTruncatedNormal(_:mean:std:a:b:offset:)` for float32.
  public func referenceFillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, a: Double, b: Double, offset: Int
  ) {
    let lo = Float(a), hi = Float(b)
    forEachTruncatedNormal(count: buffer.count, offset: offset, mean: mean, std: std, a: a, b: b) { k, x in
      buffer[k] = min(max(Float(x), lo), hi)
    }
  }

  /// Specification of `fillTruncatedNormal(_:mean:std:a:b:offset:)` for float64.
  public func referenceFillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, a: Double, b: Double, offset: Int
  ) {
    forEachTruncatedNormal(count: buffer.count, offset: offset, mean: mean, std: std, a: a, b: b) { k, x in
      buffer[k] = min(max(x, a), b)
    }
  }

  /// The truncated normal's values before the clamp, elements `offset ..< offset + count`.
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

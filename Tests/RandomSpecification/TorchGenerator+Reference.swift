import Foundation
@_spi(Testing) import RandomModule

/// The pure-Swift transcription of PyTorch's `uniform_` and `normal_` kernels, one word and one lane at
/// a time — the specification the vectorized C kernels (`Sources/_Kernels/mt19937*.c`,
/// `torch_normal*.c`) are tested against on every ISA path. Slow; for tests only.
extension TorchGenerator {
  /// `uniform_` for float32, element by element.
  public func referenceFillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double) {
    let f = Float(from), t = Float(to)
    let range = t - f
    withEngine { engine, flavor in
      let fused = flavor.fusesMultiplyAdd
      for i in buffer.indices {
        let x = engine.nextUnitFloat()
        let v = fused ? fusedMultiplyAdd(x, range, f) : x * range + f
        buffer[i] = v == t ? f : v
      }
    }
  }

  /// `uniform_` for float64, element by element.
  public func referenceFillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double) {
    let range = to - from
    withEngine { engine, flavor in
      let fused = flavor.fusesMultiplyAdd
      for i in buffer.indices {
        let x = engine.nextUnitDouble()
        let v = fused ? fusedMultiplyAdd(x, range, from) : x * range + from
        buffer[i] = v == to ? from : v
      }
    }
  }

  /// `normal_` for float32, block by block and lane by lane (``CephesMath`` or libm).
  public func referenceFillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double) {
    guard buffer.count >= 16 else {
      return fillNormalScalarPath(buffer.count, mean: mean, std: std) { buffer[$0] = Float($1) }
    }
    let m = Float(mean), sd = Float(std)
    withEngine { engine, flavor in
      let block: (UnsafeMutableBufferPointer<Float>, Int) -> Void =
        flavor.usesCephesNormal
        ? { b, i in TorchGenerator.boxMuller16Cephes(b, at: i, mean: m, std: sd) }
        : { b, i in TorchGenerator.boxMuller16LibM(b, at: i, mean: m, std: sd) }
      for i in buffer.indices { buffer[i] = engine.nextUnitFloat() }
      for i in stride(from: 0, through: buffer.count - 16, by: 16) { block(buffer, i) }
      if buffer.count % 16 != 0 {
        for i in (buffer.count - 16)..<buffer.count { buffer[i] = engine.nextUnitFloat() }
        block(buffer, buffer.count - 16)
      }
    }
  }

  /// `normal_` for float64, block by block (libm).
  public func referenceFillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double) {
    guard buffer.count >= 16 else {
      return fillNormalScalarPath(buffer.count, mean: mean, std: std) { buffer[$0] = $1 }
    }
    withEngine { engine, _ in
      for i in buffer.indices { buffer[i] = engine.nextUnitDouble() }
      for i in stride(from: 0, through: buffer.count - 16, by: 16) {
        TorchGenerator.boxMuller16(buffer, at: i, mean: mean, std: std)
      }
      if buffer.count % 16 != 0 {
        for i in (buffer.count - 16)..<buffer.count { buffer[i] = engine.nextUnitDouble() }
        TorchGenerator.boxMuller16(buffer, at: buffer.count - 16, mean: mean, std: std)
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

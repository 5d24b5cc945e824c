import _LibM

extension TorchGenerator {
  /// `trunc_normal_` as PyTorch ≥ 2.12 draws it, float32 (see `truncatedNormal(_:mean:std:a:b:normal:uniform:log:)`).
  public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, a: Double, b: Double
  ) {
    TorchGenerator.truncatedNormal(
      buffer, mean: mean, std: std, a: a, b: b,
      normal: { fillNormal($0, mean: mean, std: std) },
      uniform: { fillUniform($0, from: $1, to: $2) },
      log: { logf($0) })
  }

  /// `trunc_normal_` as PyTorch ≥ 2.12 draws it, float64.
  public func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, a: Double, b: Double
  ) {
    TorchGenerator.truncatedNormal(
      buffer, mean: mean, std: std, a: a, b: b,
      normal: { fillNormal($0, mean: mean, std: std) },
      uniform: { fillUniform($0, from: $1, to: $2) },
      log: { libmLog($0) })
  }

  /// PyTorch ≥ 2.12's `trunc_normal_` (`torch/nn/init.py`).
  ///
  /// With `p = Φ((b−μ)/σ) − Φ((a−μ)/σ)`:
  /// - `p > 0.3`: draw `normal_(μ, σ)`; while any element lies outside [a, b] (bounds rounded to the
  ///   dtype), draw a *whole* fresh `normal_` tensor and take its values where out of range. With the
  ///   defaults (a = −2, b = 2) and small σ this equals `normal_(μ, σ)` exactly.
  /// - otherwise: rejection from a uniform proposal on [a, b], accepting `x` when
  ///   `log u ≤ −½((x−μ)/σ)² + ½((m−μ)/σ)²` (m the mode clamped to [a, b]), redrawing whole tensors
  ///   (proposals and acceptance uniforms) for the pending elements.
  static func truncatedNormal<T: BinaryFloatingPoint>(
    _ result: UnsafeMutableBufferPointer<T>, mean: Double, std: Double, a: Double, b: Double,
    normal: (UnsafeMutableBufferPointer<T>) -> Void,
    uniform: (UnsafeMutableBufferPointer<T>, Double, Double) -> Void,
    log: (T) -> T
  ) {
    let n = result.count
    guard n > 0 else { return }
    func normCDF(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
    let p = normCDF((b - mean) / std) - normCDF((a - mean) / std)
    let scratch = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
    defer { scratch.deallocate() }
    if p > 0.3 {
      let lo = T(a), hi = T(b)
      normal(result)
      while result.contains(where: { $0 < lo || $0 > hi }) {
        normal(scratch)
        for i in 0..<n where result[i] < lo || result[i] > hi { result[i] = scratch[i] }
      }
      return
    }
    let mode = max(a, min(mean, b))
    let logPeak = -0.5 * ((mode - mean) / std) * ((mode - mean) / std)
    let m = T(mean), s = T(std), half = T(-0.5), peak = T(logPeak)
    func logDensity(_ x: T) -> T {
      var c = x - m
      c = c / s
      c = c * c
      c = c * half
      return c - peak
    }
    var pending = [Bool](repeating: false, count: n)
    uniform(result, a, b)
    for i in 0..<n { scratch[i] = logDensity(result[i]) }
    let accept = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
    defer { accept.deallocate() }
    uniform(accept, 0, 1)
    for i in 0..<n { pending[i] = log(accept[i]) > scratch[i] }
    while pending.contains(true) {
      uniform(scratch, a, b)
      for i in 0..<n where pending[i] { result[i] = scratch[i] }
      for i in 0..<n { scratch[i] = logDensity(scratch[i]) }
      uniform(accept, 0, 1)
      for i in 0..<n where pending[i] { pending[i] = log(accept[i]) > scratch[i] }
    }
  }
}

import _LibM
import RandomModule
import TensorModule

/// How `trunc_normal_` samples.
public enum TruncNormalAlgorithm: String, Sendable, Codable, CaseIterable {
  /// PyTorch ≥ 2.12: draw `normal_`, redraw out-of-range values (or, when [a, b] holds at most 30%
  /// of the mass, uniform rejection sampling). The generator decides the exact draws.
  case resampling
  /// PyTorch ≤ 2.11: inverse CDF, `uniform_(2Φ(α)−1, 2Φ(β)−1)` → `erfinv` → `·σ√2 + μ` → clamp.
  /// PyTorch computes `erfinv` with MKL; NNInit in double then rounds, so float32 results can differ
  /// from PyTorch's by 1 ulp.
  case inverseCDF = "inverse_cdf"
}

/// Fills `tensor` from N(mean, std²) truncated to [a, b] (`torch.nn.init.trunc_normal_`).
///
/// Warns, as PyTorch does, when `mean` is more than 2·std outside [a, b].
/// - Throws: ``InitError/invalidStd(function:std:)`` if `std < 0` or NaN (or `std == 0` with
///   `mean` outside [a, b], which has no solution); ``InitError/invertedBounds(a:b:)`` if `a > b`.
/// Mirrors `torch.nn.init.trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None)`.
public func truncNormal(
  _ tensor: inout Tensor, mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2,
  algorithm: TruncNormalAlgorithm = .resampling, generator: (any RandomGenerator)? = nil
) throws {
  let fill = try Initializer.truncNormal(mean: mean, std: std, a: a, b: b).fill(for: tensor.shape, dtype: tensor.dtype)
  guard algorithm == .inverseCDF, case .truncatedNormal = fill, tensor.count > 0 else {
    return try fill.apply(to: &tensor, generator: generator)
  }
  try truncNormalInverseCDF(&tensor, mean: mean, std: std, a: a, b: b, generator: generator ?? TorchGenerator.default)
}

/// PyTorch ≤ 2.11's `trunc_normal_`: every step but `erfinv` is exact IEEE arithmetic in the dtype.
func truncNormalInverseCDF(
  _ tensor: inout Tensor, mean: Double, std: Double, a: Double, b: Double, generator: any RandomGenerator
) throws {
  func normCDF(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
  let l = normCDF((a - mean) / std), u = normCDF((b - mean) / std)
  try tensor.uniform_(from: 2 * l - 1, to: 2 * u - 1, generator: generator)
  let scale = std * 2.0.squareRoot()
  switch tensor.dtype {
  case .float32:
    let s = Float(scale), m = Float(mean), lo = Float(a), hi = Float(b)
    tensor.withMutableFloat32 { buffer in
      for i in buffer.indices { buffer[i] = min(max(Float(inverseErf(Double(buffer[i]))) * s + m, lo), hi) }
    }
  default:
    tensor.withMutableFloat64 { buffer in
      for i in buffer.indices { buffer[i] = min(max(inverseErf(buffer[i]) * scale + mean, a), b) }
    }
  }
}

/// The inverse error function in double: Giles' single-precision approximation refined by two Newton
/// steps on libm `erf`; ±∞ at ±1, NaN outside [−1, 1].
func inverseErf(_ y: Double) -> Double {
  if y.isNaN || abs(y) > 1 { return .nan }
  if abs(y) == 1 { return y * .infinity }
  var w = -log((1 - y) * (1 + y))
  var x: Double
  if w < 5 {
    w -= 2.5
    var p = 2.81022636e-08
    for c in [3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941] {
      p = c + p * w
    }
    x = p * y
  } else {
    w = w.squareRoot() - 3
    var p = -0.000200214257
    for c in [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682] {
      p = c + p * w
    }
    x = p * y
  }
  for _ in 0..<2 {
    x -= (erf(x) - y) / (2 / Double.pi.squareRoot() * exp(-x * x))
  }
  return x
}

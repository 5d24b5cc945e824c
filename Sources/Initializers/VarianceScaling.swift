import TensorModule

/// The fan `variance_scaling` divides by (Keras/JAX `mode`).
public enum VarianceScalingMode: String, Sendable, Codable, CaseIterable {
  /// `fan_in`.
  case fanIn = "fan_in"
  /// `fan_out`.
  case fanOut = "fan_out"
  /// `(fan_in + fan_out) / 2`.
  case fanAvg = "fan_avg"
  /// `√(fan_in · fan_out)` (JAX only).
  case fanGeoAvg = "fan_geo_avg"
}

/// The distribution `variance_scaling` draws from (Keras/JAX `distribution`).
public enum VarianceScalingDistribution: String, Sendable, Codable, CaseIterable {
  /// N(0, σ²) truncated to ±2σ, with σ divided by 0.87962566103423978 so the *truncated* std is √(scale/n).
  case truncatedNormal = "truncated_normal"
  /// N(0, scale/n).
  case normal = "normal"
  /// U(−√(3·scale/n), √(3·scale/n)).
  case uniform = "uniform"
}

/// A `variance_scaling` argument Keras and JAX reject.
public struct VarianceScalingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// One line naming the bad value.
  public let description: String
}

extension Initializer {
  /// The std of the standard normal truncated to [−2, 2]: `variance_scaling`'s truncated-normal
  /// correction (`keras/src/initializers/random_initializers.py`:
  /// `stddev = math.sqrt(scale) / 0.87962566103423978`; `jax/_src/nn/initializers.py`:
  /// `stddev = jnp.sqrt(variance) / jnp.array(.87962566103423978, dtype)`).
  public static let truncatedNormalStdCorrection = 0.87962566103423978

  /// `variance_scaling(scale, mode, distribution)` lowered for `shape`, with PyTorch's fan convention
  /// (`fan_in = shape[1]·receptive`, `fan_out = shape[0]·receptive`). Keras and Flax store a dense kernel
  /// as `[in, out]` and PyTorch as `[out, in]`: the fans of the same layer are the same numbers, so the
  /// distribution is the same; the values are drawn in PyTorch's layout.
  ///
  /// `n` = fan_in, fan_out, (fan_in+fan_out)/2 or √(fan_in·fan_out); `variance = scale / n`; then
  /// truncated normal `σ = √variance / 0.87962566103423978` on [−2σ, 2σ], normal `σ = √variance`, or
  /// uniform `±√(3·variance)`.
  ///
  /// - Throws: ``VarianceScalingError`` for `scale <= 0` (as Keras) or a zero fan; ``InitError`` for
  ///   fewer than 2 dimensions.
  func varianceScalingFill(
    scale: Double, mode: VarianceScalingMode, distribution: VarianceScalingDistribution, shape: [Int]
  ) throws -> Fill {
    guard scale > 0 else {
      throw VarianceScalingError(description: "variance_scaling_: `scale` must be positive float, got scale=\(pythonRepr(scale))")
    }
    let (fanIn, fanOut) = try calculateFanInAndFanOut(shape: shape)
    let n: Double
    switch mode {
    case .fanIn: n = Double(fanIn)
    case .fanOut: n = Double(fanOut)
    case .fanAvg: n = Double(fanIn + fanOut) / 2
    case .fanGeoAvg: n = (Double(fanIn) * Double(fanOut)).squareRoot()
    }
    guard n > 0 else { return .constant(0) }  // an empty tensor: nothing to draw
    let variance = scale / n
    switch distribution {
    case .truncatedNormal:
      let std = variance.squareRoot() / Self.truncatedNormalStdCorrection
      return .truncatedNormal(mean: 0, std: std, a: -2 * std, b: 2 * std)
    case .normal: return .normal(mean: 0, std: variance.squareRoot())
    case .uniform:
      let limit = (3 * variance).squareRoot()
      return .uniform(low: -limit, high: limit)
    }
  }
}

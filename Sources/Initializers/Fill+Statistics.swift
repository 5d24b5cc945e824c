import _LibM
import RandomModule
import TensorModule

/// What a scheme does to one tensor: the distribution's standard deviation and, for uniform
/// schemes, its bound.
public struct InitStatistics: Sendable, Equatable {
  /// `fan_in`, `fan_out` of the shape, when it has at least 2 dimensions.
  public var fanIn: Int?, fanOut: Int?
  /// Standard deviation of the values (0 for constants).
  public var std: Double
  /// Half-width of the interval for symmetric uniform fills (`U(−bound, bound)`), else `nil`.
  public var bound: Double?
}

extension Fill {
  /// The standard deviation of the values the fill gives a tensor of `shape`.
  ///
  /// `U[low, high)`: `(high − low)/(2√3)`; `N(μ, σ²)`: σ; truncated normal: the std of N(μ, σ²) on
  /// [a, b]; constants: 0; `eye`/`dirac`: the std of a 0/1 tensor with `min(size(0), size(1))` ones;
  /// `orthogonal`: `gain/√max(rows, cols)` (an orthonormal row or column scaled by gain); `sparse`:
  /// `std·√(1 − ⌈sparsity·rows⌉/rows)`.
  public func std(shape: [Int]) -> Double {
    switch self {
    case .uniform(let low, let high): return (high - low) / (2 * 3.0.squareRoot())
    case .normal(_, let std): return std
    case .truncatedNormal(let mean, let std, let a, let b): return truncatedNormalStd(mean: mean, std: std, a: a, b: b)
    case .constant: return 0
    case .eye, .dirac:
      let n = Double(shape.reduce(1, *)), k = Double(shape.first.map { min($0, shape.count > 1 ? shape[1] : $0) } ?? 0)
      let p = n > 0 ? k / n : 0
      return (p * (1 - p)).squareRoot()
    case .orthogonal(let gain):
      let rows = Double(shape.first ?? 1), cols = Double(shape.dropFirst().reduce(1, *))
      return gain / max(rows, cols).squareRoot()
    case .sparse(let sparsity, let std):
      let rows = Double(shape.first ?? 0)
      let zeroFraction = rows > 0 ? (sparsity * rows).rounded(.up) / rows : 0
      return std * (1 - zeroFraction).squareRoot()
    }
  }

  /// The half-width of a symmetric uniform fill (`U(−bound, bound)`), else `nil`.
  public var bound: Double? {
    if case .uniform(let low, let high) = self, low == -high { high } else { nil }
  }
}

extension Initializer {
  /// The fans, standard deviation and bound the scheme gives a tensor of `shape` and `dtype`, read
  /// from its ``fill(for:dtype:)`` (so computed exactly as the fill computes them).
  ///
  /// - Throws: what ``fill(for:dtype:)`` throws for this shape and dtype.
  public func statistics(shape: [Int], dtype: DType = .float64) throws -> InitStatistics {
    let fans = try? calculateFanInAndFanOut(shape: shape)
    let fill = try fill(for: shape, dtype: dtype)
    return InitStatistics(fanIn: fans?.fanIn, fanOut: fans?.fanOut, std: fill.std(shape: shape), bound: fill.bound)
  }
}

/// Standard deviation of N(μ, σ²) truncated to [a, b].
func truncatedNormalStd(mean: Double, std: Double, a: Double, b: Double) -> Double {
  guard std > 0 else { return 0 }
  let alpha = (a - mean) / std, beta = (b - mean) / std
  func pdf(_ x: Double) -> Double { x.isInfinite ? 0 : exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
  func cdf(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
  let z = cdf(beta) - cdf(alpha)
  guard z > 0 else { return 0 }
  let m = (pdf(alpha) - pdf(beta)) / z
  let term = (alpha.isInfinite ? 0 : alpha * pdf(alpha)) - (beta.isInfinite ? 0 : beta * pdf(beta))
  return std * max(0, 1 + term / z - m * m).squareRoot()
}

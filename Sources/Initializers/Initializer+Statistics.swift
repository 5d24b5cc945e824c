import _LibM
import RandomModule

/// What a scheme does to one tensor: the distribution's standard deviation and, for uniform
/// schemes, its bound.
public struct InitStatistics: Sendable, Equatable {
  /// `fan_in`, `fan_out` of the shape, when it has at least 2 dimensions.
  public var fanIn: Int?, fanOut: Int?
  /// Standard deviation of the values (0 for constants).
  public var std: Double
  /// Half-width of the interval for uniform schemes (`U(−bound, bound)`), else `nil`.
  public var bound: Double?
}

extension Initializer {
  /// The standard deviation (and bound) the scheme gives a tensor of `shape`, computed as PyTorch
  /// computes its arguments.
  public func statistics(shape: [Int]) throws -> InitStatistics {
    let fans = try? calculateFanInAndFanOut(shape: shape)
    func stats(std: Double, bound: Double? = nil) -> InitStatistics {
      InitStatistics(fanIn: fans?.fanIn, fanOut: fans?.fanOut, std: std, bound: bound)
    }
    let root3 = 3.0.squareRoot()
    switch self {
    case .uniform(let a, let b):
      let s = stats(std: (b - a) / (2 * root3), bound: a == -b ? b : nil)
      return s
    case .normal(_, let std): return stats(std: std)
    case .truncNormal(let mean, let std, let a, let b):
      return stats(std: truncatedNormalStd(mean: mean, std: std, a: a, b: b))
    case .constant, .ones, .zeros: return stats(std: 0)
    case .eye, .dirac:
      let n = Double(shape.reduce(1, *)), k = Double(shape.first.map { min($0, shape.count > 1 ? shape[1] : $0) } ?? 0)
      let p = n > 0 ? k / n : 0
      return stats(std: (p * (1 - p)).squareRoot())
    case .xavierUniform(let gain):
      let std = try xavierStd(shape: shape, gain: gain)
      return stats(std: std, bound: root3 * std)
    case .xavierNormal(let gain): return stats(std: try xavierStd(shape: shape, gain: gain))
    case .kaimingUniform(let a, let mode, let nonlinearity):
      let std = try kaimingStd(shape: shape, a: a, mode: mode, nonlinearity: nonlinearity)
      return stats(std: std, bound: root3 * std)
    case .kaimingNormal(let a, let mode, let nonlinearity):
      return stats(std: try kaimingStd(shape: shape, a: a, mode: mode, nonlinearity: nonlinearity))
    case .orthogonal(let gain):
      let rows = Double(shape.first ?? 1), cols = Double(shape.dropFirst().reduce(1, *))
      return stats(std: gain / max(rows, cols).squareRoot())
    case .sparse(let sparsity, let std):
      let rows = Double(shape.first ?? 0)
      let zeroFraction = rows > 0 ? (sparsity * rows).rounded(.up) / rows : 0
      return stats(std: std * (1 - zeroFraction).squareRoot())
    }
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


import Foundation
import Initializers
import RandomModule
import TensorModule
import Testing

/// A 4096×4096 float32 weight initialized through the counter-based generator against the theory:
/// kaiming_uniform_'s bound is attained but never exceeded and its variance is bound²/3 = gain²/fan_in;
/// kaiming_normal_'s standard deviation is gain/√fan_in. Tolerances are five standard errors of the
/// estimates at n = 2²⁴ (0.11 % of the variance for the uniform, 0.17 % for the normal), so a constant
/// wrong by 0.1 % in the bound or 0.2 % in the standard deviation fails.
@Suite struct LargeTensorStatisticsTests {
  static let n = 4096

  /// Mean, variance (population), smallest and largest element, in float64.
  static func moments(_ tensor: Tensor) throws -> (mean: Double, variance: Double, min: Double, max: Double) {
    try #require(tensor.floats).withUnsafeBufferPointer { b in
      var sum = 0.0, squares = 0.0, lo = Double.infinity, hi = -Double.infinity
      for x in b {
        let v = Double(x)
        sum += v
        squares += v * v
        lo = Swift.min(lo, v)
        hi = Swift.max(hi, v)
      }
      let mean = sum / Double(b.count)
      return (mean, squares / Double(b.count) - mean * mean, lo, hi)
    }
  }

  @Test func kaimingUniformMatchesItsBoundAndVariance() throws {
    var w = try Tensor(zeros: [Self.n, Self.n])
    try kaimingUniform(&w, nonlinearity: .relu, generator: PhiloxGenerator(seed: 2024).generator(forParameter: "weight"))
    let bound = (2.0).squareRoot() * (3.0 / Double(Self.n)).squareRoot()  // gain·√(3/fan_in), gain = √2
    let count = Double(Self.n * Self.n)
    let m = try Self.moments(w)
    let stored = Double(Float(bound))  // uniform_(−bound, bound) on float32 draws in [−f32(bound), f32(bound))
    #expect(m.max < stored && m.min >= -stored, "values outside ±\(stored): [\(m.min), \(m.max)]")
    // The extremes of 2²⁴ uniforms lie within ~bound·2⁻²¹ of the bound; 24-bit uniforms add 2⁻²³.
    #expect(m.max > bound * (1 - 1e-5) && m.min < -bound * (1 - 1e-5), "extremes [\(m.min), \(m.max)] far from ±\(bound)")
    let variance = bound * bound / 3  // = 2 / fan_in
    // SE of the sample variance of a uniform: variance·√(4/5 / n); of the mean: √(variance / n).
    #expect(abs(m.variance - variance) < 5 * variance * (0.8 / count).squareRoot(), "variance \(m.variance) vs \(variance)")
    #expect(abs(m.mean) < 5 * (variance / count).squareRoot(), "mean \(m.mean)")
  }

  @Test func kaimingNormalMatchesItsStandardDeviation() throws {
    var w = try Tensor(zeros: [Self.n, Self.n])
    try kaimingNormal(&w, nonlinearity: .relu, generator: PhiloxGenerator(seed: 2024).generator(forParameter: "weight"))
    let std = (2.0 / Double(Self.n)).squareRoot()
    let count = Double(Self.n * Self.n)
    let m = try Self.moments(w)
    // SE of the sample variance of a normal: variance·√(2 / n).
    #expect(abs(m.variance - std * std) < 5 * std * std * (2 / count).squareRoot(), "variance \(m.variance) vs \(std * std)")
    #expect(abs(m.mean) < 5 * std / count.squareRoot(), "mean \(m.mean)")
    // Box–Muller from 24-bit uniforms reaches at most √(48·ln 2) ≈ 5.77σ; 2²⁴ draws reach beyond 5σ.
    #expect(Swift.max(-m.min, m.max) <= 5.7683 * std && Swift.max(-m.min, m.max) > 5 * std, "extremes [\(m.min), \(m.max)]")
  }
}

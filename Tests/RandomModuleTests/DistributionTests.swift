import Foundation
import RandomModule
import TestSupport
import Testing

/// Statistical checks of both generators: Kolmogorov–Smirnov against the exact CDF and moments.
///
/// Fixed seeds make every test deterministic; each requires p > 1e-3 at n = 200 000, so a correct
/// sampler fails with probability ~1e-3 per fresh seed and a wrong one (a CDF off by ~0.005) always does.
@Suite struct DistributionTests {
  static let n = 200_000

  /// A generator and a dtype to sample with.
  struct Sampler: Sendable, CustomTestStringConvertible {
    enum Kind: Sendable { case torch, philox }
    let kind: Kind
    let isFloat32: Bool
    var testDescription: String { "\(kind) \(isFloat32 ? "float32" : "float64")" }

    static let all = [Kind.torch, .philox].flatMap { k in [true, false].map { Sampler(kind: k, isFloat32: $0) } }

    func generator(seed: UInt64) -> any RandomGenerator {
      switch kind {
      case .torch: TorchGenerator(seed: seed)
      case .philox: PhiloxGenerator(seed: seed, path: "distribution.test")
      }
    }

    /// `n` samples of `law`, widened to Double.
    func sample(_ law: Law, seed: UInt64, n: Int = DistributionTests.n) -> [Double] {
      let g = generator(seed: seed)
      if isFloat32 {
        var values = [Float](repeating: 0, count: n)
        values.withUnsafeMutableBufferPointer { b in
          switch law {
          case .uniform(let from, let to): g.fillUniform(b, from: from, to: to)
          case .normal(let mean, let std): g.fillNormal(b, mean: mean, std: std)
          case .truncatedNormal(let mean, let std, let a, let b2): g.fillTruncatedNormal(b, mean: mean, std: std, a: a, b: b2)
          }
        }
        return values.map(Double.init)
      }
      var values = [Double](repeating: 0, count: n)
      values.withUnsafeMutableBufferPointer { b in
        switch law {
        case .uniform(let from, let to): g.fillUniform(b, from: from, to: to)
        case .normal(let mean, let std): g.fillNormal(b, mean: mean, std: std)
        case .truncatedNormal(let mean, let std, let a, let b2): g.fillTruncatedNormal(b, mean: mean, std: std, a: a, b: b2)
        }
      }
      return values
    }
  }

  /// A distribution with its exact CDF and moments.
  enum Law: Sendable, CustomTestStringConvertible {
    case uniform(from: Double, to: Double)
    case normal(mean: Double, std: Double)
    case truncatedNormal(mean: Double, std: Double, a: Double, b: Double)

    static let all: [Law] = [
      .uniform(from: -0.5, to: 2), .normal(mean: 1, std: 2),
      // Wide: PyTorch's normal-redraw branch (p > 0.3). Narrow: its uniform-rejection branch.
      .truncatedNormal(mean: 0, std: 1, a: -2, b: 2), .truncatedNormal(mean: 0, std: 1, a: 0, b: 0.1),
      // Both bounds above the mean (Philox mirrors the interval; PyTorch's rejection branch).
      .truncatedNormal(mean: 0.5, std: 0.5, a: 1, b: 1.5),
    ]

    var testDescription: String {
      switch self {
      case .uniform(let f, let t): "U[\(f), \(t))"
      case .normal(let m, let s): "N(\(m), \(s)²)"
      case .truncatedNormal(let m, let s, let a, let b): "N(\(m), \(s)²) on [\(a), \(b)]"
      }
    }

    func cdf(_ x: Double) -> Double {
      switch self {
      case .uniform(let f, let t): uniformCDF(x, from: f, to: t)
      case .normal(let m, let s): normalCDF(x, mean: m, std: s)
      case .truncatedNormal(let m, let s, let a, let b): truncatedNormalCDF(x, mean: m, std: s, a: a, b: b)
      }
    }

    /// The exact mean and variance.
    var moments: (mean: Double, variance: Double) {
      switch self {
      case .uniform(let f, let t): return ((f + t) / 2, (t - f) * (t - f) / 12)
      case .normal(let m, let s): return (m, s * s)
      case .truncatedNormal(let m, let s, let a, let b):
        let alpha = (a - m) / s, beta = (b - m) / s
        func pdf(_ z: Double) -> Double { exp(-z * z / 2) / (2 * Double.pi).squareRoot() }
        let z = normalCDF(beta) - normalCDF(alpha)
        let shift = (pdf(alpha) - pdf(beta)) / z
        let spread = (alpha * pdf(alpha) - beta * pdf(beta)) / z
        return (m + s * shift, s * s * (1 + spread - shift * shift))
      }
    }
  }

  @Test(arguments: Sampler.all, Law.all)
  func kolmogorovSmirnov(sampler: Sampler, law: Law) {
    let samples = sampler.sample(law, seed: 20_240_601)
    let d = ksStatistic(samples, cdf: law.cdf)
    let p = ksPValue(statistic: d, n: samples.count)
    #expect(p > 1e-3, "\(sampler.testDescription) \(law.testDescription): D = \(d), p = \(p)")
  }

  /// Mean within 6 standard errors; variance within 6·σ²·√(2/n), which bounds the standard error of
  /// the sample variance for every law here (kurtosis ≤ 3).
  @Test(arguments: Sampler.all, Law.all)
  func moments(sampler: Sampler, law: Law) {
    let samples = sampler.sample(law, seed: 77, n: 100_000)
    let (mean, variance) = sampleMoments(samples)
    let expected = law.moments
    let n = Double(samples.count)
    #expect(abs(mean - expected.mean) < 6 * (expected.variance / n).squareRoot(), "mean \(mean) vs \(expected.mean)")
    #expect(
      abs(variance - expected.variance) < 6 * expected.variance * (2 / n).squareRoot(),
      "variance \(variance) vs \(expected.variance)")
  }

  @Test(arguments: Sampler.all, Law.all)
  func samplesStayInSupport(sampler: Sampler, law: Law) {
    let samples = sampler.sample(law, seed: 5, n: 20_000)
    switch law {
    case .uniform(let f, let t): #expect(samples.allSatisfy { $0 >= f && $0 < t })
    case .normal: #expect(samples.allSatisfy { $0.isFinite })
    case .truncatedNormal(_, _, let a, let b):
      let lo = sampler.isFloat32 ? Double(Float(a)) : a, hi = sampler.isFloat32 ? Double(Float(b)) : b
      #expect(samples.allSatisfy { $0 >= lo && $0 <= hi })
    }
  }

  /// The KS machinery itself: a sample from the wrong law must fail.
  @Test func ksRejectsAShiftedNormal() {
    let samples = Sampler(kind: .philox, isFloat32: false).sample(.normal(mean: 0.02, std: 1), seed: 1)
    let d = ksStatistic(samples, cdf: { normalCDF($0) })
    #expect(ksPValue(statistic: d, n: samples.count) < 1e-6)
  }

  @Test func ksPValueMatchesKnownQuantiles() {
    // Kolmogorov distribution: P(K > 1.3581) = 0.05, P(K > 1.6276) = 0.01, P(K > 0.5) ≈ 0.9639.
    let n = 1_000_000
    let scale = Double(n).squareRoot() + 0.12 + 0.11 / Double(n).squareRoot()
    #expect(abs(ksPValue(statistic: 1.3581 / scale, n: n) - 0.05) < 1e-4)
    #expect(abs(ksPValue(statistic: 1.6276 / scale, n: n) - 0.01) < 1e-4)
    #expect(abs(ksPValue(statistic: 0.5 / scale, n: n) - 0.9639) < 1e-3)
  }
}

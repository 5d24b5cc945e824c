import Foundation

/// The Kolmogorov–Smirnov statistic `D = sup |Fₙ(x) − F(x)|` of `samples` against `cdf`.
///
/// With the samples sorted, `D = maxᵢ max(F(xᵢ) − i/n, (i+1)/n − F(xᵢ))` (i from 0). Ties and the
/// discreteness of float32 samples make `D` slightly conservative, never optimistic.
public func ksStatistic(_ samples: [Double], cdf: (Double) -> Double) -> Double {
  let sorted = samples.sorted()
  let n = Double(sorted.count)
  var d = 0.0
  for (i, x) in sorted.enumerated() {
    let f = cdf(x)
    d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
  }
  return d
}

/// The asymptotic p-value `P(Dₙ ≥ statistic)` from the Kolmogorov distribution.
///
/// `λ = (√n + 0.12 + 0.11/√n)·D` (Stephens' small-sample correction), then
/// `Q(λ) = 2 Σₖ (−1)ᵏ⁻¹ e^(−2k²λ²)` for λ ≥ 1.18, else `1 − (√(2π)/λ) Σₖ e^(−(2k−1)²π²/(8λ²))`.
/// Accurate to ~1e-10 in absolute terms, which is plenty for thresholds like 1e-3.
public func ksPValue(statistic: Double, n: Int) -> Double {
  let sn = Double(n).squareRoot()
  let lambda = (sn + 0.12 + 0.11 / sn) * statistic
  guard lambda > 0 else { return 1 }
  var q: Double
  if lambda < 1.18 {
    var sum = 0.0
    for k in 1...20 {
      let j = Double(2 * k - 1)
      sum += exp(-j * j * Double.pi * Double.pi / (8 * lambda * lambda))
    }
    q = 1 - (2 * Double.pi).squareRoot() / lambda * sum
  } else {
    q = 0
    for k in 1...100 {
      let term = exp(-2 * Double(k * k) * lambda * lambda)
      q += (k % 2 == 1 ? 2 : -2) * term
      if term < 1e-300 { break }
    }
  }
  return min(max(q, 0), 1)
}

/// The CDF of U[from, to).
public func uniformCDF(_ x: Double, from: Double, to: Double) -> Double {
  min(max((x - from) / (to - from), 0), 1)
}

/// The CDF of N(mean, std²): `½·erfc(−(x − mean)/(std·√2))` (libm `erfc`, full relative precision).
public func normalCDF(_ x: Double, mean: Double = 0, std: Double = 1) -> Double {
  0.5 * erfc(-(x - mean) / (std * 2.0.squareRoot()))
}

/// The CDF of N(mean, std²) truncated to [a, b]: `(Φ(x) − Φ(a)) / (Φ(b) − Φ(a))` on [a, b].
///
/// Computed from upper tails `1 − Φ` when the interval lies above the mean, so that intervals in
/// either tail keep their precision.
public func truncatedNormalCDF(_ x: Double, mean: Double, std: Double, a: Double, b: Double) -> Double {
  if x < a { return 0 }
  if x >= b { return 1 }
  if a > mean {
    func upper(_ v: Double) -> Double { 0.5 * erfc((v - mean) / (std * 2.0.squareRoot())) }
    return (upper(a) - upper(x)) / (upper(a) - upper(b))
  }
  let lower = normalCDF(a, mean: mean, std: std)
  return (normalCDF(x, mean: mean, std: std) - lower) / (normalCDF(b, mean: mean, std: std) - lower)
}

/// The sample mean and the unbiased sample variance.
public func sampleMoments(_ samples: [Double]) -> (mean: Double, variance: Double) {
  let n = Double(samples.count)
  let mean = samples.reduce(0, +) / n
  let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
  return (mean, variance)
}

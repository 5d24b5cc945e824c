import Foundation
import Initializers

/// What theory predicts for the signal experiment, layer by layer, beside what is measured.
///
/// **Mean field** (weights zero-mean, i.i.d., independent of the signal; wide layers): the Linear outputs
/// z_l of a layer are Gaussian across units and samples with mean μ_b (the bias mean) and variance
///
///     q_1 = fan_in·Var(w)·E[x²] + Var(b)                      (x ~ N(0, 1): E[x²] = 1)
///     q_l = fan_in·Var(w)·E_{z~N(μ_b, q_{l−1})}[φ(z)²] + Var(b)
///
/// and back-propagated gradients δ_l = ∂L/∂z_l (δ_L = g ~ N(0, 1)) have variance
/// `Var(δ_l) = fan_out·Var(w)·E[φ′(z_l)²]·Var(δ_{l+1})`. The expectations are integrals, computed with
/// Simpson's rule over ±12 standard deviations (error far below the sampling noise of any measurement).
/// For ReLU `E[φ(z)²] = q/2` exactly, so the per-layer variance factor is `fan_in·Var(w)/2`:
/// 1 for Kaiming (Var(w) = 2/fan_in), ½ for Xavier on square layers, `128·(0.01/3)·½` for U(±0.1) at
/// width 128.
///
/// **Identical units** (constant weights c, as `constant_`): every unit of a layer computes the same
/// value, `z_1 = c·Σx + b ~ N(b, c²·fan_in)` and `z_{l+1} = c·fan_in·φ(z_l) + b`, integrated over z_1.
///
/// Other schemes (weights with a non-zero mean, `eye_`, `dirac_`) get no prediction.
public struct SignalTheory: Sendable, Codable, Equatable {
  /// Which model produced the prediction: `mean field`, `identical units` or `none`.
  public var model: String
  /// fan_in·Var(w) of the square layers (the weight scale s), when defined.
  public var weightScale: Double?
  /// Predicted std of each Linear output (`√q_l`), per layer.
  public var linearOutputStd: [Double]
  /// Predicted std of each activation output, per layer (the last layer has no activation: NaN).
  public var activationStd: [Double]
  /// Predicted dead/saturated fraction, per layer (NaN for the last).
  public var inactiveFraction: [Double]
  /// Predicted std of ∂L/∂(Linear output), per layer.
  public var outputGradStd: [Double]
  /// Predicted ‖∂L/∂W‖ per layer (`√(batch·out·in·Var(δ_l)·E[a_{l−1}²])`), mean field only.
  public var weightGradNorm: [Double]
  /// The expected per-layer variance factor of the Linear outputs in closed form, when there is one.
  public var forwardFactor: Double?
  /// How ``forwardFactor`` is computed, e.g. `fan_in·Var(w)·½ = 128·(0.01/3)·½ = 0.213`.
  public var forwardFactorFormula: String
  /// The expected per-layer variance factor of the gradients (backwards), in closed form.
  public var backwardFactor: Double?
  /// How ``backwardFactor`` is computed.
  public var backwardFactorFormula: String
  /// The assumptions and caveats, in one or two sentences.
  public var note: String

  /// An empty prediction with a reason.
  static func none(layers: Int, reason: String) -> SignalTheory {
    let nan = [Double](repeating: .nan, count: layers)
    return SignalTheory(
      model: "none", weightScale: nil, linearOutputStd: nan, activationStd: nan, inactiveFraction: nan, outputGradStd: nan,
      weightGradNorm: nan, forwardFactor: nil, forwardFactorFormula: "—", backwardFactor: nil, backwardFactorFormula: "—", note: reason)
  }
}

/// Mean and variance of the values a scheme puts in a tensor of `shape`, or `nil` when they are not
/// i.i.d. draws (eye_, dirac_, orthogonal_ is treated as i.i.d. with its std).
func _moments(of scheme: Initializer?, shape: [Int]) -> (mean: Double, variance: Double, constant: Bool)? {
  let fanIn = Double(shape.count > 1 ? shape[1] : shape.first ?? 1)
  guard let scheme else {
    // PyTorch's default: weight kaiming_uniform_(a=√5) = U(±1/√fan_in); bias U(±1/√fan_in) with the
    // weight's fan_in (the caller passes the weight shape for a bias).
    return (0, 1 / (3 * fanIn), false)
  }
  switch scheme {
  case .constant(let v): return (v, 0, true)
  case .zeros: return (0, 0, true)
  case .ones: return (1, 0, true)
  case .eye, .dirac: return nil
  case .uniform(let a, let b): return ((a + b) / 2, (b - a) * (b - a) / 12, a == b)
  case .normal(let mean, let std): return (mean, std * std, std == 0)
  case .truncNormal(let mean, _, let a, let b) where a == -b && mean == 0:
    let std = (try? scheme.statistics(shape: shape).std) ?? 0
    return (0, std * std, false)
  case .truncNormal: return nil
  default:
    guard let std = try? scheme.statistics(shape: shape).std else { return nil }
    return (0, std * std, false)
  }
}

/// E[f(z)] for z ~ N(mean, variance), by Simpson's rule on ±12σ (4800 intervals).
func _gaussianExpectation(mean: Double, variance: Double, _ f: (Double) -> Double) -> Double {
  guard variance > 0 else { return f(mean) }
  let sd = variance.squareRoot()
  return _standardNormalQuadrature.reduce(0) { $0 + $1.weight * f(mean + sd * $1.node) }
}

/// Simpson nodes and weights for E over N(0, 1) on [−12, 12].
let _standardNormalQuadrature: [(node: Double, weight: Double)] = {
  let intervals = 4800, lo = -12.0, h = 24.0 / Double(intervals)
  return (0...intervals).map { i in
    let u = lo + Double(i) * h
    let simpson = i == 0 || i == intervals ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
    return (u, simpson * h / 3 * exp(-u * u / 2) / (2 * Double.pi).squareRoot())
  }
}()

import Foundation
import Initializers

extension SignalTheory {
  /// The prediction for the signal experiment's MLP: `depth` square Linear layers of `width`, inputs and
  /// output gradients N(0, 1), `batch` samples (for the weight-gradient norm).
  public static func predict(
    width: Int, depth: Int, activation: LabActivation, initialization: LabInit, batch: Int
  ) -> SignalTheory {
    let shape = [width, width]
    guard let w = _moments(of: initialization.weight, shape: shape), let b = _moments(of: initialization.bias, shape: shape) else {
      return .none(layers: depth, reason: "no prediction: the weights are not i.i.d. draws (eye_/dirac_ or a truncated normal off centre)")
    }
    if w.constant {
      guard b.variance == 0 else {
        return .none(layers: depth, reason: "no prediction: constant weights with random biases")
      }
      return identicalUnits(width: width, depth: depth, activation: activation, c: w.mean, bias: b.mean)
    }
    guard w.mean == 0 else {
      return .none(layers: depth, reason: "no prediction: the weights have a non-zero mean (\(LabFormat.number(w.mean))), so units are correlated")
    }
    return meanField(width: width, depth: depth, activation: activation, weightVariance: w.variance, bias: b, batch: batch,
                     scaleFormula: scaleFormula(initialization.weight, width: width))
  }

  /// The mean-field recursion (see the type's summary).
  static func meanField(
    width: Int, depth: Int, activation φ: LabActivation, weightVariance: Double, bias: (mean: Double, variance: Double, constant: Bool),
    batch: Int, scaleFormula: String
  ) -> SignalTheory {
    let s = Double(width) * weightVariance
    var q = [Double](repeating: 0, count: depth), activationStd = q, inactive = q, second = q
    q[0] = s + bias.variance
    for l in 0..<depth {
      let mean = bias.mean, v = q[l]
      let e1 = _gaussianExpectation(mean: mean, variance: v) { φ.value($0) }
      let e2 = _gaussianExpectation(mean: mean, variance: v) { φ.value($0) * φ.value($0) }
      second[l] = e2
      activationStd[l] = (max(0, e2 - e1 * e1)).squareRoot()
      inactive[l] = φ.inactiveProbability(mean: mean, variance: v)
      if l + 1 < depth { q[l + 1] = s * e2 + bias.variance }
    }
    var gradientVariance = [Double](repeating: 1, count: depth)
    for l in stride(from: depth - 2, through: 0, by: -1) {
      let d2: Double
      switch φ {
      case .relu, .leakyReLU:  // φ′ jumps at 0: integrate exactly, P(z > 0) + a²·P(z < 0)
        let negative = φ.inactiveProbability(mean: bias.mean, variance: q[l])
        let a = φ == .relu ? 0 : LabActivation.leakySlope
        d2 = (1 - negative) + a * a * negative
      case .tanh, .sigmoid:
        d2 = _gaussianExpectation(mean: bias.mean, variance: q[l]) { φ.derivative($0) * φ.derivative($0) }
      }
      gradientVariance[l] = s * d2 * gradientVariance[l + 1]
    }
    let weightGradNorm = (0..<depth).map { l in
      (Double(batch) * Double(width * width) * gradientVariance[l] * (l == 0 ? 1 : second[l - 1])).squareRoot()
    }
    activationStd[depth - 1] = .nan
    inactive[depth - 1] = .nan

    let f = LabFormat.number
    var forward: Double?, backward: Double?, forwardText: String, backwardText: String
    switch φ {
    case .relu:
      forward = s / 2
      backward = s / 2
      forwardText = "s·½ = \(scaleFormula)·½ = \(f(s / 2, 3))"
      backwardText = forwardText
    case .leakyReLU:
      let a = LabActivation.leakySlope
      forward = s * (1 + a * a) / 2
      backward = forward
      forwardText = "s·(1+a²)/2 = \(scaleFormula)·(1+\(f(a, 3))²)/2 = \(f(forward!, 3))"
      backwardText = forwardText
    case .tanh:
      forward = s
      backward = s
      forwardText = scaleFormula == f(s, 3) ? "s·tanh′(0)² = \(scaleFormula)" : "s·tanh′(0)² = \(scaleFormula) = \(f(s, 3))"
      backwardText = forwardText
    case .sigmoid:
      var fixed = q[0]  // the fixed point of the mean-field map, by iteration
      for _ in 0..<200 { fixed = s * _gaussianExpectation(mean: bias.mean, variance: fixed) { φ.value($0) * φ.value($0) } + bias.variance }
      forward = nil
      backward = s / 16
      forwardText = "none: q ← s·E[σ(z)²] settles at std \(f(fixed.squareRoot(), 3))"
      backwardText = "s·σ′(0)² = \(scaleFormula)/16 = \(f(s / 16, 3))"
    }
    var note = "Mean field: zero-mean i.i.d. weights, wide layers, s = fan_in·Var(w) = \(scaleFormula)"
    if φ == .tanh { note += "; tanh's factor s holds for a small signal (tanh′(0) = 1) and is smaller once the std nears 1" }
    if φ == .sigmoid { note += "; σ's mean ½ feeds every layer, so the variance settles at a fixed point instead of following a factor" }
    if bias.variance > 0 {
      note += "; the biases add Var(b) = \(f(bias.variance, 3)) per layer, so the variance settles near Var(b)/(1 − factor) instead of vanishing"
    }
    return SignalTheory(
      model: "mean field", weightScale: s, linearOutputStd: q.map { $0.squareRoot() }, activationStd: activationStd,
      inactiveFraction: inactive, outputGradStd: gradientVariance.map { $0.squareRoot() }, weightGradNorm: weightGradNorm,
      forwardFactor: forward, forwardFactorFormula: forwardText, backwardFactor: backward, backwardFactorFormula: backwardText,
      note: note + ".")
  }

  /// Constant weights `c` and bias `bias`: every unit of a layer is identical (see the type's summary).
  static func identicalUnits(width: Int, depth: Int, activation φ: LabActivation, c: Double, bias: Double) -> SignalTheory {
    let n = Double(width)
    let nodes = _standardNormalQuadrature
    var z = nodes.map { bias + c * n.squareRoot() * $0.node }  // z_1 = c·Σx + b, Σx ~ N(0, n)
    var zs: [[Double]] = []
    for l in 0..<depth {
      if l > 0 { z = z.map { c * n * φ.value($0) + bias } }
      zs.append(z)
    }
    func moments(_ values: [Double]) -> Double {
      var m1 = 0.0, m2 = 0.0
      for (v, q) in zip(values, nodes) { m1 += q.weight * v; m2 += q.weight * v * v }
      return max(0, m2 - m1 * m1).squareRoot()
    }
    let linearStd = zs.map(moments)
    var activationStd = zs.map { moments($0.map(φ.value)) }
    var inactive = zs.map { layer in
      zip(layer, nodes).reduce(0) { $0 + ($1.0.isFinite && φ.isInactive(input: Float($1.0), output: Float(φ.value($1.0))) ? $1.1.weight : 0) }
    }
    // δ_{L−1} = g; δ_{L−2} = φ′(z)·c·Σg (variance c²·n·E[φ′²]); then ×c·n·φ′(z) per layer further down.
    var gradientVariance = [Double](repeating: 1, count: depth)
    var product = [Double](repeating: 1, count: nodes.count)
    for l in stride(from: depth - 2, through: 0, by: -1) {
      for i in nodes.indices { product[i] *= φ.derivative(zs[l][i]) * φ.derivative(zs[l][i]) }
      let expectation = zip(product, nodes).reduce(0) { $0 + $1.0 * $1.1.weight }
      gradientVariance[l] = expectation * c * c * n * pow(c * n, 2 * Double(depth - 2 - l))
    }
    activationStd[depth - 1] = .nan
    inactive[depth - 1] = .nan
    let f = LabFormat.number
    let cn = c * n
    var forward: Double?, text: String
    switch φ {
    case .relu, .leakyReLU:
      forward = c > 0 ? cn * cn : nil
      text = c > 0
        ? "(c·fan_in)² = (\(f(c, 3))·\(width))² = \(f(cn * cn, 4))"
        : "none: constant \(f(c, 3))"
    case .tanh:
      forward = nil
      text = "none: saturates at ±c·fan_in = ±\(f(abs(cn), 3))"
    case .sigmoid:
      forward = nil
      text = "none: settles near c·fan_in·σ(z) ≈ \(f(cn / 2, 3))…\(f(cn, 3))"
    }
    return SignalTheory(
      model: "identical units", weightScale: nil, linearOutputStd: linearStd, activationStd: activationStd,
      inactiveFraction: inactive, outputGradStd: gradientVariance.map { $0.squareRoot() },
      weightGradNorm: [Double](repeating: .nan, count: depth), forwardFactor: forward, forwardFactorFormula: text,
      backwardFactor: nil, backwardFactorFormula: "—",
      note: "Constant weights: every unit of a layer computes the same value (no symmetry breaking), so the layer acts like a single unit scaled by c·fan_in = \(f(cn, 3)).")
  }

  /// `s = fan_in·Var(w)` written for the scheme, e.g. `128·(0.01/3)`, `2`, `1`, `1/3`.
  static func scaleFormula(_ scheme: Initializer?, width: Int) -> String {
    let f = { LabFormat.number($0, digits: 4) }
    guard let scheme else { return "1/3" }
    switch scheme {
    case .uniform(let a, let b) where a == -b: return "\(width)·(\(f(b * b))/3)"
    case .normal(_, let std): return "\(width)·\(f(std))²"
    case .xavierUniform(let gain), .xavierNormal(let gain): return gain == 1 ? "1" : "\(f(gain))²"
    case .kaimingUniform(let a, let mode, let nl), .kaimingNormal(let a, let mode, let nl):
      let gain = calculateGain(nl, param: a)
      _ = mode  // square layers: fan_in = fan_out
      return f(gain * gain)
    case .orthogonal(let gain): return gain == 1 ? "1" : "\(f(gain))²"
    default:
      let std = (try? scheme.statistics(shape: [width, width]).std) ?? .nan
      return f(Double(width) * std * std)
    }
  }
}

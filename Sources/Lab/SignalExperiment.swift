import Foundation
import Layers
import RandomModule
import TensorModule
import Training

/// The signal-propagation experiment's settings (`nninit lab signal`).
public struct SignalConfig: Sendable, Codable, Equatable {
  /// Linear layers (L), all `width → width`.
  public var depth: Int
  /// Features in and out of every layer (N).
  public var width: Int
  /// The activation after every Linear layer but the last.
  public var activation: LabActivation
  /// How the Linear layers' weights and biases are initialized.
  public var initialization: LabInit
  /// Inputs per batch (B).
  public var batch: Int
  /// The seed of the generator that draws the weights, then the inputs and the output gradient.
  public var seed: Int
  /// Which generator draws the weights and the synthetic inputs.
  public var generator: GeneratorKind

  /// A signal experiment; the defaults are the tutorial's (20 ReLU layers of width 256, batch 256, seed 0,
  /// PyTorch's generator).
  public init(
    depth: Int = 20, width: Int = 256, activation: LabActivation = .relu, initialization: LabInit, batch: Int = 256,
    seed: Int = 0, generator: GeneratorKind = .torch
  ) {
    self.depth = depth
    self.width = width
    self.activation = activation
    self.initialization = initialization
    self.batch = batch
    self.seed = seed
    self.generator = generator
  }

  /// Checks the sizes.
  public func validate() throws {
    try _require(depth >= 1, "depth must be at least 1, got \(depth)")
    try _require(width >= 1, "width must be at least 1, got \(width)")
    try _require(batch >= 1, "batch must be at least 1, got \(batch)")
  }
}

/// One layer's measurements. Statistics are over all `batch × width` elements (population std).
public struct SignalLayer: Sendable, Codable, Equatable {
  /// 1-based layer index.
  public var layer: Int
  /// Mean of this Linear layer's output z_l.
  public var linearOutputMean: Double
  /// Std of this Linear layer's output z_l; the forward signal the theory predicts.
  public var linearOutputStd: Double
  /// The activation after this Linear (NaN for the last layer, which has none).
  public var activationMean: Double
  /// Std of the activation after this Linear (NaN for the last layer, which has none).
  public var activationStd: Double
  /// Dead (ReLU: output 0) or saturated (tanh, sigmoid) fraction of the activation's outputs.
  public var deadFraction: Double
  /// Std of ∂L/∂(this Linear's output), L = sum(y ⊙ g).
  public var outputGradStd: Double
  /// Frobenius norm of ∂L/∂W.
  public var weightGradNorm: Double
}

/// The measurements of one signal experiment, with the theory beside them.
public struct SignalResult: Sendable, Codable, Equatable {
  /// The settings that were run.
  public var config: SignalConfig
  /// The measurements, first layer first.
  public var layers: [SignalLayer]
  /// What theory predicts for these settings (see ``SignalTheory``).
  public var theory: SignalTheory

  /// The measured per-layer variance factor of the Linear outputs: the geometric mean of
  /// Var(z_{l+1})/Var(z_l) over the layers, `(Var(z_L)/Var(z_1))^(1/(L−1))` (`nil` for one layer).
  public var measuredForwardFactor: Double? {
    guard layers.count > 1 else { return nil }
    let first = layers.first!.linearOutputStd, last = layers.last!.linearOutputStd
    return pow(last * last / (first * first), 1 / Double(layers.count - 1))
  }

  /// The measured per-layer variance factor of the gradients, going backwards:
  /// `(Var(δ_1)/Var(δ_L))^(1/(L−1))`.
  public var measuredBackwardFactor: Double? {
    guard layers.count > 1 else { return nil }
    let first = layers.first!.outputGradStd, last = layers.last!.outputGradStd
    return pow(first * first / (last * last), 1 / Double(layers.count - 1))
  }
}

/// Runs the signal experiment: an MLP of `depth` Linear layers `width → width` with the activation
/// between them, built and initialized as PyTorch would after `torch.manual_seed(seed)`; then
/// `x = torch.randn(batch, width)`, `y = model(x)`, `g = torch.randn(batch, width)` from the same
/// generator, and `sum(y ⊙ g)` back-propagated.
///
/// - Throws: ``LabError`` for a bad configuration or init.
public func runSignalExperiment(_ config: SignalConfig) throws -> SignalResult {
  try config.validate()
  let shape = MLPShape(inputs: config.width, width: config.width, outputs: config.width, depth: config.depth, activation: config.activation)
  let generator = config.generator.make(seed: config.seed)
  let model = try shape.makeModel(initialization: config.initialization, generator: generator)
  var x = try Tensor(zeros: [config.batch, config.width]), g = x
  try x.normal_(generator: generator.generator(forParameter: "input"))

  let tape = Tape(training: true, recordsGradients: true, generator: generator)
  let y = try model(tape.input(x))
  try g.normal_(generator: generator.generator(forParameter: "output_gradient"))
  let gradients = try y.backward(gradient: g)

  let calls = tape.moduleOutputs(in: model).filter { $0.path != "" }
  var layers: [SignalLayer] = []
  let linears = MLPShape.linearLayers(of: model)
  for (index, linear) in linears.enumerated() {
    guard let position = calls.firstIndex(where: { $0.module === linear }) else { continue }
    let z = calls[position].output
    let zStats = _statistics(z.value)
    var layer = SignalLayer(
      layer: index + 1, linearOutputMean: zStats.mean, linearOutputStd: zStats.std, activationMean: .nan, activationStd: .nan,
      deadFraction: .nan, outputGradStd: z.gradient.map { _statistics($0).std } ?? .nan,
      weightGradNorm: gradients[linear, "weight"].map(_norm) ?? .nan)
    if index < linears.count - 1, position + 1 < calls.count {
      let a = calls[position + 1].output
      let aStats = _statistics(a.value)
      layer.activationMean = aStats.mean
      layer.activationStd = aStats.std
      layer.deadFraction = _inactiveFraction(input: z.value, output: a.value, config.activation)
    }
    layers.append(layer)
  }
  let theory = SignalTheory.predict(
    width: config.width, depth: config.depth, activation: config.activation, initialization: config.initialization, batch: config.batch)
  return SignalResult(config: config, layers: layers, theory: theory)
}

/// Mean and population std of every element, accumulated in Double (NaN if any element is not finite).
func _statistics(_ t: Tensor) -> (mean: Double, std: Double) {
  guard let v = t.floats, !v.isEmpty else {
    let d = t.doubles
    guard !d.isEmpty else { return (.nan, .nan) }
    let m = d.reduce(0, +) / Double(d.count)
    return (m, (d.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(d.count)).squareRoot())
  }
  var sum = 0.0
  for x in v { sum += Double(x) }
  let mean = sum / Double(v.count)
  var squares = 0.0
  for x in v { let d = Double(x) - mean; squares += d * d }
  return (mean, (squares / Double(v.count)).squareRoot())
}

/// The Frobenius norm, accumulated in Double.
func _norm(_ t: Tensor) -> Double {
  var s = 0.0
  if let v = t.floats { for x in v { s += Double(x) * Double(x) } } else { for x in t.doubles { s += x * x } }
  return s.squareRoot()
}

/// The fraction of units that are dead or saturated (``LabActivation/isInactive(input:output:)``).
func _inactiveFraction(input: Tensor, output: Tensor, _ activation: LabActivation) -> Double {
  guard let z = input.floats, let a = output.floats, !z.isEmpty else { return .nan }
  var count = 0
  for i in z.indices where activation.isInactive(input: z[i], output: a[i]) { count += 1 }
  return Double(count) / Double(z.count)
}

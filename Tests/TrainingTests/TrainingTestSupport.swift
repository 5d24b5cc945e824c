import Foundation
import Interop
import Layers
import RandomModule
import TensorModule
import TestSupport
import Training

/// The largest `|a − b|` over the largest `|b|` (the ∞-norm relative error of `a` against reference `b`),
/// or over `scale` when that is larger (for results that cancel to almost nothing, whose natural scale
/// is that of the operands).
func relativeError(_ a: Tensor, _ b: Tensor, scale floor: Double = 0) -> Double {
  precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape)")
  let x = a.doubles, y = b.doubles
  var diff = 0.0, scale = floor
  for i in x.indices {
    diff = max(diff, abs(x[i] - y[i]))
    scale = max(scale, abs(y[i]))
  }
  return scale == 0 ? diff : diff / scale
}

/// A float64 tensor of N(0, std²) values.
func randomTensor(_ shape: [Int], dtype: DType = .float64, std: Double = 1, seed: Int) throws -> Tensor {
  var t = try Tensor(zeros: shape, dtype: dtype)
  try t.normal_(std: std, generator: TorchGenerator(seed: seed))
  return t
}

/// The user-defined module of the fixtures: `head(x + fc2(tanh(fc1(x))))`.
final class Residual: Module, Layer {
  let fc1: Linear, fc2: Linear, head: Linear
  init(dtype: DType = .float32, generator: TorchGenerator = TorchGenerator(seed: 0)) throws {
    fc1 = try Linear(4, 4, dtype: dtype, generator: generator)
    fc2 = try Linear(4, 4, dtype: dtype, generator: generator)
    head = try Linear(4, 2, dtype: dtype, generator: generator)
    super.init()
  }
  func forward(_ x: Variable) throws -> Variable { try head(x + fc2(fc1(x).tanh())) }
}

/// The PyTorch-made fixtures under `Tests/Fixtures/training/` (see `Scripts/make_training_fixtures.py`).
enum TrainingFixtures {
  static let networkNames = ["mlp", "conv", "conv_same", "conv1d", "layernorm", "residual", "zoo"]
  static let optimizerNames = ["sgd", "sgd_nesterov", "sgd_dampening", "adam", "adam_amsgrad"]

  /// The Swift twin of each fixture network (architecture only; the weights come from the fixture).
  /// Their own generator, not `TorchGenerator.default`, which the parity tests seed and draw from.
  static func model(_ name: String) throws -> Module {
    let g = TorchGenerator(seed: 0)
    switch name {
    case "mlp":
      return Sequential(
        try Linear(6, 8, generator: g), ReLU(), try Linear(8, 8, generator: g), Tanh(), try Linear(8, 8, generator: g),
        try GELU(), try Linear(8, 4, generator: g))
    case "conv":
      return Sequential(
        try Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1, generator: g), ReLU(), Flatten(),
        try Linear(27, 4, generator: g))
    case "conv_same":
      return Sequential(
        try Conv2d(2, 4, kernelSize: 3, padding: .same, dilation: 2, groups: 2, generator: g), Tanh(),
        try Conv2d(4, 2, kernelSize: [2, 3], padding: 1, paddingMode: .reflect, generator: g), Flatten(),
        try Linear(48, 3, generator: g))
    case "conv1d":
      return Sequential(
        try Conv1d(3, 4, kernelSize: 3, stride: 2, padding: 1, generator: g), ReLU(), Flatten(),
        try Linear(16, 2, generator: g))
    case "layernorm": return Sequential(try Linear(5, 6, generator: g), try LayerNorm([6]), SiLU(), try Linear(6, 3, generator: g))
    case "residual": return try Residual(generator: g)
    case "zoo":
      return Sequential(
        try Linear(4, 6, generator: g), LeakyReLU(negativeSlope: 0.2), try Linear(6, 6, generator: g), ELU(alpha: 0.5),
        try Linear(6, 6, generator: g), SELU(), try Linear(6, 6, generator: g), Softplus(beta: 2, threshold: 1),
        try Linear(6, 6, generator: g), Sigmoid(), try Linear(6, 6, generator: g), try GELU(approximate: "tanh"),
        try Linear(6, 5, generator: g), Softmax(dim: 1))
    default: fatalError("unknown fixture network \(name)")
    }
  }

  static func file(_ name: String) throws -> SafeTensorsFile { try Fixtures.safetensors("training/\(name).safetensors") }

  static func index() throws -> [String: Any] { try Fixtures.json("training/networks.json") as! [String: Any] }

  /// The network `name` with the fixture's initial parameters.
  static func loadedModel(_ name: String, from file: SafeTensorsFile) throws -> Module {
    let model = try model(name)
    for (key, parameter) in model.namedParameterHandles() {
      let value = try file.tensor(named: "param." + key)
      parameter.update { $0 = value }
    }
    return model
  }

  /// The loss the fixture uses for network `name`.
  static func loss(_ kind: String, _ output: Variable, _ target: Tensor) throws -> Variable {
    kind == "cross_entropy" ? try CrossEntropyLoss()(output, target) : try MSELoss()(output, target)
  }

  /// The optimizer configuration `name` from `networks.json`, over `parameters`.
  static func optimizer(_ name: String, _ parameters: [Parameter]) throws -> any Optimizer {
    let config = (try index()["optimizers"] as! [String: Any])[name] as! [String: Any]
    func number(_ key: String, _ fallback: Double) -> Double { (config[key] as? NSNumber)?.doubleValue ?? fallback }
    if config["class"] as! String == "SGD" {
      return try SGD(
        parameters, lr: number("lr", 0.001), momentum: number("momentum", 0), dampening: number("dampening", 0),
        weightDecay: number("weight_decay", 0), nesterov: (config["nesterov"] as? NSNumber)?.boolValue ?? false)
    }
    let betas = (config["betas"] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? [0.9, 0.999]
    return try Adam(
      parameters, lr: number("lr", 0.001), betas: (betas[0], betas[1]), eps: number("eps", 1e-8),
      weightDecay: number("weight_decay", 0), amsgrad: (config["amsgrad"] as? NSNumber)?.boolValue ?? false)
  }
}

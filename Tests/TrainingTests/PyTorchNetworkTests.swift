import Interop
import Layers
import TensorModule
import TestSupport
import Testing
import Training

/// Forward outputs, losses, gradients and optimizer trajectories of small networks against PyTorch
/// (`Tests/Fixtures/training/<network>.safetensors`, made by `Scripts/make_training_fixtures.py`).
///
/// Tolerance: 1e-5 relative (∞-norm: largest difference over largest reference magnitude) in float32.
@Suite struct PyTorchNetworkTests {
  static let tolerance = 1e-5

  func lossKind(_ name: String) throws -> String {
    let networks = try TrainingFixtures.index()["networks"] as! [String: Any]
    return (networks[name] as! [String: Any])["loss"] as! String
  }

  @Test(arguments: TrainingFixtures.networkNames)
  func forwardLossAndGradientsMatchPyTorch(network: String) throws {
    let file = try TrainingFixtures.file(network)
    let model = try TrainingFixtures.loadedModel(network, from: file)
    let tape = Tape()
    let output = try model.callAsLayer(tape.input(try file.tensor(named: "input")))
    let loss = try TrainingFixtures.loss(try lossKind(network), output, try file.tensor(named: "target"))
    let gradients = try loss.backward()

    #expect(relativeError(output.value, try file.tensor(named: "output")) <= Self.tolerance, "\(network) output")
    #expect(relativeError(try loss.value.reshaped([1]), try file.tensor(named: "loss")) <= Self.tolerance, "\(network) loss")
    let named = gradients.named(in: model)
    #expect(named.map(\.key) == model.namedParameterHandles().map(\.key), "every parameter has a gradient")
    for (key, gradient) in named {
      let error = relativeError(gradient, try file.tensor(named: "grad." + key))
      #expect(error <= Self.tolerance, "\(network) grad.\(key): relative error \(error)")
    }
  }

  @Test(arguments: TrainingFixtures.networkNames, TrainingFixtures.optimizerNames)
  func threeOptimizerStepsMatchPyTorch(network: String, optimizerName: String) throws {
    let file = try TrainingFixtures.file(network)
    let model = try TrainingFixtures.loadedModel(network, from: file)
    let optimizer = try TrainingFixtures.optimizer(optimizerName, model.parameters())
    let (x, target, kind) = (try file.tensor(named: "input"), try file.tensor(named: "target"), try lossKind(network))
    var losses: [Double] = []
    for _ in 0..<3 {
      let tape = Tape()
      let loss = try TrainingFixtures.loss(kind, try model.callAsLayer(tape.input(x)), target)
      losses.append(loss.item)
      try optimizer.step(try loss.backward())
    }
    let expectedLosses = try file.tensor(named: optimizerName + ".losses").doubles
    for (a, b) in zip(losses, expectedLosses) { #expect(abs(a - b) <= Self.tolerance * max(abs(b), 1e-3), "\(network)/\(optimizerName) losses \(losses) vs \(expectedLosses)") }
    for (key, parameter) in model.namedParameterHandles() {
      let error = relativeError(parameter.value, try file.tensor(named: optimizerName + "." + key))
      #expect(error <= Self.tolerance, "\(network)/\(optimizerName) \(key): relative error \(error)")
    }
  }
}

/// Every activation and loss on its own against PyTorch (`activations.safetensors`, `losses.safetensors`).
@Suite struct PyTorchActivationAndLossTests {
  static func layer(_ name: String) throws -> Module {
    switch name {
    case "relu": ReLU()
    case "leaky_relu_0.2": LeakyReLU(negativeSlope: 0.2)
    case "elu": ELU()
    case "elu_0.5": ELU(alpha: 0.5)
    case "selu": SELU()
    case "gelu": try GELU()
    case "gelu_tanh": try GELU(approximate: "tanh")
    case "silu": SiLU()
    case "tanh": Tanh()
    case "sigmoid": Sigmoid()
    case "softplus": Softplus()
    case "softplus_2_5": Softplus(beta: 2, threshold: 5)
    case "softmax_1": Softmax(dim: 1)
    case "softmax_0": Softmax(dim: 0)
    case "log_softmax_1": LogSoftmax(dim: 1)
    case "log_softmax_-1": LogSoftmax(dim: -1)
    case "log_softmax_0": LogSoftmax(dim: 0)
    case "identity": Identity()
    default: fatalError(name)
    }
  }

  @Test func everyFixtureActivationIsCovered() throws {
    let names = try TrainingFixtures.index()["activations"] as! [String]
    for name in names { _ = try Self.layer(name) }
    #expect(names.count == 18)
  }

  @Test(arguments: [
    "relu", "leaky_relu_0.2", "elu", "elu_0.5", "selu", "gelu", "gelu_tanh", "silu", "tanh", "sigmoid", "softplus",
    "softplus_2_5", "softmax_1", "softmax_0", "log_softmax_1", "log_softmax_-1", "log_softmax_0", "identity",
  ])
  func activationMatchesPyTorch(name: String) throws {
    let file = try Fixtures.trainingFile("activations")
    let tape = Tape()
    let x = try tape.input(try file.tensor(named: "x"), requiresGradient: true)
    let y = try Self.layer(name).callAsLayer(x)
    let g = try file.tensor(named: "g")
    try y.backward(gradient: g)
    let outputError = relativeError(y.value, try file.tensor(named: "y." + name))
    // Softmax along a saturated dimension cancels its gradient to ~1e-4 of the upstream gradient, where
    // float32 rounding alone (PyTorch's included) is ~1e-3 relative; the upstream gradient's scale is
    // the meaningful one.
    let upstreamScale = g.doubles.map(abs).max()!
    let gradientError = relativeError(try #require(x.gradient), try file.tensor(named: "dx." + name), scale: upstreamScale)
    #expect(outputError <= 1e-6, "\(name) output: relative error \(outputError)")
    #expect(gradientError <= 1e-6, "\(name) gradient: relative error \(gradientError)")
  }

  @Test(arguments: ["ce", "ce3", "mse"], [Reduction.mean, .sum, .none])
  func lossMatchesPyTorch(loss: String, reduction: Reduction) throws {
    let file = try Fixtures.trainingFile("losses")
    let key = "\(loss)_\(reduction.rawValue)"
    let (inputName, targetName) = [("ce", ("logits", "labels")), ("ce3", ("logits3", "labels3")), ("mse", ("pred", "goal"))]
      .first { $0.0 == loss }!.1
    let tape = Tape()
    let x = try tape.input(try file.tensor(named: inputName), requiresGradient: true)
    let target = try file.tensor(named: targetName)
    let value = loss == "mse" ? try MSELoss(reduction: reduction)(x, target) : try CrossEntropyLoss(reduction: reduction)(x, target)
    let upstream = try file.tensor(named: "upstream." + key).reshaped(value.shape)
    try value.backward(gradient: upstream)
    #expect(relativeError(try value.value.reshaped([value.value.count]), try file.tensor(named: "value." + key)) <= 1e-6, "\(key) value")
    #expect(relativeError(try #require(x.gradient), try file.tensor(named: "dx." + key)) <= 1e-6, "\(key) gradient")
  }
}

extension Fixtures {
  static func trainingFile(_ name: String) throws -> SafeTensorsFile { try safetensors("training/\(name).safetensors") }
}

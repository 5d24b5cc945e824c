import Initializers
import Layers
import RandomModule
import TensorModule
import TestSupport
import Testing

/// The seed tutorial's four models, written in Swift as a user would, against PyTorch's output
/// (`Tests/Fixtures/torch/{vectorized,aarch64}/tutorial.json`): same printout, same weights bit for bit.
@Suite struct TutorialParityTests {
  enum Scheme: String, CaseIterable { case SimpleNN, UniformNN, XavierNN, ConstantNN }

  /// `fc1 = Linear(10, 5)`, `fc2 = Linear(5, 1)`, weights re-initialized by the scheme, biases zeroed.
  final class TutorialNet: Module {
    let fc1: Linear
    let fc2: Linear
    let name: String

    init(_ scheme: Scheme, generator: TorchGenerator) throws {
      fc1 = try Linear(10, 5, generator: generator)
      fc2 = try Linear(5, 1, generator: generator)
      name = scheme.rawValue
      super.init()
      for layer in [fc1, fc2] {
        switch scheme {
        case .SimpleNN: try kaimingUniform(&layer.weight, nonlinearity: .relu, generator: generator)
        case .UniformNN: try uniform(&layer.weight, a: -0.1, b: 0.1, generator: generator)
        case .XavierNN: try xavierUniform(&layer.weight, generator: generator)
        case .ConstantNN: constant(&layer.weight, 0.5)
        }
      }
      zeros(&fc1.bias!)
      zeros(&fc2.bias!)
    }

    override var typeName: String { name }
  }

  @Test(arguments: Scheme.allCases, [("vectorized", TorchGenerator.Flavor.vectorized), ("aarch64", .arm64)])
  func matchesPyTorch(scheme: Scheme, fixture: (capability: String, flavor: TorchGenerator.Flavor)) throws {
    let json = try #require(try Fixtures.json("torch/\(fixture.capability)/tutorial.json") as? [String: Any])
    let cases = try #require(json["cases"] as? [[String: Any]])
    let reference = try #require(cases.first { $0["id"] as? String == scheme.rawValue })
    let tensors = try Fixtures.safetensors("torch/\(fixture.capability)/tutorial.safetensors")
    let model = try TutorialNet(scheme, generator: TorchGenerator(seed: 42, flavor: fixture.flavor))
    #expect(model.description == reference["repr"] as? String)
    #expect(model.stateDict().map(\.key) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
    for (key, tensor) in model.stateDict() {
      #expect(tensor == (try tensors.tensor(named: "\(scheme.rawValue)/\(key)")), "\(key)")
    }
  }
}

import Initializers
import Layers
import RandomModule
import TensorModule
import Testing

/// Module mechanics: children from stored properties, PyTorch's traversal orders, state-dict keys,
/// re-initialization and position-addressed init.
@Suite struct ModuleTests {
  final class Block: Module {
    let fc: Linear
    let act = ReLU()
    init(generator: TorchGenerator) throws {
      fc = try Linear(4, 4, generator: generator)
      super.init()
    }
  }

  final class Net: Module {
    let embed: Embedding
    let body: Sequential
    let head: Linear
    init(generator: TorchGenerator) throws {
      embed = try Embedding(10, 4, generator: generator)
      body = Sequential(try Block(generator: generator), try Block(generator: generator))
      head = try Linear(4, 2, bias: false, generator: generator)
      super.init()
      registerBuffer("scale", try Tensor(shape: [1], scalars: [2] as [Float]))
    }
  }

  @Test func childrenComeFromStoredPropertiesInDeclarationOrder() throws {
    let net = try Net(generator: TorchGenerator(seed: 0))
    #expect(net.namedChildren.map(\.name) == ["embed", "body", "head"])
    #expect(net.namedModules().map(\.path) == ["", "embed", "body", "body.0", "body.0.fc", "body.0.act", "body.1", "body.1.fc", "body.1.act", "head"])
    #expect(net.submodule("body.1.fc") is Linear)
  }

  @Test func stateDictHasPyTorchsKeysAndOrder() throws {
    let net = try Net(generator: TorchGenerator(seed: 0))
    #expect(net.stateDict().map(\.key) == [
      "scale", "embed.weight", "body.0.fc.weight", "body.0.fc.bias", "body.1.fc.weight", "body.1.fc.bias", "head.weight",
    ])
    #expect(net.namedParameters().count == 6)
  }

  @Test func applyVisitsChildrenBeforeParents() throws {
    let net = try Net(generator: TorchGenerator(seed: 0))
    var order: [String] = []
    net.apply { order.append($0.typeName) }
    #expect(order == ["Embedding", "Linear", "ReLU", "Block", "Linear", "ReLU", "Block", "Sequential", "Linear", "Net"])
    #expect(net.namedModulesInApplyOrder().map(\.path).last == "")
  }

  @Test func reprNestsLikePyTorch() throws {
    let net = try Net(generator: TorchGenerator(seed: 0))
    #expect(net.description == """
      Net(
        (embed): Embedding(10, 4)
        (body): Sequential(
          (0): Block(
            (fc): Linear(in_features=4, out_features=4, bias=True)
            (act): ReLU()
          )
          (1): Block(
            (fc): Linear(in_features=4, out_features=4, bias=True)
            (act): ReLU()
          )
        )
        (head): Linear(in_features=4, out_features=2, bias=False)
      )
      """)
  }

  @Test func reinitializeRunsTheTutorialLoopInApplyOrder() throws {
    let generator = TorchGenerator(seed: 1)
    let net = try Net(generator: generator)
    try net.reinitialize(weight: .constant(0.25), bias: .zeros, generator: generator)
    #expect(net.body.layers.compactMap { ($0 as? Block)?.fc.weight.doubles }.allSatisfy { $0.allSatisfy { $0 == 0.25 } })
    #expect(net.head.weight.doubles.allSatisfy { $0 == 0.25 })
    #expect(net.embed.weight.doubles.allSatisfy { $0 == 0.25 })
  }

  /// With Philox, a parameter's values depend only on (seed, key, index): equal to filling the
  /// parameter alone with the generator keyed by its state-dict path, whatever else the model holds.
  @Test func philoxInitIsAddressedByParameterKey() throws {
    let net = try Net(generator: TorchGenerator(seed: 0))
    let philox = PhiloxGenerator(seed: 7)
    try net.resetAllParameters(generator: philox)
    var expected = try Tensor(zeros: [4, 4])
    try kaimingUniform(&expected, a: 5.0.squareRoot(), generator: philox.generator(forParameter: "body.1.fc.weight"))
    let weight = try #require(net.stateDict().first { $0.key == "body.1.fc.weight" }?.tensor)
    #expect(weight == expected)
    let other = try #require(net.stateDict().first { $0.key == "body.0.fc.weight" }?.tensor)
    #expect(other != weight)
  }

  @Test func initializationPlanRecordsFinalSchemesWithoutDrawing() throws {
    let generator = TorchGenerator(seed: 0)
    let attention = try MultiheadAttention(8, 2, generator: generator)
    let before = generator.next32()
    let plan = try attention.initializationPlan()
    #expect(plan.map(\.key) == ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"])
    #expect(plan[0].scheme == .xavierUniform())
    #expect(plan[3].scheme == .constant(0))
    #expect(plan[2].shape == [8, 8])
    let reference = TorchGenerator(seed: 0)
    _ = try MultiheadAttention(8, 2, generator: reference)
    _ = reference.next32()
    #expect(generator.next32() == reference.next32())
    _ = before
  }
}

import Layers
import RandomModule
import TensorModule
import Testing

/// Arrays and dictionaries of modules in stored properties are registered like PyTorch's `ModuleList`
/// and `ModuleDict`, never silently dropped (they used to be missing from `print(model)` and the state dict).
@Suite struct ModuleContainerTests {
  final class Net: Module {
    let blocks: [Module]
    let heads: [String: Linear]
    let empty: [Linear] = []
    init(generator: TorchGenerator) throws {
      blocks = [try Linear(2, 2, generator: generator), try Linear(2, 2, generator: generator), try Linear(2, 2, generator: generator), ReLU()]
      heads = ["b": try Linear(1, 1, generator: generator), "a": try Linear(2, 2, generator: generator)]
      super.init()
    }
  }

  /// `print(model)` of the same model in PyTorch 2.15 (ModuleDict in sorted key order, see ``ModuleDict``).
  @Test func printsLikePyTorch() throws {
    let expected = """
      Net(
        (blocks): ModuleList(
          (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)
          (3): ReLU()
        )
        (heads): ModuleDict(
          (a): Linear(in_features=2, out_features=2, bias=True)
          (b): Linear(in_features=1, out_features=1, bias=True)
        )
        (empty): ModuleList()
      )
      """
    #expect(try Net(generator: TorchGenerator(seed: 0)).description == expected)
  }

  @Test func stateDictHoldsEveryModule() throws {
    let net = try Net(generator: TorchGenerator(seed: 0))
    #expect(net.stateDict().map(\.key) == [
      "blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias", "blocks.2.weight", "blocks.2.bias",
      "heads.a.weight", "heads.a.bias", "heads.b.weight", "heads.b.bias",
    ])
    #expect(net.submodule("blocks.1") === net.blocks[1])
  }

  @Test func reinitializeReachesTheArray() throws {
    let net = try Net(generator: TorchGenerator(seed: 0))
    try net.reinitialize(weight: .zeros, bias: .ones)
    for (key, tensor) in net.stateDict() {
      #expect(tensor.doubles.allSatisfy { $0 == (key.hasSuffix("weight") ? 0 : 1) }, "\(key)")
    }
  }
}

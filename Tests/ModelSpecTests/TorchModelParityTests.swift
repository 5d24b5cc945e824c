import Foundation
import Layers
import ModelSpec
import RandomModule
import TensorModule
import TestSupport
import Testing

/// Every model of `Tests/Fixtures/torch/<capability>/models.json` (real PyTorch, see
/// `Scripts/make_torch_fixtures.py`) built from its SPEC after seeding: the repr must be PyTorch's
/// text and the state dict PyTorch's keys, order, shapes, dtypes and bits.
@Suite struct TorchModelParityTests {
  /// Specs NNInit does not build (a list comprehension; a class not provided yet); building them
  /// must fail cleanly.
  static let unsupported = ["for _ in"]

  @Test(arguments: [("vectorized", TorchGenerator.Flavor.vectorized), ("scalar", .scalar), ("aarch64", .arm64)])
  func everyModelCase(capability: String, flavor: TorchGenerator.Flavor) throws {
    let json = try #require(try Fixtures.json("torch/\(capability)/models.json") as? [String: Any])
    let cases = try #require(json["cases"] as? [[String: Any]])
    let tensors = try Fixtures.safetensors("torch/\(capability)/models.safetensors")
    var failures: [String] = []
    var checked = 0
    for c in cases {
      let id = try #require(c["id"] as? String), spec = try #require(c["spec"] as? String)
      let seed = try #require(c["seed"] as? Int), repr = try #require(c["repr"] as? String)
      let dtypeName = try #require(c["dtype"] as? String)
      let dtype = try #require(DType(rawValue: dtypeName))
      let entries = try #require(c["state_dict"] as? [[String: Any]])
      let builder = ModelBuilder(dtype: dtype, generator: TorchGenerator(seed: seed, flavor: flavor))
      if Self.unsupported.contains(where: { spec.contains($0) }) {
        #expect(throws: (any Error).self, "\(id) \(spec)") { try builder.build(spec) }
        continue
      }
      let model = try builder.build(spec)
      checked += 1
      if model.description != repr { failures.append("\(id) \(spec): repr\n\(model.description)\n!=\n\(repr)") }
      let state = model.stateDict()
      let keys = entries.compactMap { $0["key"] as? String }
      if state.map(\.key) != keys { failures.append("\(id) \(spec): keys \(state.map(\.key)) != \(keys)") }
      for (key, tensor) in state where keys.contains(key) {
        let reference = try tensors.tensor(named: "\(id)/\(key)")
        if reference != tensor {
          let bad = zip(reference.doubles, tensor.doubles).filter { $0 != $1 }.count
          failures.append("\(id) \(spec): \(key) \(tensor.shape) \(tensor.dtype) vs \(reference.shape) \(reference.dtype): \(bad) differ")
        }
      }
    }
    #expect(checked > 90)
    #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(15).joined(separator: "\n"))")
  }
}

import Foundation
import Initializers
import ModelSpec
import RandomModule
import TensorModule
import TestSupport
import Testing

/// Every `torch.nn.init` case of `Tests/Fixtures/torch/<capability>/functions.json` (made by
/// `Scripts/make_torch_fixtures.py` from real PyTorch) reproduced from its CALL text.
///
/// Bit-exact except `orthogonal_`, whose QR PyTorch computes with LAPACK: there the tolerance is
/// 1e-5 absolute for float32 and 1e-12 for float64.
@Suite(.serialized) struct TorchFunctionParityTests {
  struct Case {
    var id: String, function: String, call: String, shape: [Int], dtype: DType, seed: Int, explicit: Bool
  }

  static func cases(_ capability: String) throws -> [Case] {
    let json = try #require(try Fixtures.json("torch/\(capability)/functions.json") as? [String: Any])
    let list = try #require(json["cases"] as? [[String: Any]])
    return try list.map { c in
      let dtypeName = try #require(c["dtype"] as? String)
      return Case(
        id: try #require(c["id"] as? String), function: try #require(c["function"] as? String),
        call: (try #require(c["call"] as? String)).replacingOccurrences(of: ", generator=g", with: "")
          .replacingOccurrences(of: "generator=g", with: ""),
        shape: try #require(c["shape"] as? [Int]), dtype: try #require(DType(rawValue: dtypeName)),
        seed: try #require(c["seed"] as? Int), explicit: c["generator"] as? String == "explicit")
    }
  }

  @Test(arguments: [("vectorized", TorchGenerator.Flavor.vectorized), ("scalar", .scalar)])
  func everyFunctionCase(capability: String, flavor: TorchGenerator.Flavor) throws {
    let expected = try Fixtures.safetensors("torch/\(capability)/functions.safetensors")
    let cases = try Self.cases(capability)
    #expect(cases.count > 300)
    var mismatches: [String] = []
    var worstOrthogonal = 0.0
    try torchDefaultGeneratorLock.withLock { _ in
      let savedFlavor = TorchGenerator.default.flavor
      TorchGenerator.default.flavor = flavor
      defer { TorchGenerator.default.flavor = savedFlavor }
      for c in cases {
        let scheme = try InitCallBuilder.initializer(from: c.call)
        var tensor = try Tensor(zeros: c.shape, dtype: c.dtype)
        // The default generator plays `torch.manual_seed`; `sparse_` draws its permutations from it.
        let generator: TorchGenerator
        if c.explicit {
          TorchGenerator.default.manualSeed(12345)
          generator = TorchGenerator(seed: c.seed, flavor: flavor)
        } else {
          TorchGenerator.default.manualSeed(c.seed)
          generator = TorchGenerator.default
        }
        try scheme.apply(to: &tensor, generator: generator)
        let reference = try expected.tensor(named: c.id)
        #expect(reference.shape == tensor.shape, "\(c.id) \(c.call)")
        if c.function == "orthogonal_" {
          let diff = zip(reference.doubles, tensor.doubles).map { abs($0 - $1) }.max() ?? 0
          worstOrthogonal = max(worstOrthogonal, diff)
          if diff > (c.dtype == .float32 ? 1e-5 : 1e-12) { mismatches.append("\(c.id) \(c.call) \(c.shape) max abs diff \(diff)") }
        } else if reference != tensor {
          let bad = zip(reference.doubles, tensor.doubles).filter { $0 != $1 }.count
          mismatches.append("\(c.id) \(c.call) \(c.shape) \(c.dtype): \(bad) of \(tensor.count) elements differ")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) cases differ:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    print("[\(capability)] \(cases.count) cases; orthogonal_ max abs diff \(worstOrthogonal)")
  }
}

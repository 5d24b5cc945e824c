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

  /// The outcome of replaying a fixture's cases with one flavor.
  struct Replay {
    var cases = 0
    var mismatches: [String] = []
    /// The functions with at least one mismatching case.
    var mismatchingFunctions: Set<String> = []
    var worstOrthogonal = 0.0
  }

  /// Replays every case of `torch/<capability>/functions.json` with `flavor`.
  static func replay(_ capability: String, _ flavor: TorchGenerator.Flavor) throws -> Replay {
    let expected = try Fixtures.safetensors("torch/\(capability)/functions.safetensors")
    let cases = try Self.cases(capability)
    // `TorchGenerator.default` is shared by the whole test process: one user at a time.
    return try torchDefaultGeneratorLock.withLock { _ in
      let savedFlavor = TorchGenerator.default.flavor
      TorchGenerator.default.flavor = flavor
      defer { TorchGenerator.default.flavor = savedFlavor }
      var result = Replay(cases: cases.count)
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
          result.worstOrthogonal = max(result.worstOrthogonal, diff)
          if diff > (c.dtype == .float32 ? 1e-5 : 1e-12) {
            result.mismatches.append("\(c.id) \(c.call) \(c.shape) max abs diff \(diff)")
            result.mismatchingFunctions.insert(c.function)
          }
        } else if reference != tensor {
          let bad = zip(reference.doubles, tensor.doubles).filter { $0 != $1 }.count
          result.mismatches.append("\(c.id) \(c.call) \(c.shape) \(c.dtype): \(bad) of \(tensor.count) elements differ")
          result.mismatchingFunctions.insert(c.function)
        }
      }
      return result
    }
  }

  /// `aarch64` holds the torch 2.15 aarch64 wheel's results (`Scripts/check_torch_aarch64.sh`, under qemu).
  @Test(arguments: [("vectorized", TorchGenerator.Flavor.vectorized), ("scalar", .scalar), ("aarch64", .arm64)])
  func everyFunctionCase(capability: String, flavor: TorchGenerator.Flavor) throws {
    let result = try Self.replay(capability, flavor)
    #expect(result.cases > 300)
    #expect(result.mismatches.isEmpty, "\(result.mismatches.count) cases differ:\n\(result.mismatches.prefix(20).joined(separator: "\n"))")
    print("[\(capability)] \(result.cases) cases; orthogonal_ max abs diff \(result.worstOrthogonal)")
  }

  /// Neither x86 flavor reproduces the aarch64 wheel: `vectorized` misses wherever float32 `normal_`
  /// runs its libm Box–Muller (Cephes vs libm `logf`/`sinf`/`cosf`), `scalar` wherever a multiply-add
  /// is fused (`uniform_`, and `normal_`'s scalar path with a non-zero mean). Hence the `arm64` flavor.
  @Test func aarch64ResultsNeedTheArm64Flavor() throws {
    #expect(try Self.replay("aarch64", .vectorized).mismatchingFunctions
      == ["normal_", "trunc_normal_", "kaiming_normal_", "xavier_normal_", "sparse_"])
    #expect(try Self.replay("aarch64", .scalar).mismatchingFunctions
      == ["uniform_", "normal_", "trunc_normal_", "kaiming_uniform_", "xavier_uniform_"])
  }
}

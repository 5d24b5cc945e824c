import Foundation
import Layers
import ModelSpec
import RandomModule
import TensorModule
import TestSupport
import Testing

/// Coverage of `torch.nn`: every public `nn.Module` class of torch 2.15, listed by
/// `Scripts/make_module_fixtures.py` from `dir(torch.nn)`, is either built from SPEC with PyTorch's
/// repr, state-dict keys, dtypes and bits (and leaves the generator where PyTorch's constructor left
/// it: the next `torch.rand(4)` matches), or listed in ``excluded`` with the reason. A class added to
/// torch appears in the fixture's class list and fails this test until it is handled.
@Suite struct TorchModuleCoverageTests {
  /// Classes NNInit does not build, and why. Building their fixture cases must fail with an error.
  static let excluded: [String: String] = [:]


  /// A fixture case and what checking it found.
  struct Outcome {
    var className: String?
    var id: String
    var spec: String
    var failures: [String]
  }

  static func check(capability: String, flavor: TorchGenerator.Flavor) throws -> (classes: [String], outcomes: [Outcome]) {
    let json = try #require(try Fixtures.json("torch/\(capability)/modules.json") as? [String: Any])
    let classes = try #require(json["classes"] as? [String])
    let cases = try #require(json["cases"] as? [[String: Any]])
    let tensors = try Fixtures.safetensors("torch/\(capability)/modules.safetensors")
    var outcomes: [Outcome] = []
    for c in cases {
      let id = try #require(c["id"] as? String), spec = try #require(c["spec"] as? String)
      let seed = try #require(c["seed"] as? Int), repr = try #require(c["repr"] as? String)
      let entries = try #require(c["state_dict"] as? [[String: Any]])
      let generator = TorchGenerator(seed: seed, flavor: flavor)
      var builder = ModelBuilder(dtype: .float32, generator: generator)
      builder.inputShape = c["input_shape"] as? [Int]
      var outcome = Outcome(className: c["class"] as? String, id: id, spec: spec, failures: [])
      defer { outcomes.append(outcome) }
      let model: Module
      do {
        model = try builder.build(spec)
      } catch {
        outcome.failures.append("throws: \(String(describing: error).prefix(160))")
        continue
      }
      if model.description != repr { outcome.failures.append("repr\n\(model.description)\n!=\n\(repr)") }
      let state = model.stateDict()
      let keys = entries.compactMap { $0["key"] as? String }
      if state.map(\.key) != keys { outcome.failures.append("keys \(state.map(\.key)) != \(keys)") }
      for (key, tensor) in state where keys.contains(key) {
        let reference = try tensors.tensor(named: "\(id)/\(key)")
        if reference != tensor {
          outcome.failures.append("\(key): \(tensor.shape) \(tensor.dtype) vs \(reference.shape) \(reference.dtype)")
        }
      }
      var next = try Tensor(zeros: [4], dtype: .float32)
      try next.uniform_(generator: generator)
      if next != (try tensors.tensor(named: "\(id)/#next")) {
        outcome.failures.append("the generator is not where PyTorch's constructor left it")
      }
    }
    return (classes, outcomes)
  }

  @Test(arguments: [("vectorized", TorchGenerator.Flavor.vectorized), ("scalar", .scalar)])
  func everyPublicClassIsCoveredOrExcluded(capability: String, flavor: TorchGenerator.Flavor) throws {
    let (classes, outcomes) = try Self.check(capability: capability, flavor: flavor)
    var problems: [String] = []
    for name in classes {
      let mine = outcomes.filter { $0.className == name }
      if let reason = Self.excluded[name] {
        let built = mine.filter(\.failures.isEmpty)
        if !built.isEmpty { problems.append("\(name) is excluded (\(reason)) but \(built.map(\.spec)) builds") }
        continue
      }
      if mine.isEmpty { problems.append("\(name): no fixture case and not excluded") }
      for outcome in mine where !outcome.failures.isEmpty {
        problems.append("\(outcome.id) \(outcome.spec): " + outcome.failures.joined(separator: "\n"))
      }
    }
    // Models mixing classes: must build unless they contain an excluded class.
    for outcome in outcomes where outcome.className == nil && !outcome.failures.isEmpty
      && !Self.excluded.keys.contains(where: { outcome.spec.contains($0 + "(") })
    {
      problems.append("\(outcome.id) \(outcome.spec): " + outcome.failures.joined(separator: "\n"))
    }
    for name in Self.excluded.keys where !classes.contains(name) {
      problems.append("\(name) is excluded but is no longer a torch.nn class")
    }
    let none = problems.isEmpty
    #expect(none, "\(problems.count) problems:\n\(problems.prefix(40).joined(separator: "\n\n"))")
    let covered = classes.filter { Self.excluded[$0] == nil }
    #expect(covered.count + Self.excluded.count == classes.count)
    #expect(classes.count >= 163)
  }
}


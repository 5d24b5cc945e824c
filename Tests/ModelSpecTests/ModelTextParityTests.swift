import Foundation
import Layers
import ModelSpec
import RandomModule
import TensorModule
import TestSupport
import Testing

/// Models read from the text `print(model)` printed, with init plans, against real PyTorch
/// (`Tests/Fixtures/modeltext/`, made by `Scripts/make_model_text_fixtures.py`): same repr, same
/// state-dict keys in the same order, same bits.
@Suite struct ModelTextParityTests {
  static func text(_ name: String) throws -> String { String(decoding: try Fixtures.bytes("modeltext/\(name)"), as: UTF8.self) }

  static func plan(_ name: String) throws -> InitPlan { try InitPlan(json: Data(try Fixtures.bytes("modeltext/\(name)"))) }

  static func reference(_ name: String) throws -> [String: Any] {
    let json = try #require(try Fixtures.json("modeltext/cases.json") as? [String: Any])
    return try #require((json["cases"] as? [String: Any])?[name] as? [String: Any])
  }

  /// Builds `text` after seeding as the case does, runs `plan`, and compares repr and state dict with
  /// the fixture by key order, shape, dtype and the FNV-1a-64 of each tensor's little-endian bytes.
  static func check(_ caseName: String, text: String, plan: InitPlan) throws {
    let reference = try reference(caseName)
    let seed = try #require(reference["seed"] as? Int)
    let generator = TorchGenerator(seed: seed)
    let model = try ModelBuilder(generator: generator).build(modelText: text)
    try model.reinitialize(plan.resolve(for: model).steps, generator: generator)
    #expect(model.description == reference["repr"] as? String)
    let state = model.stateDict()
    let entries = try #require(reference["state"] as? [[String: Any]])
    #expect(state.map(\.key) == entries.map { $0["key"] as? String ?? "" })
    for (entry, (key, tensor)) in zip(entries, state) {
      #expect(tensor.shape == entry["shape"] as? [Int], "\(key)")
      #expect(tensor.dtype.rawValue == entry["dtype"] as? String, "\(key)")
      #expect(String(format: "%016llx", TestSupport.fnv1a64(tensor)) == entry["fnv1a64"] as? String, "\(key)")
    }
  }

  @Test func resnet18WithTorchvisionsInitLoop() throws {
    try Self.check("resnet18", text: try Self.text("resnet18.txt"), plan: try Self.plan("resnet18.plan.json"))
  }

  /// torchvision's MobileNetV2 (ReLU6, grouped depthwise convolutions, InvertedResidual/Conv2dNormActivation
  /// classes) with its own init loop.
  @Test func mobilenetV2WithTorchvisionsInitLoop() throws {
    try Self.check("mobilenet_v2", text: try Self.text("mobilenet_v2.txt"), plan: try Self.plan("mobilenet_v2.plan.json"))
  }

  @Test func customGPTWithDefaultInit() throws {
    try Self.check("gpt_default", text: try Self.text("gpt.txt"), plan: InitPlan())
  }

  @Test func customGPTWithNanoGPTsApplyInit() throws {
    try Self.check("gpt_nanogpt", text: try Self.text("gpt.txt"), plan: try Self.plan("gpt_nanogpt.plan.json"))
  }

  /// The same plan written as `--init` rules.
  @Test func rulesAsTextEqualThePlanFile() throws {
    let rules = try [
      "Linear.weight=normal_(std=0.02)", "Linear.bias=zeros_()", "Embedding.weight=normal_(mean=0, std=0.02)",
    ].map(InitRule.init(parsing:))
    #expect(InitPlan(rules: rules) == (try Self.plan("gpt_nanogpt.plan.json")))
  }

  /// Every tensor bit for bit against the full fixture, not only its hash.
  @Test func customGPTTensorsEqualPyTorchs() throws {
    let tensors = try Fixtures.safetensors("modeltext/gpt.safetensors")
    let generator = TorchGenerator(seed: try #require(try Self.reference("gpt_nanogpt")["seed"] as? Int))
    let model = try ModelBuilder(generator: generator).build(modelText: try Self.text("gpt.txt"))
    let plan = try Self.plan("gpt_nanogpt.plan.json")
    try model.reinitialize(plan.resolve(for: model).steps, generator: generator)
    for (key, tensor) in model.stateDict() {
      #expect(bits(tensor) == bits(try tensors.tensor(named: "gpt_nanogpt/\(key)")), "\(key)")
    }
  }

  /// Declarations only (the philox path) give the same keys, shapes and repr, and the plan decides the
  /// same parameters.
  @Test func declaredResnetMatchesBuiltOne() throws {
    let text = try Self.text("resnet18.txt")
    let declared = try Module.declarationsOnly { try ModelBuilder().build(modelText: text) }
    let plan = try Self.plan("resnet18.plan.json")
    let materialization = try declared.materializationPlan(reinitializing: plan.resolve(for: declared).steps)
    let reference = try Self.reference("resnet18")
    #expect(declared.description == reference["repr"] as? String)
    #expect(materialization.entries.map(\.key) == (reference["state"] as? [[String: Any]])?.map { $0["key"] as? String ?? "" })
    let conv = try #require(materialization.entries.first { $0.key == "layer1.0.conv1.weight" })
    #expect(conv.scheme == .kaimingNormal(mode: .fanOut, nonlinearity: .relu))
    let fc = try #require(materialization.entries.first { $0.key == "fc.weight" })
    #expect(fc.scheme == .kaimingUniform(a: 5.0.squareRoot()))
  }
}

import Foundation
import HFModels
import TestSupport
import Testing

/// Every committed config against the layout transformers builds for it (`Tests/Fixtures/hf/layouts.json`,
/// written by `Scripts/check_hf_models.py --write-fixture` from `AutoModelForCausalLM.from_config` on the
/// meta device, as `save_pretrained` saves it).
@Suite struct HFLayoutTests {
  /// The repository root (`Configs/hf` lives there).
  static let root = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()

  static func reference() throws -> [String: [String: Any]] {
    let json = try #require(try Fixtures.json("hf/layouts.json") as? [String: Any])
    return try #require(json["configs"] as? [String: [String: Any]])
  }

  static let tinyConfigs: [String] = (try? FileManager.default.contentsOfDirectory(
    atPath: Fixtures.url("hf/tiny").path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []

  static let fullConfigs = ["gpt2-xl.json", "llama-3-70b.json", "llama-3-8b.json", "mixtral-8x7b.json", "qwen3-8b.json"]

  static func model(_ path: URL) throws -> HFModel {
    try HFModel(config: HFConfig(contentsOf: path))
  }

  @Test func everySupportedArchitectureHasATinyConfig() {
    let types = Set(Self.tinyConfigs.compactMap { name in
      (try? HFConfig(contentsOf: Fixtures.url("hf/tiny/" + name))).flatMap { try? $0.string("model_type") }
    })
    #expect(types == Set(HFArchitecture.supportedModelTypes))
  }

  @Test(arguments: tinyConfigs) func tinyConfigMatchesTransformers(_ name: String) throws {
    let expected = try #require(try Self.reference()["Tests/Fixtures/hf/tiny/" + name])
    let tensors = try #require(expected["tensors"] as? [[Any]])
    var expectedShapes: [String: [Int]] = [:]
    for tensor in tensors {
      expectedShapes[try #require(tensor[0] as? String)] = try #require(tensor[1] as? [Int])
    }
    let model = try Self.model(Fixtures.url("hf/tiny/" + name))
    let shapes = Dictionary(model.parameters.map { ($0.name, $0.shape) }, uniquingKeysWith: { a, _ in a })
    #expect(shapes.count == model.parameters.count, "duplicate names")
    #expect(Set(shapes.keys) == Set(expectedShapes.keys), "missing \(Set(expectedShapes.keys).subtracting(shapes.keys).sorted()), extra \(Set(shapes.keys).subtracting(expectedShapes.keys).sorted())")
    for (key, shape) in expectedShapes { #expect(shapes[key] == shape, "\(key)") }
    #expect(model.parameterCount == expected["total_parameters"] as? Int)
  }

  @Test(arguments: fullConfigs) func fullSizeConfigMatchesTransformers(_ name: String) throws {
    let expected = try #require(try Self.reference()["Configs/hf/" + name])
    let model = try Self.model(Self.root.appendingPathComponent("Configs/hf/" + name))
    #expect(model.parameterCount == expected["total_parameters"] as? Int)
    #expect(model.parameters.count == expected["tensor_count"] as? Int)
    #expect(model.parameters.reduce(0) { $0 + $1.count } == expected["total_elements"] as? Int)
  }

  /// Figures published with the models (model cards), independent of transformers' code.
  @Test func publishedParameterCounts() throws {
    let counts = [("llama-3-8b.json", 8_030_261_248), ("llama-3-70b.json", 70_553_706_496), ("gpt2-xl.json", 1_557_611_200)]
    for (name, count) in counts {
      #expect(try Self.model(Self.root.appendingPathComponent("Configs/hf/" + name)).parameterCount == count, "\(name)")
    }
  }

  @Test func defaultInitFollowsTransformers() throws {
    let gpt2 = try Self.model(Fixtures.url("hf/tiny/gpt2.json"))
    let byName = Dictionary(uniqueKeysWithValues: gpt2.parameters.map { ($0.name, $0) })
    // GPT2PreTrainedModel._init_weights: c_proj std = initializer_range / sqrt(2 * n_layer), n_layer = 2.
    #expect(byName["transformer.h.0.attn.c_proj.weight"]?.initializer == .normal(mean: 0, std: 0.02 / 2))
    #expect(byName["transformer.h.1.mlp.c_proj.weight"]?.initializer == .normal(mean: 0, std: 0.02 / 2))
    #expect(byName["transformer.h.0.attn.c_attn.weight"]?.initializer == .normal(mean: 0, std: 0.02))
    #expect(byName["transformer.h.0.attn.c_attn.bias"]?.initializer == .zeros)
    #expect(byName["transformer.ln_f.weight"]?.initializer == .ones)
    #expect(byName["lm_head.weight"] == nil)  // tied by default

    let gemma = try Self.model(Fixtures.url("hf/tiny/gemma.json"))
    let gemmaByName = Dictionary(uniqueKeysWithValues: gemma.parameters.map { ($0.name, $0) })
    #expect(gemmaByName["model.norm.weight"]?.initializer == .zeros)  // x * (1 + w)
    #expect(gemmaByName["model.embed_tokens.weight"]?.zeroRow == 0)  // GemmaConfig.pad_token_id = 0

    let llama = try Self.model(Fixtures.url("hf/tiny/llama_bias_tied.json"))
    #expect(llama.dtype == .bfloat16)
    #expect(llama.parameters.first { $0.name == "model.embed_tokens.weight" }?.zeroRow == 3)
    #expect(llama.parameters.allSatisfy { $0.name.hasSuffix(".bias") ? $0.initializer == .zeros : true })
  }

  @Test func deepSeekRouterStaysFloat32() throws {
    let model = try HFModel(config: HFConfig(contentsOf: Fixtures.url("hf/tiny/deepseek_v3.json")), dtype: .bfloat16)
    let router = try #require(model.parameters.first { $0.name == "model.layers.1.mlp.gate.e_score_correction_bias" })
    #expect(model.storedDType(of: router) == .f32 && router.isBuffer)
    let expert = try #require(model.parameters.first { $0.name == "model.layers.1.mlp.experts.0.up_proj.weight" })
    #expect(model.storedDType(of: expert) == .bf16)
  }
}

import Foundation
import HFModels
import Testing

/// Bad configs give one-line errors naming the field.
@Suite struct HFConfigErrorTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var json: String
    var mentions: [String]
    var testDescription: String { json }
  }

  static let llama = #""model_type": "llama", "vocab_size": 32, "hidden_size": 16, "num_hidden_layers": 1, "intermediate_size": 8"#

  static let cases: [Case] = [
    Case(json: #"{"model_type": "bert", "hidden_size": 4}"#, mentions: ["'model_type'", "\"bert\"", "llama", "gpt2", "deepseek_v3"]),
    Case(json: #"{"hidden_size": 4}"#, mentions: ["'model_type'", "missing"]),
    Case(json: "{\(llama)}", mentions: ["'num_attention_heads'", "missing"]),
    Case(json: #"{"model_type": "llama", "vocab_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8}"#, mentions: ["'hidden_size'", "missing"]),
    Case(json: "{\(llama), \"num_attention_heads\": 5}", mentions: ["'num_attention_heads' (5)", "'hidden_size' (16)"]),
    Case(json: "{\(llama), \"num_attention_heads\": 4, \"num_key_value_heads\": 3}", mentions: ["'num_key_value_heads' (3)", "'num_attention_heads' (4)"]),
    Case(json: "{\(llama), \"num_attention_heads\": -4}", mentions: ["'num_attention_heads'", "-4"]),
    Case(json: #"{"model_type": "llama", "vocab_size": -1, "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8}"#, mentions: ["'vocab_size'", "-1"]),
    Case(json: #"{"model_type": "llama", "vocab_size": 32, "hidden_size": "16", "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8}"#, mentions: ["'hidden_size'", "integer", "string"]),
    Case(json: "{\(llama), \"num_attention_heads\": 2, \"tie_word_embeddings\": 1}", mentions: ["'tie_word_embeddings'", "true or false"]),
    Case(json: "{\(llama), \"num_attention_heads\": 2, \"pad_token_id\": 32}", mentions: ["'pad_token_id' (32)", "vocab_size"]),
    Case(json: "{\(llama), \"num_attention_heads\": 2, \"torch_dtype\": \"int8\"}", mentions: ["'torch_dtype'", "int8"]),
    Case(json: #"{"model_type": "gpt2", "vocab_size": 32, "n_embd": 10, "n_layer": 1, "n_head": 4, "n_positions": 8}"#, mentions: ["'n_head' (4)", "'n_embd' (10)"]),
    Case(json: #"{"model_type": "mixtral", "vocab_size": 32, "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8}"#, mentions: ["'num_local_experts'", "missing"]),
    Case(json: #"{"model_type": "deepseek_v3", "vocab_size": 32, "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8, "n_routed_experts": 2, "moe_intermediate_size": 4}"#, mentions: ["'q_lora_rank'", "missing"]),
    Case(json: #"{"model_type": "llama", "vocab_size": 99999999999, "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8}"#, mentions: ["'vocab_size'", "at most 16777216"]),
    Case(json: #"{"model_type": "llama", "vocab_size": 32, "hidden_size": 16, "num_hidden_layers": 1000000000, "num_attention_heads": 2, "intermediate_size": 8}"#, mentions: ["'num_hidden_layers'", "at most 100000"]),
    Case(json: "{\(llama), \"num_attention_heads\": 2, \"vocab_size\": 64}", mentions: ["duplicate key \"vocab_size\""]),
    Case(json: #"{"model_type": "llama", "vocab_size": 1e2, "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8}"#, mentions: ["'vocab_size'", "an integer", "a number"]),
    Case(json: #"{"model_type": "mixtral", "vocab_size": 32, "hidden_size": 16, "num_hidden_layers": 100000, "num_attention_heads": 2, "intermediate_size": 8, "num_local_experts": 100000}"#, mentions: ["num_hidden_layers × experts"]),
    Case(json: "{\(llama), \"num_attention_heads\": 2, \"initializer_range\": -0.02}", mentions: ["'initializer_range'", "-0.02"]),
    Case(json: #"{"model_type": "llama", "#, mentions: ["not a JSON object"]),
    Case(json: #"[1, 2]"#, mentions: ["not a JSON object", "array"]),
    Case(json: "", mentions: ["not a JSON object"]),
  ]

  @Test(arguments: cases) func oneLineNamingTheField(_ c: Case) {
    do {
      let model = try HFModel(config: HFConfig(data: Data(c.json.utf8), path: "config.json"))
      Issue.record("accepted: \(model.architecture) with \(model.parameterCount) parameters")
    } catch {
      let message = String(describing: error)
      #expect(!message.contains("\n"), "\(message)")
      for word in c.mentions { #expect(message.contains(word), "\(message)") }
    }
  }

  @Test func explicitHeadDimNeedNotDivide() throws {
    let config = try HFConfig(data: Data("{\(Self.llama), \"num_attention_heads\": 3, \"head_dim\": 8}".utf8), path: "c")
    let model = try HFModel(config: config)
    #expect(model.parameters.first { $0.name == "model.layers.0.self_attn.q_proj.weight" }?.shape == [24, 16])
  }

  @Test func nullQueryRankMeansPlainQueryProjection() throws {
    let json = #"{"model_type": "deepseek_v3", "vocab_size": 32, "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 8, "n_routed_experts": 2, "moe_intermediate_size": 4, "q_lora_rank": null, "kv_lora_rank": 4, "qk_rope_head_dim": 2, "qk_nope_head_dim": 2, "v_head_dim": 4}"#
    let model = try HFModel(config: HFConfig(data: Data(json.utf8), path: "c"))
    #expect(model.parameters.first { $0.name == "model.layers.0.self_attn.q_proj.weight" }?.shape == [8, 16])
    #expect(!model.parameters.contains { $0.name.contains("q_a_proj") })
  }
}

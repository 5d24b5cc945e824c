/// The Hugging Face architectures (`config.json`'s `model_type`) whose checkpoints NNInit declares,
/// each with transformers' `*ForCausalLM` parameter names and shapes (transformers 5.25, as
/// `save_pretrained` writes them: mixture-of-experts weights one tensor per expert).
public enum HFArchitecture: String, CaseIterable, Sendable {
  /// Llama 1–3 (`LlamaForCausalLM`).
  case llama
  /// GPT-2 (`GPT2LMHeadModel`).
  case gpt2
  /// Mistral (`MistralForCausalLM`).
  case mistral
  /// Qwen2 (`Qwen2ForCausalLM`).
  case qwen2
  /// Qwen3 (`Qwen3ForCausalLM`).
  case qwen3
  /// Mixtral (`MixtralForCausalLM`).
  case mixtral
  /// Gemma (`GemmaForCausalLM`).
  case gemma
  /// Gemma 2 (`Gemma2ForCausalLM`).
  case gemma2
  /// Phi-3 (`Phi3ForCausalLM`).
  case phi3
  /// GPT-NeoX / Pythia (`GPTNeoXForCausalLM`).
  case gptNeoX = "gpt_neox"
  /// OLMo 2 (`Olmo2ForCausalLM`).
  case olmo2
  /// StarCoder2 (`Starcoder2ForCausalLM`).
  case starcoder2
  /// Qwen2-MoE (`Qwen2MoeForCausalLM`).
  case qwen2MoE = "qwen2_moe"
  /// Qwen3-MoE (`Qwen3MoeForCausalLM`).
  case qwen3MoE = "qwen3_moe"
  /// Gemma 3, text only (`Gemma3ForCausalLM`).
  case gemma3Text = "gemma3_text"
  /// DeepSeek-V3 (`DeepseekV3ForCausalLM`).
  case deepseekV3 = "deepseek_v3"

  /// The `model_type` values, in the order above.
  public static var supportedModelTypes: [String] { allCases.map(\.rawValue) }

  /// The architecture of `config` (`model_type`).
  ///
  /// - Throws: ``HFConfigError/unknownModelType(_:supported:)`` naming the supported types.
  public init(config: HFConfig) throws(HFConfigError) {
    let type = try config.string("model_type")
    guard let architecture = HFArchitecture(rawValue: type) else {
      throw .unknownModelType(type, supported: Self.supportedModelTypes)
    }
    self = architecture
  }

  /// The class `AutoModelForCausalLM` builds (`config.json`'s `architectures`).
  public var causalLMClass: String {
    switch self {
    case .llama: "LlamaForCausalLM"
    case .gpt2: "GPT2LMHeadModel"
    case .mistral: "MistralForCausalLM"
    case .qwen2: "Qwen2ForCausalLM"
    case .qwen3: "Qwen3ForCausalLM"
    case .mixtral: "MixtralForCausalLM"
    case .gemma: "GemmaForCausalLM"
    case .gemma2: "Gemma2ForCausalLM"
    case .phi3: "Phi3ForCausalLM"
    case .gptNeoX: "GPTNeoXForCausalLM"
    case .olmo2: "Olmo2ForCausalLM"
    case .starcoder2: "Starcoder2ForCausalLM"
    case .qwen2MoE: "Qwen2MoeForCausalLM"
    case .qwen3MoE: "Qwen3MoeForCausalLM"
    case .gemma3Text: "Gemma3ForCausalLM"
    case .deepseekV3: "DeepseekV3ForCausalLM"
    }
  }

  /// `tie_word_embeddings` when the config omits it (the `*Config` class default).
  var tiesWordEmbeddingsByDefault: Bool {
    switch self {
    case .gpt2, .gemma, .gemma2, .gemma3Text, .starcoder2: true
    default: false
    }
  }

  /// `pad_token_id` when the config omits it (the `*Config` class default); it zeroes that embedding
  /// row, except in GPT-2 and GPT-NeoX, whose embeddings have no `padding_idx`.
  var defaultPadTokenID: Int? {
    switch self {
    case .gemma, .gemma2, .gemma3Text: 0
    case .phi3: 32000
    case .olmo2: 1
    default: nil
    }
  }

  /// `initializer_range` when the config omits it.
  var defaultInitializerRange: Double { self == .starcoder2 ? 0.018042 : 0.02 }

  /// `config.initializer_range` (the std of every normal init), checked finite and non-negative.
  func initializerRange(_ config: HFConfig) throws(HFConfigError) -> Double {
    let std = try config.double("initializer_range", default: defaultInitializerRange)
    guard std.isFinite, std >= 0 else {
      throw .wrongType(field: "initializer_range", expected: "a finite number ≥ 0", got: "\(std)")
    }
    return std
  }

  /// The tensors of the model `config` describes, in module order, with the simple default init.
  ///
  /// - Throws: ``HFConfigError`` naming the field that is missing, of the wrong type or inconsistent.
  public func parameters(_ config: HFConfig) throws(HFConfigError) -> [HFParameter] {
    switch self {
    case .gpt2: try gpt2Parameters(config)
    case .gptNeoX: try gptNeoXParameters(config)
    default: try decoderParameters(config)
    }
  }
}

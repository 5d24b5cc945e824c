/// The Llama-style decoders: `model.embed_tokens`, `model.layers.{i}` (attention, MLP, norms),
/// `model.norm`, `lm_head` (absent when tied). Each architecture differs only in its attention
/// projections, its MLP and which norms a layer has — as in transformers' `modeling_<type>.py`.
extension HFArchitecture {
  func decoderParameters(_ config: HFConfig) throws(HFConfigError) -> [HFParameter] {
    let sizes = try HFDecoderSizes(config, self)
    var builder = HFModuleBuilder(std: sizes.std)
    if [.gemma, .gemma2, .gemma3Text].contains(self) { builder.normWeight = .zeros }  // x * (1 + w)
    let normBias = self == .starcoder2  // nn.LayerNorm
    let intermediate = try config.int("intermediate_size")
    let moe = try HFMixtureOfExperts(config, self, hidden: sizes.hidden)
    if let moe, sizes.layers * moe.experts > 10 * HFConfig.maximumCount {
      throw .tooLarge(field: "num_hidden_layers × experts", value: sizes.layers * moe.experts, maximum: 10 * HFConfig.maximumCount)
    }

    builder.embedding("model.embed_tokens", rows: sizes.vocabulary, columns: sizes.hidden, padding: sizes.paddingRow)
    for layer in 0..<sizes.layers {
      let path = "model.layers.\(layer)"
      if self == .deepseekV3 {
        try latentAttention(path + ".self_attn", config, sizes, &builder)
      } else {
        try attention(path + ".self_attn", config, sizes, &builder)
      }
      if let moe, moe.isSparse(layer: layer) {
        moe.declare(path, &builder)
      } else {
        try mlp(path + ".mlp", config, hidden: sizes.hidden, intermediate: intermediate, &builder)
      }
      for norm in layerNorms { builder.norm(path + "." + norm, size: sizes.hidden, bias: normBias) }
    }
    builder.norm("model.norm", size: sizes.hidden, bias: normBias)
    if !sizes.tiesWordEmbeddings { builder.linear("lm_head", in: sizes.hidden, out: sizes.vocabulary) }
    return builder.parameters
  }

  /// The norms of one decoder layer, in module order.
  private var layerNorms: [String] {
    switch self {
    case .gemma2, .gemma3Text:
      ["input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm", "post_feedforward_layernorm"]
    case .olmo2: ["post_attention_layernorm", "post_feedforward_layernorm"]
    default: ["input_layernorm", "post_attention_layernorm"]
    }
  }

  /// `q_proj`, `k_proj`, `v_proj`, `o_proj` (Phi-3: `o_proj` and the fused `qkv_proj`), with the
  /// architecture's biases, and the per-head (Qwen3, Gemma3) or whole (OLMo2) query/key norms.
  private func attention(_ path: String, _ config: HFConfig, _ sizes: HFDecoderSizes, _ builder: inout HFModuleBuilder) throws(HFConfigError) {
    let h = sizes.hidden, queries = sizes.heads * sizes.headDim, keys = sizes.keyValueHeads * sizes.headDim
    if self == .phi3 {
      builder.linear(path + ".o_proj", in: queries, out: h)
      builder.linear(path + ".qkv_proj", in: h, out: queries + 2 * keys)
      return
    }
    let qkvBias: Bool, outputBias: Bool
    switch self {
    case .qwen2: (qkvBias, outputBias) = (true, false)
    case .qwen2MoE: (qkvBias, outputBias) = (try config.bool("qkv_bias", default: true), false)
    case .mistral, .mixtral: (qkvBias, outputBias) = (false, false)
    case .starcoder2:
      let bias = try config.bool("use_bias", default: true)
      (qkvBias, outputBias) = (bias, bias)
    default:
      let bias = try config.bool("attention_bias", default: false)
      (qkvBias, outputBias) = (bias, bias)
    }
    builder.linear(path + ".q_proj", in: h, out: queries, bias: qkvBias)
    builder.linear(path + ".k_proj", in: h, out: keys, bias: qkvBias)
    builder.linear(path + ".v_proj", in: h, out: keys, bias: qkvBias)
    builder.linear(path + ".o_proj", in: queries, out: h, bias: outputBias)
    switch self {
    case .qwen3, .qwen3MoE, .gemma3Text:
      builder.norm(path + ".q_norm", size: sizes.headDim)
      builder.norm(path + ".k_norm", size: sizes.headDim)
    case .olmo2:
      builder.norm(path + ".q_norm", size: queries)
      builder.norm(path + ".k_norm", size: keys)
    default: break
    }
  }

  /// DeepSeek's multi-head latent attention (`DeepseekV3Attention`): queries through a rank
  /// `q_lora_rank` bottleneck (or a plain `q_proj` when it is `null`), keys and values through a
  /// `kv_lora_rank` latent plus a shared rotary key.
  private func latentAttention(_ path: String, _ config: HFConfig, _ sizes: HFDecoderSizes, _ builder: inout HFModuleBuilder) throws(HFConfigError) {
    let h = sizes.hidden, heads = sizes.heads
    guard config.fields["q_lora_rank"] != nil else { throw .missingField("q_lora_rank") }
    let queryRank = try config.optionalInt("q_lora_rank")
    let latentRank = try config.int("kv_lora_rank")
    let ropeDim = try config.int("qk_rope_head_dim"), nopeDim = try config.int("qk_nope_head_dim")
    let valueDim = try config.int("v_head_dim")
    let bias = try config.bool("attention_bias", default: false)
    if let queryRank {
      builder.linear(path + ".q_a_proj", in: h, out: queryRank, bias: bias)
      builder.norm(path + ".q_a_layernorm", size: queryRank)
      builder.linear(path + ".q_b_proj", in: queryRank, out: heads * (nopeDim + ropeDim))
    } else {
      builder.linear(path + ".q_proj", in: h, out: heads * (nopeDim + ropeDim))
    }
    builder.linear(path + ".kv_a_proj_with_mqa", in: h, out: latentRank + ropeDim, bias: bias)
    builder.norm(path + ".kv_a_layernorm", size: latentRank)
    builder.linear(path + ".kv_b_proj", in: latentRank, out: heads * (nopeDim + valueDim))
    builder.linear(path + ".o_proj", in: heads * valueDim, out: h, bias: bias)
  }

  /// The dense MLP: gated (`gate_proj`, `up_proj`, `down_proj`; Llama's with `mlp_bias`), Phi-3's
  /// fused `gate_up_proj`, or StarCoder2's `c_fc`/`c_proj` with `use_bias`.
  private func mlp(_ path: String, _ config: HFConfig, hidden: Int, intermediate: Int, _ builder: inout HFModuleBuilder) throws(HFConfigError) {
    switch self {
    case .phi3:
      builder.linear(path + ".gate_up_proj", in: hidden, out: 2 * intermediate)
      builder.linear(path + ".down_proj", in: intermediate, out: hidden)
    case .starcoder2:
      let bias = try config.bool("use_bias", default: true)
      builder.linear(path + ".c_fc", in: hidden, out: intermediate, bias: bias)
      builder.linear(path + ".c_proj", in: intermediate, out: hidden, bias: bias)
    case .llama:
      builder.gatedMLP(path, hidden: hidden, intermediate: intermediate, bias: try config.bool("mlp_bias", default: false))
    default:
      builder.gatedMLP(path, hidden: hidden, intermediate: intermediate)
    }
  }
}

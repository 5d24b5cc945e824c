/// The GPT-style models, whose layouts differ from the Llama family's.
extension HFArchitecture {
  /// `GPT2LMHeadModel`: `transformer.wte`, `transformer.wpe`, `transformer.h.{i}` (`ln_1`,
  /// `attn.c_attn`, `attn.c_proj`, `ln_2`, `mlp.c_fc`, `mlp.c_proj` — `Conv1D`s, weights `[in, out]`),
  /// `transformer.ln_f`, `lm_head` unless tied (tied by default).
  ///
  /// Both `c_proj` weights are `normal_(0, initializer_range / √(2 · n_layer))` — "the weights of
  /// residual layers at initialization scaled by 1/√N" (`GPT2PreTrainedModel._init_weights`).
  func gpt2Parameters(_ config: HFConfig) throws(HFConfigError) -> [HFParameter] {
    let vocabulary = try config.int("vocab_size")
    let hidden = try config.int(anyOf: ["n_embd", "hidden_size"])
    let layers = try config.int(anyOf: ["n_layer", "num_hidden_layers"], maximum: HFConfig.maximumCount)
    let heads = try config.int(anyOf: ["n_head", "num_attention_heads"])
    _ = try HFConfig.quotient("n_embd", hidden, by: "n_head", heads)
    let positions = try config.int(anyOf: ["n_positions", "max_position_embeddings"])
    let inner = try config.optionalInt("n_inner") ?? 4 * hidden
    let std = try initializerRange(config)
    let tied = try config.bool("tie_word_embeddings", default: tiesWordEmbeddingsByDefault)
    let residualStd = std / (2 * Double(layers)).squareRoot()

    var builder = HFModuleBuilder(std: std)
    builder.embedding("transformer.wte", rows: vocabulary, columns: hidden)
    builder.embedding("transformer.wpe", rows: positions, columns: hidden)
    for layer in 0..<layers {
      let path = "transformer.h.\(layer)"
      builder.norm(path + ".ln_1", size: hidden, bias: true)
      builder.conv1D(path + ".attn.c_attn", in: hidden, out: 3 * hidden)
      builder.conv1D(path + ".attn.c_proj", in: hidden, out: hidden, std: residualStd)
      builder.norm(path + ".ln_2", size: hidden, bias: true)
      builder.conv1D(path + ".mlp.c_fc", in: hidden, out: inner)
      builder.conv1D(path + ".mlp.c_proj", in: inner, out: hidden, std: residualStd)
    }
    builder.norm("transformer.ln_f", size: hidden, bias: true)
    if !tied { builder.linear("lm_head", in: hidden, out: vocabulary) }
    return builder.parameters
  }

  /// `GPTNeoXForCausalLM`: `gpt_neox.embed_in`, `gpt_neox.layers.{i}` (`input_layernorm`,
  /// `post_attention_layernorm`, `attention.query_key_value` `[3·hidden, hidden]`, `attention.dense`
  /// — biases with `attention_bias`, default true —, `mlp.dense_h_to_4h`, `mlp.dense_4h_to_h` with
  /// biases), `gpt_neox.final_layer_norm`, `embed_out` unless tied (untied by default).
  func gptNeoXParameters(_ config: HFConfig) throws(HFConfigError) -> [HFParameter] {
    let vocabulary = try config.int("vocab_size")
    let hidden = try config.int("hidden_size")
    let layers = try config.int("num_hidden_layers", minimum: 0, maximum: HFConfig.maximumCount)
    let heads = try config.int("num_attention_heads")
    _ = try HFConfig.quotient("hidden_size", hidden, by: "num_attention_heads", heads)
    let intermediate = try config.int("intermediate_size")
    let attentionBias = try config.bool("attention_bias", default: true)
    let tied = try config.bool("tie_word_embeddings", default: tiesWordEmbeddingsByDefault)

    var builder = HFModuleBuilder(std: try initializerRange(config))
    builder.embedding("gpt_neox.embed_in", rows: vocabulary, columns: hidden)
    for layer in 0..<layers {
      let path = "gpt_neox.layers.\(layer)"
      builder.norm(path + ".input_layernorm", size: hidden, bias: true)
      builder.norm(path + ".post_attention_layernorm", size: hidden, bias: true)
      builder.linear(path + ".attention.query_key_value", in: hidden, out: 3 * hidden, bias: attentionBias)
      builder.linear(path + ".attention.dense", in: hidden, out: hidden, bias: attentionBias)
      builder.linear(path + ".mlp.dense_h_to_4h", in: hidden, out: intermediate, bias: true)
      builder.linear(path + ".mlp.dense_4h_to_h", in: intermediate, out: hidden, bias: true)
    }
    builder.norm("gpt_neox.final_layer_norm", size: hidden, bias: true)
    if !tied { builder.linear("embed_out", in: hidden, out: vocabulary) }
    return builder.parameters
  }
}

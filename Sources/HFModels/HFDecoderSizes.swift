/// The sizes every Llama-style decoder reads from its config, checked.
///
/// `head_dim` defaults to `hidden_size / num_attention_heads` (then the heads must divide the hidden
/// size), `num_key_value_heads` to `num_attention_heads` (and must divide it, as grouped-query attention
/// repeats each key/value head `num_attention_heads / num_key_value_heads` times).
struct HFDecoderSizes {
  let vocabulary: Int
  let hidden: Int
  let layers: Int
  let heads: Int
  let keyValueHeads: Int
  let headDim: Int
  /// `initializer_range`.
  let std: Double
  /// `tie_word_embeddings`: no separate output head when true.
  let tiesWordEmbeddings: Bool
  /// The embedding row zeroed after init (`pad_token_id`), if any.
  let paddingRow: Int?

  init(_ config: HFConfig, _ architecture: HFArchitecture) throws(HFConfigError) {
    vocabulary = try config.int("vocab_size")
    hidden = try config.int("hidden_size")
    layers = try config.int("num_hidden_layers", minimum: 0, maximum: HFConfig.maximumCount)
    heads = try config.int("num_attention_heads")
    keyValueHeads = try config.int("num_key_value_heads", default: heads)
    _ = try HFConfig.quotient("num_attention_heads", heads, by: "num_key_value_heads", keyValueHeads)
    if let headDim = try config.optionalInt("head_dim") {
      self.headDim = headDim
    } else {
      headDim = try HFConfig.quotient("hidden_size", hidden, by: "num_attention_heads", heads)
    }
    std = try architecture.initializerRange(config)
    tiesWordEmbeddings = try config.bool("tie_word_embeddings", default: architecture.tiesWordEmbeddingsByDefault)
    let hasPadField = config.fields["pad_token_id"] != nil
    let padding = hasPadField ? try config.optionalInt("pad_token_id", minimum: 0) : architecture.defaultPadTokenID
    if let padding, padding >= vocabulary {
      throw .tokenOutOfVocabulary(field: "pad_token_id", value: padding, vocabularySize: vocabulary)
    }
    paddingRow = padding
  }
}

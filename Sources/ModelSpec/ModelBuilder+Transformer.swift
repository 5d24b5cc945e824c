import Layers

extension ModelBuilder {
  /// `TransformerEncoderLayer`, `TransformerDecoderLayer`, `TransformerEncoder`, `TransformerDecoder`,
  /// `Transformer` and `AdaptiveLogSoftmaxWithLoss`, with PyTorch 2.15's signatures.
  static let transformerCatalog: [String: ModuleEntry] = {
    var entries: [String: ModuleEntry] = [:]
    func add(_ name: String, _ parameters: [SpecParameter], _ make: @escaping @Sendable (SpecBoundArguments, Context) throws -> Module) {
      entries[name] = ModuleEntry(signature: SpecSignature(name, parameters + factoryKeywords), make: make)
    }
    let layer: [SpecParameter] = [
      .required("d_model"), .required("nhead"), .optional("dim_feedforward", .int(2048)), .optional("dropout", .float(0.1)),
      .optional("activation", .string("relu")), .optional("layer_norm_eps", .float(1e-5)), .optional("batch_first", .bool(false)),
      .optional("norm_first", .bool(false)), .optional("bias", .bool(true)),
    ]
    add("TransformerEncoderLayer", layer) { a, c in
      try TransformerEncoderLayer(a.layerOptions(c), activation: c.activationModule(a), generator: c.generator)
    }
    add("TransformerDecoderLayer", layer) { a, c in
      try TransformerDecoderLayer(a.layerOptions(c), activation: c.activationModule(a), generator: c.generator)
    }
    add("TransformerEncoder", [
      .required("encoder_layer"), .required("num_layers"), .optional("norm", .none), .optional("enable_nested_tensor", .bool(true)),
      .optional("mask_check", .bool(true)),
    ]) { a, c in
      guard let layer = try c.module(a, "encoder_layer") as? TransformerEncoderLayer else {
        throw a.wrongType("encoder_layer", expected: "TransformerEncoderLayer")
      }
      _ = try (a.bool("enable_nested_tensor"), a.bool("mask_check"))
      return try TransformerEncoder(layer, numLayers: a.int("num_layers"), norm: c.optionalModule(a, "norm"))
    }
    add("TransformerDecoder", [.required("decoder_layer"), .required("num_layers"), .optional("norm", .none)]) { a, c in
      guard let layer = try c.module(a, "decoder_layer") as? TransformerDecoderLayer else {
        throw a.wrongType("decoder_layer", expected: "TransformerDecoderLayer")
      }
      return try TransformerDecoder(layer, numLayers: a.int("num_layers"), norm: c.optionalModule(a, "norm"))
    }
    add("Transformer", [
      .optional("d_model", .int(512)), .optional("nhead", .int(8)), .optional("num_encoder_layers", .int(6)),
      .optional("num_decoder_layers", .int(6)), .optional("dim_feedforward", .int(2048)), .optional("dropout", .float(0.1)),
      .optional("activation", .string("relu")), .optional("custom_encoder", .none), .optional("custom_decoder", .none),
      .optional("layer_norm_eps", .float(1e-5)), .optional("batch_first", .bool(false)), .optional("norm_first", .bool(false)),
      .optional("bias", .bool(true)),
    ]) { a, c in
      try Transformer(
        a.layerOptions(c), numEncoderLayers: a.int("num_encoder_layers"), numDecoderLayers: a.int("num_decoder_layers"),
        customEncoder: c.optionalModule(a, "custom_encoder"), customDecoder: c.optionalModule(a, "custom_decoder"),
        activation: c.activationModule(a), generator: c.generator)
    }
    add("AdaptiveLogSoftmaxWithLoss", [
      .required("in_features"), .required("n_classes"), .required("cutoffs"), .optional("div_value", .float(4)),
      .optional("head_bias", .bool(false)),
    ]) { a, c in
      try AdaptiveLogSoftmaxWithLoss(
        a.int("in_features"), a.int("n_classes"), cutoffs: a.intList("cutoffs"), divValue: a.double("div_value"),
        headBias: a.bool("head_bias"), dtype: c.dtype, generator: c.generator)
    }
    return entries
  }()
}

extension SpecBoundArguments {
  /// The transformer-layer arguments shared by the layers and `Transformer`.
  fileprivate func layerOptions(_ c: ModelBuilder.Context) throws -> TransformerLayerOptions {
    var o = TransformerLayerOptions(dModel: try int("d_model"), nhead: try int("nhead"))
    o.dimFeedforward = try int("dim_feedforward")
    o.dropout = try number("dropout")
    switch value("activation") {
    case .string(let activation): o.activation = activation
    case .call: break  // a module: see activationModule
    default: throw invalidValue("activation", requirement: "'relu', 'gelu' or an activation module")
    }
    o.layerNormEps = try number("layer_norm_eps")
    (o.batchFirst, o.normFirst, o.bias) = try (bool("batch_first"), bool("norm_first"), bool("bias"))
    o.dtype = c.dtype
    return o
  }
}

extension ModelBuilder.Context {
  /// The `activation` argument when it is a module (`activation=GELU()`), else `nil`.
  fileprivate func activationModule(_ a: SpecBoundArguments) throws -> Module? {
    guard case .call = a.value("activation") else { return nil }
    return try module(a, "activation")
  }
}

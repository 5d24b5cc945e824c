import Layers

extension ModelBuilder {
  /// `PReLU`, `RMSNorm`, `InstanceNorm1d/2d/3d`, `SyncBatchNorm`, the recurrent cells, `RNNBase` and
  /// `EmbeddingBag`: PyTorch 2.15's signatures (with `device`/`dtype`) and constructors.
  static let normsAndCellsCatalog: [String: ModuleEntry] = {
    var entries: [String: ModuleEntry] = [:]
    func add(_ name: String, _ parameters: [SpecParameter], _ make: @escaping @Sendable (SpecBoundArguments, Context) throws -> Module) {
      entries[name] = ModuleEntry(signature: SpecSignature(name, parameters + factoryKeywords), make: make)
    }
    add("PReLU", [.optional("num_parameters", .int(1)), .optional("init", .float(0.25))]) { a, c in
      try PReLU(numParameters: a.int("num_parameters"), initialValue: a.double("init"), dtype: c.dtype)
    }
    add("RMSNorm", [.required("normalized_shape"), .optional("eps", .none), .optional("elementwise_affine", .bool(true))]) { a, c in
      try RMSNorm(a.intList("normalized_shape"), eps: a.optionalNumber("eps"), elementwiseAffine: a.bool("elementwise_affine"), dtype: c.dtype)
    }
    let norm: [SpecParameter] = [.required("num_features"), .optional("eps", .float(1e-5)), .optional("momentum", .float(0.1))]
    let bias = SpecParameter.keywordOnly("bias", .bool(true))
    for d in 1...3 {
      add("InstanceNorm\(d)d", norm + [.optional("affine", .bool(false)), .optional("track_running_stats", .bool(false)), bias]) { a, c in
        let (n, eps, momentum, affine, track, bias) = try (
          a.int("num_features"), a.number("eps"), a.optionalNumber("momentum"), a.bool("affine"), a.bool("track_running_stats"),
          a.bool("bias"))
        switch d {
        case 1: return try InstanceNorm1d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track, bias: bias, dtype: c.dtype)
        case 2: return try InstanceNorm2d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track, bias: bias, dtype: c.dtype)
        default: return try InstanceNorm3d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track, bias: bias, dtype: c.dtype)
        }
      }
    }
    add("SyncBatchNorm", norm + [.optional("affine", .bool(true)), .optional("track_running_stats", .bool(true)), .optional("process_group", .none), bias]) { a, c in
      try a.requireNone("process_group")
      return try SyncBatchNorm(
        a.int("num_features"), eps: a.number("eps"), momentum: a.optionalNumber("momentum"), affine: a.bool("affine"),
        trackRunningStats: a.bool("track_running_stats"), bias: a.bool("bias"), dtype: c.dtype)
    }
    let cell: [SpecParameter] = [.required("input_size"), .required("hidden_size"), .optional("bias", .bool(true))]
    add("RNNCell", cell + [.optional("nonlinearity", .string("tanh"))]) { a, c in
      let name = try a.string("nonlinearity")
      guard let nonlinearity = RNNNonlinearity(rawValue: name) else { throw LayerError("RNNCell", "Unknown nonlinearity: \(name)") }
      return try RNNCell(a.int("input_size"), a.int("hidden_size"), bias: a.bool("bias"), nonlinearity: nonlinearity, dtype: c.dtype, generator: c.generator)
    }
    add("LSTMCell", cell) { a, c in try LSTMCell(a.int("input_size"), a.int("hidden_size"), bias: a.bool("bias"), dtype: c.dtype, generator: c.generator) }
    add("GRUCell", cell) { a, c in try GRUCell(a.int("input_size"), a.int("hidden_size"), bias: a.bool("bias"), dtype: c.dtype, generator: c.generator) }
    add("RNNCellBase", [.required("input_size"), .required("hidden_size"), .required("bias"), .required("num_chunks")]) { a, c in
      try RNNCellBase(a.int("input_size"), a.int("hidden_size"), bias: a.bool("bias"), numChunks: a.int("num_chunks"), dtype: c.dtype, generator: c.generator)
    }
    add("RNNBase", [
      .required("mode"), .required("input_size"), .required("hidden_size"), .optional("num_layers", .int(1)), .optional("bias", .bool(true)),
      .optional("batch_first", .bool(false)), .optional("dropout", .float(0)), .optional("bidirectional", .bool(false)),
      .optional("proj_size", .int(0)),
    ]) { a, c in
      try RNNBase(
        mode: a.string("mode"), a.int("input_size"), a.int("hidden_size"), numLayers: a.int("num_layers"), bias: a.bool("bias"),
        batchFirst: a.bool("batch_first"), dropout: a.double("dropout"), bidirectional: a.bool("bidirectional"),
        projSize: a.int("proj_size"), dtype: c.dtype, generator: c.generator)
    }
    add("EmbeddingBag", [
      .required("num_embeddings"), .required("embedding_dim"), .optional("max_norm", .none), .optional("norm_type", .float(2)),
      .optional("scale_grad_by_freq", .bool(false)), .optional("mode", .string("mean")), .optional("sparse", .bool(false)),
      .optional("_weight", .none), .optional("include_last_offset", .bool(false)), .optional("padding_idx", .none),
    ]) { a, c in
      try a.requireNone("_weight")
      _ = try (a.bool("sparse"), a.bool("include_last_offset"))
      return try EmbeddingBag(
        a.int("num_embeddings"), a.int("embedding_dim"), maxNorm: a.optionalNumber("max_norm"), normType: a.number("norm_type"),
        scaleGradByFreq: a.bool("scale_grad_by_freq"), mode: a.string("mode"), paddingIndex: a.optionalInt("padding_idx"),
        dtype: c.dtype, generator: c.generator)
    }
    return entries
  }()
}

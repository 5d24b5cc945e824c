import Layers
import TensorModule

/// One module SPEC can build: PyTorch's constructor signature and how to make the NNInit layer.
struct ModuleEntry: Sendable {
  var signature: SpecSignature
  var make: @Sendable (SpecBoundArguments, ModelBuilder.Context) throws -> Module
}

extension ModelBuilder {
  /// Signatures as in PyTorch 2.15 (`device`/`dtype` keywords are accepted and ignored: the dtype
  /// comes from the builder).
  static let catalog: [String: ModuleEntry] = {
    var entries: [String: ModuleEntry] = [:]
    func add(_ name: String, _ parameters: [SpecParameter], _ make: @escaping @Sendable (SpecBoundArguments, ModelBuilder.Context) throws -> Module) {
      let all = parameters.filter { $0.kind != .variadicKeywords } + factoryKeywords + parameters.filter { $0.kind == .variadicKeywords }
      entries[name] = ModuleEntry(signature: SpecSignature(name, all), make: make)
    }
    for (name, entry) in parameterFreeCatalog { entries[name] = entry }
    for (name, entry) in containerCatalog { entries[name] = entry }
    for (name, entry) in normsAndCellsCatalog { entries[name] = entry }
    for (name, entry) in transformerCatalog { entries[name] = entry }
    for (name, entry) in lazyCatalog { entries[name] = entry }
    add("Sequential", [.variadic("args")]) { a, c in Sequential(try c.modules(a, "args")) }
    add("Linear", [.required("in_features"), .required("out_features"), .optional("bias", .bool(true))]) { a, b in
      try Linear(a.int("in_features"), a.int("out_features"), bias: a.bool("bias"), dtype: b.dtype, generator: b.generator)
    }
    add("Bilinear", [.required("in1_features"), .required("in2_features"), .required("out_features"), .optional("bias", .bool(true))]) { a, b in
      try Bilinear(
        a.int("in1_features"), a.int("in2_features"), a.int("out_features"), bias: a.bool("bias"), dtype: b.dtype,
        generator: b.generator)
    }
    for d in 1...3 {
      add("Conv\(d)d", convParameters(transposed: false)) { a, b in
        let (k, s, p, dl) = try (a.intTuple("kernel_size", count: d), a.intTuple("stride", count: d), convPadding(a, d), a.intTuple("dilation", count: d))
        let mode = try paddingMode(a)
        let (i, o, g, bias) = try (a.int("in_channels"), a.int("out_channels"), a.int("groups"), a.bool("bias"))
        switch d {
        case 1: return try Conv1d(i, o, kernelSize: ConvSize(k), stride: ConvSize(s), padding: p, dilation: ConvSize(dl), groups: g, bias: bias, paddingMode: mode, dtype: b.dtype, generator: b.generator)
        case 2: return try Conv2d(i, o, kernelSize: ConvSize(k), stride: ConvSize(s), padding: p, dilation: ConvSize(dl), groups: g, bias: bias, paddingMode: mode, dtype: b.dtype, generator: b.generator)
        default: return try Conv3d(i, o, kernelSize: ConvSize(k), stride: ConvSize(s), padding: p, dilation: ConvSize(dl), groups: g, bias: bias, paddingMode: mode, dtype: b.dtype, generator: b.generator)
        }
      }
      add("ConvTranspose\(d)d", convParameters(transposed: true)) { a, b in
        let (k, s, p, op, dl) = try (
          a.intTuple("kernel_size", count: d), a.intTuple("stride", count: d), a.intTuple("padding", count: d),
          a.intTuple("output_padding", count: d), a.intTuple("dilation", count: d))
        let mode = try paddingMode(a)
        let (i, o, g, bias) = try (a.int("in_channels"), a.int("out_channels"), a.int("groups"), a.bool("bias"))
        switch d {
        case 1: return try ConvTranspose1d(i, o, kernelSize: ConvSize(k), stride: ConvSize(s), padding: ConvSize(p), outputPadding: ConvSize(op), groups: g, bias: bias, dilation: ConvSize(dl), paddingMode: mode, dtype: b.dtype, generator: b.generator)
        case 2: return try ConvTranspose2d(i, o, kernelSize: ConvSize(k), stride: ConvSize(s), padding: ConvSize(p), outputPadding: ConvSize(op), groups: g, bias: bias, dilation: ConvSize(dl), paddingMode: mode, dtype: b.dtype, generator: b.generator)
        default: return try ConvTranspose3d(i, o, kernelSize: ConvSize(k), stride: ConvSize(s), padding: ConvSize(p), outputPadding: ConvSize(op), groups: g, bias: bias, dilation: ConvSize(dl), paddingMode: mode, dtype: b.dtype, generator: b.generator)
        }
      }
    }
    add("Embedding", [
      .required("num_embeddings"), .required("embedding_dim"), .optional("padding_idx", .none), .optional("max_norm", .none),
      .optional("norm_type", .float(2.0)), .optional("scale_grad_by_freq", .bool(false)), .optional("sparse", .bool(false)),
      .optional("_weight", .none), .optional("_freeze", .bool(false)),
    ]) { a, b in
      try Embedding(
        a.int("num_embeddings"), a.int("embedding_dim"), paddingIndex: a.optionalInt("padding_idx"),
        maxNorm: a.optionalNumber("max_norm"), normType: a.number("norm_type"), scaleGradByFreq: a.bool("scale_grad_by_freq"),
        sparse: a.bool("sparse"), dtype: b.dtype, generator: b.generator)
    }
    add("LayerNorm", [
      .required("normalized_shape"), .optional("eps", .float(1e-5)), .optional("elementwise_affine", .bool(true)),
      .optional("bias", .bool(true)),
    ]) { a, b in
      try LayerNorm(
        a.intList("normalized_shape"), eps: a.number("eps"), elementwiseAffine: a.bool("elementwise_affine"), bias: a.bool("bias"),
        dtype: b.dtype)
    }
    add("GroupNorm", [
      .required("num_groups"), .required("num_channels"), .optional("eps", .float(1e-5)), .optional("affine", .bool(true)),
      .optional("bias", .bool(true)),
    ]) { a, b in
      try GroupNorm(
        a.int("num_groups"), a.int("num_channels"), eps: a.number("eps"), affine: a.bool("affine"), bias: a.bool("bias"),
        dtype: b.dtype)
    }
    for d in 1...3 {
      add("BatchNorm\(d)d", [
        .required("num_features"), .optional("eps", .float(1e-5)), .optional("momentum", .float(0.1)),
        .optional("affine", .bool(true)), .optional("track_running_stats", .bool(true)), .keywordOnly("bias", .bool(true)),
      ]) { a, b in
        let (n, eps, momentum, affine, track, bias) = try (
          a.int("num_features"), a.number("eps"), a.optionalNumber("momentum"), a.bool("affine"), a.bool("track_running_stats"), a.bool("bias"))
        switch d {
        case 1: return try BatchNorm1d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track, bias: bias, dtype: b.dtype)
        case 2: return try BatchNorm2d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track, bias: bias, dtype: b.dtype)
        default: return try BatchNorm3d(n, eps: eps, momentum: momentum, affine: affine, trackRunningStats: track, bias: bias, dtype: b.dtype)
        }
      }
    }
    add("RNN", [
      .required("input_size"), .required("hidden_size"), .optional("num_layers", .int(1)), .optional("nonlinearity", .string("tanh")),
      .optional("bias", .bool(true)), .optional("batch_first", .bool(false)), .optional("dropout", .float(0)),
      .optional("bidirectional", .bool(false)),
    ]) { a, b in
      let name = try a.string("nonlinearity")
      guard let nonlinearity = RNNNonlinearity(rawValue: name) else {
        throw LayerError("RNN", "Unknown nonlinearity '\(name)'. Select from 'tanh' or 'relu'.")
      }
      return try RNN(
        a.int("input_size"), a.int("hidden_size"), numLayers: a.int("num_layers"), nonlinearity: nonlinearity,
        bias: a.bool("bias"), batchFirst: a.bool("batch_first"), dropout: a.double("dropout"),
        bidirectional: a.bool("bidirectional"), dtype: b.dtype, generator: b.generator)
    }
    let recurrent: [SpecParameter] = [
      .required("input_size"), .required("hidden_size"), .optional("num_layers", .int(1)), .optional("bias", .bool(true)),
      .optional("batch_first", .bool(false)), .optional("dropout", .float(0)), .optional("bidirectional", .bool(false)),
    ]
    add("LSTM", recurrent + [.optional("proj_size", .int(0))]) { a, b in
      try LSTM(
        a.int("input_size"), a.int("hidden_size"), numLayers: a.int("num_layers"), bias: a.bool("bias"),
        batchFirst: a.bool("batch_first"), dropout: a.double("dropout"), bidirectional: a.bool("bidirectional"),
        projSize: a.int("proj_size"), dtype: b.dtype, generator: b.generator)
    }
    add("GRU", recurrent) { a, b in
      try GRU(
        a.int("input_size"), a.int("hidden_size"), numLayers: a.int("num_layers"), bias: a.bool("bias"),
        batchFirst: a.bool("batch_first"), dropout: a.double("dropout"), bidirectional: a.bool("bidirectional"),
        dtype: b.dtype, generator: b.generator)
    }
    add("MultiheadAttention", [
      .required("embed_dim"), .required("num_heads"), .optional("dropout", .float(0)), .optional("bias", .bool(true)),
      .optional("add_bias_kv", .bool(false)), .optional("add_zero_attn", .bool(false)), .optional("kdim", .none),
      .optional("vdim", .none), .optional("batch_first", .bool(false)),
    ]) { a, b in
      try MultiheadAttention(
        a.int("embed_dim"), a.int("num_heads"), dropout: a.double("dropout"), bias: a.bool("bias"),
        addBiasKV: a.bool("add_bias_kv"), addZeroAttn: a.bool("add_zero_attn"), kdim: a.optionalInt("kdim"),
        vdim: a.optionalInt("vdim"), batchFirst: a.bool("batch_first"), dtype: b.dtype, generator: b.generator)
    }
    add("Identity", [.variadic("args"), .variadicKeywords("kwargs")]) { _, _ in Identity() }
    add("Flatten", [.optional("start_dim", .int(1)), .optional("end_dim", .int(-1))]) { a, _ in
      try Flatten(startDim: a.int("start_dim"), endDim: a.int("end_dim"))
    }
    add("Dropout", [.optional("p", .float(0.5)), .optional("inplace", .bool(false))]) { a, _ in
      try Dropout(p: a.number("p"), inplace: a.bool("inplace"))
    }
    add("ReLU", [.optional("inplace", .bool(false))]) { a, _ in try ReLU(inplace: a.bool("inplace")) }
    add("SELU", [.optional("inplace", .bool(false))]) { a, _ in try SELU(inplace: a.bool("inplace")) }
    add("SiLU", [.optional("inplace", .bool(false))]) { a, _ in try SiLU(inplace: a.bool("inplace")) }
    add("LeakyReLU", [.optional("negative_slope", .float(0.01)), .optional("inplace", .bool(false))]) { a, _ in
      try LeakyReLU(negativeSlope: a.number("negative_slope"), inplace: a.bool("inplace"))
    }
    add("ELU", [.optional("alpha", .float(1.0)), .optional("inplace", .bool(false))]) { a, _ in
      try ELU(alpha: a.number("alpha"), inplace: a.bool("inplace"))
    }
    add("GELU", [.optional("approximate", .string("none"))]) { a, _ in try GELU(approximate: a.string("approximate")) }
    add("Tanh", []) { _, _ in Tanh() }
    add("Sigmoid", []) { _, _ in Sigmoid() }
    add("Softplus", [.optional("beta", .float(1.0)), .optional("threshold", .float(20.0))]) { a, _ in
      try Softplus(beta: a.number("beta"), threshold: a.number("threshold"))
    }
    add("Softmax", [.optional("dim", .none)]) { a, _ in try Softmax(dim: a.optionalInt("dim")) }
    add("LogSoftmax", [.optional("dim", .none)]) { a, _ in try LogSoftmax(dim: a.optionalInt("dim")) }
    return entries
  }()

  static let factoryKeywords: [SpecParameter] = [.keywordOnly("device", .none), .keywordOnly("dtype", .none)]

  static func convParameters(transposed: Bool) -> [SpecParameter] {
    let head: [SpecParameter] = [
      .required("in_channels"), .required("out_channels"), .required("kernel_size"), .optional("stride", .int(1)),
      .optional("padding", .int(0)),
    ]
    if transposed {
      return head + [
        .optional("output_padding", .int(0)), .optional("groups", .int(1)), .optional("bias", .bool(true)),
        .optional("dilation", .int(1)), .optional("padding_mode", .string("zeros")),
      ]
    }
    return head + [
      .optional("dilation", .int(1)), .optional("groups", .int(1)), .optional("bias", .bool(true)),
      .optional("padding_mode", .string("zeros")),
    ]
  }
}

/// `padding` as an int, a tuple, or `'same'`/`'valid'`.
private func convPadding(_ a: SpecBoundArguments, _ dimensions: Int) throws -> ConvPadding {
  if case .string(let text) = a.value("padding") {
    switch text {
    case "same": return .same
    case "valid": return .valid
    default:
      throw a.invalidValue("padding", requirement: "one of 'same', 'valid'")
    }
  }
  return .explicit(ConvSize(try a.intTuple("padding", count: dimensions)))
}

private func paddingMode(_ a: SpecBoundArguments) throws -> PaddingMode {
  let text = try a.string("padding_mode")
  guard let mode = PaddingMode(rawValue: text) else {
    throw a.invalidValue("padding_mode", requirement: "one of 'zeros', 'reflect', 'replicate', 'circular'")
  }
  return mode
}

extension SpecBoundArguments {
  /// A number argument, keeping whether it was written as an int or a float.
  func number(_ name: String) throws -> PythonNumber {
    switch value(name) {
    case .int(let i): return .int(i)
    case .float(let d): return .float(d)
    default: throw wrongType(name, expected: "float")
    }
  }

  /// A number argument or `None`.
  func optionalNumber(_ name: String) throws -> PythonNumber? {
    if case .none = value(name) { return nil }
    return try number(name)
  }
}

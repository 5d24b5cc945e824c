import Layers

extension ModelBuilder {
  /// The `Lazy*` modules. PyTorch builds them without their first size and draws their default init at
  /// the first `forward`, inferring `in_features` / `in_channels` / `num_features` from the input, and
  /// the module becomes the plain class (`LazyLinear(4)` on a `(2, 3)` input prints
  /// `Linear(in_features=3, out_features=4, bias=True)`). NNInit does the same for a lone lazy module
  /// when ``ModelBuilder/inputShape`` is given: it builds the plain class with the inferred size, which
  /// draws exactly the numbers PyTorch draws then. Without an input shape, or inside another module
  /// (where PyTorch draws after every other constructor, in `forward` order), building one is an error
  /// that names the plain class to write instead.
  static let lazyCatalog: [String: ModuleEntry] = {
    var entries: [String: ModuleEntry] = [:]
    func add(_ target: String, _ parameters: [SpecParameter], size: @escaping @Sendable ([Int]) -> Int?, expected: String) {
      let name = "Lazy" + target
      entries[name] = ModuleEntry(signature: SpecSignature(name, parameters)) { a, c in
        guard let shape = c.builder.inputShape, !c.builder.isNested else {
          throw LayerError(
            name,
            "a lazy module infers its first size from its first input, which a SPEC does not have: write \(target)(<size>, …) "
              + "instead (a lone lazy module can be built with ModelBuilder.inputShape)")
        }
        guard let features = size(shape) else {
          throw LayerError(name, "expected \(expected) input, got an input of shape \(shape)")
        }
        guard let signature = ModelBuilder.catalog[target]?.signature else { preconditionFailure("\(target) is in the catalog") }
        var arguments = [SpecArgument(.int(features))]
        for parameter in a.values.keys.sorted() where !["device", "dtype"].contains(parameter) {
          guard signature.parameters.contains(where: { $0.name == parameter }) else {
            if a.isSupplied(parameter) { throw a.invalidValue(parameter, requirement: "not given for \(target)") }
            continue
          }
          arguments.append(SpecArgument(label: parameter, a.value(parameter)))
        }
        return try c.builder.build(SpecCall(name: target, arguments: arguments, position: a.callPosition))
      }
    }
    let factory: [SpecParameter] = [.optional("device", .none), .optional("dtype", .none)]
    add("Linear", [.required("out_features"), .optional("bias", .bool(true))] + factory, size: { $0.last }, expected: "an at least 1-D")
    for d in 1...3 {
      let conv: (Bool) -> [SpecParameter] = { transposed in
        let head: [SpecParameter] = [
          .required("out_channels"), .required("kernel_size"), .optional("stride", .int(1)), .optional("padding", .int(0)),
        ]
        let tail: [SpecParameter] = transposed
          ? [.optional("output_padding", .int(0)), .optional("groups", .int(1)), .optional("bias", .bool(true)), .optional("dilation", .int(1))]
          : [.optional("dilation", .int(1)), .optional("groups", .int(1)), .optional("bias", .bool(true))]
        return head + tail + [.optional("padding_mode", .string("zeros"))] + factory
      }
      // `_LazyConvXdMixin._get_in_channels`: dimension 1 of a batched input, 0 of an unbatched one.
      let channels: @Sendable ([Int]) -> Int? = { $0.count == d + 2 ? $0[1] : $0.count == d + 1 ? $0[0] : nil }
      let expected = "a \(d + 1)-D (unbatched) or \(d + 2)-D (batched)"
      add("Conv\(d)d", conv(false), size: channels, expected: expected)
      add("ConvTranspose\(d)d", conv(true), size: channels, expected: expected)
      let norm: [SpecParameter] = [
        .optional("eps", .float(1e-5)), .optional("momentum", .float(0.1)), .optional("affine", .bool(true)),
        .optional("track_running_stats", .bool(true)),
      ] + factory + [.keywordOnly("bias", .bool(true))]
      let batchDims = d == 1 ? [2, 3] : [d + 2]
      add("BatchNorm\(d)d", norm, size: { batchDims.contains($0.count) ? $0[1] : nil }, expected: batchDims.map { "\($0)-D" }.joined(separator: " or "))
      add("InstanceNorm\(d)d", norm, size: { $0.count == d + 2 ? $0[1] : nil }, expected: "a batched \(d + 2)-D")
    }
    return entries
  }()
}

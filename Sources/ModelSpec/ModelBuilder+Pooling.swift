import Layers

extension ModelBuilder {
  /// Pooling, padding and upsampling classes (torch/nn/modules/{pooling,padding,upsampling}.py):
  /// signatures and `extra_repr()`, which prints sizes either as given (`MaxPool2d`) or as the tuple
  /// the constructor stored (`AvgPool1d`, `MaxUnpool*`, every padding class).
  static let poolingCatalog: [String: ([SpecParameter], ExtraRepr)] = {
    var entries: [String: ([SpecParameter], ExtraRepr)] = [:]
    let kernel = SpecParameter.required("kernel_size"), stride = SpecParameter.optional("stride", .none)
    let padding = SpecParameter.optional("padding", .int(0)), ceilMode = SpecParameter.optional("ceil_mode", .bool(false))
    for d in 1...3 {
      entries["MaxPool\(d)d"] = (
        [kernel, stride, padding, .optional("dilation", .int(1)), .optional("return_indices", .bool(false)), ceilMode],
        { a in
          _ = try (a.size("stride", allowNone: true), a.bool("return_indices"))
          return "kernel_size=\(try a.size("kernel_size")), stride=\(a.text("stride", orElse: "kernel_size")), "
            + "padding=\(try a.size("padding")), dilation=\(try a.size("dilation")), ceil_mode=\(a.text("ceil_mode"))"
        })
      entries["AvgPool\(d)d"] = (
        [kernel, stride, padding, ceilMode, .optional("count_include_pad", .bool(true))] + (d == 1 ? [] : [.optional("divisor_override", .none)]),
        { a in
          _ = try (a.size("stride", allowNone: true), a.bool("ceil_mode"), a.bool("count_include_pad"))
          guard d == 1 else {
            return "kernel_size=\(try a.size("kernel_size")), stride=\(a.text("stride", orElse: "kernel_size")), padding=\(try a.size("padding"))"
          }
          return "kernel_size=\(try a.expanded("kernel_size", count: 1)), stride=\(try a.expandedStride(count: 1)), "
            + "padding=\(try a.expanded("padding", count: 1))"
        })
      entries["MaxUnpool\(d)d"] = (
        [kernel, stride, padding],
        { a in
          "kernel_size=\(try a.expanded("kernel_size", count: d)), stride=\(try a.expandedStride(count: d)), "
            + "padding=\(try a.expanded("padding", count: d))"
        })
      entries["AdaptiveAvgPool\(d)d"] = ([.required("output_size")], { a in "output_size=\(try a.size("output_size", allowNone: true))" })
      entries["AdaptiveMaxPool\(d)d"] = (
        [.required("output_size"), .optional("return_indices", .bool(false))],
        { a in "output_size=\(try a.size("output_size", allowNone: true))" })
      entries["LPPool\(d)d"] = (
        [.required("norm_type"), kernel, stride, ceilMode],
        { a in
          "norm_type=\(try a.numberText("norm_type")), kernel_size=\(try a.size("kernel_size")), "
            + "stride=\(try a.size("stride", allowNone: true)), ceil_mode=\(try a.bool("ceil_mode") ? "True" : "False")"
        })
      let sides = SpecParameter.required("padding")
      entries["ZeroPad\(d)d"] = ([sides], { a in try a.expanded("padding", count: 2 * d) })
      entries["ConstantPad\(d)d"] = (
        [sides, .required("value")], { a in "padding=\(try a.expanded("padding", count: 2 * d)), value=\(try a.numberText("value"))" })
      for kind in ["Reflection", "Replication", "Circular"] {
        entries["\(kind)Pad\(d)d"] = ([sides], { a in try a.expanded("padding", count: 2 * d) })
      }
    }
    for d in 2...3 {
      entries["FractionalMaxPool\(d)d"] = (
        [kernel, .optional("output_size", .none), .optional("output_ratio", .none), .optional("return_indices", .bool(false)),
         .optional("_random_samples", .none)],
        { a in try checkFractional(a, dimensions: d) })
    }
    let upsample: [SpecParameter] = [.optional("size", .none), .optional("scale_factor", .none)]
    entries["Upsample"] = (
      upsample + [.optional("mode", .string("nearest")), .optional("align_corners", .none), .optional("recompute_scale_factor", .none)],
      { a in try upsampleRepr(a, mode: a.string("mode")) })
    entries["UpsamplingNearest2d"] = (upsample, { a in try upsampleRepr(a, mode: "nearest") })
    entries["UpsamplingBilinear2d"] = (upsample, { a in try upsampleRepr(a, mode: "bilinear") })
    return entries
  }()
}

/// `FractionalMaxPoolNd.__init__`'s checks; its repr has no extra text. Its regions are sampled from
/// the generator in `forward`, never in the constructor.
private func checkFractional(_ a: SpecBoundArguments, dimensions d: Int) throws -> String {
  _ = try (a.size("kernel_size"), a.size("output_size", allowNone: true), a.bool("return_indices"))
  try a.requireNone("_random_samples")
  let hasSize = a.value("output_size") != .none, hasRatio = a.value("output_ratio") != .none
  guard hasSize || hasRatio else {
    throw LayerError("FractionalMaxPool\(d)d", "FractionalMaxPool\(d)d requires specifying either an output size, or a pooling ratio")
  }
  guard !(hasSize && hasRatio) else { throw LayerError("FractionalMaxPool\(d)d", "only one of output_size and output_ratio may be specified") }
  if hasRatio {
    let ratios: [Double]
    switch a.value("output_ratio") {
    case .tuple(let items) where items.count == d: ratios = items.compactMap { if case .float(let x) = $0 { x } else if case .int(let x) = $0 { Double(x) } else { nil } }
    default: ratios = [try a.double("output_ratio")]
    }
    guard ratios.count >= 1, ratios.allSatisfy({ $0 > 0 && $0 < 1 }) else {
      throw LayerError("FractionalMaxPool\(d)d", "output_ratio must be between 0 and 1 (got \(a.text("output_ratio")))")
    }
  }
  return ""
}

/// `Upsample.extra_repr`: `scale_factor=` (stored as floats; a falsy factor is `None`) or `size=`, then `mode=`.
private func upsampleRepr(_ a: SpecBoundArguments, mode: String) throws -> String {
  let modeText = ", mode=" + SpecValue.string(mode).description
  switch a.value("scale_factor") {
  case .int(let x) where x != 0: return "scale_factor=\(SpecValue.float(Double(x)))" + modeText
  case .float(let x) where x != 0: return "scale_factor=\(SpecValue.float(x))" + modeText
  case .tuple(let items) where !items.isEmpty:
    let floats = try items.map { item throws(SpecArgumentError) -> SpecValue in
      switch item {
      case .int(let x): return .float(Double(x))
      case .float: return item
      default: throw a.wrongType("scale_factor", expected: "float or tuple of floats")
      }
    }
    return "scale_factor=\(SpecValue.tuple(floats))" + modeText
  case .none, .int, .float: return "size=\(try a.size("size", allowNone: true))" + modeText
  default: throw a.wrongType("scale_factor", expected: "float or tuple of floats")
  }
}

extension SpecBoundArguments {
  /// `stride` (or `kernel_size` when `None`) expanded to `count` ints, as `MaxUnpoolNd` stores it.
  func expandedStride(count: Int) throws(SpecArgumentError) -> String {
    if case .none = value("stride") { return try expanded("kernel_size", count: count) }
    return try expanded("stride", count: count)
  }
}

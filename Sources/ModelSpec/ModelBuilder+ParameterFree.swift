import Layers

/// How a parameter-free class prints: its `extra_repr()` from the bound arguments, after PyTorch's
/// constructor checks.
typealias ExtraRepr = @Sendable (SpecBoundArguments) throws -> String

extension ModelBuilder {
  /// Every parameter-free `torch.nn` class without its own Swift type: signature (PyTorch 2.15's, with
  /// its defaults; no `device`/`dtype`, which these constructors do not take) and `extra_repr()`.
  /// Each builds a ``ParameterFreeModule``, drawing no random numbers, as PyTorch's constructors do.
  static let parameterFreeCatalog: [String: ModuleEntry] = {
    var entries: [String: ModuleEntry] = [:]
    func add(_ name: String, _ parameters: [SpecParameter], _ repr: @escaping ExtraRepr = { _ in "" }) {
      entries[name] = ModuleEntry(signature: SpecSignature(name, parameters)) { a, _ in ParameterFreeModule(name, try repr(a)) }
    }
    let inplace = SpecParameter.optional("inplace", .bool(false))

    // Activations (torch/nn/modules/activation.py).
    add("ReLU6", [inplace]) { a in try a.inplace(separator: "") }
    add("Hardsigmoid", [inplace])
    add("Hardswish", [inplace])
    add("Mish", [inplace]) { a in try a.inplace(separator: "") }
    for name in ["LogSigmoid", "Softsign", "Tanhshrink", "Softmax2d"] { add(name, []) }
    add("Hardtanh", [.optional("min_val", .float(-1)), .optional("max_val", .float(1)), inplace]) { a in
      guard try a.double("max_val") > a.double("min_val") else {
        throw a.invalidValue("max_val", requirement: "greater than min_val (\(a.text("min_val")))")
      }
      return "min_val=\(try a.numberText("min_val")), max_val=\(try a.numberText("max_val"))" + (try a.inplace())
    }
    add("Threshold", [.required("threshold"), .required("value"), inplace]) { a in
      "threshold=\(try a.numberText("threshold")), value=\(try a.numberText("value"))" + (try a.inplace())
    }
    add("CELU", [.optional("alpha", .float(1)), inplace]) { a in "alpha=\(try a.numberText("alpha"))" + (try a.inplace()) }
    add("RReLU", [.optional("lower", .float(1.0 / 8)), .optional("upper", .float(1.0 / 3)), inplace]) { a in
      "lower=\(try a.numberText("lower")), upper=\(try a.numberText("upper"))" + (try a.inplace())
    }
    add("GLU", [.optional("dim", .int(-1))]) { a in "dim=\(try a.int("dim"))" }
    add("Softmin", [.optional("dim", .none)]) { a in "dim=\(try a.optionalInt("dim").map(String.init) ?? "None")" }
    for name in ["Hardshrink", "Softshrink"] {
      add(name, [.optional("lambd", .float(0.5))]) { a in try a.numberText("lambd") }
    }

    // Dropout variants (torch/nn/modules/dropout.py); `Dropout` has its own type.
    for name in ["Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"] {
      add(name, [.optional("p", .float(0.5)), inplace]) { a in
        guard (0...1).contains(try a.double("p")) else {
          throw LayerError(name, "dropout probability has to be between 0 and 1, but got \(a.text("p"))")
        }
        return "p=\(a.text("p")), inplace=\(a.text("inplace"))"
      }
    }

    // Shapes and distances.
    add("Unflatten", [.required("dim"), .required("unflattened_size")]) { a in
      "dim=\(a.text("dim")), unflattened_size=\(try a.size("unflattened_size"))"
    }
    add("PixelShuffle", [.required("upscale_factor")]) { a in "upscale_factor=\(try a.int("upscale_factor"))" }
    add("PixelUnshuffle", [.required("downscale_factor")]) { a in "downscale_factor=\(try a.int("downscale_factor"))" }
    add("ChannelShuffle", [.required("groups")]) { a in "groups=\(try a.int("groups"))" }
    add("Fold", [.required("output_size"), .required("kernel_size"), .optional("dilation", .int(1)), .optional("padding", .int(0)), .optional("stride", .int(1))]) { a in
      "output_size=\(try a.size("output_size")), kernel_size=\(try a.size("kernel_size")), dilation=\(try a.size("dilation")), "
        + "padding=\(try a.size("padding")), stride=\(try a.size("stride"))"
    }
    add("Unfold", [.required("kernel_size"), .optional("dilation", .int(1)), .optional("padding", .int(0)), .optional("stride", .int(1))]) { a in
      "kernel_size=\(try a.size("kernel_size")), dilation=\(try a.size("dilation")), padding=\(try a.size("padding")), stride=\(try a.size("stride"))"
    }
    add("CosineSimilarity", [.optional("dim", .int(1)), .optional("eps", .float(1e-8))])
    add("PairwiseDistance", [.optional("p", .float(2)), .optional("eps", .float(1e-6)), .optional("keepdim", .bool(false))])
    add("LocalResponseNorm", [.required("size"), .optional("alpha", .float(1e-4)), .optional("beta", .float(0.75)), .optional("k", .float(1))]) { a in
      "\(try a.int("size")), alpha=\(try a.numberText("alpha")), beta=\(try a.numberText("beta")), k=\(try a.numberText("k"))"
    }
    add("CrossMapLRN2d", [.required("size"), .optional("alpha", .float(1e-4)), .optional("beta", .float(0.75)), .optional("k", .int(1))]) { a in
      "\(try a.int("size")), alpha=\(try a.numberText("alpha")), beta=\(try a.numberText("beta")), k=\(try a.numberText("k"))"
    }
    for (name, parameters) in poolingCatalog { add(name, parameters.0, parameters.1) }
    for (name, parameters) in lossCatalog { add(name, parameters.0, parameters.1) }
    return entries
  }()
}

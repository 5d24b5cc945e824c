import Initializers
import Layers

extension ModelBuilder {
  /// Containers and modules made of other modules without parameters of their own:
  /// `Module()`, the deprecated `Container(name=module, …)`, `ModuleList([…])`, `ModuleDict({…})`, empty `ParameterList()`/`ParameterDict()`,
  /// `DataParallel(module)`, `TripletMarginWithDistanceLoss` (its `distance_function` child) and
  /// `LinearCrossEntropyLoss` (its `linear` child, drawn as `Linear`'s default init).
  static let containerCatalog: [String: ModuleEntry] = {
    var entries: [String: ModuleEntry] = [:]
    func add(_ name: String, _ parameters: [SpecParameter], _ make: @escaping @Sendable (SpecBoundArguments, Context) throws -> Module) {
      entries[name] = ModuleEntry(signature: SpecSignature(name, parameters), make: make)
    }
    add("Module", []) { _, _ in NamedContainer("Module") }
    add("Container", [.variadicKeywords("kwargs")]) { a, c in
      InitWarnings.warn("`nn.Container` is deprecated. All of its functionality is now implemented in `nn.Module`. Subclass that instead.")
      return NamedContainer("Container", try c.namedModules(a, "kwargs"))
    }
    add("ModuleList", [.optional("modules", .none)]) { a, c in
      if case .none = a.value("modules") { return ModuleList() }
      return ModuleList(try c.modules(a, "modules"))
    }
    add("ModuleDict", [.optional("modules", .none)]) { a, c in NamedContainer("ModuleDict", try c.namedModules(a, "modules")) }
    for name in ["ParameterList", "ParameterDict"] {
      add(name, [.optional("values", .none)]) { a, _ in
        try a.requireNone("values")
        return NamedContainer(name)
      }
    }
    add("DataParallel", [.required("module"), .optional("device_ids", .none), .optional("output_device", .none), .optional("dim", .int(0))]) { a, c in
      _ = try a.int("dim")
      return NamedContainer("DataParallel", [("module", try c.module(a, "module"))])
    }
    add("TripletMarginWithDistanceLoss", [
      .keywordOnly("distance_function", .none), .keywordOnly("margin", .float(1)), .keywordOnly("swap", .bool(false)),
      .keywordOnly("reduction", .string("mean")),
    ]) { a, c in
      _ = try (a.double("margin"), a.bool("swap"), a.string("reduction"))
      let distance = try c.optionalModule(a, "distance_function") ?? ParameterFreeModule("PairwiseDistance")
      return NamedContainer("TripletMarginWithDistanceLoss", [("distance_function", distance)])
    }
    add("LinearCrossEntropyLoss", [
      .required("in_features"), .required("num_classes"), .keywordOnly("out_features", .tuple([])), .keywordOnly("bias", .bool(false)),
      .keywordOnly("device", .none), .keywordOnly("dtype", .none), .keywordOnly("reduction", .string("mean")),
      .keywordOnly("weight", .none), .keywordOnly("ignore_index", .none), .keywordOnly("label_smoothing", .float(0)),
      .keywordOnly("options", .none),
    ]) { a, c in
      try a.requireNone("weight")
      try a.requireNone("options")
      let (inFeatures, classes, bias) = try (a.int("in_features"), a.int("num_classes"), a.bool("bias"))
      guard case .tuple = a.value("out_features") else { throw a.wrongType("out_features", expected: "tuple of ints") }
      let outFeatures = try a.intList("out_features")
      let smoothing = try a.double("label_smoothing")
      guard (0...1).contains(smoothing) else {
        throw LayerError("LinearCrossEntropyLoss", "expected label_smoothing to be in range [0, 1], got \(a.text("label_smoothing"))")
      }
      let linear = try Linear(inFeatures, outFeatures.reduce(classes, *), bias: bias, dtype: c.dtype, generator: c.generator)
      let extra = "in_features=\(inFeatures), num_classes=\(classes), out_features=\(a.text("out_features")), bias=\(bias ? "True" : "False"), "
        + "reduction=\(try a.string("reduction")), ignore_index=\(try a.optionalInt("ignore_index").map(String.init) ?? "None"), "
        + "label_smoothing=\(a.text("label_smoothing")), options=None"
      return NamedContainer("LinearCrossEntropyLoss", [("linear", linear)], extraDescription: extra)
    }
    return entries
  }()
}

import Layers

extension ModelBuilder {
  /// The loss classes (torch/nn/modules/loss.py): PyTorch 2.15's signatures; their repr is `Name()`
  /// and they have no parameters (a class weight is a tensor buffer, which a SPEC cannot write: only
  /// `weight=None` is accepted). `TripletMarginWithDistanceLoss` has a child and is a container.
  static let lossCatalog: [String: ([SpecParameter], ExtraRepr)] = {
    let legacy: [SpecParameter] = [.optional("size_average", .none), .optional("reduce", .none)]
    let reduction = SpecParameter.optional("reduction", .string("mean"))
    let weight = SpecParameter.optional("weight", .none)
    let signatures: [String: [SpecParameter]] = [
      "L1Loss": legacy + [reduction],
      "MSELoss": legacy + [reduction],
      "NLLLoss": [weight, .optional("size_average", .none), .optional("ignore_index", .int(-100)), .optional("reduce", .none), reduction],
      "NLLLoss2d": [weight, .optional("size_average", .none), .optional("ignore_index", .int(-100)), .optional("reduce", .none), reduction],
      "PoissonNLLLoss": [.optional("log_input", .bool(true)), .optional("full", .bool(false)), .optional("size_average", .none),
                         .optional("eps", .float(1e-8)), .optional("reduce", .none), reduction],
      "GaussianNLLLoss": [.keywordOnly("full", .bool(false)), .keywordOnly("eps", .float(1e-6)), .keywordOnly("reduction", .string("mean"))],
      "KLDivLoss": legacy + [reduction, .optional("log_target", .bool(false))],
      "BCELoss": [weight] + legacy + [reduction],
      "BCEWithLogitsLoss": [weight] + legacy + [reduction, .optional("pos_weight", .none)],
      "HingeEmbeddingLoss": [.optional("margin", .float(1))] + legacy + [reduction],
      "MultiLabelMarginLoss": legacy + [reduction],
      "SmoothL1Loss": legacy + [reduction, .optional("beta", .float(1))],
      "HuberLoss": [reduction, .optional("delta", .float(1))],
      "SoftMarginLoss": legacy + [reduction],
      "CrossEntropyLoss": [weight, .optional("size_average", .none), .optional("ignore_index", .int(-100)), .optional("reduce", .none),
                           reduction, .optional("label_smoothing", .float(0))],
      "MultiLabelSoftMarginLoss": [weight] + legacy + [reduction],
      "CosineEmbeddingLoss": [.optional("margin", .float(0))] + legacy + [reduction],
      "MarginRankingLoss": [.optional("margin", .float(0))] + legacy + [reduction],
      "MultiMarginLoss": [.optional("p", .int(1)), .optional("margin", .float(1)), weight] + legacy + [reduction],
      "TripletMarginLoss": [.optional("margin", .float(1)), .optional("p", .float(2)), .optional("eps", .float(1e-6)),
                            .optional("swap", .bool(false))] + legacy + [reduction],
      "CTCLoss": [.optional("blank", .int(0)), reduction, .optional("zero_infinity", .bool(false))],
    ]
    return signatures.mapValues { parameters in
      (parameters, { a in
        for tensor in ["weight", "pos_weight"] where a.values[tensor] != nil { try a.requireNone(tensor) }
        _ = try a.string("reduction")
        return ""
      })
    }
  }()
}

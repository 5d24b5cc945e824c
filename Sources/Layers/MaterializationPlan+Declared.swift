import Initializers

extension MaterializationPlan.Entry {
  /// A parameter entry declared directly, without a `Module`: its key, shape and dtype, the scheme
  /// that sets it (`nil`: it keeps `declaration.fill`) and the row fills that follow, e.g. an
  /// embedding's padding row (`weight[padding_idx].fill_(0)`).
  ///
  /// This is how models described by other means than modules (a Hugging Face `config.json`) reach the
  /// same executors, streams and shards as module-built ones.
  public init(parameter key: String, declaration: TensorDeclaration, scheme: Initializer?, indexFills: [MaterializationPlan.IndexFill] = []) {
    self.init(key: key, declaration: declaration, isBuffer: false, scheme: scheme, indexFills: indexFills, values: nil)
  }
}

extension MaterializationPlan {
  /// A plan of the given entries, in state-dict order (keys must be unique; the writers reject
  /// duplicates).
  public init(declaredEntries: [Entry]) {
    self.init(entries: declaredEntries)
  }
}

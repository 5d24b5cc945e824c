import NNInit

extension Show {
  /// `nninit show --hf-config config.json`: every tensor of the checkpoint — name, shape, stored dtype,
  /// init — and the totals, from declarations only (instant for any size).
  func showHF(configPath: String) throws {
    let model = try HFOptions.model(configPath: configPath, dtype: dtype)
    var rows = [["tensor", "shape", "dtype", "init"]]
    for parameter in model.parameters {
      var initText = parameter.initializer.description
      if let row = parameter.zeroRow { initText += ", then row \(row) zeroed (padding_idx)" }
      if parameter.isBuffer { initText += " (buffer)" }
      let shape = "(" + parameter.shape.map(String.init).joined(separator: ", ") + ")"
      rows.append([parameter.name, shape, model.storedDType(of: parameter).description, initText])
    }
    print(table(rows))
    let shards = HFShardPlan(model: model)
    print("\n\(model.architecture.causalLMClass) (model_type \(model.architecture.rawValue)): \(model.parameters.count) tensors")
    print("total parameters: \(model.parameterCount)")
    print("checkpoint: \(shards.totalSize) bytes as \(model.dtype.rawValue), \(shards.shards.count) weights file\(shards.isSharded ? "s" : "") at the default max shard size")
  }
}

import TensorModule

extension InitContext {
  /// Sets index `index` along dimension 0 of the parameter `path` to `value`, as PyTorch's
  /// `weight[padding_idx].fill_(0)` (Embedding's padding row).
  ///
  /// A step after a scheme, not a scheme: ``Module/initializationPlan()`` ignores it, while
  /// ``Module/materializationPlan(weightInit:biasInit:)`` records it so a streamed or sharded write
  /// applies it too. Does nothing for a missing parameter or a declared-only one.
  /// - Throws: ``LayerError`` if the parameter is 0-d or `index` is outside its first dimension.
  public func fill(_ path: String, of module: Module, index: Int, value: Double) throws {
    guard let owner = module.submodule(ownerOf: path) else { return }
    let name = String(path.split(separator: ".").last ?? "")
    guard owner.module.hasParameter(name) else { return }
    let shape = owner.module.shape(ofParameter: name)
    guard let rows = shape.first, (0..<rows).contains(index) else {
      throw LayerError(owner.module.typeName, "index \(index) is out of range for '\(path)' of shape \(shape)")
    }
    if recorder != nil {
      indexFillRecorder?(prefix.isEmpty ? path : prefix + "." + path, index, value)
      return
    }
    guard owner.module.isAllocated(parameter: name) else { return }
    let inner = shape.dropFirst().reduce(1, *)
    for j in 0..<inner { owner.module[parameter: name][linear: index * inner + j] = value }
  }
}

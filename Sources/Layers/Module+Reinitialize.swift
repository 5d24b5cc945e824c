import Initializers
import RandomModule

extension Module {
  /// Every module with its dotted path in `model.apply` order: children before their parent.
  public func namedModulesInApplyOrder(prefix: String = "") -> [(path: String, module: Module)] {
    namedChildren.flatMap { name, child in
      child.namedModulesInApplyOrder(prefix: prefix.isEmpty ? name : prefix + "." + name)
    } + [(prefix, self)]
  }

  /// The seed tutorial's loop: for each module in `apply` order that has a `weight` (and a `bias`),
  /// run `weight` on the weight, then `bias` on the bias.
  ///
  /// Each parameter draws from `generator.generator(forParameter: key)` (one stream for
  /// `TorchGenerator`).
  public func reinitialize(weight: Initializer?, bias: Initializer?, generator: (any RandomGenerator)? = nil) throws {
    guard weight != nil || bias != nil else { return }
    for (path, module) in namedModulesInApplyOrder() {
      let context = InitContext(generator: generator, prefix: path)
      if let weight { try context.initialize("weight", of: module, with: weight) }
      if let bias { try context.initialize("bias", of: module, with: bias) }
    }
  }
}

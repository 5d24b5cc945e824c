import Initializers
import RandomModule
import TensorModule

extension Module {
  /// Every module with its dotted path, pre-order, the root first with path `""` (`named_modules()`).
  public func namedModules(prefix: String = "") -> [(path: String, module: Module)] {
    var result = [(prefix, self)]
    for (name, child) in namedChildren {
      result += child.namedModules(prefix: prefix.isEmpty ? name : prefix + "." + name)
    }
    return result
  }

  /// Every parameter with its state-dict key, pre-order (`named_parameters()`). Declared-only
  /// parameters (``declarationsOnly(_:)``) have no values and are not listed: see ``declaredState()``.
  public func namedParameters(prefix: String = "") -> [(key: String, tensor: Tensor)] {
    namedModules(prefix: prefix).flatMap { path, module in
      module.parameterSlots.compactMap { slot in slot.tensor.map { (path.isEmpty ? slot.name : path + "." + slot.name, $0) } }
    }
  }

  /// Parameters and buffers with PyTorch's state-dict keys and order (`state_dict()`): for each module
  /// in pre-order, its parameters, then its buffers. Declared-only entries are not listed.
  public func stateDict() -> [(key: String, tensor: Tensor)] {
    namedModules().flatMap { path, module in
      (module.parameterSlots + module.bufferSlots).compactMap { slot in
        slot.tensor.map { (path.isEmpty ? slot.name : path + "." + slot.name, $0) }
      }
    }
  }

  /// Calls `body` on every module, children before their parent, as `model.apply(fn)` does.
  public func apply(_ body: (Module) throws -> Void) rethrows {
    for (_, child) in namedChildren { try child.apply(body) }
    try body(self)
  }

  /// Re-runs every module's default initialization, children before parents (as `apply` visits),
  /// drawing each parameter from `generator.generator(forParameter: key)`.
  ///
  /// With a position-addressed generator this gives each parameter values that depend only on the
  /// seed and the parameter's key.
  public func resetAllParameters(generator: (any RandomGenerator)? = nil) throws {
    try resetPostOrder(InitContext(generator: generator))
  }

  /// Runs every module's `resetParameters` with `context` (drawing, or recording a plan), children
  /// before their parent, as `model.apply(lambda m: m.reset_parameters())` visits them.
  func resetPostOrder(_ context: InitContext) throws {
    for (name, child) in namedChildren { try child.resetPostOrder(context.child(name)) }
    try resetParameters(context)
  }

  /// The scheme that default initialization leaves on each parameter, in state-dict order, without
  /// drawing or reading anything (the parameters with a scheme in ``materializationPlan(weightInit:biasInit:)``).
  public func initializationPlan() throws -> [(key: String, scheme: Initializer, shape: [Int])] {
    try materializationPlan().entries.compactMap { entry in
      entry.scheme.map { (entry.key, $0, entry.declaration.shape) }
    }
  }
}

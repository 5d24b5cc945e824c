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

  /// Every parameter with its state-dict key, pre-order (`named_parameters()`).
  public func namedParameters(prefix: String = "") -> [(key: String, tensor: Tensor)] {
    namedModules(prefix: prefix).flatMap { path, module in
      module.parameterSlots.map { (path.isEmpty ? $0.name : path + "." + $0.name, $0.tensor) }
    }
  }

  /// Parameters and buffers with PyTorch's state-dict keys and order (`state_dict()`): for each module
  /// in pre-order, its parameters, then its buffers.
  public func stateDict() -> [(key: String, tensor: Tensor)] {
    namedModules().flatMap { path, module in
      (module.parameterSlots + module.bufferSlots).map { (path.isEmpty ? $0.name : path + "." + $0.name, $0.tensor) }
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

  private func resetPostOrder(_ context: InitContext) throws {
    for (name, child) in namedChildren { try child.resetPostOrder(context.child(name)) }
    try resetParameters(context)
  }

  /// The scheme that default initialization leaves on each parameter, in state-dict order, without
  /// drawing anything (what `nninit show` prints).
  public func initializationPlan() throws -> [(key: String, scheme: Initializer, shape: [Int])] {
    var latest: [String: (Initializer, [Int])] = [:]
    var context = InitContext(generator: TorchGenerator(seed: 0))
    context.recorder = { key, scheme, shape in latest[key] = (scheme, shape) }
    try resetPostOrder(context)
    return namedParameters().compactMap { key, _ in latest[key].map { (key, $0.0, $0.1) } }
  }
}

import Layers
import TensorModule

/// A handle to one parameter of a module: the module and the parameter's own name (`weight`, `bias`).
///
/// Two handles are equal when they name the same parameter of the same module object. Optimizers hold
/// handles and update the module's tensor through ``update(_:)``, in place.
public struct Parameter: Hashable, CustomStringConvertible {
  /// The module owning the parameter.
  public let module: Module
  /// The parameter's name within its module.
  public let name: String

  /// The handle for `module`'s parameter `name`.
  ///
  /// - Precondition: `module.hasParameter(name)`.
  public init(_ module: Module, _ name: String) {
    precondition(module.hasParameter(name), "\(module.typeName) has no parameter named '\(name)'")
    self.init(unchecked: module, name)
  }

  init(unchecked module: Module, _ name: String) {
    self.module = module
    self.name = name
  }

  /// The parameter's current value.
  public var value: Tensor { module[parameter: name] }

  /// Mutates the parameter's tensor in place (no copy when nothing else shares its storage).
  public func update<R>(_ body: (inout Tensor) throws -> R) rethrows -> R {
    try body(&module[parameter: name])
  }

  public static func == (a: Parameter, b: Parameter) -> Bool { a.module === b.module && a.name == b.name }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(module))
    hasher.combine(name)
  }

  public var description: String { "\(module.typeName).\(name)" }
}

/// The parameters the optimizers update, as handles keyed like `named_parameters()`.
extension Module {
  /// Every parameter with its state-dict key, in `named_parameters()` order; a parameter reached twice
  /// (a module used in two places) is listed once, at its first key, as PyTorch does.
  public func namedParameterHandles() -> [(key: String, parameter: Parameter)] {
    var seen = Set<Parameter>()
    var result: [(key: String, parameter: Parameter)] = []
    for (path, module) in namedModules() {
      // A module's own parameters are the keys of its named parameters that contain no dot.
      for (name, _) in module.namedParameters() where !name.contains(".") {
        let handle = Parameter(module, name)
        if seen.insert(handle).inserted { result.append((path.isEmpty ? name : path + "." + name, handle)) }
      }
    }
    return result
  }

  /// Every parameter, in `model.parameters()` order — what an optimizer is built from.
  public func parameters() -> [Parameter] { namedParameterHandles().map(\.parameter) }
}

/// The gradients of a backward pass, one per parameter the forward pass used (PyTorch's `param.grad`).
///
/// Gradients never accumulate behind your back: each ``Variable/backward(gradient:)`` returns fresh
/// ones, so there is no `zero_grad()` to forget. To accumulate over several batches, add them with
/// ``+=(_:_:)``; ``zero()`` clears them (`optimizer.zero_grad()`).
public struct Gradients {
  var tensors: [Parameter: Tensor] = [:]

  /// No gradients.
  public init() {}

  /// The gradient of `parameter`, or `nil` if the forward pass did not use it.
  public subscript(parameter: Parameter) -> Tensor? {
    get { tensors[parameter] }
    set { tensors[parameter] = newValue }
  }

  /// The gradient of `module`'s parameter `name`, e.g. `gradients[linear, "weight"]`; `nil` if the
  /// forward pass did not use it or there is no such parameter.
  public subscript(module: Module, name: String) -> Tensor? { tensors[Parameter(unchecked: module, name)] }

  /// The gradients with their state-dict keys, in `model.named_parameters()` order; parameters without a
  /// gradient are left out.
  public func named(in model: Module) -> [(key: String, gradient: Tensor)] {
    model.namedParameterHandles().compactMap { key, p in tensors[p].map { (key, $0) } }
  }

  /// The number of parameters with a gradient.
  public var count: Int { tensors.count }

  /// Whether every gradient is finite (no NaN, no ±Inf).
  public var isFinite: Bool { tensors.values.allSatisfy(_allFinite) }

  /// The parameters whose gradient has a NaN or an infinity.
  public var nonFiniteParameters: [Parameter] { tensors.filter { !_allFinite($0.value) }.map(\.key) }

  /// Removes every gradient (`optimizer.zero_grad()`, which sets each `.grad` to `None`).
  public mutating func zero() { tensors.removeAll() }

  /// Adds `rhs`'s gradients to `lhs`'s (PyTorch's accumulation of `.grad` over several `backward()`s).
  public static func += (lhs: inout Gradients, rhs: Gradients) {
    for (p, g) in rhs.tensors {
      if lhs.tensors[p] == nil { lhs.tensors[p] = g } else { _addInPlace(&lhs.tensors[p]!, g) }
    }
  }
}

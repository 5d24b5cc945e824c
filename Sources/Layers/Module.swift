import Initializers
import RandomModule
import TensorModule

/// The base class of every layer and model, mirroring `torch.nn.Module`.
///
/// A module owns named parameters and buffers (in registration order) and named child modules.
/// Children are found two ways: stored properties of a `Module` type, in declaration order (so a user
/// model reads like PyTorch's `__init__`; an array of modules is a ``ModuleList``, a dictionary a
/// ``ModuleDict``), and modules added with ``registerModule(_:_:)``
/// (containers such as ``Sequential``). Parameter and state-dict order are PyTorch's: a pre-order
/// walk, own parameters first.
///
///     final class SimpleNN: Module {
///       let fc1: Linear, fc2: Linear
///       init() throws {
///         fc1 = try Linear(10, 5); fc2 = try Linear(5, 1)
///         super.init()
///         try kaimingUniform(&fc1.weight, nonlinearity: .relu)
///       }
///     }
open class Module: CustomStringConvertible {
  struct Slot {
    let name: String
    var tensor: Tensor
    /// Set for a shape-only module (``Module/shapeOnly(_:)``), whose `tensor` is then a placeholder.
    var declaration: TensorDeclaration? = nil
  }

  var parameterSlots: [Slot] = []
  var bufferSlots: [Slot] = []
  var registeredChildren: [(name: String, module: Module)] = []

  /// An empty module; subclasses register parameters and children.
  public init() {}

  /// The class name PyTorch prints (`type(self).__name__`).
  open var typeName: String {
    let name = String(describing: type(of: self))
    return name.split(separator: ".").last.map(String.init) ?? name
  }

  /// The module's own part of its repr (`extra_repr()`), e.g. `in_features=10, out_features=5, bias=True`.
  open var extraDescription: String { "" }

  /// Runs the default initialization of this module's *own* parameters (`reset_parameters()`), naming
  /// each through `context`. Children initialize themselves.
  open func resetParameters(_ context: InitContext) throws {}

  // MARK: Parameters and buffers

  /// Adds or replaces a parameter (`register_parameter`).
  public func registerParameter(_ name: String, _ tensor: Tensor) {
    let slot = Slot(name: name, tensor: tensor, declaration: _ShapeOnlyScope.declaration(of: tensor))
    if let i = parameterSlots.firstIndex(where: { $0.name == name }) {
      parameterSlots[i] = slot
    } else {
      parameterSlots.append(slot)
    }
  }

  /// Adds or replaces a buffer (`register_buffer`), e.g. BatchNorm's `running_mean`.
  public func registerBuffer(_ name: String, _ tensor: Tensor) {
    let slot = Slot(name: name, tensor: tensor, declaration: _ShapeOnlyScope.declaration(of: tensor))
    if let i = bufferSlots.firstIndex(where: { $0.name == name }) {
      bufferSlots[i] = slot
    } else {
      bufferSlots.append(slot)
    }
  }

  /// Adds a child module (`add_module`); it is printed and walked after stored-property children.
  public func registerModule(_ name: String, _ module: Module) {
    if let i = registeredChildren.firstIndex(where: { $0.name == name }) {
      registeredChildren[i].module = module
    } else {
      registeredChildren.append((name, module))
    }
  }

  /// Whether the module has its own parameter called `name`.
  public func hasParameter(_ name: String) -> Bool { parameterSlots.contains { $0.name == name } }

  /// The module's own parameter `name`, in place.
  ///
  /// - Precondition: the parameter exists (see ``hasParameter(_:)``).
  public subscript(parameter name: String) -> Tensor {
    get { parameterSlots[slotIndex(name, in: parameterSlots)].tensor }
    _modify { yield &parameterSlots[slotIndex(name, in: parameterSlots)].tensor }
  }

  /// The module's own buffer `name`, in place.
  public subscript(buffer name: String) -> Tensor {
    get { bufferSlots[slotIndex(name, in: bufferSlots)].tensor }
    _modify { yield &bufferSlots[slotIndex(name, in: bufferSlots)].tensor }
  }

  /// The optional parameter `name` (e.g. a bias created only when `bias=True`).
  public func optionalParameter(_ name: String) -> Tensor? {
    parameterSlots.first { $0.name == name }?.tensor
  }

  /// Sets an optional parameter that exists; ignores `nil` and absent parameters.
  public func setOptionalParameter(_ name: String, _ tensor: Tensor?) {
    if let tensor, hasParameter(name) { self[parameter: name] = tensor }
  }

  private func slotIndex(_ name: String, in slots: [Slot]) -> Int {
    guard let i = slots.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("\(typeName) has no parameter or buffer named '\(name)'")
    }
    return i
  }

  // MARK: Children

  /// The direct children, in PyTorch's order (`named_children()`).
  public var namedChildren: [(name: String, module: Module)] { reflectedChildren() + registeredChildren }

  private func reflectedChildren() -> [(name: String, module: Module)] {
    var mirrors: [Mirror] = []
    var mirror: Mirror? = Mirror(reflecting: self)
    while let m = mirror, m.subjectType != Module.self {
      mirrors.insert(m, at: 0)
      mirror = m.superclassMirror
    }
    return mirrors.flatMap { m in
      m.children.compactMap { child -> (name: String, module: Module)? in
        guard let label = child.label else { return nil }
        if let module = child.value as? Module { return (label, module) }
        if let list = child.value as? [Module] { return (label, ModuleList(list)) }
        if let dictionary = child.value as? [String: Module] {
          return (label, ModuleDict(dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
        return nil
      }
    }
  }

  /// The module at a dotted path of child names (`get_submodule`), or `nil`.
  public func submodule(_ path: String) -> Module? {
    var module: Module = self
    for name in path.split(separator: ".", omittingEmptySubsequences: true) {
      guard let child = module.namedChildren.first(where: { $0.name == name })?.module else { return nil }
      module = child
    }
    return module
  }

  /// The module owning the parameter at a dotted path, and the parameter's own name.
  public func submodule(ownerOf path: String) -> (module: Module, name: String)? {
    let parts = path.split(separator: ".")
    guard let last = parts.last, let owner = submodule(parts.dropLast().joined(separator: ".")) else { return nil }
    return (owner, String(last))
  }
}

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
  /// A named parameter or buffer: its declaration, and its values unless the module was built by
  /// ``Module/declarationsOnly(_:)``.
  struct Slot {
    let name: String
    /// The values; `nil` for a declaration-only slot.
    var tensor: Tensor?
    /// Shape, dtype and starting value as declared (for an allocated slot, the shape and dtype of the
    /// tensor it was registered with).
    let declared: TensorDeclaration

    /// Shape, dtype and starting value: the tensor's shape and dtype when allocated.
    var declaration: TensorDeclaration {
      guard let tensor else { return declared }
      return TensorDeclaration(shape: tensor.shape, dtype: tensor.dtype, fill: declared.fill)
    }
  }

  var parameterSlots: [Slot] = []
  var bufferSlots: [Slot] = []
  var registeredChildren: [(name: String, module: Module)] = []

  /// An empty module; subclasses register parameters and children and call `super.init()`.
  ///
  /// The unnamed `Void` argument is never passed: it keeps the no-argument initializer free for
  /// subclasses, so a model declares `init() throws` (building its layers with `try`, as PyTorch's
  /// `__init__` does) without `override`.
  public init(_: Void = ()) {}

  /// The class name PyTorch prints (`type(self).__name__`).
  open var typeName: String {
    let name = String(describing: type(of: self))
    return name.split(separator: ".").last.map(String.init) ?? name
  }

  /// The module's own part of its repr (`extra_repr()`), e.g. `in_features=10, out_features=5, bias=True`.
  open var extraDescription: String { "" }

  /// The lines the repr prints for the children, `(name): repr` each (`ModuleList` shortens runs).
  open var childDescriptionLines: [String] {
    namedChildren.map { "(\($0.name)): " + indented($0.module.description) }
  }

  /// Runs the default initialization of this module's *own* parameters (`reset_parameters()`), naming
  /// each through `context`. Children initialize themselves.
  open func resetParameters(_ context: InitContext) throws {}

  // MARK: Parameters and buffers

  /// Adds or replaces a parameter (`register_parameter`).
  public func registerParameter(_ name: String, _ tensor: Tensor) {
    Self.register(Slot(name: name, tensor: tensor, declared: TensorDeclaration(shape: tensor.shape, dtype: tensor.dtype)), in: &parameterSlots)
  }

  /// Adds or replaces a buffer (`register_buffer`), e.g. BatchNorm's `running_mean`.
  public func registerBuffer(_ name: String, _ tensor: Tensor) {
    Self.register(Slot(name: name, tensor: tensor, declared: TensorDeclaration(shape: tensor.shape, dtype: tensor.dtype)), in: &bufferSlots)
  }

  /// Declares a parameter as a layer's constructor does (`torch.empty(shape)` then `reset_parameters`):
  /// zero-filled, or — inside ``declarationsOnly(_:)`` — a declaration without storage.
  ///
  /// - Throws: ``LayerError`` naming `layer` for a negative or overflowing shape, as `torch.empty`
  ///   reports it; `TensorError.insufficientMemory` when the tensor does not fit in memory.
  public func declareParameter(_ name: String, _ shape: [Int], _ dtype: DType, layer: String) throws {
    Self.register(try Self.slot(name, shape, dtype, fill: 0, layer: layer), in: &parameterSlots)
  }

  /// Declares a buffer whose elements start at `value` (BatchNorm's `running_var` starts at 1), allocated
  /// unless inside ``declarationsOnly(_:)``.
  public func declareBuffer(_ name: String, _ shape: [Int], _ dtype: DType, layer: String, filledWith value: Double = 0)
    throws
  {
    Self.register(try Self.slot(name, shape, dtype, fill: value, layer: layer), in: &bufferSlots)
  }

  private static func slot(_ name: String, _ shape: [Int], _ dtype: DType, fill: Double, layer: String) throws -> Slot {
    let declaration = TensorDeclaration(shape: shape, dtype: dtype, fill: fill)
    do {
      _ = try Tensor.elementCount(shape, dtype: dtype)  // negative dimensions and overflow, as torch.empty checks
      guard !isDeclaringOnly else { return Slot(name: name, tensor: nil, declared: declaration) }
      var tensor = try Tensor(zeros: shape, dtype: dtype)
      if fill != 0 { tensor.fill(fill) }
      return Slot(name: name, tensor: tensor, declared: declaration)
    } catch TensorError.insufficientMemory(let shape, let dtype, let byteCount, let limitedBy) {
      throw TensorError.insufficientMemory(shape: shape, dtype: dtype, byteCount: byteCount, limitedBy: limitedBy)  // as is
    } catch {
      throw LayerError(layer, "\(error)")
    }
  }

  private static func register(_ slot: Slot, in slots: inout [Slot]) {
    if let i = slots.firstIndex(where: { $0.name == slot.name }) {
      slots[i] = slot
    } else {
      slots.append(slot)
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
  /// - Precondition: the parameter exists (see ``hasParameter(_:)``) and is allocated (the module was
  ///   not built by ``declarationsOnly(_:)``).
  public subscript(parameter name: String) -> Tensor {
    get { tensor(name, in: parameterSlots) }
    _modify {
      let i = allocatedIndex(name, in: parameterSlots)
      guard var tensor = parameterSlots[i].tensor else { preconditionFailure("unreachable: checked by allocatedIndex") }
      parameterSlots[i].tensor = nil  // the storage stays uniquely referenced, so it is modified in place
      defer { parameterSlots[i].tensor = tensor }
      yield &tensor
    }
  }

  /// The module's own buffer `name`, in place.
  ///
  /// - Precondition: the buffer exists and is allocated.
  public subscript(buffer name: String) -> Tensor {
    get { tensor(name, in: bufferSlots) }
    _modify {
      let i = allocatedIndex(name, in: bufferSlots)
      guard var tensor = bufferSlots[i].tensor else { preconditionFailure("unreachable: checked by allocatedIndex") }
      bufferSlots[i].tensor = nil
      defer { bufferSlots[i].tensor = tensor }
      yield &tensor
    }
  }

  /// The optional parameter `name` (e.g. a bias created only when `bias=True`); `nil` also for a
  /// declaration-only parameter.
  public func optionalParameter(_ name: String) -> Tensor? {
    parameterSlots.first { $0.name == name }?.tensor
  }

  /// Sets an optional parameter that exists; ignores `nil` and absent parameters.
  public func setOptionalParameter(_ name: String, _ tensor: Tensor?) {
    if let tensor, hasParameter(name) { self[parameter: name] = tensor }
  }

  private func tensor(_ name: String, in slots: [Slot]) -> Tensor {
    guard let tensor = slots[allocatedIndex(name, in: slots)].tensor else { preconditionFailure("unreachable") }
    return tensor
  }

  private func allocatedIndex(_ name: String, in slots: [Slot]) -> Int {
    guard let i = slots.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("\(typeName) has no parameter or buffer named '\(name)'")
    }
    precondition(slots[i].tensor != nil, "\(typeName).\(name) is declared only (built by Module.declarationsOnly)")
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
        // By the static element type: an empty `[String]` would also cast to `[Module]`.
        if let list = child.value as? any _ModuleArray { return (label, ModuleList(list._modules)) }
        if let dictionary = child.value as? any _ModuleDictionary {
          return (label, ModuleDict(dictionary._modules.sorted { $0.name < $1.name }))
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

/// Arrays whose element type is a module (`[Linear]`, `[Module]`), registered as a ``ModuleList``.
public protocol _ModuleArray {
  /// The elements as modules.
  var _modules: [Module] { get }
}

/// An array of modules is registered as a ``ModuleList`` when it is a module's stored property.
extension Array: _ModuleArray where Element: Module {
  /// The elements as modules.
  public var _modules: [Module] { map { $0 } }
}

/// Dictionaries from names to modules (`[String: Linear]`), registered as a ``ModuleDict``.
public protocol _ModuleDictionary {
  /// The entries as named modules, in no particular order.
  var _modules: [(name: String, module: Module)] { get }
}

/// A dictionary of named modules is registered as a ``ModuleDict`` when it is a module's stored property.
extension Dictionary: _ModuleDictionary where Key == String, Value: Module {
  /// The entries as named modules, in no particular order.
  public var _modules: [(name: String, module: Module)] { map { ($0.key, $0.value) } }
}

import Initializers
import TensorModule

/// A user's own `nn.Module` subclass known only from what `print(model)` shows: its class name, its
/// named children in registration order, any `extra_repr` lines, and the free parameters
/// (`nn.Parameter`) declared for it.
///
/// It prints as PyTorch's `Module.__repr__` does, so the repr of a model read back from its print text is
/// the text itself.
/// Default init: each free parameter's scheme; the children initialize themselves.
public final class CustomModule: Module {
  /// The class name PyTorch printed, e.g. `BasicBlock`.
  public let className: String
  /// The lines of the class's `extra_repr`, printed before the children.
  public let extraLines: [String]
  private var freeSchemes: [(name: String, scheme: Initializer)] = []

  /// An empty module printed as `className`, with `extraLines` as its `extra_repr`.
  public init(className: String, extraLines: [String] = []) {
    self.className = className
    self.extraLines = extraLines
    super.init()
  }

  public override var typeName: String { className }
  public override var extraDescription: String { extraLines.joined(separator: "\n") }

  /// Declares a free parameter `name` of `shape` whose default init is `scheme`
  /// (`self.name = nn.Parameter(torch.empty(shape))` then `nn.init.<scheme>`), and runs the scheme
  /// now with `context` — the point in construction where the parameter is created, which fixes its
  /// place in PyTorch's draw order. Declared-only modules draw nothing.
  ///
  /// - Throws: ``LayerError`` for a negative dimension; `ParameterInitError` when `scheme` rejects the shape.
  public func declareFreeParameter(_ name: String, shape: [Int], dtype: DType, scheme: Initializer, context: InitContext)
    throws
  {
    try declareParameter(name, shape, dtype, layer: className)
    freeSchemes.removeAll { $0.name == name }
    freeSchemes.append((name, scheme))
    try context.initialize(name, of: self, with: scheme)
  }

  public override func resetParameters(_ context: InitContext) throws {
    for (name, scheme) in freeSchemes { try context.initialize(name, of: self, with: scheme) }
  }
}

import Synchronization
import TensorModule

/// A tensor that a shape-only module declares: its shape, dtype and starting value, without elements.
public struct TensorDeclaration: Sendable, Hashable {
  /// The shape (`tensor.shape`).
  public var shape: [Int]
  /// The element type.
  public var dtype: DType
  /// The value of every element before any init scheme runs: 0 (`torch.empty` as NNInit zero-fills it),
  /// 1 for BatchNorm's `running_var`.
  public var fill: Double

  /// A declaration of `shape` and `dtype` whose elements start at `fill`.
  public init(shape: [Int], dtype: DType, fill: Double = 0) {
    self.shape = shape
    self.dtype = dtype
    self.fill = fill
  }

  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }
}

extension Module {
  /// Runs `build` so that every module it constructs is *shape-only* (PyTorch's `device='meta'`):
  /// parameters and buffers are declared — shape, dtype, name, order — but not allocated, and default
  /// initialization draws nothing.
  ///
  /// Such a module prints, lists its state-dict keys and records its ``initializationPlan()`` like any
  /// other; its tensors are empty placeholders, so it is written through
  /// ``materializationPlan(weightInit:biasInit:)`` and ``MaterializationPlan/materialize(generator:shard:chunkElements:_:)``
  /// (chunk by chunk, in bounded memory), not with ``stateDict()``. Memory is a few hundred bytes per
  /// parameter whatever its size. Assigning tensors to a shape-only module's parameters is not supported.
  ///
  ///     let model = try Module.shapeOnly { try Sequential((0..<16).map { _ in try Linear(8192, 8192) }) }
  ///     model.declaredState().map(\.declaration.shape)   // [[8192, 8192], [8192], …] — nothing allocated
  public static func shapeOnly<T>(_ build: () throws -> T) rethrows -> T {
    try _ShapeOnlyScope.$current.withValue(_ShapeOnlyScope()) { try build() }
  }

  /// Whether this module or one of its descendants was built by ``shapeOnly(_:)``.
  public var isShapeOnly: Bool {
    namedModules().contains { _, module in
      (module.parameterSlots + module.bufferSlots).contains { $0.declaration != nil }
    }
  }

  /// The shape of the module's own parameter `name`, also for a shape-only module.
  ///
  /// - Precondition: the parameter exists (see ``hasParameter(_:)``).
  public func shape(ofParameter name: String) -> [Int] {
    guard let slot = parameterSlots.first(where: { $0.name == name }) else {
      preconditionFailure("\(typeName) has no parameter named '\(name)'")
    }
    return slot.declaration?.shape ?? slot.tensor.shape
  }

  /// Parameters and buffers with their state-dict keys and order (as ``stateDict()``), described by
  /// shape, dtype and starting value; `isBuffer` tells them apart. Works for every module; for an
  /// allocated one, `fill` is 0.
  public func declaredState() -> [(key: String, declaration: TensorDeclaration, isBuffer: Bool)] {
    namedModules().flatMap { path, module in
      let describe = { (slot: Slot, isBuffer: Bool) in
        (
          key: path.isEmpty ? slot.name : path + "." + slot.name,
          declaration: slot.declaration ?? TensorDeclaration(shape: slot.tensor.shape, dtype: slot.tensor.dtype),
          isBuffer: isBuffer
        )
      }
      return module.parameterSlots.map { describe($0, false) } + module.bufferSlots.map { describe($0, true) }
    }
  }
}

/// The state of one ``Module/shapeOnly(_:)`` call: the declarations its placeholders stand for.
///
/// A placeholder is an empty tensor of shape `[0, token]` (no storage); `token - tokenBase` indexes the
/// declarations. ``Module/registerParameter(_:_:)`` and ``Module/registerBuffer(_:_:)`` look the
/// placeholder up and keep the declaration in the module's slot, so layers need no special code.
final class _ShapeOnlyScope: Sendable {
  @TaskLocal static var current: _ShapeOnlyScope?

  private static let tokenBase = 1 << 40
  private let declarations = Mutex<[TensorDeclaration]>([])

  /// In a shape-only scope, a placeholder for a parameter of `shape` (checked as `torch.empty` checks
  /// it) whose elements start at `fill`; outside one, `nil`.
  static func placeholder(_ shape: [Int], _ dtype: DType, fill: Double) throws -> Tensor? {
    guard let scope = current else { return nil }
    _ = try Tensor.elementCount(shape, dtype: dtype)  // negative dimensions and overflow, as torch.empty checks
    let declaration = TensorDeclaration(shape: shape, dtype: dtype, fill: fill)
    let token = scope.declarations.withLock { list in
      list.append(declaration)
      return tokenBase + list.count - 1
    }
    return try Tensor(zeros: [0, token], dtype: dtype)
  }

  /// The declaration `tensor` stands for when it is a placeholder of the current scope, else `nil`.
  static func declaration(of tensor: Tensor) -> TensorDeclaration? {
    guard let scope = current, tensor.rank == 2, tensor.shape[0] == 0, tensor.shape[1] >= tokenBase else { return nil }
    let index = tensor.shape[1] - tokenBase
    return scope.declarations.withLock { list in
      index < list.count && list[index].dtype == tensor.dtype ? list[index] : nil
    }
  }
}

extension Module {
  /// Whether the module's own parameter `name` is a shape-only placeholder.
  func isShapeOnly(parameter name: String) -> Bool {
    parameterSlots.first { $0.name == name }?.declaration != nil
  }
}

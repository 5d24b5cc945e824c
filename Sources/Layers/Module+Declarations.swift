import TensorModule

extension Module {
  /// Whether the current task is inside ``declarationsOnly(_:)``.
  @TaskLocal static var isDeclaringOnly = false

  /// Runs `build` so that every module it constructs is *declared only* (PyTorch's `device='meta'`):
  /// each parameter and buffer is a ``TensorDeclaration`` — name, shape, dtype, order — with no storage,
  /// and default initialization draws nothing.
  ///
  /// Such a module prints, lists its ``declaredState()`` and gives its ``materializationPlan(weightInit:biasInit:)``
  /// (the init plan of every parameter and buffer) like any other; it is turned into values by that
  /// plan — in memory (``MaterializationPlan/tensors(generator:shard:)``), streamed chunk by chunk into a
  /// file, or one shard (``MaterializationPlan/materialize(generator:shard:chunkElements:_:)``). Memory
  /// is a few hundred bytes per parameter whatever its size. Its parameters cannot be read or assigned.
  ///
  ///     let model = try Module.declarationsOnly { try Sequential((0..<16).map { _ in try Linear(8192, 8192) }) }
  ///     model.declaredState().map(\.declaration.shape)   // [[8192, 8192], [8192], …] — nothing allocated
  public static func declarationsOnly<T>(_ build: () throws -> T) rethrows -> T {
    try $isDeclaringOnly.withValue(true) { try build() }
  }

  /// Whether this module or one of its descendants has a parameter or buffer without storage (built by
  /// ``declarationsOnly(_:)``).
  public var isDeclaredOnly: Bool {
    namedModules().contains { _, module in
      (module.parameterSlots + module.bufferSlots).contains { $0.tensor == nil }
    }
  }

  /// The shape of the module's own parameter `name`, also for a declared-only module.
  ///
  /// - Precondition: the parameter exists (see ``hasParameter(_:)``).
  public func shape(ofParameter name: String) -> [Int] {
    guard let slot = parameterSlots.first(where: { $0.name == name }) else {
      preconditionFailure("\(typeName) has no parameter named '\(name)'")
    }
    return slot.declaration.shape
  }

  /// Whether the module's own parameter `name` exists and has storage.
  func isAllocated(parameter name: String) -> Bool {
    parameterSlots.first { $0.name == name }?.tensor != nil
  }

  /// Parameters and buffers with their state-dict keys and order (as ``stateDict()``), described by
  /// shape, dtype and starting value; `isBuffer` tells them apart. Works for every module and reads no
  /// element.
  public func declaredState() -> [(key: String, declaration: TensorDeclaration, isBuffer: Bool)] {
    namedModules().flatMap { path, module in
      let describe = { (slot: Slot, isBuffer: Bool) in
        (key: path.isEmpty ? slot.name : path + "." + slot.name, declaration: slot.declaration, isBuffer: isBuffer)
      }
      return module.parameterSlots.map { describe($0, false) } + module.bufferSlots.map { describe($0, true) }
    }
  }
}

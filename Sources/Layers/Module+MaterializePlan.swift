import Initializers
import RandomModule
import TensorModule

/// What a module's state dict will hold after default initialization (and an optional weight/bias
/// re-initialization), entry by entry, recorded without drawing or reading any value.
///
/// Made by ``Module/materializationPlan(weightInit:biasInit:)``; written by
/// ``materialize(generator:shard:chunkElements:_:)``. Each entry keeps the *last* scheme that sets all
/// of its elements (every `torch.nn.init` function overwrites the whole tensor, so later schemes
/// replace earlier ones) and the steps that follow it, such as Embedding's padding row.
public struct MaterializationPlan: Sendable {
  /// Setting index `index` along dimension 0 to `value` after the scheme (`weight[padding_idx].fill_(0)`).
  public struct IndexFill: Sendable, Hashable {
    /// The index along dimension 0 (`padding_idx`).
    public var index: Int
    /// The value the slice is set to.
    public var value: Double

    /// Sets slice `index` of dimension 0 to `value`.
    public init(index: Int, value: Double) {
      self.index = index
      self.value = value
    }
  }

  /// One state-dict entry.
  public struct Entry: Sendable {
    /// The state-dict key, e.g. `0.weight`, `1.running_var`.
    public let key: String
    /// Shape, dtype and starting value.
    public let declaration: TensorDeclaration
    /// Whether the entry is a buffer (buffers are never re-initialized, and never cut by a shard).
    public let isBuffer: Bool
    /// The last scheme that sets every element, or `nil` when the starting value stays.
    public let scheme: Initializer?
    /// Steps applied after ``scheme``, in order.
    public let indexFills: [IndexFill]
    /// The current values of an allocated (not shape-only) entry that no scheme touches, e.g. a buffer.
    let values: Tensor?
  }

  /// The entries in state-dict order.
  public let entries: [Entry]
}

extension Module {
  /// The plan of this module's state dict after `resetAllParameters(generator:)` and then
  /// `reinitialize(weight: weightInit, bias: biasInit, generator:)` — what `nninit init` does — recorded
  /// through each module's own `resetParameters` (so MultiheadAttention's zeroed biases, Embedding's
  /// padding row and every other module-specific rule are kept), without drawing.
  ///
  /// Works for shape-only modules (``shapeOnly(_:)``) and allocated ones alike; in the latter, the
  /// values of parameters are not read (they are recomputed), those of buffers are.
  public func materializationPlan(weightInit: Initializer? = nil, biasInit: Initializer? = nil) throws
    -> MaterializationPlan
  {
    enum Step {
      case scheme(Initializer)
      case indexFill(MaterializationPlan.IndexFill)
    }
    var steps: [String: [Step]] = [:]
    var context = InitContext(generator: TorchGenerator(seed: 0))
    context.recorder = { key, scheme, _ in steps[key, default: []].append(.scheme(scheme)) }
    context.indexFillRecorder = { key, index, value in
      steps[key, default: []].append(.indexFill(.init(index: index, value: value)))
    }
    try recordDefaultInitialization(context)
    if weightInit != nil || biasInit != nil {
      for (path, module) in namedModulesInApplyOrder() {
        var moduleContext = context
        moduleContext.prefix = path
        if let weightInit { try moduleContext.initialize("weight", of: module, with: weightInit) }
        if let biasInit { try moduleContext.initialize("bias", of: module, with: biasInit) }
      }
    }

    var entries: [MaterializationPlan.Entry] = []
    for (path, module) in namedModules() {
      for (slot, isBuffer) in module.parameterSlots.map({ ($0, false) }) + module.bufferSlots.map({ ($0, true) }) {
        let key = path.isEmpty ? slot.name : path + "." + slot.name
        let recorded = isBuffer ? [] : steps[key] ?? []
        let lastScheme = recorded.lastIndex { if case .scheme = $0 { true } else { false } }
        var scheme: Initializer?
        if let lastScheme, case .scheme(let s) = recorded[lastScheme] { scheme = s }
        let after = recorded[(lastScheme.map { $0 + 1 } ?? 0)...].compactMap { step in
          if case .indexFill(let fill) = step { fill } else { nil }
        }
        let declaration = slot.declaration ?? TensorDeclaration(shape: slot.tensor.shape, dtype: slot.tensor.dtype)
        entries.append(
          MaterializationPlan.Entry(
            key: key, declaration: declaration, isBuffer: isBuffer, scheme: scheme, indexFills: Array(after),
            values: scheme == nil && slot.declaration == nil ? slot.tensor : nil))
      }
    }
    return MaterializationPlan(entries: entries)
  }

  /// Runs every module's `resetParameters` in `apply` order (children first), as
  /// ``resetAllParameters(generator:)`` does, with `context`.
  private func recordDefaultInitialization(_ context: InitContext) throws {
    for (name, child) in namedChildren { try child.recordDefaultInitialization(context.child(name)) }
    try resetParameters(context)
  }
}

extension MaterializationPlan {
  /// The shape `entry` has in `shard`: cut along the shard's dimension when the entry is a parameter
  /// with that dimension; otherwise (buffers, parameters of lower rank, `shard == nil`) its whole shape.
  public func shape(of entry: Entry, in shard: TensorShard?) -> [Int] {
    guard let shard, cuts(entry, shard) else { return entry.declaration.shape }
    return shard.shape(of: entry.declaration.shape)
  }

  /// Whether `shard` cuts `entry` (a parameter whose rank exceeds the shard's dimension); entries that
  /// are not cut are replicated whole in every shard.
  public func cuts(_ entry: Entry, _ shard: TensorShard) -> Bool {
    !entry.isBuffer && shard.cuts(entry.declaration.shape)
  }

  /// The values `entry` starts from and its scheme's values, computable for any element range alone.
  ///
  /// - Throws: what the scheme throws for the entry's shape, wrapped in `ParameterInitError`;
  ///   `ShardError.notPositionAddressed` for a random scheme and a generator other than Philox.
  public func positionalFill(for entry: Entry, generator: any RandomGenerator) throws -> PositionalFill {
    let d = entry.declaration
    if let scheme = entry.scheme {
      do {
        return try scheme.positionalFill(
          shape: d.shape, dtype: d.dtype, generator: generator.generator(forParameter: entry.key))
      } catch let error as ShardError {
        throw error
      } catch {
        throw ParameterInitError(parameter: entry.key, scheme: scheme, underlying: error)
      }
    }
    if let values = entry.values { return PositionalFill(values: values) }
    return try Initializer.constant(d.fill).positionalFill(shape: d.shape, dtype: d.dtype, generator: generator)
  }

  /// Checks every element-wise scheme against its entry's shape, as writing would, without computing
  /// any element (`orthogonal_`/`sparse_` are checked when written).
  public func validate(generator: any RandomGenerator) throws {
    for entry in entries where (entry.scheme?.isElementWise ?? true) && entry.declaration.dtype != .int64 {
      _ = try positionalFill(for: entry, generator: generator)
    }
  }

  /// The number of elements written for `shard` (all entries, `nil`: whole tensors).
  public func elementCount(in shard: TensorShard?) -> Int {
    entries.reduce(0) { $0 + shape(of: $1, in: shard).reduce(1, *) }
  }

  /// The number of bytes written for `shard`, at each entry's dtype.
  public func byteCount(in shard: TensorShard?) -> Int {
    entries.reduce(0) { $0 + shape(of: $1, in: shard).reduce(1, *) * $1.declaration.dtype.byteCount }
  }
}

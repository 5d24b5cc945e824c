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
    /// The value every element of that slice gets.
    public var value: Double

    /// Sets slice `index` to `value`.
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

  /// The `Fill` of `entry`: its scheme's, lowered for the entry's shape and dtype, or `constant` of
  /// its starting value when no scheme sets it.
  ///
  /// - Throws: what the scheme throws for the entry's shape and dtype, wrapped in `ParameterInitError`.
  public func fill(for entry: Entry) throws -> Fill {
    guard let scheme = entry.scheme else { return .constant(entry.declaration.fill) }
    do {
      return try scheme.fill(for: entry.declaration.shape, dtype: entry.declaration.dtype)
    } catch {
      throw ParameterInitError(parameter: entry.key, scheme: scheme, underlying: error)
    }
  }

  /// The values of `entry`, computable for any element range alone: its ``fill(for:)`` on the
  /// position-addressed executor with the entry's own generator (`generator` keyed by the entry's
  /// key), or the current values of an allocated buffer no scheme touches.
  ///
  /// - Throws: what ``fill(for:)`` throws.
  public func positionalFill(for entry: Entry, generator: any PositionAddressedGenerator) throws -> PositionalFill {
    if entry.scheme == nil, let values = entry.values { return PositionalFill(values: values) }
    let d = entry.declaration
    return try PositionalFill(
      fill(for: entry), shape: d.shape, dtype: d.dtype, generator: generator.positionAddressedGenerator(forParameter: entry.key))
  }

  /// Checks every entry's scheme against its shape and dtype, as writing would, without computing or
  /// allocating any element.
  public func validate() throws {
    for entry in entries { _ = try fill(for: entry) }
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

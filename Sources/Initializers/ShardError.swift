/// Why a shard cannot be described.
///
/// (A shard of a random scheme needs a `PositionAddressedGenerator`; that is checked by the type
/// system, see ``PositionalFill``.)
public enum ShardError: Error, Equatable, CustomStringConvertible {
  /// `count` must be at least 1.
  case invalidCount(Int)
  /// `index` must be in `0 ..< count`.
  case indexOutOfRange(index: Int, count: Int)
  /// The cut dimension must be non-negative.
  case negativeDimension(Int)

  public var description: String {
    switch self {
    case .invalidCount(let count): "the shard count must be at least 1, got \(count)"
    case .indexOutOfRange(let index, let count): "the shard index must be in 0..<\(count), got \(index)"
    case .negativeDimension(let dimension): "the shard dimension must be >= 0, got \(dimension)"
    }
  }
}

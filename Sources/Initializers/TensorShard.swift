import TensorModule

/// One part of a tensor cut along one dimension: `torch.tensor_split(t, count, dim=dimension)[index]`.
///
/// A dimension of size `L` is cut into `count` consecutive parts; with `q = L / count` and
/// `r = L % count`, the first `r` parts hold `q + 1` indices and the others `q`, so part `i` holds
/// `[i·q + min(i, r), (i+1)·q + min(i+1, r))`. Concatenating the parts in order along `dimension`
/// (`torch.cat(parts, dim=dimension)`) gives the tensor back; when `count > L` the last parts are empty.
/// (`torch.chunk` differs: it uses parts of `⌈L/count⌉` and may return fewer than `count`.)
///
/// A tensor whose rank is at most `dimension` (a 1-D bias cut along dimension 1, a 0-d scalar) is not
/// cut: every shard holds it whole.
///
///     let shard = try TensorShard(dimension: 1, index: 0, count: 3)
///     shard.range(ofSize: 10)        // 0..<4   (then 4..<7, 7..<10)
///     shard.shape(of: [8, 10])       // [8, 4]
///     shard.runs(in: [8, 10])        // 8 runs of 4 elements: 0..<4, 10..<14, …
public struct TensorShard: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The dimension that is cut.
  public let dimension: Int
  /// Which part, `0 ..< count`.
  public let index: Int
  /// How many parts.
  public let count: Int

  /// The part `index` of `count` along `dimension`.
  ///
  /// - Throws: ``ShardError`` if `count < 1`, `index` is outside `0 ..< count`, or `dimension < 0`.
  public init(dimension: Int, index: Int, count: Int) throws(ShardError) {
    guard count >= 1 else { throw .invalidCount(count) }
    guard (0..<count).contains(index) else { throw .indexOutOfRange(index: index, count: count) }
    guard dimension >= 0 else { throw .negativeDimension(dimension) }
    self.dimension = dimension
    self.index = index
    self.count = count
  }

  /// The indices this part holds of a dimension of `size`.
  public func range(ofSize size: Int) -> Range<Int> {
    let (q, r) = size.quotientAndRemainder(dividingBy: count)
    return (index * q + min(index, r))..<((index + 1) * q + min(index + 1, r))
  }

  /// Whether a tensor of `shape` is cut (its rank exceeds ``dimension``); otherwise it is replicated.
  public func cuts(_ shape: [Int]) -> Bool { dimension < shape.count }

  /// The shape of this part of a tensor of `shape` (`shape` itself when the tensor is not cut).
  public func shape(of shape: [Int]) -> [Int] {
    guard cuts(shape) else { return shape }
    var result = shape
    result[dimension] = range(ofSize: shape[dimension]).count
    return result
  }

  /// The runs of row-major element indices of the whole tensor that make up this part, in order.
  ///
  /// Cutting dimension `D` leaves one contiguous run per index of the dimensions before `D`:
  /// run `o` starts at `(o·L + start)·inner` and holds `len·inner` elements, where `inner` is the
  /// product of the dimensions after `D`. Adjacent runs are merged, so a cut along dimension 0 (or a
  /// tensor that is not cut) is a single run.
  public func runs(in shape: [Int]) -> [Range<Int>] {
    let total = shape.reduce(1, *)
    guard cuts(shape) else { return total > 0 ? [0..<total] : [] }
    let inner = shape[(dimension + 1)...].reduce(1, *)
    let outer = shape[..<dimension].reduce(1, *)
    let part = range(ofSize: shape[dimension])
    let stride = shape[dimension] * inner, length = part.count * inner
    guard length > 0, outer > 0 else { return [] }
    if length == stride { return [0..<total] }
    return (0..<outer).map { o in (o * stride + part.lowerBound * inner)..<(o * stride + part.lowerBound * inner + length) }
  }

  /// `dim=1, index=0 of 3` style: what `--shard-dim 1 --shard-index 0 --shard-count 3` selects.
  public var description: String { "dim=\(dimension), index=\(index) of \(count)" }
}

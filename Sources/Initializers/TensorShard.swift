import TensorModule

/// How a dimension is cut into parts: as `torch.chunk` (DTensor's `Shard(d)`, FSDP2) or as
/// `torch.tensor_split`. Both give `count` consecutive parts that concatenate back to the whole.
public enum ShardStyle: String, Sendable, Hashable, Codable, CaseIterable {
  /// `torch.chunk(t, count, dim)` / DTensor `Shard(dim)`: parts of `c = ⌈L/count⌉` indices, part `i` holds
  /// `[min(i·c, L), min((i+1)·c, L))` — trailing parts smaller or empty (10 on 4 ranks: 3, 3, 3, 1).
  case chunk
  /// `torch.tensor_split(t, count, dim)`: with `q = L / count`, `r = L % count`, the first `r` parts hold
  /// `q + 1` indices and the others `q` (10 in 4 parts: 3, 3, 2, 2).
  case tensorSplit = "tensor_split"
}

/// One part of a tensor cut along one dimension: rank `index`'s local tensor of DTensor's
/// `Shard(dimension)` over `count` ranks (`torch.chunk`, the default ``ShardStyle``), or
/// `torch.tensor_split(t, count, dim=dimension)[index]`.
///
/// Concatenating the parts in order along `dimension` (`torch.cat(parts, dim=dimension)`) gives the
/// tensor back, in either style; parts may be empty when `count` exceeds the dimension's size.
///
/// A tensor whose rank is at most `dimension` (a 1-D bias cut along dimension 1, a 0-d scalar) is not
/// cut: every shard holds it whole.
///
///     let shard = try TensorShard(dimension: 1, index: 0, count: 3)
///     shard.range(ofSize: 10)        // 0..<4   (then 4..<8, 8..<10; tensor_split: 0..<4, 4..<7, 7..<10)
///     shard.shape(of: [8, 10])       // [8, 4]
///     shard.runs(in: [8, 10])        // 8 runs of 4 elements: 0..<4, 10..<14, …
public struct TensorShard: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The dimension that is cut.
  public let dimension: Int
  /// Which part, `0 ..< count`.
  public let index: Int
  /// How many parts.
  public let count: Int
  /// How the dimension is cut (`torch.chunk` unless given).
  public let style: ShardStyle

  /// The part `index` of `count` along `dimension`, cut in `style`.
  ///
  /// - Throws: ``ShardError`` if `count < 1`, `index` is outside `0 ..< count`, or `dimension < 0`.
  public init(dimension: Int, index: Int, count: Int, style: ShardStyle = .chunk) throws(ShardError) {
    guard count >= 1 else { throw .invalidCount(count) }
    guard (0..<count).contains(index) else { throw .indexOutOfRange(index: index, count: count) }
    guard dimension >= 0 else { throw .negativeDimension(dimension) }
    self.dimension = dimension
    self.index = index
    self.count = count
    self.style = style
  }

  /// The indices this part holds of a dimension of `size`.
  public func range(ofSize size: Int) -> Range<Int> {
    switch style {
    case .chunk:
      let chunk = size / count + (size % count == 0 ? 0 : 1)
      let start = min(index * chunk, size)
      return start..<min(start + chunk, size)
    case .tensorSplit:
      let (q, r) = size.quotientAndRemainder(dividingBy: count)
      return (index * q + min(index, r))..<((index + 1) * q + min(index + 1, r))
    }
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

  /// `dim=1, index=0 of 3 (torch.chunk)`: what `--shard-dim 1 --shard-index 0 --shard-count 3` selects.
  public var description: String {
    "dim=\(dimension), index=\(index) of \(count) (torch.\(style == .chunk ? "chunk" : "tensor_split"))"
  }
}

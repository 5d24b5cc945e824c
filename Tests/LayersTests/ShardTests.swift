import Initializers
import Layers
import RandomModule
import TensorModule
import TestSupport
import Testing

/// Shards of single tensors: `TensorShard`'s convention against an independent reading of
/// `torch.tensor_split`, and every scheme's shard against the same slice of the whole tensor.
@Suite struct ShardTests {
  @Test func shardSizesFollowTensorSplit() throws {
    for size in 0...11 {
      for count in 1...5 {
        // torch.tensor_split(t, count): the first size % count parts have size // count + 1 elements.
        let expected = (0..<count).map { $0 < size % count ? size / count + 1 : size / count }
        try expectConsecutive(size: size, count: count, style: .tensorSplit, sizes: expected)
      }
    }
  }

  /// DTensor's `Shard(d)` / FSDP2 / `torch.chunk`: rank i holds `[i·c, (i+1)·c)` of `c = ⌈size/count⌉`,
  /// clipped to the size, so trailing ranks are smaller or empty (10 rows on 4 ranks: 3, 3, 3, 1).
  @Test func shardSizesFollowChunkByDefault() throws {
    for size in 0...11 {
      for count in 1...5 {
        let c = (size + count - 1) / count
        let expected = (0..<count).map { max(0, min(c, size - $0 * c)) }
        try expectConsecutive(size: size, count: count, style: .chunk, sizes: expected)
      }
    }
    #expect(try (0..<4).map { try TensorShard(dimension: 0, index: $0, count: 4).range(ofSize: 10).count } == [3, 3, 3, 1])
    #expect(try TensorShard(dimension: 0, index: 0, count: 4).style == .chunk)
  }

  private func expectConsecutive(size: Int, count: Int, style: ShardStyle, sizes: [Int]) throws {
    var next = 0
    for index in 0..<count {
      let range = try TensorShard(dimension: 0, index: index, count: count, style: style).range(ofSize: size)
      #expect(range.lowerBound == next && range.count == sizes[index], "\(style) size \(size) count \(count) index \(index)")
      next = range.upperBound
    }
    #expect(next == size)
  }

  @Test func runsAreTheSlicesElements() throws {
    let shape = [4, 5, 6]
    for dimension in 0...3 {
      for count in 1...4 {
        for index in 0..<count {
          let shard = try TensorShard(dimension: dimension, index: index, count: count)
          let expected = sliceIndices(shape, dimension: dimension, shard: shard)
          #expect(shard.runs(in: shape).flatMap { Array($0) } == expected, "\(shard)")
          #expect(shard.shape(of: shape).reduce(1, *) == expected.count)
        }
      }
    }
    #expect(try TensorShard(dimension: 0, index: 0, count: 1).runs(in: [3, 0]).isEmpty)
    #expect(try TensorShard(dimension: 0, index: 2, count: 3).runs(in: [2, 4]).isEmpty)
  }

  @Test func invalidShardsThrow() {
    #expect(throws: ShardError.invalidCount(0)) { try TensorShard(dimension: 0, index: 0, count: 0) }
    #expect(throws: ShardError.indexOutOfRange(index: 3, count: 3)) { try TensorShard(dimension: 0, index: 3, count: 3) }
    #expect(throws: ShardError.indexOutOfRange(index: -1, count: 3)) { try TensorShard(dimension: 0, index: -1, count: 3) }
    #expect(throws: ShardError.negativeDimension(-1)) { try TensorShard(dimension: -1, index: 0, count: 2) }
  }

  static let schemes: [Initializer] = [
    .uniform(a: -0.3, b: 0.7), .normal(mean: 0.5, std: 2), .truncNormal(), .truncNormal(mean: 0.5, std: 0, a: 0, b: 1),
    .constant(0.25), .ones, .zeros, .eye, .dirac(groups: 2), .xavierUniform(gain: 2), .xavierNormal(),
    .kaimingUniform(a: 5.0.squareRoot()), .kaimingNormal(mode: .fanOut, nonlinearity: .relu), .orthogonal(gain: 1.5),
    .sparse(sparsity: 0.3),
  ]

  @Test(arguments: schemes, [DType.float32, .float64])
  func everyShardEqualsTheSliceOfTheWholeTensor(scheme: Initializer, dtype: DType) throws {
    for shape in [[6, 10], [6, 4, 3, 3], [7, 5, 3], [5]] {
      let generator = PhiloxGenerator(seed: 7, path: "layer.weight")
      var whole = try Tensor(zeros: shape, dtype: dtype)
      var failure: String?
      do { try scheme.apply(to: &whole, generator: generator) } catch { failure = "\(error)" }
      let wholeBits = bits(whole)
      for dimension in 0...shape.count {
        for count in 1...3 {
          for index in 0..<count {
            let shard = try TensorShard(dimension: dimension, index: index, count: count)
            do {
              let part = try scheme.shard(shard, of: shape, dtype: dtype, generator: generator)
              #expect(failure == nil, "\(scheme) \(shape): apply failed with \(failure ?? "") but the shard did not")
              #expect(part.shape == shard.shape(of: shape))
              #expect(bits(part) == sliceIndices(shape, dimension: dimension, shard: shard).map { wholeBits[$0] }, "\(scheme) \(shape) \(shard)")
            } catch {
              #expect(failure == "\(error)", "\(scheme) \(shape) \(shard)")
            }
          }
        }
      }
    }
  }

  @Test func anyElementRangeComputedAlone() throws {
    let shape = [9, 13]
    for scheme in [Initializer.normal(), .truncNormal(std: 0.02), .kaimingUniform(), .eye, .orthogonal()] {
      let generator = PhiloxGenerator(seed: 1, path: "w")
      var whole = try Tensor(zeros: shape, dtype: .float32)
      try scheme.apply(to: &whole, generator: generator)
      let fill = try scheme.positionalFill(shape: shape, dtype: .float32, generator: generator)
      for (offset, count) in [(0, 117), (1, 1), (3, 50), (64, 53), (116, 1)] {
        var part = [Float](repeating: .nan, count: count)
        part.withUnsafeMutableBufferPointer { fill.fill($0, offset: offset) }
        #expect(part.map(\.bitPattern) == whole.floats![offset..<(offset + count)].map(\.bitPattern), "\(scheme) \(offset)")
      }
    }
  }

  @Test func sequentialGeneratorsCannotShard() throws {
    // `shard(_:of:dtype:generator:)` takes a PositionAddressedGenerator: a sequential stream (PyTorch's)
    // is a type error, not a run-time failure.
    #expect(!(TorchGenerator(seed: 0) as Any is any PositionAddressedGenerator))
    let shard = try TensorShard(dimension: 1, index: 0, count: 2)
    #expect(try Initializer.eye.shard(shard, of: [2, 4], generator: PhiloxGenerator(seed: 0)).doubles == [1, 0, 0, 1])
  }
}

/// The row-major indices of the whole tensor that `shard` selects, by brute force over every index.
func sliceIndices(_ shape: [Int], dimension: Int, shard: TensorShard) -> [Int] {
  let count = shape.reduce(1, *)
  guard dimension < shape.count else { return Array(0..<count) }
  let range = shard.range(ofSize: shape[dimension])
  let stride = shape[(dimension + 1)...].reduce(1, *)
  return (0..<count).filter { range.contains(($0 / stride) % shape[dimension]) }
}

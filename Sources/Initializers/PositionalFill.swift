import RandomModule
import TensorModule

/// The position-addressed executor: a `Fill` of a tensor of a given shape, computable for any range
/// of elements alone.
///
/// ``fill(_:offset:)-(UnsafeMutableBufferPointer<Float>,_)`` writes elements `offset ..< offset + count`
/// (row-major indices of the whole tensor) of the tensor the sequential executor
/// (``Fill/apply(to:generator:)``) gives with the same generator, bit for bit, on any thread count:
///
/// - `uniform`, `normal`, `truncatedNormal`: the generator's fill at `offset` (a
///   `PositionAddressedGenerator`: each element depends only on its key and index);
/// - `constant`, `eye`, `dirac`: computed from the index;
/// - `orthogonal` and `sparse` are not element-wise (a QR of the whole matrix; per-column
///   permutations), nor are int64 tensors: the whole tensor is computed once by the sequential executor,
///   when the fill is made, and sliced — this costs the whole tensor's memory (orthogonal's QR
///   temporarily several times that, in `Double`).
public struct PositionalFill: Sendable {
  /// The shape of the whole tensor.
  public let shape: [Int]
  /// The element type.
  public let dtype: DType
  private let source: Source

  private enum Source: Sendable {
    case elementWise(Fill, any PositionAddressedGenerator)
    case whole(Tensor)
  }

  /// `fill` of a tensor of `shape` and `dtype` drawing from `generator` (the parameter's own generator).
  ///
  /// `fill` must come from ``Initializer/fill(for:dtype:)`` for this shape and dtype.
  public init(_ fill: Fill, shape: [Int], dtype: DType, generator: any PositionAddressedGenerator) throws {
    self.shape = shape
    self.dtype = dtype
    if fill.isElementWise && dtype.isFloatingPoint {
      source = .elementWise(fill, generator)
    } else {
      var whole = try Tensor(zeros: shape, dtype: dtype)
      try fill.apply(to: &whole, generator: generator)
      source = .whole(whole)
    }
  }

  /// The fill that copies `values` (a tensor computed some other way, e.g. a buffer's contents).
  public init(values: Tensor) {
    shape = values.shape
    dtype = values.dtype
    source = .whole(values)
  }

  /// Whether the whole tensor was computed and is held in memory (`orthogonal`, `sparse`, int64).
  public var holdsWholeTensor: Bool {
    if case .whole = source { true } else { false }
  }

  /// Writes elements `offset ..< offset + buffer.count` of the whole float32 tensor.
  ///
  /// - Precondition: `dtype == .float32` and the range lies within the tensor.
  public func fill(_ buffer: UnsafeMutableBufferPointer<Float>, offset: Int) {
    precondition(dtype == .float32, "fill(Float) on a \(dtype) fill")
    precondition(offset >= 0 && offset + buffer.count <= shape.reduce(1, *), "elements out of range")
    switch source {
    case .elementWise(.uniform(let low, let high), let g): g.fillUniform(buffer, from: low, to: high, offset: offset)
    case .elementWise(.normal(let mean, let std), let g): g.fillNormal(buffer, mean: mean, std: std, offset: offset)
    case .elementWise(.truncatedNormal(let mean, let std, let a, let b), let g):
      g.fillTruncatedNormal(buffer, mean: mean, std: std, a: a, b: b, offset: offset)
    case .elementWise(.constant(let value), _): buffer.update(repeating: Float(value))
    case .elementWise(let fill, _): writeOnes(of: fill, into: buffer, offset: offset)
    case .whole(let tensor):
      guard case .float32(let values) = tensor.storage else { preconditionFailure("expected float32") }
      copy(values, offset: offset, into: buffer)
    }
  }

  /// Writes elements `offset ..< offset + buffer.count` of the whole float64 tensor.
  ///
  /// - Precondition: `dtype == .float64` and the range lies within the tensor.
  public func fill(_ buffer: UnsafeMutableBufferPointer<Double>, offset: Int) {
    precondition(dtype == .float64, "fill(Double) on a \(dtype) fill")
    precondition(offset >= 0 && offset + buffer.count <= shape.reduce(1, *), "elements out of range")
    switch source {
    case .elementWise(.uniform(let low, let high), let g): g.fillUniform(buffer, from: low, to: high, offset: offset)
    case .elementWise(.normal(let mean, let std), let g): g.fillNormal(buffer, mean: mean, std: std, offset: offset)
    case .elementWise(.truncatedNormal(let mean, let std, let a, let b), let g):
      g.fillTruncatedNormal(buffer, mean: mean, std: std, a: a, b: b, offset: offset)
    case .elementWise(.constant(let value), _): buffer.update(repeating: value)
    case .elementWise(let fill, _): writeOnes(of: fill, into: buffer, offset: offset)
    case .whole(let tensor):
      guard case .float64(let values) = tensor.storage else { preconditionFailure("expected float64") }
      copy(values, offset: offset, into: buffer)
    }
  }

  /// The part `shard` of the tensor (the whole tensor when `shard` is `nil` or does not cut it).
  public func tensor(_ shard: TensorShard? = nil) throws -> Tensor {
    let runs = shard?.runs(in: shape) ?? (shape.contains(0) ? [] : [0..<shape.reduce(1, *)])
    var result = try Tensor(zeros: shard?.shape(of: shape) ?? shape, dtype: dtype)
    var position = 0
    switch (dtype, source) {
    case (.int64, .whole(let whole)):
      guard case .int64(let values) = whole.storage else { preconditionFailure("expected int64") }
      result.withMutableInt64 { buffer in
        for run in runs {
          for i in run { buffer[position] = values[i]; position += 1 }
        }
      }
    case (.float32, _):
      result.withMutableFloat32 { buffer in
        for run in runs {
          fill(UnsafeMutableBufferPointer(rebasing: buffer[position..<(position + run.count)]), offset: run.lowerBound)
          position += run.count
        }
      }
    default:
      result.withMutableFloat64 { buffer in
        for run in runs {
          fill(UnsafeMutableBufferPointer(rebasing: buffer[position..<(position + run.count)]), offset: run.lowerBound)
          position += run.count
        }
      }
    }
    return result
  }

  /// Elements `offset ..< offset + buffer.count` of an `eye`/`dirac` fill: 0, and 1 at its one-indices.
  private func writeOnes<T: BinaryFloatingPoint>(of fill: Fill, into buffer: UnsafeMutableBufferPointer<T>, offset: Int) {
    buffer.update(repeating: 0)
    let range = offset..<(offset + buffer.count)
    for i in fill.oneIndices(shape: shape) where range.contains(i) { buffer[i - offset] = 1 }
  }

  private func copy<T>(_ values: [T], offset: Int, into buffer: UnsafeMutableBufferPointer<T>) {
    values.withUnsafeBufferPointer { source in
      _ = buffer.update(fromContentsOf: source[offset..<(offset + buffer.count)])
    }
  }
}

extension Initializer {
  /// The values this scheme gives a tensor of `shape` and `dtype` with `generator`, computable for any
  /// element range alone: ``fill(for:dtype:)`` run by the position-addressed executor.
  ///
  /// Checks exactly what ``apply(to:generator:)`` checks, throws the same errors and emits the same
  /// warnings, once. `generator` is the parameter's own generator
  /// (`g.positionAddressedGenerator(forParameter: key)`).
  public func positionalFill(shape: [Int], dtype: DType, generator: any PositionAddressedGenerator) throws
    -> PositionalFill
  {
    try PositionalFill(fill(for: shape, dtype: dtype), shape: shape, dtype: dtype, generator: generator)
  }

  /// The part `shard` of the tensor of `shape` this scheme gives with `generator`, computed alone:
  /// equal, bit for bit, to the same slice of `apply(to:generator:)`'s result (`shard == nil`: the
  /// whole tensor). See ``PositionalFill`` for the costs.
  public func shard(
    _ shard: TensorShard?, of shape: [Int], dtype: DType = .float32, generator: any PositionAddressedGenerator
  ) throws -> Tensor {
    try positionalFill(shape: shape, dtype: dtype, generator: generator).tensor(shard)
  }
}

import RandomModule
import TensorModule

/// The values a scheme gives a tensor of a given shape, computable for any range of elements alone.
///
/// Made by ``Initializer/positionalFill(shape:dtype:generator:)``, which checks the arguments and
/// computes the scheme's parameters from the *whole* shape once (fans, bounds, std), exactly as
/// ``Initializer/apply(to:generator:)`` does. ``fill(_:offset:)-(UnsafeMutableBufferPointer<Float>,_)``
/// then writes elements `offset ..< offset + buffer.count` (row-major indices of the whole tensor) of the
/// tensor `apply` would produce with the same generator, bit for bit:
///
/// - `uniform_`, `normal_`, `trunc_normal_`, `xavier_*`, `kaiming_*`: the `PhiloxGenerator` fill with
///   `offset:` (each element depends only on (seed, parameter path, index));
/// - `constant_`, `ones_`, `zeros_`, `eye_`, `dirac_`: computed from the index;
/// - `orthogonal_` and `sparse_` are not element-wise (a QR of the whole matrix; per-column
///   permutations): the whole tensor is computed once, when the fill is made, and sliced — this costs
///   the whole tensor's memory (orthogonal's QR temporarily several times that, in `Double`).
public struct PositionalFill: Sendable {
  /// The shape of the whole tensor.
  public let shape: [Int]
  /// The element type.
  public let dtype: DType
  let kind: Kind

  enum Kind: Sendable {
    case uniform(from: Double, to: Double, PhiloxGenerator)
    case normal(mean: Double, std: Double, PhiloxGenerator)
    case truncatedNormal(mean: Double, std: Double, a: Double, b: Double, PhiloxGenerator)
    case constant(Double)
    case eye(columns: Int)
    /// `w[o, c, center…] = 1` where `c == o mod outPerGroup`: strides of dimensions 0 and 1, the
    /// linear offset of the kernel centre, `size(1)` and `size(0) / groups`.
    case dirac(stride0: Int, stride1: Int, center: Int, channels: Int, outPerGroup: Int)
    case whole(Tensor)
  }

  /// Whether the whole tensor was computed and is held in memory (`orthogonal_`, `sparse_`, int64).
  public var holdsWholeTensor: Bool {
    if case .whole = kind { true } else { false }
  }

  /// Writes elements `offset ..< offset + buffer.count` of the whole float32 tensor.
  ///
  /// - Precondition: `dtype == .float32` and the range lies within the tensor.
  public func fill(_ buffer: UnsafeMutableBufferPointer<Float>, offset: Int) {
    precondition(dtype == .float32, "fill(Float) on a \(dtype) fill")
    precondition(offset >= 0 && offset + buffer.count <= shape.reduce(1, *), "elements out of range")
    switch kind {
    case .uniform(let from, let to, let g): g.fillUniform(buffer, from: from, to: to, offset: offset)
    case .normal(let mean, let std, let g): g.fillNormal(buffer, mean: mean, std: std, offset: offset)
    case .truncatedNormal(let mean, let std, let a, let b, let g):
      g.fillTruncatedNormal(buffer, mean: mean, std: std, a: a, b: b, offset: offset)
    case .constant(let value): buffer.update(repeating: Float(value))
    case .whole(let tensor):
      guard case .float32(let values) = tensor.storage else { preconditionFailure("expected float32") }
      copy(values, offset: offset, into: buffer)
    default: fillFromIndex(buffer, offset: offset)
    }
  }

  /// Writes elements `offset ..< offset + buffer.count` of the whole float64 tensor.
  ///
  /// - Precondition: `dtype == .float64` and the range lies within the tensor.
  public func fill(_ buffer: UnsafeMutableBufferPointer<Double>, offset: Int) {
    precondition(dtype == .float64, "fill(Double) on a \(dtype) fill")
    precondition(offset >= 0 && offset + buffer.count <= shape.reduce(1, *), "elements out of range")
    switch kind {
    case .uniform(let from, let to, let g): g.fillUniform(buffer, from: from, to: to, offset: offset)
    case .normal(let mean, let std, let g): g.fillNormal(buffer, mean: mean, std: std, offset: offset)
    case .truncatedNormal(let mean, let std, let a, let b, let g):
      g.fillTruncatedNormal(buffer, mean: mean, std: std, a: a, b: b, offset: offset)
    case .constant(let value): buffer.update(repeating: value)
    case .whole(let tensor):
      guard case .float64(let values) = tensor.storage else { preconditionFailure("expected float64") }
      copy(values, offset: offset, into: buffer)
    default: fillFromIndex(buffer, offset: offset)
    }
  }

  /// The part `shard` of the tensor (the whole tensor when `shard` is `nil` or does not cut it).
  public func tensor(_ shard: TensorShard? = nil) throws -> Tensor {
    let runs = shard?.runs(in: shape) ?? (shape.contains(0) ? [] : [0..<shape.reduce(1, *)])
    var result = try Tensor(zeros: shard?.shape(of: shape) ?? shape, dtype: dtype)
    var position = 0
    switch (dtype, kind) {
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

  private func copy<T>(_ values: [T], offset: Int, into buffer: UnsafeMutableBufferPointer<T>) {
    values.withUnsafeBufferPointer { source in
      _ = buffer.update(fromContentsOf: source[offset..<(offset + buffer.count)])
    }
  }

  private func fillFromIndex<T: BinaryFloatingPoint>(_ buffer: UnsafeMutableBufferPointer<T>, offset: Int) {
    switch kind {
    case .eye(let columns):
      for k in buffer.indices {
        let i = offset + k
        buffer[k] = i / columns == i % columns ? 1 : 0
      }
    case .dirac(let stride0, let stride1, let center, let channels, let outPerGroup):
      for k in buffer.indices {
        let i = offset + k
        buffer[k] = i % stride1 == center && (i / stride1) % channels == (i / stride0) % outPerGroup ? 1 : 0
      }
    default: preconditionFailure("not an index-computed fill")
    }
  }
}

extension Initializer {
  /// Whether each element's value is a function of its index alone (given the whole shape), so any
  /// part of the tensor can be computed without the rest. `orthogonal_` and `sparse_` are not.
  public var isElementWise: Bool {
    switch self {
    case .orthogonal, .sparse: false
    default: true
    }
  }

  /// The values this scheme gives a tensor of `shape` and `dtype` when applied with `generator`,
  /// computable for any element range alone (see ``PositionalFill``).
  ///
  /// Checks exactly what ``apply(to:generator:)`` checks and throws the same errors (and emits the same
  /// warnings, once). `generator` is the parameter's own generator (`g.generator(forParameter: key)`).
  /// - Throws: ``ShardError/notPositionAddressed(generator:)`` if the scheme is random and `generator`
  ///   is not a `PhiloxGenerator`; the scheme's own errors (e.g. `InitError.fanNeedsTwoDimensions`).
  public func positionalFill(shape: [Int], dtype: DType, generator: any RandomGenerator) throws -> PositionalFill {
    func philox() throws -> PhiloxGenerator {
      guard let g = generator as? PhiloxGenerator else {
        throw ShardError.notPositionAddressed(generator: String(describing: type(of: generator)))
      }
      return g
    }
    func make(_ kind: PositionalFill.Kind) -> PositionalFill { PositionalFill(shape: shape, dtype: dtype, kind: kind) }
    func uniformKind(_ from: Double, _ to: Double) throws -> PositionalFill {
      let g = try philox()
      var probe = try Tensor(zeros: [0], dtype: dtype)
      try probe.uniform_(from: from, to: to, generator: g)  // the argument checks only: no element, no draw
      return make(.uniform(from: from, to: to, g))
    }
    func normalKind(_ mean: Double, _ std: Double) throws -> PositionalFill {
      let g = try philox()
      var probe = try Tensor(zeros: [0], dtype: dtype)
      try probe.normal_(mean: mean, std: std, generator: g)
      return make(.normal(mean: mean, std: std, g))
    }
    let root3 = 3.0.squareRoot()
    if dtype == .int64 || !isElementWise {
      if isRandom { _ = try philox() }
      var whole = try Tensor(zeros: shape, dtype: dtype)
      try apply(to: &whole, generator: generator)
      return make(.whole(whole))
    }
    switch self {
    case .uniform(let a, let b): return try uniformKind(a, b)
    case .normal(let mean, let std): return try normalKind(mean, std)
    case .truncNormal(let mean, let std, let a, let b):
      let g = try philox()
      var probe = try Tensor(zeros: [0], dtype: dtype)
      try Initializers.truncNormal(&probe, mean: mean, std: std, a: a, b: b, generator: g)
      return make(std == 0 ? .constant(mean) : .truncatedNormal(mean: mean, std: std, a: a, b: b, g))
    case .constant(let value): return make(.constant(value))
    case .ones: return make(.constant(1))
    case .zeros: return make(.constant(0))
    case .eye:
      guard shape.count == 2 else { throw InitError.unsupportedRank(function: "eye_", expected: "2", shape: shape) }
      return make(.eye(columns: shape[1]))
    case .dirac(let groups):
      guard (3...5).contains(shape.count) else {
        throw InitError.unsupportedRank(function: "dirac_", expected: "3, 4, or 5", shape: shape)
      }
      guard groups >= 1 else { throw InitError.invalidGroups(groups) }
      guard shape[0] % groups == 0 else { throw InitError.groupsDoNotDivide(size0: shape[0], groups: groups) }
      let strides = Tensor.contiguousStrides(shape)
      let center = zip(shape.dropFirst(2), strides.dropFirst(2)).reduce(0) { $0 + ($1.0 / 2) * $1.1 }
      return make(
        .dirac(stride0: strides[0], stride1: strides[1], center: center, channels: shape[1], outPerGroup: shape[0] / groups))
    case .xavierUniform(let gain):
      let bound = root3 * (try xavierStd(shape: shape, gain: gain))
      return try uniformKind(-bound, bound)
    case .xavierNormal(let gain): return try normalKind(0, try xavierStd(shape: shape, gain: gain))
    case .kaimingUniform(let a, let mode, let nonlinearity):
      guard !shape.contains(0) else {
        InitWarnings.warn("Initializing zero-element tensors is a no-op")
        return make(.constant(0))
      }
      let bound = root3 * (try kaimingStd(shape: shape, a: a, mode: mode, nonlinearity: nonlinearity))
      return try uniformKind(-bound, bound)
    case .kaimingNormal(let a, let mode, let nonlinearity):
      guard !shape.contains(0) else {
        InitWarnings.warn("Initializing zero-element tensors is a no-op")
        return make(.constant(0))
      }
      return try normalKind(0, try kaimingStd(shape: shape, a: a, mode: mode, nonlinearity: nonlinearity))
    case .orthogonal, .sparse: preconditionFailure("handled above")
    }
  }

  /// The part `shard` of the tensor of `shape` this scheme gives with `generator`, computed alone:
  /// equal, bit for bit, to the same slice of `apply(to:generator:)`'s result (`shard == nil`: the
  /// whole tensor). See ``positionalFill(shape:dtype:generator:)`` for the generator rule and costs.
  public func shard(_ shard: TensorShard?, of shape: [Int], dtype: DType = .float32, generator: any RandomGenerator)
    throws -> Tensor
  {
    try positionalFill(shape: shape, dtype: dtype, generator: generator).tensor(shard)
  }
}

extension PositionalFill {
  /// The fill that copies `values` (a tensor computed some other way, e.g. a buffer's contents).
  public init(values: Tensor) {
    self.init(shape: values.shape, dtype: values.dtype, kind: .whole(values))
  }
}

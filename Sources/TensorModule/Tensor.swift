/// A dense, contiguous, row-major tensor of `float32`, `float64` or `int64` values.
///
/// `Tensor` is a value type with copy-on-write storage. It holds exactly what parameter
/// initialization needs: a shape, a dtype and the elements in row-major (C) order, as a contiguous
/// `torch.Tensor` lays them out. Element `[i0, i1, …]` is at linear index `Σ i_k · stride_k`.
public struct Tensor: Sendable, Equatable {
  /// The element storage, one case per ``DType``.
  public enum Storage: Sendable, Equatable {
    /// `float32` elements (`torch.float32`).
    case float32([Float])
    /// `float64` elements (`torch.float64`).
    case float64([Double])
    /// `int64` elements (`torch.int64`).
    case int64([Int64])
  }

  /// The size of each dimension (`tensor.shape`).
  public internal(set) var shape: [Int]
  /// The elements in row-major order.
  public internal(set) var storage: Storage

  /// The element type.
  public var dtype: DType {
    switch storage {
    case .float32: .float32
    case .float64: .float64
    case .int64: .int64
    }
  }

  /// Number of dimensions (`tensor.dim()`).
  public var rank: Int { shape.count }
  /// Number of elements (`tensor.numel()`); 1 for a 0-d tensor.
  public var count: Int { shape.reduce(1, *) }
  /// Row-major strides in elements (`tensor.stride()` of a contiguous tensor).
  public var strides: [Int] { Tensor.contiguousStrides(shape) }

  /// A tensor of the given shape and dtype filled with zeros (`torch.zeros(shape, dtype=dtype)`).
  ///
  /// - Throws: ``TensorError/negativeDimension(shape:)`` if a dimension is negative.
  public init(zeros shape: [Int], dtype: DType = .float32) throws {
    guard shape.allSatisfy({ $0 >= 0 }) else { throw TensorError.negativeDimension(shape: shape) }
    let n = shape.reduce(1, *)
    self.shape = shape
    switch dtype {
    case .float32: storage = .float32([Float](repeating: 0, count: n))
    case .float64: storage = .float64([Double](repeating: 0, count: n))
    case .int64: storage = .int64([Int64](repeating: 0, count: n))
    }
  }

  /// A `float32` tensor with the given elements in row-major order.
  public init(shape: [Int], scalars: [Float]) throws {
    try Tensor.check(shape, scalars.count)
    self.shape = shape
    storage = .float32(scalars)
  }

  /// A `float64` tensor with the given elements in row-major order.
  public init(shape: [Int], scalars: [Double]) throws {
    try Tensor.check(shape, scalars.count)
    self.shape = shape
    storage = .float64(scalars)
  }

  /// An `int64` tensor with the given elements in row-major order.
  public init(shape: [Int], scalars: [Int64]) throws {
    try Tensor.check(shape, scalars.count)
    self.shape = shape
    storage = .int64(scalars)
  }

  /// Row-major strides for a shape.
  public static func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for d in shape.indices.reversed() {
      strides[d] = running
      running *= shape[d]
    }
    return strides
  }

  private static func check(_ shape: [Int], _ count: Int) throws {
    guard shape.allSatisfy({ $0 >= 0 }) else { throw TensorError.negativeDimension(shape: shape) }
    guard shape.reduce(1, *) == count else { throw TensorError.countMismatch(shape: shape, count: count) }
  }
}

extension Tensor {
  /// The same elements under a new shape with the same element count (`tensor.reshape`).
  ///
  /// - Throws: ``TensorError/invalidReshape(from:to:)`` if the counts differ.
  public func reshaped(_ newShape: [Int]) throws -> Tensor {
    guard newShape.allSatisfy({ $0 >= 0 }), newShape.reduce(1, *) == count else {
      throw TensorError.invalidReshape(from: shape, to: newShape)
    }
    var copy = self
    copy.shape = newShape
    return copy
  }

  /// The elements as `Double`s, in row-major order (`tensor.flatten().tolist()`).
  public var doubles: [Double] {
    switch storage {
    case .float32(let a): a.map(Double.init)
    case .float64(let a): a
    case .int64(let a): a.map(Double.init)
    }
  }

  /// The elements as `Float`s if the dtype is `float32`, else `nil`.
  public var floats: [Float]? {
    if case .float32(let a) = storage { a } else { nil }
  }

  /// The element at a linear (row-major) index, as a `Double`.
  public subscript(linear index: Int) -> Double {
    get {
      switch storage {
      case .float32(let a): Double(a[index])
      case .float64(let a): a[index]
      case .int64(let a): Double(a[index])
      }
    }
    set {
      switch storage {
      case .float32: withMutableFloat32 { $0[index] = Float(newValue) }
      case .float64: withMutableFloat64 { $0[index] = newValue }
      case .int64: withMutableInt64 { $0[index] = Int64(newValue) }
      }
    }
  }

  /// A copy converted to another dtype (`tensor.to(dtype)`), rounding to nearest.
  public func converted(to dtype: DType) -> Tensor {
    if dtype == self.dtype { return self }
    var result = self
    let values = doubles
    switch dtype {
    case .float32: result.storage = .float32(values.map { Float($0) })
    case .float64: result.storage = .float64(values)
    case .int64: result.storage = .int64(values.map { Int64($0) })
    }
    return result
  }
}

import TensorModule

/// PyTorch's in-place random fills `tensor.uniform_` and `tensor.normal_`, drawing from a ``RandomGenerator``.
extension Tensor {
  /// Fills with values drawn from U[from, to) (`tensor.uniform_(from, to, generator=g)`).
  ///
  /// Checks the arguments as PyTorch does (`aten/src/ATen/native/DistributionTemplates.h`), then
  /// lets `generator` (default: ``TorchGenerator/default``) fill the elements in row-major order.
  /// An empty tensor consumes no random numbers.
  /// - Throws: ``RandomError`` naming the offending bound.
  public mutating func uniform_(from: Double = 0, to: Double = 1, generator: (any RandomGenerator)? = nil)
    throws
  {
    try RandomError.checkUniform(from: from, to: to, dtype: dtype)
    guard count > 0 else { return }
    let g = generator ?? TorchGenerator.default
    switch dtype {
    case .float32: withMutableFloat32 { g.fillUniform($0, from: from, to: to) }
    case .float64: withMutableFloat64 { g.fillUniform($0, from: from, to: to) }
    case .int64: break
    }
  }

  /// Fills with values drawn from N(mean, std²) (`tensor.normal_(mean, std, generator=g)`).
  ///
  /// `std = 0` is allowed (every element becomes `mean`, still consuming random numbers).
  /// - Throws: ``RandomError/negativeStd(_:)`` if `std < 0` or is NaN.
  public mutating func normal_(mean: Double = 0, std: Double = 1, generator: (any RandomGenerator)? = nil)
    throws
  {
    try RandomError.checkNormal(std: std, dtype: dtype)
    guard count > 0 else { return }
    let g = generator ?? TorchGenerator.default
    switch dtype {
    case .float32: withMutableFloat32 { g.fillNormal($0, mean: mean, std: std) }
    case .float64: withMutableFloat64 { g.fillNormal($0, mean: mean, std: std) }
    case .int64: break
    }
  }
}

extension RandomError {
  /// The argument checks of `uniform_(from, to)` on a `dtype` tensor, in PyTorch's order
  /// (`aten/src/ATen/native/DistributionTemplates.h`): floating point, each bound within the dtype's
  /// finite range, `from <= to`, `to − from` finite in the dtype.
  public static func checkUniform(from: Double, to: Double, dtype: DType) throws(RandomError) {
    let limit = dtype.greatestFiniteMagnitude
    guard dtype.isFloatingPoint else { throw .notFloatingPoint(dtype) }
    guard from >= -limit, from <= limit else { throw .boundOutOfRange(name: "from", value: from, dtype: dtype) }
    guard to >= -limit, to <= limit else { throw .boundOutOfRange(name: "to", value: to, dtype: dtype) }
    guard from <= to else { throw .invertedRange(from: from, to: to) }
    guard to - from <= limit else { throw .rangeTooLarge(from: from, to: to, dtype: dtype) }
  }

  /// The argument checks of `normal_(mean, std)` on a `dtype` tensor: floating point, `std >= 0`
  /// (NaN fails).
  public static func checkNormal(std: Double, dtype: DType) throws(RandomError) {
    guard dtype.isFloatingPoint else { throw .notFloatingPoint(dtype) }
    guard std >= 0 else { throw .negativeStd(std) }
  }
}

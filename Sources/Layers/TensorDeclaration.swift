import TensorModule

/// A parameter or buffer as a module declares it: its shape, dtype and starting value, without elements.
public struct TensorDeclaration: Sendable, Hashable {
  /// The shape (`tensor.shape`).
  public var shape: [Int]
  /// The element type.
  public var dtype: DType
  /// The value of every element before any init scheme runs: 0 (`torch.empty` as NNInit zero-fills it),
  /// 1 for BatchNorm's `running_var`.
  public var fill: Double

  /// A declaration of `shape` and `dtype` whose elements start at `fill`.
  public init(shape: [Int], dtype: DType, fill: Double = 0) {
    self.shape = shape
    self.dtype = dtype
    self.fill = fill
  }

  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }
}

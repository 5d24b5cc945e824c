/// Errors raised by tensor construction and access, carrying the offending values.
public enum TensorError: Error, Equatable, CustomStringConvertible {
  /// A dimension was negative.
  case negativeDimension(shape: [Int])
  /// The number of scalars does not match the shape.
  case countMismatch(shape: [Int], count: Int)
  /// An operation needed a different dtype.
  case dtypeMismatch(expected: DType, got: DType)
  /// A reshape to a shape with a different number of elements.
  case invalidReshape(from: [Int], to: [Int])
  /// An index was out of range for a dimension.
  case indexOutOfRange(index: Int, dimension: Int, size: Int)

  /// The one-line message the command line prints, naming the offending value.
  public var description: String {
    switch self {
    case .negativeDimension(let shape):
      "Trying to create tensor with negative dimension \(shape.first { $0 < 0 } ?? 0): \(shape)"
    case .countMismatch(let shape, let count):
      "shape \(shape) holds \(shape.reduce(1, *)) elements, but \(count) values were given"
    case .dtypeMismatch(let expected, let got):
      "expected a tensor of dtype \(expected), but got \(got)"
    case .invalidReshape(let from, let to):
      "shape '\(to)' is invalid for input of size \(from.reduce(1, *))"
    case .indexOutOfRange(let index, let dimension, let size):
      "index \(index) is out of bounds for dimension \(dimension) with size \(size)"
    }
  }
}

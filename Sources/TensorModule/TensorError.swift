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
  /// The element count or byte count of a shape does not fit in a 64-bit integer.
  case sizeOverflow(shape: [Int], dtype: DType)
  /// A tensor needs more memory than ``MemoryBudget/available()``; `limitedBy` says which limit.
  case insufficientMemory(shape: [Int], dtype: DType, byteCount: Int, limitedBy: String)

  /// The one-line message the command line prints, naming the offending value.
  public var description: String {
    switch self {
    case .negativeDimension(let shape):
      "Trying to create tensor with negative dimension \(shape.first { $0 < 0 } ?? 0): \(shape)"
    case .countMismatch(let shape, let count):
      "shape \(shape) holds \(TensorError.product(shape)) elements, but \(count) values were given"
    case .dtypeMismatch(let expected, let got):
      "expected a tensor of dtype \(expected), but got \(got)"
    case .invalidReshape(let from, let to):
      "shape '\(to)' is invalid for input of size \(TensorError.product(from))"
    case .indexOutOfRange(let index, let dimension, let size):
      "index \(index) is out of bounds for dimension \(dimension) with size \(size)"
    case .sizeOverflow(let shape, let dtype):
      "\(TensorError.shapeText(shape)) \(dtype.rawValue) has more elements, bytes or strides than a 64-bit integer counts"
    case .insufficientMemory(let shape, let dtype, let byteCount, let limitedBy):
      "\(TensorError.shapeText(shape)) \(dtype.rawValue) needs \(ByteCountText.text(byteCount)); \(limitedBy)"
    }
  }

  /// `100000×100000`, or `scalar` for a 0-d shape.
  static func shapeText(_ shape: [Int]) -> String {
    shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×")
  }

  /// The product of `shape` as text (`more than 9223372036854775807` when it overflows an `Int`).
  static func product(_ shape: [Int]) -> String {
    var count = 1
    for dimension in shape {
      let (next, overflow) = count.multipliedReportingOverflow(by: dimension)
      if overflow { return "more than \(Int.max)" }
      count = next
    }
    return String(count)
  }
}

import TensorModule

/// Errors from forward, backward, losses and optimizers, carrying the offending values.
///
/// Messages follow PyTorch's where PyTorch has one (`mat1 and mat2 shapes cannot be multiplied`,
/// `Invalid learning rate: -0.1`, `Target 12 is out of bounds.`).
public enum TrainingError: Error, Equatable, CustomStringConvertible {
  /// Operand shapes that do not fit the operation.
  case shapeMismatch(operation: String, shapes: [[Int]], reason: String)
  /// Operands of different dtypes (PyTorch does not promote inside a layer either).
  case dtypeMismatch(operation: String, expected: DType, got: DType)
  /// A dtype the operation cannot compute with (e.g. an `int64` input).
  case unsupportedDType(operation: String, dtype: DType)
  /// A dimension outside `[-rank, rank - 1]`.
  case dimensionOutOfRange(dim: Int, rank: Int)
  /// A module (e.g. inside a `Sequential`) that has no differentiable forward.
  case notDifferentiable(module: String)
  /// A hyper-parameter or argument outside its valid range.
  case invalidArgument(name: String, value: String, reason: String)
  /// A class-index target outside `[0, classes)` (and not the ignore index).
  case targetOutOfBounds(target: Int64, classes: Int)
  /// `backward()` without a seed gradient on a non-scalar output.
  case gradientNeedsScalarOutput(shape: [Int])
  /// `backward()` run a second time on the same tape (its graph is freed by the first run).
  case backwardAlreadyRun
  /// Variables from two different tapes combined in one operation.
  case differentTapes(operation: String)
  /// A configuration the implementation does not support.
  case unsupported(String)

  /// The one-line message the command line prints, naming the offending value.
  public var description: String {
    switch self {
    case .shapeMismatch(let operation, let shapes, let reason):
      "\(operation): \(reason) (shapes \(shapes.map { "\($0)" }.joined(separator: " and ")))"
    case .dtypeMismatch(let operation, let expected, let got):
      "\(operation): expected dtype \(expected), but got \(got)"
    case .unsupportedDType(let operation, let dtype):
      "\(operation): dtype \(dtype) is not supported (use float32 or float64)"
    case .dimensionOutOfRange(let dim, let rank):
      "Dimension out of range (expected to be in range of [\(-max(rank, 1)), \(max(rank, 1) - 1)], but got \(dim))"
    case .notDifferentiable(let module):
      "\(module) has no forward in Training (it does not conform to Layer)"
    case .invalidArgument(let name, let value, let reason):
      "Invalid \(name): \(value)" + (reason.isEmpty ? "" : " (\(reason))")
    case .targetOutOfBounds(let target, let classes):
      "Target \(target) is out of bounds. (expected a class index in [0, \(classes)))"
    case .gradientNeedsScalarOutput(let shape):
      "grad can be implicitly created only for scalar outputs (output shape \(shape)); pass gradient:"
    case .backwardAlreadyRun:
      "Trying to backward through the graph a second time; build a new Tape for each forward pass"
    case .differentTapes(let operation):
      "\(operation): the variables belong to different tapes"
    case .unsupported(let message):
      message
    }
  }
}

/// Wraps a negative `dim` (`dim + rank`) and checks it, as PyTorch's `maybe_wrap_dim`.
func _wrapDimension(_ dim: Int, rank: Int) throws -> Int {
  let r = max(rank, 1)
  guard dim >= -r, dim < r else { throw TrainingError.dimensionOutOfRange(dim: dim, rank: rank) }
  return dim < 0 ? dim + r : dim
}

import TensorModule

/// Invalid arguments to an initializer, with PyTorch's messages and the offending values.
public enum InitError: Error, Equatable, CustomStringConvertible {
  /// `_calculate_fan_in_and_fan_out` on a tensor with fewer than 2 dimensions.
  case fanNeedsTwoDimensions(shape: [Int])
  /// A tensor rank the function does not support (`eye_`, `dirac_`, `orthogonal_`, `sparse_`).
  case unsupportedRank(function: String, expected: String, shape: [Int])
  /// `dirac_` with `size(0)` not divisible by `groups`.
  case groupsDoNotDivide(size0: Int, groups: Int)
  /// `dirac_` with `groups < 1`.
  case invalidGroups(Int)
  /// An unknown `nonlinearity` name for `calculate_gain`.
  case unsupportedNonlinearity(String)
  /// A `negative_slope` that is not a number (e.g. a bool).
  case invalidNegativeSlope(String)
  /// A fan mode other than `fan_in`/`fan_out`.
  case unsupportedMode(String)
  /// `fan_in + fan_out == 0` in a Xavier init (Python raises `ZeroDivisionError`).
  case zeroFanSum(shape: [Int])
  /// `sparse_` with a sparsity outside [0, 1].
  case sparsityOutOfRange(Double)
  /// A standard deviation that is negative or not a number.
  case invalidStd(function: String, std: Double)
  /// `trunc_normal_` with `a > b`.
  case invertedBounds(a: Double, b: Double)
  /// A random fill of a tensor whose dtype is not floating point.
  case notFloatingPoint(function: String, dtype: DType)

  /// The one-line message the command line prints, naming the offending value.
  public var description: String {
    switch self {
    case .fanNeedsTwoDimensions(let shape):
      "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got shape \(shape))"
    case .unsupportedRank(let function, let expected, let shape):
      "\(function): Only tensors with \(expected) dimensions are supported (got shape \(shape))"
    case .groupsDoNotDivide(let size0, let groups):
      "dirac_: dim 0 must be divisible by groups (got size(0)=\(size0), groups=\(groups))"
    case .invalidGroups(let groups):
      "dirac_: groups must be a positive integer, got groups=\(groups)"
    case .unsupportedNonlinearity(let name):
      "Unsupported nonlinearity \(name)"
    case .invalidNegativeSlope(let value):
      "negative_slope \(value) not a valid number"
    case .unsupportedMode(let mode):
      "Mode \(mode) not supported, please use one of ['fan_in', 'fan_out']"
    case .zeroFanSum(let shape):
      "float division by zero: fan_in + fan_out is 0 for shape \(shape)"
    case .sparsityOutOfRange(let sparsity):
      "sparse_: expected sparsity in [0, 1], got sparsity=\(sparsity)"
    case .invalidStd(let function, let std):
      "\(function): expected std >= 0, got std=\(std)"
    case .invertedBounds(let a, let b):
      "trunc_normal_: expected a <= b, got a=\(a), b=\(b)"
    case .notFloatingPoint(let function, let dtype):
      "\(function): expected a floating-point tensor, got \(dtype)"
    }
  }
}

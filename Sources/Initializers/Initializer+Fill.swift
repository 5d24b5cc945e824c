import RandomModule
import TensorModule

extension Initializer {
  /// The `Fill` this scheme gives a tensor of `shape` and `dtype`: the one place where each scheme's
  /// arguments are checked (in PyTorch's order, with its errors), its fans, gain, bound or std computed
  /// (in double, in PyTorch's operation order) and its warnings emitted.
  ///
  /// - `xavier_uniform_`: `bound = √3 · gain·√(2/(fan_in+fan_out))`; `xavier_normal_`: that std.
  /// - `kaiming_uniform_`: `bound = √3 · gain/√fan`; `kaiming_normal_`: `std = gain/√fan`; a tensor
  ///   with a zero dimension warns "Initializing zero-element tensors is a no-op" and draws nothing.
  /// - `trunc_normal_`: warns when `mean` is more than 2·std outside [a, b]; `std = 0` is `constant(mean)`.
  /// - `ones_`, `zeros_`: `constant(1)`, `constant(0)`.
  /// - Throws: ``InitError`` or `RandomError`, exactly as the matching `torch.nn.init` call does.
  public func fill(for shape: [Int], dtype: DType) throws -> Fill {
    switch self {
    case .uniform(let a, let b): return try uniformFill(a, b, dtype)
    case .normal(let mean, let std): return try normalFill(mean, std, dtype)
    case .truncNormal(let mean, let std, let a, let b):
      guard dtype.isFloatingPoint else { throw InitError.notFloatingPoint(function: "trunc_normal_", dtype: dtype) }
      guard std >= 0, std != 0 || (a...b).contains(mean) else {
        throw InitError.invalidStd(function: "trunc_normal_", std: std)
      }
      guard a <= b else { throw InitError.invertedBounds(a: a, b: b) }
      if mean < a - 2 * std || mean > b + 2 * std {
        InitWarnings.warn(
          "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.")
      }
      return std == 0 ? .constant(mean) : .truncatedNormal(mean: mean, std: std, a: a, b: b)
    case .constant(let value): return .constant(value)
    case .ones: return .constant(1)
    case .zeros: return .constant(0)
    case .eye:
      guard shape.count == 2 else { throw InitError.unsupportedRank(function: "eye_", expected: "2", shape: shape) }
      return .eye
    case .dirac(let groups):
      guard (3...5).contains(shape.count) else {
        throw InitError.unsupportedRank(function: "dirac_", expected: "3, 4, or 5", shape: shape)
      }
      guard groups >= 1 else { throw InitError.invalidGroups(groups) }
      guard shape[0] % groups == 0 else { throw InitError.groupsDoNotDivide(size0: shape[0], groups: groups) }
      return .dirac(groups: groups)
    case .xavierUniform(let gain):
      let bound = Self.uniformBound(std: try xavierStd(shape: shape, gain: gain))
      return try uniformFill(-bound, bound, dtype)
    case .xavierNormal(let gain): return try normalFill(0, try xavierStd(shape: shape, gain: gain), dtype)
    case .kaimingUniform(let a, let mode, let nonlinearity):
      guard !shape.contains(0) else { return Self.zeroElementNoOp() }
      let bound = Self.uniformBound(std: try kaimingStd(shape: shape, a: a, mode: mode, nonlinearity: nonlinearity))
      return try uniformFill(-bound, bound, dtype)
    case .kaimingNormal(let a, let mode, let nonlinearity):
      guard !shape.contains(0) else { return Self.zeroElementNoOp() }
      return try normalFill(0, try kaimingStd(shape: shape, a: a, mode: mode, nonlinearity: nonlinearity), dtype)
    case .orthogonal(let gain):
      guard shape.count >= 2 else {
        throw InitError.unsupportedRank(function: "orthogonal_", expected: "2 or more", shape: shape)
      }
      if !shape.contains(0) { try RandomError.checkNormal(std: 1, dtype: dtype) }  // an empty tensor is returned as is
      return .orthogonal(gain: gain)
    case .sparse(let sparsity, let std):
      guard shape.count == 2 else { throw InitError.unsupportedRank(function: "sparse_", expected: "2", shape: shape) }
      guard (0...1).contains(sparsity) else { throw InitError.sparsityOutOfRange(sparsity) }
      try RandomError.checkNormal(std: std, dtype: dtype)
      return .sparse(sparsity: sparsity, std: std)
    }
  }

  /// The half-width of the uniform distribution with standard deviation `std`: `√3 · std`, as PyTorch
  /// computes `xavier_uniform_`'s and `kaiming_uniform_`'s bound.
  static func uniformBound(std: Double) -> Double { 3.0.squareRoot() * std }

  /// `kaiming_*_` on a tensor with a zero dimension: PyTorch's warning, and nothing drawn.
  private static func zeroElementNoOp() -> Fill {
    InitWarnings.warn("Initializing zero-element tensors is a no-op")
    return .constant(0)
  }

  private func uniformFill(_ low: Double, _ high: Double, _ dtype: DType) throws -> Fill {
    try RandomError.checkUniform(from: low, to: high, dtype: dtype)
    return .uniform(low: low, high: high)
  }

  private func normalFill(_ mean: Double, _ std: Double, _ dtype: DType) throws -> Fill {
    try RandomError.checkNormal(std: std, dtype: dtype)
    return .normal(mean: mean, std: std)
  }
}

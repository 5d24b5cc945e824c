import RandomModule
import TensorModule

/// A named initialization scheme with its arguments — one value per `torch.nn.init` function.
///
/// A value that plans, configs and the CLI can hold, compare and serialize; ``apply(to:generator:)``
/// runs the matching function. `description` prints the PyTorch call without the tensor, e.g.
/// `kaiming_uniform_(a=0.0, mode='fan_in', nonlinearity='relu')`.
public enum Initializer: Sendable, Codable, Equatable, Hashable {
  /// `uniform_(a, b)`.
  case uniform(a: Double = 0, b: Double = 1)
  /// `normal_(mean, std)`.
  case normal(mean: Double = 0, std: Double = 1)
  /// `trunc_normal_(mean, std, a, b)`.
  case truncNormal(mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2)
  /// `constant_(val)`.
  case constant(Double)
  /// `ones_()`.
  case ones
  /// `zeros_()`.
  case zeros
  /// `eye_()`.
  case eye
  /// `dirac_(groups)`.
  case dirac(groups: Int = 1)
  /// `xavier_uniform_(gain)`.
  case xavierUniform(gain: Double = 1)
  /// `xavier_normal_(gain)`.
  case xavierNormal(gain: Double = 1)
  /// `kaiming_uniform_(a, mode, nonlinearity)`.
  case kaimingUniform(a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyReLU)
  /// `kaiming_normal_(a, mode, nonlinearity)`.
  case kaimingNormal(a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyReLU)
  /// `orthogonal_(gain)`.
  case orthogonal(gain: Double = 1)
  /// `sparse_(sparsity, std)`.
  case sparse(sparsity: Double, std: Double = 0.01)

  /// Runs the scheme on `tensor` with the matching `torch.nn.init` semantics.
  public func apply(to tensor: inout Tensor, generator: (any RandomGenerator)? = nil) throws {
    switch self {
    case .uniform(let a, let b): try Initializers.uniform(&tensor, a: a, b: b, generator: generator)
    case .normal(let mean, let std): try Initializers.normal(&tensor, mean: mean, std: std, generator: generator)
    case .truncNormal(let mean, let std, let a, let b):
      try Initializers.truncNormal(&tensor, mean: mean, std: std, a: a, b: b, generator: generator)
    case .constant(let value): Initializers.constant(&tensor, value)
    case .ones: Initializers.ones(&tensor)
    case .zeros: Initializers.zeros(&tensor)
    case .eye: try Initializers.eye(&tensor)
    case .dirac(let groups): try Initializers.dirac(&tensor, groups: groups)
    case .xavierUniform(let gain): try Initializers.xavierUniform(&tensor, gain: gain, generator: generator)
    case .xavierNormal(let gain): try Initializers.xavierNormal(&tensor, gain: gain, generator: generator)
    case .kaimingUniform(let a, let mode, let nonlinearity):
      try Initializers.kaimingUniform(&tensor, a: a, mode: mode, nonlinearity: nonlinearity, generator: generator)
    case .kaimingNormal(let a, let mode, let nonlinearity):
      try Initializers.kaimingNormal(&tensor, a: a, mode: mode, nonlinearity: nonlinearity, generator: generator)
    case .orthogonal(let gain): try Initializers.orthogonal(&tensor, gain: gain, generator: generator)
    case .sparse(let sparsity, let std):
      try Initializers.sparse(&tensor, sparsity: sparsity, std: std, generator: generator)
    }
  }

  /// Whether the scheme draws random numbers.
  public var isRandom: Bool {
    switch self {
    case .constant, .ones, .zeros, .eye, .dirac: false
    default: true
    }
  }
}

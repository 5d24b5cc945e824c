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
  /// `variance_scaling_(scale, mode, distribution)` — not a `torch.nn.init` function: Keras' and JAX's
  /// `variance_scaling` (LeCun, Glorot and He in one form; Flax's default kernel init), on PyTorch's fans.
  case varianceScaling(scale: Double = 1, mode: VarianceScalingMode = .fanIn, distribution: VarianceScalingDistribution = .truncatedNormal)

  /// Runs the scheme on `tensor` with the matching `torch.nn.init` semantics: its ``fill(for:dtype:)``
  /// for the tensor's shape and dtype, run by the sequential executor (``Fill/apply(to:generator:)``).
  public func apply(to tensor: inout Tensor, generator: (any RandomGenerator)? = nil) throws {
    try fill(for: tensor.shape, dtype: tensor.dtype).apply(to: &tensor, generator: generator)
  }
}

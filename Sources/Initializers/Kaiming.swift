import RandomModule
import TensorModule

/// The standard deviation Kaiming initialization uses: `gain / √fan`, gain from
/// ``calculateGain(_:param:)`` with `param = a`.
public func kaimingStd(shape: [Int], a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyReLU)
  throws -> Double
{
  let fan = try calculateCorrectFan(shape: shape, mode: mode)
  return calculateGain(nonlinearity, param: a) / Double(fan).squareRoot()
}

/// Fills `tensor` from U(−bound, bound), `bound = gain · √(3 / fan)` (He et al., 2015).
///
/// Computed as PyTorch does, in double: `std = gain/√fan`, `bound = √3·std`. A tensor with a zero
/// dimension is left alone with a warning and consumes no random numbers.
/// - Parameters:
///   - tensor: the tensor to fill in place.
///   - a: the negative slope of the rectifier after this layer (only used with `.leakyReLU`).
///   - mode: `.fanIn` preserves forward variance, `.fanOut` backward.
///   - nonlinearity: the nonlinearity after this layer, for ``calculateGain(_:param:)``.
///   - generator: the random source; `nil` means `TorchGenerator.default`.
/// - Throws: ``InitError/fanNeedsTwoDimensions(shape:)`` for fewer than 2 dimensions.
/// Mirrors `torch.nn.init.kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`.
public func kaimingUniform(
  _ tensor: inout Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyReLU,
  generator: (any RandomGenerator)? = nil
) throws {
  try Initializer.kaimingUniform(a: a, mode: mode, nonlinearity: nonlinearity).apply(to: &tensor, generator: generator)
}

/// Fills `tensor` from N(0, std²), `std = gain / √fan` (He et al., 2015).
///
/// Mirrors `torch.nn.init.kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`.
public func kaimingNormal(
  _ tensor: inout Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyReLU,
  generator: (any RandomGenerator)? = nil
) throws {
  try Initializer.kaimingNormal(a: a, mode: mode, nonlinearity: nonlinearity).apply(to: &tensor, generator: generator)
}

import RandomModule
import TensorModule

/// Fills `tensor` from U(a, b) (`torch.nn.init.uniform_`).
///
/// - Parameters:
///   - tensor: the tensor to fill in place.
///   - a: lower bound.
///   - b: upper bound (exclusive, as PyTorch's `[from, to)`).
///   - generator: the random source; `nil` means `TorchGenerator.default`.
/// - Throws: `RandomError` if `a > b` or a bound is out of the dtype's range.
/// Mirrors `torch.nn.init.uniform_(tensor, a=0.0, b=1.0, generator=None)`.
public func uniform(_ tensor: inout Tensor, a: Double = 0, b: Double = 1, generator: (any RandomGenerator)? = nil)
  throws
{
  try Initializer.uniform(a: a, b: b).apply(to: &tensor, generator: generator)
}

/// Fills `tensor` from N(mean, std²) (`torch.nn.init.normal_`).
///
/// - Throws: `RandomError.negativeStd` if `std < 0`.
/// Mirrors `torch.nn.init.normal_(tensor, mean=0.0, std=1.0, generator=None)`.
public func normal(
  _ tensor: inout Tensor, mean: Double = 0, std: Double = 1, generator: (any RandomGenerator)? = nil
) throws {
  try Initializer.normal(mean: mean, std: std).apply(to: &tensor, generator: generator)
}

/// Fills `tensor` with `value` (`torch.nn.init.constant_`); consumes no random numbers.
public func constant(_ tensor: inout Tensor, _ value: Double) { tensor.fill(value) }

/// Fills `tensor` with 1 (`torch.nn.init.ones_`).
public func ones(_ tensor: inout Tensor) { tensor.fill(1) }

/// Fills `tensor` with 0 (`torch.nn.init.zeros_`).
public func zeros(_ tensor: inout Tensor) { tensor.fill(0) }

import RandomModule
import TensorModule

/// The standard deviation Xavier initialization uses: `gain · √(2 / (fan_in + fan_out))`.
///
/// - Throws: ``InitError/fanNeedsTwoDimensions(shape:)``; ``InitError/zeroFanSum(shape:)`` when
///   `fan_in + fan_out == 0` (Python raises `ZeroDivisionError`).
public func xavierStd(shape: [Int], gain: Double = 1) throws -> Double {
  let (fanIn, fanOut) = try calculateFanInAndFanOut(shape: shape)
  guard fanIn + fanOut != 0 else { throw InitError.zeroFanSum(shape: shape) }
  return gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
}

/// Fills `tensor` from U(−a, a), `a = gain · √(6 / (fan_in + fan_out))` (Glorot & Bengio, 2010).
///
/// Computed as PyTorch does: `std = gain·√(2/(fan_in+fan_out))`, `a = √3·std`, in double.
/// Mirrors `torch.nn.init.xavier_uniform_(tensor, gain=1.0, generator=None)`.
public func xavierUniform(_ tensor: inout Tensor, gain: Double = 1, generator: (any RandomGenerator)? = nil) throws {
  try Initializer.xavierUniform(gain: gain).apply(to: &tensor, generator: generator)
}

/// Fills `tensor` from N(0, std²), `std = gain · √(2 / (fan_in + fan_out))`.
///
/// Mirrors `torch.nn.init.xavier_normal_(tensor, gain=1.0, generator=None)`.
public func xavierNormal(_ tensor: inout Tensor, gain: Double = 1, generator: (any RandomGenerator)? = nil) throws {
  try Initializer.xavierNormal(gain: gain).apply(to: &tensor, generator: generator)
}

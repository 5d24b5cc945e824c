/// A source of the random fills that parameter initialization needs.
///
/// Each method fills a buffer with the exact semantics of the PyTorch operation it names; a generator
/// decides *which* random numbers back them. ``TorchGenerator`` reproduces PyTorch's CPU generator
/// draw for draw; `PhiloxGenerator` makes every value a pure function of (seed, parameter path, index).
/// Arguments are validated before these are called (see `Tensor.uniform_(from:to:generator:)`).
public protocol RandomGenerator: AnyObject, Sendable {
  /// Fills with U[from, to) as `tensor.uniform_(from, to)` does for `float32`.
  func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double)
  /// Fills with U[from, to) as `tensor.uniform_(from, to)` does for `float64`.
  func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double)
  /// Fills with N(mean, std²) as `tensor.normal_(mean, std)` does for a contiguous `float32` tensor.
  func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double)
  /// Fills with N(mean, std²) as `tensor.normal_(mean, std)` does for a contiguous `float64` tensor.
  func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double)
  /// Fills with N(mean, std²) truncated to [a, b] (`torch.nn.init.trunc_normal_`, PyTorch ≥ 2.12).
  func fillTruncatedNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, a: Double, b: Double)
  /// Fills with N(mean, std²) truncated to [a, b], float64.
  func fillTruncatedNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, a: Double, b: Double)
  /// A random permutation of `0..<n` (`torch.randperm(n)`).
  func randperm(_ n: Int) -> [Int]
  /// The generator that initializes the parameter at `path` (a state-dict key such as `0.weight`).
  ///
  /// PyTorch's generator is one stream, so ``TorchGenerator`` returns itself; a counter-based
  /// generator returns a generator keyed by the path, so values never depend on visiting order.
  func generator(forParameter path: String) -> any RandomGenerator
}

/// A generator that can fill any element range of a tensor alone: element `i` of a fill depends only on
/// the generator's key and `i`, never on what was drawn before.
///
/// The position-addressed executor (`PositionalFill` in Initializers, used for shards and streamed
/// files) accepts only such generators, so "a sequential stream cannot compute a shard" is a type
/// error rather than a run-time check. ``PhiloxGenerator`` conforms; ``TorchGenerator`` (one
/// sequential stream, as PyTorch's) does not. A fill at `offset: 0` equals the sequential fill of the
/// same length (``RandomGenerator``'s methods).
public protocol PositionAddressedGenerator: RandomGenerator {
  /// Writes elements `offset ..< offset + buffer.count` of a float32 U[from, to) fill.
  func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double, to: Double, offset: Int)
  /// Writes elements `offset ..< offset + buffer.count` of a float64 U[from, to) fill.
  func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double, to: Double, offset: Int)
  /// Writes elements `offset ..< offset + buffer.count` of a float32 N(mean, std²) fill.
  func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, offset: Int)
  /// Writes elements `offset ..< offset + buffer.count` of a float64 N(mean, std²) fill.
  func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, offset: Int)
  /// Writes elements `offset ..< offset + buffer.count` of a float32 truncated-normal fill.
  func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, a: Double, b: Double, offset: Int)
  /// Writes elements `offset ..< offset + buffer.count` of a float64 truncated-normal fill.
  func fillTruncatedNormal(
    _ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, a: Double, b: Double, offset: Int)
  /// The position-addressed generator of the parameter at `path` (as
  /// ``RandomGenerator/generator(forParameter:)``, keeping the position-addressed type).
  func positionAddressedGenerator(forParameter path: String) -> any PositionAddressedGenerator
}

extension PhiloxGenerator: PositionAddressedGenerator {
  /// A generator with the same seed (and execution) keyed by `path`.
  public func positionAddressedGenerator(forParameter path: String) -> any PositionAddressedGenerator {
    PhiloxGenerator(seed: seed, path: path, execution: execution)
  }
}

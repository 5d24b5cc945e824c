import TensorModule

/// Which fan Kaiming initialization preserves the variance of.
public enum FanMode: String, Sendable, Codable, CaseIterable {
  /// Preserve the variance of activations in the forward pass.
  case fanIn = "fan_in"
  /// Preserve the variance of gradients in the backward pass.
  case fanOut = "fan_out"

  /// The mode PyTorch spells `name` (case-insensitive, as `mode.lower()`).
  ///
  /// - Throws: ``InitError/unsupportedMode(_:)`` for anything but `fan_in`/`fan_out`.
  public init(pytorchName name: String) throws {
    guard let mode = FanMode(rawValue: name.lowercased()) else { throw InitError.unsupportedMode(name) }
    self = mode
  }
}

/// Fan-in and fan-out of a weight of the given shape (`_calculate_fan_in_and_fan_out`).
///
/// `receptive = Π shape[2...]`, `fan_in = shape[1]·receptive`, `fan_out = shape[0]·receptive`.
/// - Throws: ``InitError/fanNeedsTwoDimensions(shape:)`` for fewer than 2 dimensions.
public func calculateFanInAndFanOut(shape: [Int]) throws -> (fanIn: Int, fanOut: Int) {
  guard shape.count >= 2 else { throw InitError.fanNeedsTwoDimensions(shape: shape) }
  let receptive = shape.dropFirst(2).reduce(1, *)
  return (shape[1] * receptive, shape[0] * receptive)
}

/// Fan-in and fan-out of a tensor (`torch.nn.init._calculate_fan_in_and_fan_out`).
public func calculateFanInAndFanOut(_ tensor: Tensor) throws -> (fanIn: Int, fanOut: Int) {
  try calculateFanInAndFanOut(shape: tensor.shape)
}

/// The fan selected by `mode` (`torch.nn.init._calculate_correct_fan`).
public func calculateCorrectFan(shape: [Int], mode: FanMode) throws -> Int {
  let fans = try calculateFanInAndFanOut(shape: shape)
  return mode == .fanIn ? fans.fanIn : fans.fanOut
}

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
/// - Throws: ``InitError/fanNeedsTwoDimensions(shape:)`` for fewer than 2 dimensions;
///   `TensorError.sizeOverflow` when a fan does not fit in an `Int` (a shape no tensor can have).
public func calculateFanInAndFanOut(shape: [Int]) throws -> (fanIn: Int, fanOut: Int) {
  guard shape.count >= 2 else { throw InitError.fanNeedsTwoDimensions(shape: shape) }
  var receptive = 1
  for size in shape.dropFirst(2) {
    let (next, overflow) = receptive.multipliedReportingOverflow(by: size)
    guard !overflow else { throw TensorError.sizeOverflow(shape: shape, dtype: .float32) }
    receptive = next
  }
  let (fanIn, inOverflow) = shape[1].multipliedReportingOverflow(by: receptive)
  let (fanOut, outOverflow) = shape[0].multipliedReportingOverflow(by: receptive)
  guard !inOverflow, !outOverflow else { throw TensorError.sizeOverflow(shape: shape, dtype: .float32) }
  return (fanIn, fanOut)
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

import TensorModule

/// Invalid constructor arguments for a layer, with PyTorch's messages and the offending values.
public struct LayerError: Error, Equatable, CustomStringConvertible {
  /// The layer's class name, e.g. `Conv2d`.
  public var layer: String
  /// PyTorch's message for the failure.
  public var message: String

  /// An error for `layer` with `message`.
  public init(_ layer: String, _ message: String) {
    self.layer = layer
    self.message = message
  }

  /// The one-line message the command line prints, naming the offending value.
  public var description: String { "\(layer): \(message)" }
}

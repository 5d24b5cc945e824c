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

  public var description: String { "\(layer): \(message)" }
}

/// A tensor filled with `value` (default 0), reporting a negative dimension as PyTorch's `torch.empty`
/// does; inside ``Module/shapeOnly(_:)``, an empty placeholder that only declares it.
func emptyParameter(_ shape: [Int], _ dtype: DType, layer: String, filledWith value: Double = 0) throws -> Tensor {
  do {
    if let placeholder = try _ShapeOnlyScope.placeholder(shape, dtype, fill: value) { return placeholder }
    var tensor = try Tensor(zeros: shape, dtype: dtype)
    if value != 0 { tensor.fill(value) }
    return tensor
  } catch TensorError.insufficientMemory(let shape, let dtype, let byteCount, let limitedBy) {
    throw TensorError.insufficientMemory(shape: shape, dtype: dtype, byteCount: byteCount, limitedBy: limitedBy)  // as is
  } catch {
    throw LayerError(layer, "\(error)")
  }
}

import TensorModule

/// Something that updates parameters from their gradients (`torch.optim.Optimizer`).
public protocol Optimizer: AnyObject {
  /// The parameters it updates, in the order given at construction.
  var parameters: [Parameter] { get }
  /// The learning rate (settable, for schedules).
  var learningRate: Double { get set }
  /// Updates every parameter that has a gradient in `gradients` (`optimizer.step()`); parameters
  /// without one are skipped, as PyTorch skips `.grad is None`.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` if a gradient's shape or dtype
  ///   differs from its parameter's.
  func step(_ gradients: Gradients) throws
}

extension Optimizer {
  /// The gradient of parameter `p`, checked against it.
  func gradient(of p: Parameter, in gradients: Gradients) throws -> Tensor? {
    guard let g = gradients[p] else { return nil }
    let value = p.value
    guard g.shape == value.shape, g.dtype == value.dtype else {
      throw TrainingError.shapeMismatch(operation: "optimizer step", shapes: [value.shape, g.shape], reason: "gradient of \(p) does not match the parameter")
    }
    return g
  }
}

import TensorModule

/// A value computed on a ``Tape``: a tensor that knows how it was made, so gradients can flow back
/// through it (a `torch.Tensor` with `requires_grad`).
///
/// Variables are cheap handles (the tape and a node index). Operations on them — ``Layer`` calls,
/// ``relu()``, `+`, losses — compute eagerly and record a node on the tape.
public struct Variable {
  /// The tape this variable was recorded on.
  public let tape: Tape
  /// The node index on the tape.
  let id: Int

  init(tape: Tape, id: Int) {
    self.tape = tape
    self.id = id
  }

  /// The computed value (`tensor.detach()`).
  public var value: Tensor { tape.values[id] }
  /// The value's shape.
  public var shape: [Int] { tape.values[id].shape }
  /// The value's dtype (`float32` or `float64`).
  public var dtype: DType { tape.values[id].dtype }
  /// The single element of a one-element value (a loss), as a `Double` (`tensor.item()`).
  public var item: Double { tape.values[id][linear: 0] }

  /// ∂L/∂(this value) after ``backward(gradient:)`` ran on a result `L` that depends on it, else `nil`
  /// (also `nil` for values that need no gradient, such as inputs not marked `requiresGradient`).
  ///
  /// Unlike PyTorch, which keeps `.grad` only for leaves unless `retain_grad()` is called, the tape keeps
  /// the gradient of every intermediate value, for diagnostics such as ∂L/∂(Linear output).
  public var gradient: Tensor? { tape.gradients[id] }

  /// Whether every element of the value is finite (no NaN or ±Inf) — e.g. to stop a diverging run.
  public var isFinite: Bool { _allFinite(value) }

  /// Back-propagates from this value and returns the gradient of every parameter the forward pass used
  /// (`loss.backward()`, which fills each parameter's `.grad`).
  ///
  /// The seed is ∂L/∂(this value): `1` for a one-element value (a loss), otherwise `gradient` must be
  /// given — then the result is the gradient of `sum(value ⊙ gradient)`. Gradients arriving at a value
  /// from several uses are summed. The tape's graph is freed afterwards; intermediate gradients stay
  /// readable through ``gradient``.
  ///
  /// - Throws: ``TrainingError/gradientNeedsScalarOutput(shape:)`` without `gradient` for a value of more
  ///   than one element; ``TrainingError/shapeMismatch(operation:shapes:reason:)`` or
  ///   ``TrainingError/dtypeMismatch(operation:expected:got:)`` if `gradient`'s shape or dtype differs;
  ///   ``TrainingError/backwardAlreadyRun`` on a second call for the same tape.
  @discardableResult
  public func backward(gradient seed: Tensor? = nil) throws -> Gradients {
    let v = value
    let g: Tensor
    if let seed {
      guard seed.shape == v.shape else {
        throw TrainingError.shapeMismatch(operation: "backward", shapes: [v.shape, seed.shape], reason: "gradient must have the output's shape")
      }
      guard seed.dtype == v.dtype else { throw TrainingError.dtypeMismatch(operation: "backward", expected: v.dtype, got: seed.dtype) }
      g = seed
    } else {
      guard v.count == 1 else { throw TrainingError.gradientNeedsScalarOutput(shape: v.shape) }
      var one = try Tensor(zeros: v.shape, dtype: v.dtype)
      one.fill(1)
      g = one
    }
    return try tape.backpropagate(from: id, seed: g)
  }

  /// Throws unless `other` is on the same tape.
  func checkSameTape(_ other: Variable, _ operation: String) throws {
    guard tape === other.tape else { throw TrainingError.differentTapes(operation: operation) }
  }
}

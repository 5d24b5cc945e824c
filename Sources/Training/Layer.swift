import Layers

/// A module with a differentiable forward pass (the `forward` of a `torch.nn.Module`).
///
/// Training makes the built-in layers conform (`Linear`, `Conv2d`, `LayerNorm`, `Dropout`, `Flatten`,
/// `Identity`, `Sequential` and the activations). A model of your own conforms by writing its forward
/// from its children, as in PyTorch; backward comes for free:
///
///     final class Residual: Module, Layer {
///       let fc1: Linear, fc2: Linear
///       init(_ width: Int) throws {
///         fc1 = try Linear(width, width); fc2 = try Linear(width, width)
///         super.init()
///       }
///       func forward(_ x: Variable) throws -> Variable { try x + fc2(fc1(x).tanh()) }
///     }
///
/// Call a layer as a function (`fc1(x)`), not `forward` directly, so the tape records the call for
/// ``Tape/moduleOutputs``.
public protocol Layer: Module {
  /// The output for `input`, computed on `input`'s tape.
  func forward(_ input: Variable) throws -> Variable
}

extension Layer {
  /// Runs ``forward(_:)`` and records the output on the tape (PyTorch's `module(input)`, which runs the
  /// forward hooks).
  public func callAsFunction(_ input: Variable) throws -> Variable {
    let output = try forward(input)
    input.tape.recordCall(of: self, output: output)
    return output
  }
}

/// Calling any module on the tape, whether or not its type is a ``Layer``.
extension Module {
  /// Calls this module as a ``Layer``, or throws ``TrainingError/notDifferentiable(module:)`` if it is not
  /// one (e.g. a `Sequential` holding an `LSTM`).
  public func callAsLayer(_ input: Variable) throws -> Variable {
    guard let layer = self as? any Layer else { throw TrainingError.notDifferentiable(module: typeName) }
    return try layer(input)
  }
}

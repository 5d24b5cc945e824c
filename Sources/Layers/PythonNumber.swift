import Initializers

/// A number that remembers whether it was written as an int or a float, so it prints as Python would.
///
/// PyTorch's reprs print constructor arguments with `str.format`: `LeakyReLU(0.2)` shows
/// `negative_slope=0.2`, but `LeakyReLU(1)` shows `negative_slope=1`, and `Softplus()` shows
/// `beta=1.0`. Layers keep such arguments as `PythonNumber` to print the same text.
public enum PythonNumber: Sendable, Equatable, Hashable, Codable, CustomStringConvertible,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral
{
  /// Written as an int; prints without a decimal point (`1`).
  case int(Int)
  /// Written as a float; prints as Python's `repr(float)` (`1.0`, `0.2`).
  case float(Double)

  public init(integerLiteral value: Int) { self = .int(value) }
  public init(floatLiteral value: Double) { self = .float(value) }

  /// The value as a double.
  public var value: Double {
    switch self {
    case .int(let i): Double(i)
    case .float(let d): d
    }
  }

  /// Python's `str(x)`: `1`, `0.2`, `1e-05`, `20.0`.
  public var description: String {
    switch self {
    case .int(let i): "\(i)"
    case .float(let d): pythonRepr(d)
    }
  }
}


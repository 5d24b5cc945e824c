import Initializers

/// An initializer that failed on one parameter, naming the parameter and the scheme.
public struct ParameterInitError: Error, CustomStringConvertible {
  /// The parameter's state-dict key.
  public var parameter: String
  /// The scheme that failed.
  public var scheme: Initializer
  /// The initializer's own error.
  public var underlying: any Error

  public var description: String { "\(scheme) on '\(parameter)': \(underlying)" }
}

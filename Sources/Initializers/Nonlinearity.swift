/// The nonlinearities `torch.nn.init.calculate_gain` knows, with PyTorch's names as raw values.
public enum Nonlinearity: String, Sendable, Codable, CaseIterable {
  /// Gain 1 (`'linear'`).
  case linear
  /// Gain 1 (`'conv1d'`).
  case conv1d
  /// Gain 1 (`'conv2d'`).
  case conv2d
  /// Gain 1 (`'conv3d'`).
  case conv3d
  /// Gain 1 (`'conv_transpose1d'`).
  case convTranspose1d = "conv_transpose1d"
  /// Gain 1 (`'conv_transpose2d'`).
  case convTranspose2d = "conv_transpose2d"
  /// Gain 1 (`'conv_transpose3d'`).
  case convTranspose3d = "conv_transpose3d"
  /// Gain 1 (`'sigmoid'`).
  case sigmoid
  /// Gain 5/3 (`'tanh'`).
  case tanh
  /// Gain √2 (`'relu'`).
  case relu
  /// Gain √(2 / (1 + negative_slope²)), negative_slope = `param` ?? 0.01 (`'leaky_relu'`).
  case leakyReLU = "leaky_relu"
  /// Gain 3/4 (`'selu'`).
  case selu

  /// The nonlinearity PyTorch calls `name` (`'relu'`, `'leaky_relu'`, …).
  ///
  /// - Throws: ``InitError/unsupportedNonlinearity(_:)`` for any other name.
  public init(pytorchName name: String) throws {
    guard let value = Nonlinearity(rawValue: name) else { throw InitError.unsupportedNonlinearity(name) }
    self = value
  }

  /// The recommended gain (see ``calculateGain(_:param:)``).
  public func gain(param: Double? = nil) -> Double { calculateGain(self, param: param) }
}

/// The recommended gain for a nonlinearity (`torch.nn.init.calculate_gain`).
///
/// | nonlinearity | gain |
/// |---|---|
/// | linear, conv*, sigmoid | 1 |
/// | tanh | 5/3 |
/// | relu | √2 |
/// | leaky_relu | √(2 / (1 + negative_slope²)), negative_slope = `param` ?? 0.01 |
/// | selu | 3/4 |
///
/// Computed in double in PyTorch's exact operation order (`negative_slope**2` is `ns·ns` rounded).
/// Mirrors `torch.nn.init.calculate_gain`.
public func calculateGain(_ nonlinearity: Nonlinearity, param: Double? = nil) -> Double {
  switch nonlinearity {
  case .linear, .conv1d, .conv2d, .conv3d, .convTranspose1d, .convTranspose2d, .convTranspose3d, .sigmoid:
    return 1
  case .tanh:
    return 5.0 / 3
  case .relu:
    return 2.0.squareRoot()
  case .leakyReLU:
    let slope = param ?? 0.01
    return (2.0 / (1 + slope * slope)).squareRoot()
  case .selu:
    return 3.0 / 4
  }
}

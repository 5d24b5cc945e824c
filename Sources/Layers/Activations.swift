/// `max(0, x)` (`torch.nn.ReLU`). No parameters.
public final class ReLU: Module {
  /// The constructor's `inplace`, as PyTorch stores it.
  public let inplace: Bool
  /// `nn.ReLU(inplace=False)`.
  public init(inplace: Bool = false) { self.inplace = inplace }
  public override var extraDescription: String { inplace ? "inplace=True" : "" }
}

/// `max(0, x) + negative_slope·min(0, x)` (`torch.nn.LeakyReLU`). No parameters.
public final class LeakyReLU: Module {
  /// The constructor's `negative_slope`, `inplace`, as PyTorch stores them.
  public let negativeSlope: PythonNumber, inplace: Bool
  /// `nn.LeakyReLU(negative_slope=0.01, inplace=False)`.
  public init(negativeSlope: PythonNumber = 0.01, inplace: Bool = false) {
    self.negativeSlope = negativeSlope
    self.inplace = inplace
  }
  public override var extraDescription: String { "negative_slope=\(negativeSlope)" + (inplace ? ", inplace=True" : "") }
}

/// `x` if x > 0 else `alpha·(eˣ − 1)` (`torch.nn.ELU`). No parameters.
public final class ELU: Module {
  /// The constructor's `alpha`, `inplace`, as PyTorch stores them.
  public let alpha: PythonNumber, inplace: Bool
  /// `nn.ELU(alpha=1.0, inplace=False)`.
  public init(alpha: PythonNumber = 1.0, inplace: Bool = false) {
    self.alpha = alpha
    self.inplace = inplace
  }
  public override var extraDescription: String { "alpha=\(alpha)" + (inplace ? ", inplace=True" : "") }
}

/// Scaled ELU with λ ≈ 1.0507, α ≈ 1.6733 (`torch.nn.SELU`). No parameters.
public final class SELU: Module {
  /// The constructor's `inplace`, as PyTorch stores it.
  public let inplace: Bool
  /// `nn.SELU(inplace=False)`.
  public init(inplace: Bool = false) { self.inplace = inplace }
  public override var extraDescription: String { inplace ? "inplace=True" : "" }
}

/// `x·Φ(x)`, or its tanh approximation (`torch.nn.GELU`). No parameters.
public final class GELU: Module {
  /// `'none'` or `'tanh'`.
  public let approximate: String
  /// `nn.GELU(approximate='none')`.
  public init(approximate: String = "none") throws {
    guard ["none", "tanh"].contains(approximate) else {
      throw LayerError("GELU", "approximate argument must be either none or tanh, got approximate='\(approximate)'")
    }
    self.approximate = approximate
  }
  public override var extraDescription: String { "approximate='\(approximate)'" }
}

/// `x·σ(x)` (`torch.nn.SiLU`). No parameters.
public final class SiLU: Module {
  /// The constructor's `inplace`, as PyTorch stores it.
  public let inplace: Bool
  /// `nn.SiLU(inplace=False)`.
  public init(inplace: Bool = false) { self.inplace = inplace }
  public override var extraDescription: String { inplace ? "inplace=True" : "" }
}

/// `tanh(x)` (`torch.nn.Tanh`). No parameters.
public final class Tanh: Module {
  /// `nn.Tanh()`.
  public init() {}
}

/// `1 / (1 + e⁻ˣ)` (`torch.nn.Sigmoid`). No parameters.
public final class Sigmoid: Module {
  /// `nn.Sigmoid()`.
  public init() {}
}

/// `log(1 + e^(βx)) / β`, linear above `threshold` (`torch.nn.Softplus`). No parameters.
public final class Softplus: Module {
  /// The constructor's `beta`, `threshold`, as PyTorch stores them.
  public let beta: PythonNumber, threshold: PythonNumber
  /// `nn.Softplus(beta=1.0, threshold=20.0)`.
  public init(beta: PythonNumber = 1.0, threshold: PythonNumber = 20.0) {
    self.beta = beta
    self.threshold = threshold
  }
  public override var extraDescription: String { "beta=\(beta), threshold=\(threshold)" }
}

/// `exp(xᵢ) / Σⱼ exp(xⱼ)` along `dim` (`torch.nn.Softmax`). No parameters.
public final class Softmax: Module {
  /// The dimension, or `nil` (printed `None`, PyTorch's legacy implicit choice).
  public let dim: Int?
  /// `nn.Softmax(dim=None)`.
  public init(dim: Int? = nil) { self.dim = dim }
  public override var extraDescription: String { "dim=\(dim.map(String.init) ?? "None")" }
}

/// `log(softmax(x))` along `dim` (`torch.nn.LogSoftmax`). No parameters.
public final class LogSoftmax: Module {
  /// The dimension, or `nil` (printed `None`).
  public let dim: Int?
  /// `nn.LogSoftmax(dim=None)`.
  public init(dim: Int? = nil) { self.dim = dim }
  public override var extraDescription: String { "dim=\(dim.map(String.init) ?? "None")" }
}

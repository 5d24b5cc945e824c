import Layers

extension Variable {
  /// `max(0, x)` (`F.relu`); gradient 1 where the output is positive, else 0.
  public func relu() -> Variable { pointwise(_ReLU()) }
  /// `x` if x > 0 else `negativeSlope·x` (`F.leaky_relu`).
  public func leakyReLU(negativeSlope: Double = 0.01) -> Variable { pointwise(_LeakyReLU(slope: negativeSlope)) }
  /// `x` if x > 0 else `α·(eˣ − 1)` (`F.elu`, computed with `expm1`).
  public func elu(alpha: Double = 1) -> Variable { pointwise(_ELU(alpha: alpha, scale: 1, inputScale: 1)) }
  /// `λ·(x if x > 0 else α·(eˣ − 1))`, α = 1.6732632423543772, λ = 1.0507009873554805 (`F.selu`).
  public func selu() -> Variable {
    pointwise(_ELU(alpha: 1.6732632423543772848170429916717, scale: 1.0507009873554804934193349852946, inputScale: 1))
  }
  /// `x·Φ(x)` (`F.gelu`), or with `tanhApproximation` `½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))`
  /// (`approximate='tanh'`).
  public func gelu(tanhApproximation: Bool = false) -> Variable {
    tanhApproximation ? pointwise(_GELUTanh()) : pointwise(_GELU())
  }
  /// `x·σ(x)` (`F.silu`).
  public func silu() -> Variable { pointwise(_SiLU()) }
  /// `tanh(x)` (`torch.tanh`); gradient `1 − tanh²(x)`.
  public func tanh() -> Variable { pointwise(_Tanh()) }
  /// `1/(1 + e⁻ˣ)` (`torch.sigmoid`); gradient `σ(x)·(1 − σ(x))`.
  public func sigmoid() -> Variable { pointwise(_Sigmoid()) }
  /// `log(1 + e^(βx))/β`, and `x` where `βx > threshold` (`F.softplus`).
  public func softplus(beta: Double = 1, threshold: Double = 20) -> Variable {
    pointwise(_Softplus(beta: beta, threshold: threshold))
  }
}

/// `nn.ReLU` as a differentiable ``Layer``.
extension ReLU: Layer {
  /// `max(0, x)` (`nn.ReLU`).
  public func forward(_ input: Variable) throws -> Variable { input.relu() }
}

/// `nn.LeakyReLU` as a differentiable ``Layer``.
extension LeakyReLU: Layer {
  /// `x` if x > 0 else `negative_slope·x` (`nn.LeakyReLU`).
  public func forward(_ input: Variable) throws -> Variable { input.leakyReLU(negativeSlope: negativeSlope.value) }
}

/// `nn.ELU` as a differentiable ``Layer``.
extension ELU: Layer {
  /// `x` if x > 0 else `α·(eˣ − 1)` (`nn.ELU`).
  public func forward(_ input: Variable) throws -> Variable { input.elu(alpha: alpha.value) }
}

/// `nn.SELU` as a differentiable ``Layer``.
extension SELU: Layer {
  /// `λ·ELU(x, α)` with PyTorch's constants (`nn.SELU`).
  public func forward(_ input: Variable) throws -> Variable { input.selu() }
}

/// `nn.GELU` as a differentiable ``Layer``.
extension GELU: Layer {
  /// `x·Φ(x)`, or its tanh approximation when `approximate == "tanh"` (`nn.GELU`).
  public func forward(_ input: Variable) throws -> Variable { input.gelu(tanhApproximation: approximate == "tanh") }
}

/// `nn.SiLU` as a differentiable ``Layer``.
extension SiLU: Layer {
  /// `x·σ(x)` (`nn.SiLU`).
  public func forward(_ input: Variable) throws -> Variable { input.silu() }
}

/// `nn.Tanh` as a differentiable ``Layer``.
extension Tanh: Layer {
  /// `tanh(x)` (`nn.Tanh`).
  public func forward(_ input: Variable) throws -> Variable { input.tanh() }
}

/// `nn.Sigmoid` as a differentiable ``Layer``.
extension Sigmoid: Layer {
  /// `1/(1 + e⁻ˣ)` (`nn.Sigmoid`).
  public func forward(_ input: Variable) throws -> Variable { input.sigmoid() }
}

/// `nn.Softplus` as a differentiable ``Layer``.
extension Softplus: Layer {
  /// `log(1 + e^(βx))/β`, linear above `threshold` (`nn.Softplus`).
  public func forward(_ input: Variable) throws -> Variable { input.softplus(beta: beta.value, threshold: threshold.value) }
}

/// `nn.Softmax` as a differentiable ``Layer``.
extension Softmax: Layer {
  /// `exp(xᵢ)/Σⱼ exp(xⱼ)` along `dim` (`nn.Softmax`); `dim: nil` picks PyTorch's legacy implicit dim
  /// (0 for 0-, 1- and 3-D inputs, else 1).
  public func forward(_ input: Variable) throws -> Variable {
    try input.softmax(dim: dim ?? Variable.legacySoftmaxDimension(rank: input.shape.count))
  }
}

/// `nn.LogSoftmax` as a differentiable ``Layer``.
extension LogSoftmax: Layer {
  /// `xᵢ − log Σⱼ exp(xⱼ)` along `dim` (`nn.LogSoftmax`); `dim: nil` as for `Softmax`.
  public func forward(_ input: Variable) throws -> Variable {
    try input.logSoftmax(dim: dim ?? Variable.legacySoftmaxDimension(rank: input.shape.count))
  }
}

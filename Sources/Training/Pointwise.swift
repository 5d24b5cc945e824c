/// An elementwise function with its derivative, in the form PyTorch's CPU kernels compute them.
///
/// `backward` gets the input `x`, the output `y` and the incoming gradient `g`, and returns `g·f′(x)`
/// written as PyTorch's `*_backward` kernel writes it (from `y` where PyTorch uses the result).
protocol Pointwise {
  func forward<T: TrainingScalar>(_ x: T) -> T
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T
}

extension Variable {
  /// Applies `f` elementwise and records its pullback.
  func pointwise<F: Pointwise>(_ f: F) -> Variable {
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let x = T._scalars(value)
      let n = x.count
      let y: [T] = x.withUnsafeBufferPointer { xs in
        _makeArray(n) { out in _forEachChunk(count: n) { range in for i in range { out[i] = f.forward(xs[i]) } } }
      }
      return tape.record(T._tensor(shape, y), inputs: [self]) { gradient in
        let g = T._scalars(gradient)
        let dx: [T] = _makeArray(n) { out in
          x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
              g.withUnsafeBufferPointer { gs in
                _forEachChunk(count: n) { range in for i in range { out[i] = f.backward(x: xs[i], y: ys[i], g: gs[i]) } }
              }
            }
          }
        }
        return [T._tensor(gradient.shape, dx)]
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }
}

/// `max(0, x)`; derivative `1` where the output is positive, else `0` (`threshold_backward`).
struct _ReLU: Pointwise {
  func forward<T: TrainingScalar>(_ x: T) -> T { x < 0 ? 0 : x }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T { y > 0 ? g : 0 }
}

/// `x > 0 ? x : x·slope`.
struct _LeakyReLU: Pointwise {
  let slope: Double
  func forward<T: TrainingScalar>(_ x: T) -> T { x > 0 ? x : x * T(slope) }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T { x > 0 ? g : g * T(slope) }
}

/// PyTorch's `elu` kernel: `x ≤ 0 ? expm1(x·inputScale)·α·scale : x·scale`, derivative
/// `x ≤ 0 ? g·inputScale·α·scale·exp(x·inputScale) : g·scale`. ELU has scale = inputScale = 1; SELU has
/// α = 1.6732632423543772, scale = 1.0507009873554805.
struct _ELU: Pointwise {
  let alpha: Double, scale: Double, inputScale: Double
  func forward<T: TrainingScalar>(_ x: T) -> T {
    x <= 0 ? T._expm1(x * T(inputScale)) * (T(alpha) * T(scale)) : x * T(scale)
  }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T {
    x <= 0 ? g * T(inputScale) * (T(alpha) * T(scale)) * T._exp(x * T(inputScale)) : g * T(scale)
  }
}

/// `x·Φ(x) = x·½·(1 + erf(x/√2))`, derivative `Φ(x) + x·φ(x)` (`gelu(approximate='none')`).
struct _GELU: Pointwise {
  func forward<T: TrainingScalar>(_ x: T) -> T { x * T(0.5) * (1 + T._erf(x * T(0.5.squareRoot()))) }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T {
    let cdf = T(0.5) * (1 + T._erf(x * T(0.5.squareRoot())))
    let pdf = T._exp(T(-0.5) * x * x) * T(1 / (2 * Double.pi).squareRoot())
    return g * (cdf + x * pdf)
  }
}

/// `½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))` and PyTorch's derivative of it (`approximate='tanh'`).
struct _GELUTanh: Pointwise {
  static let beta = (2 / Double.pi).squareRoot(), kappa = 0.044715
  func forward<T: TrainingScalar>(_ x: T) -> T {
    let inner = T(Self.beta) * (x + T(Self.kappa) * (x * x * x))
    return T(0.5) * x * (1 + T._tanh(inner))
  }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T {
    let inner = T(Self.beta) * (x + T(Self.kappa) * (x * x * x))
    let t = T._tanh(inner)
    let left = T(0.5) * x, right = 1 + t
    let innerDerivative = T(Self.beta) * (1 + T(3 * Self.kappa) * x * x)
    return g * (T(0.5) * right + left * (1 - t * t) * innerDerivative)
  }
}

/// `x·σ(x)`, derivative `σ(x)·(1 + x·(1 − σ(x)))`.
struct _SiLU: Pointwise {
  func forward<T: TrainingScalar>(_ x: T) -> T { x / (1 + T._exp(-x)) }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T {
    let s = 1 / (1 + T._exp(-x))
    return g * s * (1 + x * (1 - s))
  }
}

/// `tanh(x)`, derivative `1 − y²`.
struct _Tanh: Pointwise {
  func forward<T: TrainingScalar>(_ x: T) -> T { T._tanh(x) }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T { g * (1 - y * y) }
}

/// `1/(1 + e⁻ˣ)`, derivative `(1 − y)·y`.
struct _Sigmoid: Pointwise {
  func forward<T: TrainingScalar>(_ x: T) -> T { 1 / (1 + T._exp(-x)) }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T { g * (1 - y) * y }
}

/// `x·β > threshold ? x : log1p(exp(x·β))/β`, derivative `z/(z + 1)` with `z = exp(x·β)`.
struct _Softplus: Pointwise {
  let beta: Double, threshold: Double
  func forward<T: TrainingScalar>(_ x: T) -> T {
    x * T(beta) > T(threshold) ? x : T._log1p(T._exp(x * T(beta))) / T(beta)
  }
  func backward<T: TrainingScalar>(x: T, y: T, g: T) -> T {
    let z = T._exp(x * T(beta))
    return x * T(beta) > T(threshold) ? g : g * z / (z + 1)
  }
}

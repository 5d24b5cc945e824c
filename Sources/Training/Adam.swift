import _LibM
import TensorModule

/// Adam (`torch.optim.Adam`, the default single-tensor CPU path), with PyTorch's order of operations
/// per element, in the parameter's dtype (scalars rounded to it), at step t = 1, 2, …:
///
///     d  = g + weight_decay·p                       (if weight_decay ≠ 0; fused multiply-add)
///     m  = lerp(m, d, 1 − β₁)                       (m + w·(d − m), fused, as PyTorch's lerp for w < ½)
///     v  = v·β₂ + (1 − β₂)·d·d                      (addcmul)
///     v̂  = max(v̂, v)  and use v̂ for v               (if amsgrad)
///     denom = √v / √(1 − β₂ᵗ) + eps
///     p  = p + (−lr/(1 − β₁ᵗ))·m / denom            (addcdiv)
///
/// The bias corrections `1 − βᵗ` and the step size are computed in `Double`, as in Python.
public final class Adam: Optimizer {
  /// The parameters it updates, in the order given.
  public let parameters: [Parameter]
  /// `lr`.
  public var learningRate: Double
  /// The constructor's `betas`, `eps`, `weight_decay`, `amsgrad`, `maximize`.
  public let beta1: Double, beta2: Double, eps: Double, weightDecay: Double, amsgrad: Bool, maximize: Bool
  /// The number of steps taken by each parameter (`state['step']`).
  public private(set) var steps: [Int]
  /// The first- and second-moment estimates `exp_avg`, `exp_avg_sq` (and `max_exp_avg_sq` for amsgrad),
  /// `nil` until the parameter's first step.
  public private(set) var moments: [(m: Tensor, v: Tensor, vMax: Tensor?)?]

  /// `torch.optim.Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False,
  /// maximize=False)`.
  ///
  /// - Throws: ``TrainingError/invalidArgument(name:value:reason:)`` with PyTorch's messages for a
  ///   negative lr, eps or weight decay, or a beta outside [0, 1).
  public init(
    _ parameters: [Parameter], lr: Double = 0.001, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
    weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false
  ) throws {
    guard lr >= 0 else { throw TrainingError.invalidArgument(name: "learning rate", value: "\(lr)", reason: "") }
    guard eps >= 0 else { throw TrainingError.invalidArgument(name: "epsilon value", value: "\(eps)", reason: "") }
    guard (0..<1).contains(betas.0) else { throw TrainingError.invalidArgument(name: "beta parameter at index 0", value: "\(betas.0)", reason: "") }
    guard (0..<1).contains(betas.1) else { throw TrainingError.invalidArgument(name: "beta parameter at index 1", value: "\(betas.1)", reason: "") }
    guard weightDecay >= 0 else { throw TrainingError.invalidArgument(name: "weight_decay value", value: "\(weightDecay)", reason: "") }
    self.parameters = parameters
    learningRate = lr
    (beta1, beta2) = betas
    self.eps = eps
    self.weightDecay = weightDecay
    self.amsgrad = amsgrad
    self.maximize = maximize
    steps = Array(repeating: 0, count: parameters.count)
    moments = Array(repeating: nil, count: parameters.count)
  }

  /// One Adam step for every parameter with a gradient (`optimizer.step()`).
  public func step(_ gradients: Gradients) throws {
    for (i, p) in parameters.enumerated() {
      guard let g = try gradient(of: p, in: gradients) else { continue }
      steps[i] += 1
      let zeros = try Tensor(zeros: g.shape, dtype: g.dtype)
      var state = moments[i] ?? (zeros, zeros, amsgrad ? zeros : nil)
      moments[i] = nil  // hold the only reference while updating in place
      _byDType(g.dtype, update(p, g, &state, steps[i], Float.self), update(p, g, &state, steps[i], Double.self))
      moments[i] = state
    }
  }

  private func update<T: TrainingScalar>(_ p: Parameter, _ gradient: Tensor, _ state: inout (m: Tensor, v: Tensor, vMax: Tensor?), _ t: Int, _: T.Type) {
    let step = Double(t)
    let bias1 = 1 - pow(beta1, step), bias2 = 1 - pow(beta2, step)
    let stepSize = T(-(learningRate / bias1)), bias2Root = T(bias2.squareRoot())
    let (wd, useDecay, w1, b2, keep2, e) = (T(weightDecay), weightDecay != 0, T(1 - beta1), T(beta2), T(1 - beta2), T(eps))
    let small = abs(1 - beta1) < 0.5, sign = T(maximize ? -1 : 1), amsgrad = self.amsgrad
    let g = T._scalars(gradient)
    var vMax = state.vMax ?? T._tensor([0], [])
    state.vMax = nil
    p.update { param in
      T._withMutable(&param) { w in
        T._withMutable(&state.m) { m in
          T._withMutable(&state.v) { v in
            T._withMutable(&vMax) { vm in
              _forEachChunk(count: w.count) { range in
                for i in range {
                  var d = sign * g[i]
                  if useDecay { d = T._fma(wd, w[i], d) }
                  m[i] = small ? T._fma(w1, d - m[i], m[i]) : T._fma(w1 - 1, d - m[i], d)
                  v[i] = v[i] * b2 + keep2 * d * d
                  var second = v[i]
                  if amsgrad {
                    vm[i] = Swift.max(vm[i], v[i])
                    second = vm[i]
                  }
                  let denom = second.squareRoot() / bias2Root + e
                  w[i] = w[i] + stepSize * m[i] / denom
                }
              }
            }
          }
        }
      }
    }
    if amsgrad { state.vMax = vMax }
  }
}

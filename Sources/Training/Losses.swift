import TensorModule

/// How a loss combines its per-element values (`reduction=`).
public enum Reduction: String, Sendable, Codable, CaseIterable {
  /// The per-element (or per-sample) losses, unreduced.
  case none
  /// Their mean (PyTorch's default).
  case mean
  /// Their sum.
  case sum
}

/// The mean squared error `mean((x − y)²)` (`nn.MSELoss`), or its sum / elementwise values.
///
/// Gradient with respect to the input: `2·(x − y)/N` for `.mean` (N = element count), `2·(x − y)` for
/// `.sum`. The target is a constant (no gradient flows into it).
public struct MSELoss: Sendable {
  /// How the squared errors are combined.
  public var reduction: Reduction

  /// `nn.MSELoss(reduction='mean')`.
  public init(reduction: Reduction = .mean) { self.reduction = reduction }

  /// The loss of `input` against `target` (same shape and dtype).
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` or
  ///   ``TrainingError/dtypeMismatch(operation:expected:got:)``.
  public func callAsFunction(_ input: Variable, _ target: Tensor) throws -> Variable {
    guard input.shape == target.shape else {
      throw TrainingError.shapeMismatch(operation: "mse_loss", shapes: [input.shape, target.shape], reason: "input and target must have the same shape")
    }
    guard input.dtype == target.dtype else { throw TrainingError.dtypeMismatch(operation: "mse_loss", expected: input.dtype, got: target.dtype) }
    let reduction = self.reduction, shape = input.shape
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let x = T._scalars(input.value), t = T._scalars(target)
      let n = x.count
      let diff: [T] = _makeArray(n) { d in for i in 0..<n { d[i] = x[i] - t[i] } }
      let value: Tensor
      if reduction == .none {
        value = T._tensor(shape, diff.map { $0 * $0 })
      } else {
        var s = 0.0
        for d in diff { s += Double(d * d) }
        value = T._tensor([], [T(reduction == .mean ? s / Double(n) : s)])
      }
      return input.tape.record(value, inputs: [input]) { gradient in
        let g = T._scalars(gradient)
        let scale = reduction == .mean ? T(2) / T(n) : 2
        let dx: [T] = _makeArray(n) { out in
          for i in 0..<n { out[i] = reduction == .none ? 2 * diff[i] * g[i] : scale * diff[i] * g[0] }
        }
        return [T._tensor(shape, dx)]
      }
    }
    return _byDType(input.dtype, run(Float.self), run(Double.self))
  }
}

/// The cross-entropy of logits against class indices (`nn.CrossEntropyLoss`):
/// `ℓᵢ = −log_softmax(xᵢ)[yᵢ] = log Σ_c exp(xᵢc) − xᵢyᵢ`, computed stably (max subtracted), then
/// averaged over the samples whose target is not `ignoreIndex`.
///
/// Input `(N, C)` or `(N, C, d₁, …)` (class dimension 1), or `(C)` for one sample; targets `int64`
/// class indices of shape `(N)` / `(N, d₁, …)` / `()`. Gradient: `(softmax(xᵢ) − onehot(yᵢ))/M`, M the
/// number of counted samples for `.mean`.
public struct CrossEntropyLoss: Sendable {
  /// How the per-sample losses are combined.
  public var reduction: Reduction
  /// A target value that is skipped and does not count towards the mean (PyTorch's default −100).
  public var ignoreIndex: Int

  /// `nn.CrossEntropyLoss(ignore_index=-100, reduction='mean')`.
  public init(reduction: Reduction = .mean, ignoreIndex: Int = -100) {
    self.reduction = reduction
    self.ignoreIndex = ignoreIndex
  }

  /// The loss for integer class labels.
  public func callAsFunction(_ input: Variable, _ labels: [Int]) throws -> Variable {
    try self(input, Tensor(shape: input.shape.count == 1 ? [] : [labels.count], scalars: labels.map(Int64.init)))
  }

  /// The loss of logits `input` against `int64` class indices `target`.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` for mismatched shapes,
  ///   ``TrainingError/unsupportedDType(operation:dtype:)`` for a non-`int64` target,
  ///   ``TrainingError/targetOutOfBounds(target:classes:)`` for a class index outside `[0, C)`.
  public func callAsFunction(_ input: Variable, _ target: Tensor) throws -> Variable {
    let shape = input.shape
    guard target.dtype == .int64 else { throw TrainingError.unsupportedDType(operation: "cross_entropy target", dtype: target.dtype) }
    let classDim = shape.count == 1 ? 0 : 1
    var expected = shape
    if !shape.isEmpty { expected.remove(at: classDim) }
    guard !shape.isEmpty, target.shape == expected else {
      throw TrainingError.shapeMismatch(operation: "cross_entropy", shapes: [shape, target.shape], reason: "target must be the input's shape without the class dimension")
    }
    let classes = shape[classDim], inner = shape[(classDim + 1)...].reduce(1, *), samples = target.count
    guard case .int64(let labels) = target.storage else { preconditionFailure() }
    for l in labels where l != Int64(ignoreIndex) && !(0..<Int64(classes)).contains(l) {
      throw TrainingError.targetOutOfBounds(target: l, classes: classes)
    }
    let reduction = self.reduction, ignore = Int64(ignoreIndex)
    let counted = labels.filter { $0 != ignore }.count
    let logProbabilities = try input.logSoftmax(dim: classDim)
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let lp = T._scalars(logProbabilities.value)
      // Sample s = (outer o, position i) has its class c at o·C·inner + c·inner + i.
      func index(_ s: Int, _ c: Int) -> Int { (s / inner) * classes * inner + c * inner + s % inner }
      var losses = [T](repeating: 0, count: samples)
      for s in 0..<samples where labels[s] != ignore { losses[s] = -lp[index(s, Int(labels[s]))] }
      let value: Tensor
      if reduction == .none {
        value = T._tensor(target.shape, losses)
      } else {
        var total = 0.0
        for l in losses { total += Double(l) }
        value = T._tensor([], [T(reduction == .mean ? total / Double(counted) : total)])
      }
      return input.tape.record(value, inputs: [logProbabilities]) { gradient in
        let g = T._scalars(gradient)
        var d = [T](repeating: 0, count: lp.count)
        for s in 0..<samples where labels[s] != ignore {
          d[index(s, Int(labels[s]))] = reduction == .none ? -g[s] : -g[0] / (reduction == .mean ? T(counted) : 1)
        }
        return [T._tensor(shape, d)]
      }
    }
    return _byDType(input.dtype, run(Float.self), run(Double.self))
  }
}

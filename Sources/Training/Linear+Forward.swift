import Layers
import TensorModule

/// `nn.Linear` as a differentiable ``Layer``.
extension Linear: Layer {
  /// `y = x·Wᵀ + b` over the last dimension of `x` (`nn.Linear.forward`); `x` is `(*, in_features)`.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` if the last dimension is not
  ///   `in_features`, ``TrainingError/dtypeMismatch(operation:expected:got:)`` if `x`'s dtype is not the
  ///   weight's.
  public func forward(_ input: Variable) throws -> Variable {
    let tape = input.tape
    return try input.linear(weight: tape.parameter(self, "weight"), bias: bias == nil ? nil : tape.parameter(self, "bias"))
  }
}

extension Variable {
  /// `x·Wᵀ + b` over the last dimension (`F.linear`): `x` is `(*, in)`, `weight` `(out, in)`, `bias`
  /// `(out)`. Each is one GEMM on the rows of `x` flattened to 2-D:
  ///
  ///     forward   Y  = X·Wᵀ (+ b on every row)
  ///     backward  dX = dY·W,   dW = dYᵀ·X,   db = Σ_rows dY
  ///
  /// Gradients nobody needs (e.g. dX of the first layer) are not computed.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` or
  ///   ``TrainingError/dtypeMismatch(operation:expected:got:)``.
  public func linear(weight: Variable, bias: Variable? = nil) throws -> Variable {
    try checkSameTape(weight, "linear")
    let xShape = shape, wShape = weight.shape
    guard wShape.count == 2, let inFeatures = xShape.last, inFeatures == wShape[1] else {
      let x2 = [xShape.dropLast().reduce(1, *), xShape.last ?? 1], wt = wShape.count == 2 ? [wShape[1], wShape[0]] : wShape
      throw TrainingError.shapeMismatch(
        operation: "linear", shapes: [xShape, wShape],
        reason: "mat1 and mat2 shapes cannot be multiplied (\(x2.map(String.init).joined(separator: "x")) and \(wt.map(String.init).joined(separator: "x")))")
    }
    let outFeatures = wShape[0]
    if let bias {
      try checkSameTape(bias, "linear")
      guard bias.shape == [outFeatures] else {
        throw TrainingError.shapeMismatch(operation: "linear", shapes: [wShape, bias.shape], reason: "bias must have shape [out_features]")
      }
    }
    for other in [weight] + (bias.map { [$0] } ?? []) where other.dtype != dtype {
      throw TrainingError.dtypeMismatch(operation: "linear", expected: other.dtype, got: dtype)
    }
    let rows = xShape.dropLast().reduce(1, *)
    let outShape = Array(xShape.dropLast()) + [outFeatures]
    let needX = tape.requiresGradient(self), needW = tape.requiresGradient(weight)
    let needB = bias.map { tape.requiresGradient($0) } ?? false
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let x = T._scalars(value), w = T._scalars(weight.value)
      // Y starts as b on every row and the GEMM adds X·Wᵀ to it (one rounding, as a separate add).
      let b = bias.map { T._scalars($0.value) }
      let y: [T] = _makeArray(rows * outFeatures) { y in
        if let b { for r in 0..<rows { for j in 0..<outFeatures { y[r * outFeatures + j] = b[j] } } }
        _gemm(x, w, into: y, m: rows, n: outFeatures, k: inFeatures, transposeB: true, beta: b == nil ? 0 : 1)
      }
      let inputs = bias.map { [self, weight, $0] } ?? [self, weight]
      return tape.record(T._tensor(outShape, y), inputs: inputs) { gradient in
        let g = T._scalars(gradient)
        let dx = needX ? T._tensor(xShape, _matmul(g, w, m: rows, n: inFeatures, k: outFeatures)) : nil
        let dw = needW ? T._tensor(wShape, _matmul(g, x, m: outFeatures, n: inFeatures, k: rows, transposeA: true)) : nil
        guard needB else { return [dx, dw] }
        return [dx, dw, T._tensor([outFeatures], _columnSums(g, rows: rows, columns: outFeatures))]
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }
}

/// The sum of each column of a row-major `rows × columns` matrix, accumulated in `Double`.
func _columnSums<T: TrainingScalar>(_ a: [T], rows: Int, columns: Int) -> [T] {
  var sums = [Double](repeating: 0, count: columns)
  a.withUnsafeBufferPointer { a in
    sums.withUnsafeMutableBufferPointer { s in
      for r in 0..<rows { for j in 0..<columns { s[j] += Double(a[r * columns + j]) } }
    }
  }
  return sums.map { T($0) }
}

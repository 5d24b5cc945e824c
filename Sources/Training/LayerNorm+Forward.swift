import Layers
import TensorModule

/// `nn.LayerNorm` as a differentiable ``Layer``.
extension LayerNorm: Layer {
  /// Normalizes over the trailing `normalized_shape` dimensions, then scales and shifts
  /// (`nn.LayerNorm.forward`): per row of D = Π normalized_shape elements,
  ///
  ///     μ = mean(x),  σ² = mean((x − μ)²) (biased),  r = 1/√(σ² + eps),  y = (x − μ)·r·γ + β
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` if the input's trailing
  ///   dimensions are not `normalized_shape`.
  public func forward(_ input: Variable) throws -> Variable {
    let tape = input.tape
    return try input.layerNorm(
      normalizedShape: normalizedShape,
      weight: elementwiseAffine ? tape.parameter(self, "weight") : nil,
      bias: hasBias ? tape.parameter(self, "bias") : nil, eps: eps.value)
  }
}

extension Variable {
  /// Layer normalization over the trailing `normalizedShape` dimensions (`F.layer_norm`), with optional
  /// elementwise `weight` γ and `bias` β of shape `normalizedShape`.
  ///
  /// Gradients (x̂ = (x − μ)·r, ĝ = g·γ, means over the row):
  /// `dx = r·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))`, `dγ = Σ_rows g·x̂`, `dβ = Σ_rows g`. Row statistics are
  /// accumulated in `Double`.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` for mismatched shapes.
  public func layerNorm(normalizedShape: [Int], weight: Variable? = nil, bias: Variable? = nil, eps: Double = 1e-5) throws -> Variable {
    let xShape = shape
    guard xShape.count >= normalizedShape.count, Array(xShape.suffix(normalizedShape.count)) == normalizedShape else {
      throw TrainingError.shapeMismatch(
        operation: "layer_norm", shapes: [xShape, normalizedShape],
        reason: "Given normalized_shape=\(normalizedShape), expected input with shape [*, \(normalizedShape.map(String.init).joined(separator: ", "))]")
    }
    for p in [weight, bias].compactMap({ $0 }) {
      try checkSameTape(p, "layer_norm")
      guard p.shape == normalizedShape else {
        throw TrainingError.shapeMismatch(operation: "layer_norm", shapes: [p.shape, normalizedShape], reason: "weight and bias must have normalized_shape")
      }
      guard p.dtype == dtype else { throw TrainingError.dtypeMismatch(operation: "layer_norm", expected: p.dtype, got: dtype) }
    }
    let d = normalizedShape.reduce(1, *), rows = d == 0 ? 0 : xShape.reduce(1, *) / d
    let needX = tape.requiresGradient(self)
    let needW = weight.map { tape.requiresGradient($0) } ?? false, needB = bias.map { tape.requiresGradient($0) } ?? false
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let x = T._scalars(value)
      let gamma = weight.map { T._scalars($0.value) }, beta = bias.map { T._scalars($0.value) }
      var means = [Double](repeating: 0, count: rows), rstds = [Double](repeating: 0, count: rows)
      let y: [T] = _makeArray(x.count) { out in
        for r in 0..<rows {
          var s = 0.0, ss = 0.0
          for j in 0..<d { s += Double(x[r * d + j]) }
          let mean = s / Double(d)
          for j in 0..<d { let c = Double(x[r * d + j]) - mean; ss += c * c }
          let rstd = 1 / (ss / Double(d) + eps).squareRoot()
          means[r] = mean
          rstds[r] = rstd
          let scale = T(rstd), shift = T(-rstd * mean)
          for j in 0..<d {
            var v = x[r * d + j] * scale + shift
            if let gamma { v *= gamma[j] }
            if let beta { v += beta[j] }
            out[r * d + j] = v
          }
        }
      }
      let (rowMeans, rowRstds) = (means, rstds)
      let inputs = [self] + [weight, bias].compactMap { $0 }
      return tape.record(T._tensor(xShape, y), inputs: inputs) { gradient in
        let g = T._scalars(gradient)
        var dGamma = [Double](repeating: 0, count: needW ? d : 0), dBeta = [Double](repeating: 0, count: needB ? d : 0)
        let dx: [T] = _makeArray(needX ? x.count : 0) { out in
          for r in 0..<rows {
            let mean = rowMeans[r], rstd = rowRstds[r]
            var sumG = 0.0, sumGX = 0.0
            for j in 0..<d {
              let gj = Double(g[r * d + j]), xhat = (Double(x[r * d + j]) - mean) * rstd
              let ghat = gj * (gamma.map { Double($0[j]) } ?? 1)
              sumG += ghat
              sumGX += ghat * xhat
              if needW { dGamma[j] += gj * xhat }
              if needB { dBeta[j] += gj }
            }
            guard needX else { continue }
            let meanG = sumG / Double(d), meanGX = sumGX / Double(d)
            for j in 0..<d {
              let xhat = (Double(x[r * d + j]) - mean) * rstd
              let ghat = Double(g[r * d + j]) * (gamma.map { Double($0[j]) } ?? 1)
              out[r * d + j] = T(rstd * (ghat - meanG - xhat * meanGX))
            }
          }
        }
        var result: [Tensor?] = [needX ? T._tensor(xShape, dx) : nil]
        if weight != nil { result.append(needW ? T._tensor(normalizedShape, dGamma.map { T($0) }) : nil) }
        if bias != nil { result.append(needB ? T._tensor(normalizedShape, dBeta.map { T($0) }) : nil) }
        return result
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }
}

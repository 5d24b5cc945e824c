extension Variable {
  /// `exp(xᵢ − m)/Σⱼ exp(xⱼ − m)` along `dim`, m the maximum along `dim` (`F.softmax`); gradient
  /// `y ⊙ (g − Σ g⊙y)`.
  ///
  /// - Throws: ``TrainingError/dimensionOutOfRange(dim:rank:)``.
  public func softmax(dim: Int) throws -> Variable { try alongDimension(dim, logarithmic: false) }

  /// `xᵢ − m − log Σⱼ exp(xⱼ − m)` along `dim` (`F.log_softmax`), stable for large inputs; gradient
  /// `g − exp(y)·Σ g`.
  ///
  /// - Throws: ``TrainingError/dimensionOutOfRange(dim:rank:)``.
  public func logSoftmax(dim: Int) throws -> Variable { try alongDimension(dim, logarithmic: true) }

  /// PyTorch's implicit softmax dimension for `dim=None` (`_get_softmax_dim`): 0 for 0-, 1- and 3-D
  /// inputs, else 1.
  public static func legacySoftmaxDimension(rank: Int) -> Int { [0, 1, 3].contains(rank) ? 0 : 1 }

  private func alongDimension(_ dim: Int, logarithmic: Bool) throws -> Variable {
    let shape = self.shape
    let d = try _wrapDimension(dim, rank: shape.count)
    let n = shape.isEmpty ? 1 : shape[d]
    let inner = shape.isEmpty ? 1 : shape[(d + 1)...].reduce(1, *)
    let outer = shape.isEmpty ? 1 : shape[..<d].reduce(1, *)
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let x = T._scalars(value)
      let y: [T] = _makeArray(x.count) { out in
        for o in 0..<outer {
          for i in 0..<inner {
            let base = o * n * inner + i
            var m = -T.infinity
            for k in 0..<n { m = Swift.max(m, x[base + k * inner]) }
            var sum = 0.0
            for k in 0..<n {
              let e = T._exp(x[base + k * inner] - m)
              if !logarithmic { out[base + k * inner] = e }
              sum += Double(e)
            }
            if logarithmic {
              let shift = m + T._log(T(sum))
              for k in 0..<n { out[base + k * inner] = x[base + k * inner] - shift }
            } else {
              let r = 1 / T(sum)
              for k in 0..<n { out[base + k * inner] *= r }
            }
          }
        }
      }
      return tape.record(T._tensor(shape, y), inputs: [self]) { gradient in
        let g = T._scalars(gradient)
        let dx: [T] = _makeArray(x.count) { out in
          for o in 0..<outer {
            for i in 0..<inner {
              let base = o * n * inner + i
              var s = 0.0
              for k in 0..<n {
                let j = base + k * inner
                s += logarithmic ? Double(g[j]) : Double(g[j] * y[j])
              }
              let sum = T(s)
              for k in 0..<n {
                let j = base + k * inner
                out[j] = logarithmic ? g[j] - T._exp(y[j]) * sum : y[j] * (g[j] - sum)
              }
            }
          }
        }
        return [T._tensor(shape, dx)]
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }
}

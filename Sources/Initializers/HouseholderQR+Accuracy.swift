import TensorModule

/// How far a tensor filled by ``orthogonal(_:gain:generator:)`` is from exactly (semi-)orthogonal.
///
/// With X the tensor viewed as rows × (numel/rows) and divided by `gain`, returns the largest absolute
/// entry and the Frobenius norm of G − I, where G = X·Xᵀ if rows < cols (orthonormal rows) and XᵀX
/// otherwise (orthonormal columns). G is computed in double from the stored values, so the figures are
/// the tensor's own error, not the check's: a backward-stable QR gives a small multiple of n·ε
/// (ε = 2⁻²⁴ for float32, 2⁻⁵³ for float64).
public func orthogonalityError(of tensor: Tensor, gain: Double = 1) -> (maxAbs: Double, frobenius: Double) {
  guard tensor.rank >= 2, tensor.count > 0 else { return (0, 0) }
  let rows = tensor.shape[0], cols = tensor.count / rows
  let x = tensor.doubles.map { $0 / gain }
  let size = min(rows, cols)
  var g = [Double](repeating: 0, count: size * size)
  x.withUnsafeBufferPointer { x in
    g.withUnsafeMutableBufferPointer { g in
      // rows < cols: G = X·Xᵀ (rows×rows); otherwise G = XᵀX (cols×cols). X is rows×cols, row-major.
      gemm(
        transposeA: rows >= cols, transposeB: rows < cols, m: size, n: size, k: max(rows, cols),
        a: x.baseAddress!, lda: cols, b: x.baseAddress!, ldb: cols, c: g.baseAddress!, ldc: size)
    }
  }
  var maxAbs = 0.0, sumOfSquares = 0.0
  for i in 0..<size {
    for j in 0..<size {
      let e = g[i * size + j] - (i == j ? 1 : 0)
      maxAbs = max(maxAbs, abs(e))
      sumOfSquares += e * e
    }
  }
  return (maxAbs, sumOfSquares.squareRoot())
}

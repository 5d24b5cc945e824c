import TensorModule

/// The row-major matrix product `op(A)·op(B)` (m×n) of op(A) (m×k) and op(B) (k×n), where `op` transposes
/// when asked: A is stored k×m if `transposeA`, B is stored n×k if `transposeB`.
///
/// All of Training's matrix products go through here to TensorModule's `gemm` (blocked, vectorized,
/// multithreaded; float32 products accumulate in float32 like PyTorch's), so the layers never carry a
/// kernel of their own.
func _matmul<T: TrainingScalar>(
  _ a: [T], _ b: [T], m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false
) -> [T] {
  _makeArray(m * n) { c in _gemm(a, b, into: c, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB) }
}

/// `C = op(A)·op(B) + beta·C` into `c` (m×n, row-major); with `beta == 0` C is only written.
func _gemm<T: TrainingScalar>(
  _ a: [T], _ b: [T], into c: UnsafeMutableBufferPointer<T>, m: Int, n: Int, k: Int, transposeA: Bool = false,
  transposeB: Bool = false, beta: T = 0
) {
  precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "matmul of unchecked shapes")
  guard m > 0, n > 0 else { return }
  guard k > 0 else {
    for i in 0..<(m * n) { c[i] = beta == 0 ? 0 : beta * c[i] }
    return
  }
  a.withUnsafeBufferPointer { a in
    b.withUnsafeBufferPointer { b in
      gemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a.baseAddress!, lda: transposeA ? m : k,
        b: b.baseAddress!, ldb: transposeB ? k : n, beta: beta, c: c.baseAddress!, ldc: n)
    }
  }
}

extension Variable {
  /// The matrix product of two 2-D values (`torch.matmul` / `a @ b`); gradients `g·bᵀ` and `aᵀ·g`.
  ///
  /// - Throws: ``TrainingError/shapeMismatch(operation:shapes:reason:)`` unless `a` is m×k and `b` k×n,
  ///   ``TrainingError/dtypeMismatch(operation:expected:got:)`` for different dtypes.
  public func matmul(_ other: Variable) throws -> Variable {
    try checkSameTape(other, "matmul")
    let (sa, sb) = (shape, other.shape)
    guard sa.count == 2, sb.count == 2, sa[1] == sb[0] else {
      throw TrainingError.shapeMismatch(
        operation: "matmul", shapes: [sa, sb],
        reason: "mat1 and mat2 shapes cannot be multiplied (\(sa.map(String.init).joined(separator: "x")) and \(sb.map(String.init).joined(separator: "x")))")
    }
    guard dtype == other.dtype else { throw TrainingError.dtypeMismatch(operation: "matmul", expected: dtype, got: other.dtype) }
    let (m, k, n) = (sa[0], sa[1], sb[1])
    let needA = tape.requiresGradient(self), needB = tape.requiresGradient(other)
    func run<T: TrainingScalar>(_: T.Type) -> Variable {
      let a = T._scalars(value), b = T._scalars(other.value)
      let y = T._tensor([m, n], _matmul(a, b, m: m, n: n, k: k))
      return tape.record(y, inputs: [self, other]) { gradient in
        let g = T._scalars(gradient)
        return [
          needA ? T._tensor([m, k], _matmul(g, b, m: m, n: k, k: n, transposeB: true)) : nil,
          needB ? T._tensor([k, n], _matmul(a, g, m: k, n: n, k: m, transposeA: true)) : nil,
        ]
      }
    }
    return _byDType(dtype, run(Float.self), run(Double.self))
  }
}

/// Matrix products for 2-D tensors.
extension Tensor {
  /// The matrix product `op(a)·op(b)` of an (m×k) and a (k×n) tensor of the same floating dtype
  /// (`torch.matmul` for 2-D operands), where `op` transposes the stored operand when asked.
  ///
  /// Computed by `gemm` in the operands' dtype (float32 products accumulate in float32 like PyTorch's
  /// CPU matmul), bit-identical for every thread count and ISA path.
  /// - Throws: ``TensorError/dtypeMismatch(expected:got:)`` or ``TensorError/invalidReshape(from:to:)``
  ///   when the dtypes or inner dimensions do not agree.
  public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws -> Tensor {
    guard a.rank == 2, b.rank == 2 else { throw TensorError.invalidReshape(from: a.shape, to: b.shape) }
    guard a.dtype == b.dtype, a.dtype.isFloatingPoint else { throw TensorError.dtypeMismatch(expected: a.dtype, got: b.dtype) }
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard k == k2 else { throw TensorError.invalidReshape(from: a.shape, to: b.shape) }
    switch (a.storage, b.storage) {
    case (.float32(let x), .float32(let y)):
      return try Tensor(shape: [m, n], scalars: product(x, y, m, n, k, transposeA, transposeB, a.shape[1], b.shape[1]))
    case (.float64(let x), .float64(let y)):
      return try Tensor(shape: [m, n], scalars: product(x, y, m, n, k, transposeA, transposeB, a.shape[1], b.shape[1]))
    default:
      throw TensorError.dtypeMismatch(expected: a.dtype, got: b.dtype)
    }
  }

  /// The m×n row-major product of stored operands with row lengths `lda` and `ldb`.
  private static func product<T: GEMMScalar>(
    _ x: [T], _ y: [T], _ m: Int, _ n: Int, _ k: Int, _ transposeA: Bool, _ transposeB: Bool, _ lda: Int, _ ldb: Int
  ) -> [T] {
    guard m > 0, n > 0, k > 0 else { return [T](repeating: 0, count: m * n) }
    return [T](unsafeUninitializedCapacity: m * n) { out, initialized in
      x.withUnsafeBufferPointer { a in
        y.withUnsafeBufferPointer { b in
          _gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a.baseAddress!, lda: lda,
            b: b.baseAddress!, ldb: ldb, beta: 0, c: out.baseAddress!, ldc: n, parts: nil)
        }
      }
      initialized = m * n
    }
  }
}

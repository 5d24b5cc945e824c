/// Matrix products for 2-D tensors.
extension Tensor {
  /// The matrix product `a·b` of an (m×k) and a (k×n) tensor of the same floating dtype (`torch.matmul`
  /// for 2-D operands), optionally with either operand transposed first.
  ///
  /// - Throws: ``TensorError/dtypeMismatch(expected:got:)`` or ``TensorError/invalidReshape(from:to:)``
  ///   when the dtypes or inner dimensions do not agree.
  public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws -> Tensor {
    guard a.rank == 2, b.rank == 2 else { throw TensorError.invalidReshape(from: a.shape, to: b.shape) }
    guard a.dtype == b.dtype, a.dtype.isFloatingPoint else { throw TensorError.dtypeMismatch(expected: a.dtype, got: b.dtype) }
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard k == k2 else { throw TensorError.invalidReshape(from: a.shape, to: b.shape) }
    let x = a.doubles, y = b.doubles
    var out = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
      for p in 0..<k {
        let av = transposeA ? x[p * m + i] : x[i * k + p]
        if av == 0 { continue }
        for j in 0..<n { out[i * n + j] += av * (transposeB ? y[j * k + p] : y[p * n + j]) }
      }
    }
    let result = try Tensor(shape: [m, n], scalars: out)
    return result.converted(to: a.dtype)
  }
}

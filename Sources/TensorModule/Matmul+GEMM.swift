import _Kernels

/// C = alpha·op(A)·op(B) + beta·C on row-major `Float` or `Double` matrices: blocked, packed,
/// vectorized (AVX-512 or AVX2+FMA on x86-64, chosen at run time; scalar C calling `fma` elsewhere)
/// and split over ``Parallel/threadCount`` threads (the caller and a pool of C workers that spin
/// briefly between calls, so back-to-back small products start at once).
///
/// op(A) is m×k: A is stored m×k with row stride `lda` (≥ k), or k×m (`lda` ≥ m) if `transposeA`.
/// op(B) is k×n: B is stored k×n (`ldb` ≥ n), or n×k (`ldb` ≥ k) if `transposeB`. C is m×n (`ldc` ≥ n)
/// and must not overlap A or B. When `beta == 0`, C is only written (NaNs in it do not propagate).
///
/// Numeric guarantee: each element of C is `fma(alpha, acc, beta·c)` where `acc` sums the k products
/// by fused multiply-adds in increasing k, restarted every 256 (`NNINIT_GEMM_KC`) with the partial
/// result folded into C — so the bits are the same for every thread count and every ISA path (AVX-512,
/// AVX2, scalar), and the error is that of a k-term sum in `T` (at most about k·ε·Σ|a·b|).
/// Mirrors BLAS `sgemm`/`dgemm` (row-major); `torch.matmul` computes the same product.
public func gemm<T: GEMMScalar>(
  transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: T = 1,
  a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, beta: T = 0, c: UnsafeMutablePointer<T>, ldc: Int
) {
  _gemm(
    transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
    beta: beta, c: c, ldc: ldc, parts: nil)
}

/// The GEMM with C split into `parts` blocks (fewer if C has fewer micro-tiles; `nil`: as many as
/// ``Parallel/threadCount`` and the size justify). Tests use it to check that every split gives the
/// same bits.
@_spi(Testing) public func _gemm<T: GEMMScalar>(
  transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: T, a: UnsafePointer<T>, lda: Int,
  b: UnsafePointer<T>, ldb: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int, parts: Int?
) {
  precondition(m >= 0 && n >= 0 && k >= 0, "gemm: negative size m=\(m), n=\(n), k=\(k)")
  precondition(lda >= max(1, transposeA ? m : k), "gemm: lda=\(lda) too small for op(A) \(m)×\(k)")
  precondition(ldb >= max(1, transposeB ? k : n), "gemm: ldb=\(ldb) too small for op(B) \(k)×\(n)")
  precondition(ldc >= max(1, n), "gemm: ldc=\(ldc) too small for C \(m)×\(n)")
  precondition(parts.map { $0 > 0 } ?? true, "gemm: parts=\(parts ?? 0) must be positive")
  T._gemm(
    Int32(clamping: Parallel.threadCount), parts ?? 0, transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k, alpha, a, lda,
    b, ldb, beta, c, ldc)
}

/// `Float` and `Double`: the element types of ``gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
public protocol GEMMScalar: BinaryFloatingPoint, Sendable {
  /// The C entry point (`nninit_sgemm_threaded` / `nninit_dgemm_threaded`).
  static func _gemm(
    _ threads: Int32, _ parts: Int, _ transA: Int32, _ transB: Int32, _ m: Int, _ n: Int, _ k: Int, _ alpha: Self,
    _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int, _ beta: Self,
    _ c: UnsafeMutablePointer<Self>, _ ldc: Int)
}

/// `float32` matrix products run by the C kernel `nninit_sgemm_threaded`.
extension Float: GEMMScalar {
  public static func _gemm(
    _ threads: Int32, _ parts: Int, _ transA: Int32, _ transB: Int32, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int
  ) { nninit_sgemm_threaded(threads, parts, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) }
}

/// `float64` matrix products run by the C kernel `nninit_dgemm_threaded`.
extension Double: GEMMScalar {
  public static func _gemm(
    _ threads: Int32, _ parts: Int, _ transA: Int32, _ transB: Int32, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
    _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ beta: Double,
    _ c: UnsafeMutablePointer<Double>, _ ldc: Int
  ) { nninit_dgemm_threaded(threads, parts, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) }
}

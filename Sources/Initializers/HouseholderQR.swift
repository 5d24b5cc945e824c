import TensorModule
import _Kernels

/// The orthonormal factor of a blocked Householder QR, with PyTorch's sign convention.
///
/// For a column-major m×n matrix A (m ≥ n; overwritten) writes the m×n matrix Q·diag(sign(diag R)) of
/// A = Q·R to `q`, column-major or (`rowMajorQ`) row-major — what `torch.linalg.qr(A)` followed by
/// `Q *= sign(diag R)` gives, i.e. the unique Q whose R has a positive diagonal (a zero R_jj zeroes
/// column j, as `sign(0) = 0` does in PyTorch).
///
/// Algorithm (LAPACK `geqrf` + `orgqr`, blocked with compact WY): for each panel of `blockSize`
/// columns, a Householder QR of the panel (itself blocked by `panelBlockSize`, down to the unblocked
/// `nninit_?geqr2` with slarfg's reflectors), its T factor (`nninit_?larft`: H_j···H_{j+b−1} =
/// I − V·T·Vᵀ), and the trailing columns updated as C −= (V·Tᵀ)·(Vᵀ·C) with two GEMMs; then Q = I is
/// built backwards block by block, Q −= (V·T)·(Vᵀ·Q) — or, row-major, Qᵀ −= (Qᵀ·(V·Tᵀ))·Vᵀ. About
/// 4mn² − 4n³/3 flops (8/3·n³ for a square matrix), almost all in the GEMM.
///
/// Numeric guarantee: backward stable like LAPACK — ‖QᵀQ − I‖ is a small multiple of n·ε of the
/// working precision `T` (float32 tensors are factorized in float32, as PyTorch's `sgeqrf`), and the
/// bits are identical for every thread count and ISA path (see `nninit_gemm.h`).
func orthonormalFactor<T: QRScalar>(
  columnMajor a: UnsafeMutablePointer<T>, rows m: Int, columns n: Int, into q: UnsafeMutablePointer<T>,
  rowMajorQ: Bool = false, blockSize: Int, panelBlockSize: Int = 32
) {
  precondition(m >= n && n >= 0, "orthonormalFactor needs rows >= columns, got \(m)×\(n)")
  guard n > 0 else { return }
  let nb = min(blockSize, n), blocks = (n + nb - 1) / nb
  // Workspace: tau, diag(R), the T factor of each block (at b·nb², leading dimension its width), Y, W.
  let workspace = UnsafeMutablePointer<T>.allocate(capacity: 2 * n + blocks * nb * nb + m * nb + nb * n)
  defer { workspace.deallocate() }
  let tau = workspace, rDiagonal = tau + n, factors = rDiagonal + n, y = factors + blocks * nb * nb, w = y + m * nb
  householderQR(a, lda: m, rows: m, columns: n, blockSize: nb, panelBlockSize: panelBlockSize, tau: tau,
                rDiagonal: rDiagonal, factors: factors, y: y, w: w)
  // orgqr: Q = H_0·H_1···H_{n−1}·I[:, 0:n], the last block first; block b only touches Q[j:m, j:n].
  let ldq = rowMajorQ ? n : m  // Q, or Qᵀ when row-major, column-major
  q.update(repeating: 0, count: m * n)
  for i in 0..<n { q[i * ldq + i] = 1 }
  for (block, j) in stride(from: 0, to: n, by: nb).enumerated().reversed() {
    let width = min(nb, n - j), length = m - j, columns = n - j
    let v = a + j * m + j, t = factors + block * nb * nb, qs = q + j * ldq + j
    if rowMajorQ {
      columnMajorGEMM(false, true, length, width, width, 1, v, m, t, width, 0, y, length)  // Y = V·Tᵀ
      columnMajorGEMM(false, false, columns, width, length, 1, qs, n, y, length, 0, w, columns)  // W = Qᵀ·Y
      columnMajorGEMM(false, true, columns, length, width, -1, w, columns, v, m, 1, qs, n)  // Qᵀ −= W·Vᵀ
    } else {
      columnMajorGEMM(false, false, length, width, width, 1, v, m, t, width, 0, y, length)  // Y = V·T
      columnMajorGEMM(true, false, width, columns, length, 1, v, m, qs, m, 0, w, width)  // W = Vᵀ·Q
      columnMajorGEMM(false, false, length, columns, width, -1, y, length, w, width, 1, qs, m)  // Q −= Y·W
    }
  }
  // Q·diag(sign(diag R)), sign(0) = 0.
  for c in 0..<n { rDiagonal[c] = rDiagonal[c] > 0 ? 1 : (rDiagonal[c] < 0 ? -1 : 0) }
  if rowMajorQ {
    for i in 0..<m { for c in 0..<n { q[i &* n &+ c] *= rDiagonal[c] } }
  } else {
    for c in 0..<n where rDiagonal[c] != 1 { for i in 0..<m { q[c &* m &+ i] *= rDiagonal[c] } }
  }
}

/// geqrf: the blocked Householder QR of the column-major m×n matrix at `a` (leading dimension `lda`,
/// m ≥ n) in place — explicit V in its columns, `tau`, diag(R) in `rDiagonal`, the T factor of block b
/// at `factors + b·nb²` (leading dimension its width). A panel wider than `panelBlockSize` is factored
/// by this same routine in blocks of that width (two-level blocking keeps the level-2 work on narrow,
/// cache-resident panels); narrower ones by `geqr2`. `y` (m·nb) and `w` (nb·n) are scratch.
private func householderQR<T: QRScalar>(
  _ a: UnsafeMutablePointer<T>, lda: Int, rows m: Int, columns n: Int, blockSize nb: Int, panelBlockSize: Int,
  tau: UnsafeMutablePointer<T>, rDiagonal: UnsafeMutablePointer<T>, factors: UnsafeMutablePointer<T>,
  y: UnsafeMutablePointer<T>, w: UnsafeMutablePointer<T>
) {
  let inner = min(panelBlockSize, nb)
  let innerFactors = UnsafeMutablePointer<T>.allocate(capacity: (nb + inner - 1) / inner * inner * inner)
  defer { innerFactors.deallocate() }
  for (block, j) in stride(from: 0, to: n, by: nb).enumerated() {
    let width = min(nb, n - j), length = m - j, trailing = n - j - width
    let v = a + j * lda + j, t = factors + block * nb * nb
    if width > inner {
      householderQR(v, lda: lda, rows: length, columns: width, blockSize: inner, panelBlockSize: inner, tau: tau + j,
                    rDiagonal: rDiagonal + j, factors: innerFactors, y: y, w: w)
      // Zero R's part above the sub-blocks' diagonals, so the panel holds V explicitly.
      for column in inner..<width { (v + column * lda).update(repeating: 0, count: column / inner * inner) }
    } else {
      T._geqr2(length, width, v, lda, tau + j, rDiagonal + j)
    }
    T._larft(length, width, v, lda, tau + j, t, width)
    guard trailing > 0 else { continue }
    let c = a + (j + width) * lda + j
    columnMajorGEMM(false, true, length, width, width, 1, v, lda, t, width, 0, y, length)  // Y = V·Tᵀ
    columnMajorGEMM(true, false, width, trailing, length, 1, v, lda, c, lda, 0, w, width)  // W = Vᵀ·C
    columnMajorGEMM(false, false, length, trailing, width, -1, y, length, w, width, 1, c, lda)  // C −= Y·W
  }
}

/// C = alpha·op(A)·op(B) + beta·C on column-major matrices: the row-major GEMM of the transposes,
/// Cᵀ = op(B)ᵀ·op(A)ᵀ (a column-major matrix is its transpose in row-major storage).
@inline(__always)
private func columnMajorGEMM<T: QRScalar>(
  _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: T, _ a: UnsafePointer<T>,
  _ lda: Int, _ b: UnsafePointer<T>, _ ldb: Int, _ beta: T, _ c: UnsafeMutablePointer<T>, _ ldc: Int
) {
  gemm(
    transposeA: transposeB, transposeB: transposeA, m: n, n: m, k: k, alpha: alpha, a: b, lda: ldb, b: a, ldb: lda,
    beta: beta, c: c, ldc: ldc)
}

/// `Float` and `Double`: the unblocked QR kernels of `nninit_gemm.h` for each.
protocol QRScalar: GEMMScalar {
  static func _geqr2(
    _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Self>, _ lda: Int, _ tau: UnsafeMutablePointer<Self>,
    _ rDiagonal: UnsafeMutablePointer<Self>)
  static func _larft(
    _ m: Int, _ k: Int, _ v: UnsafePointer<Self>, _ ldv: Int, _ tau: UnsafePointer<Self>,
    _ t: UnsafeMutablePointer<Self>, _ ldt: Int)
}

extension Float: QRScalar {
  static func _geqr2(
    _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Float>, _ lda: Int, _ tau: UnsafeMutablePointer<Float>,
    _ rDiagonal: UnsafeMutablePointer<Float>
  ) { nninit_sgeqr2(m, n, a, lda, tau, rDiagonal) }
  static func _larft(
    _ m: Int, _ k: Int, _ v: UnsafePointer<Float>, _ ldv: Int, _ tau: UnsafePointer<Float>,
    _ t: UnsafeMutablePointer<Float>, _ ldt: Int
  ) { nninit_slarft(m, k, v, ldv, tau, t, ldt) }
}

extension Double: QRScalar {
  static func _geqr2(
    _ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Double>, _ lda: Int, _ tau: UnsafeMutablePointer<Double>,
    _ rDiagonal: UnsafeMutablePointer<Double>
  ) { nninit_dgeqr2(m, n, a, lda, tau, rDiagonal) }
  static func _larft(
    _ m: Int, _ k: Int, _ v: UnsafePointer<Double>, _ ldv: Int, _ tau: UnsafePointer<Double>,
    _ t: UnsafeMutablePointer<Double>, _ ldt: Int
  ) { nninit_dlarft(m, k, v, ldv, tau, t, ldt) }
}

import RandomModule
import TensorModule

/// Fills `tensor` with a (semi-)orthogonal matrix (Saxe et al., 2013), scaled by `gain`.
///
/// As PyTorch: `rows = size(0)`, `cols = numel/rows`; draw A (rows×cols) from `normal_(0, 1)`; factor
/// Aᵀ if rows < cols; take Q·diag(sign(diag R)) of A = QR; transpose back; reshape; multiply by `gain`
/// (rounded to the dtype). So the rows (rows ≤ cols) or columns (rows ≥ cols) are orthonormal·gain.
///
/// The draws are bit-exact with PyTorch. The QR is NNInit's blocked Householder QR (LAPACK's
/// `geqrf`/`orgqr` algorithm, see `orthonormalFactor`) in the tensor's dtype, as PyTorch's LAPACK call
/// is; the values agree with PyTorch's to rounding (≤ 1e-5 absolute in float32, 1e-12 in float64 on the
/// fixtures), ‖QᵀQ − I‖ is that of LAPACK (`orthogonalityError(of:gain:)` measures it), and the bits
/// are the same for every thread count and ISA path.
/// - Throws: ``InitError/unsupportedRank(function:expected:shape:)`` for fewer than 2 dimensions.
/// Mirrors `torch.nn.init.orthogonal_(tensor, gain=1, generator=None)`.
public func orthogonal(_ tensor: inout Tensor, gain: Double = 1, generator: (any RandomGenerator)? = nil) throws {
  try Initializer.orthogonal(gain: gain).apply(to: &tensor, generator: generator)
}

/// The sequential executor's `orthogonal(gain)` step (arguments checked by `Initializer.fill(for:dtype:)`).
func fillOrthogonal(_ tensor: inout Tensor, gain: Double, generator: any RandomGenerator) throws {
  guard tensor.count > 0 else { return }
  let rows = tensor.shape[0], cols = tensor.count / rows
  var flat = try Tensor(zeros: [rows, cols], dtype: tensor.dtype)
  try Fill.normal(mean: 0, std: 1).apply(to: &flat, generator: generator)
  switch flat.storage {
  case .float32(let values): tensor.withMutableFloat32 { orthogonalMatrix(values, rows: rows, columns: cols, into: $0) }
  case .float64(let values): tensor.withMutableFloat64 { orthogonalMatrix(values, rows: rows, columns: cols, into: $0) }
  case .int64: preconditionFailure("normal_ accepted an integer tensor")
  }
  if gain != 1 { tensor.scale(by: gain) }  // x·1 = x exactly
}

/// The rows×cols row-major Q·diag(sign(diag R)) of `values` (rows ≥ cols), or of its transpose
/// transposed back (rows < cols), written to `out`; `blockSize` columns per QR panel (default: 96, or
/// 160 past 2048 columns, where fewer, wider panels save passes over the matrix — measured ≈ 8 % at
/// 4096², none at 1024²).
func orthogonalMatrix<T: QRScalar>(
  _ values: [T], rows: Int, columns: Int, into out: UnsafeMutableBufferPointer<T>, blockSize: Int? = nil
) {
  let (m, n) = rows < columns ? (columns, rows) : (rows, columns)
  let a = UnsafeMutablePointer<T>.allocate(capacity: m * n)
  defer { a.deallocate() }
  values.withUnsafeBufferPointer { values in
    // A column-major is Aᵀ row-major: `values` itself when we factor its transpose.
    if rows < columns { a.update(from: values.baseAddress!, count: m * n) }
    else { transpose(values.baseAddress!, rows: rows, columns: columns, into: a) }
  }
  // The result is Qᵀ row-major = Q column-major (rows < cols), or Q row-major.
  orthonormalFactor(
    columnMajor: a, rows: m, columns: n, into: out.baseAddress!, rowMajorQ: rows >= columns,
    blockSize: blockSize ?? (n > 2048 ? 160 : 96))
}

/// dst (columns×rows, row-major) = srcᵀ for src rows×columns row-major: strips of 8 source rows read
/// as 8 sequential streams, each destination row written 8 contiguous elements at a time.
private func transpose<T>(_ src: UnsafePointer<T>, rows: Int, columns: Int, into dst: UnsafeMutablePointer<T>) {
  for i0 in stride(from: 0, to: rows, by: 8) {
    let height = min(8, rows &- i0)
    for j in 0..<columns {
      let from = src + (i0 &* columns &+ j), to = dst + (j &* rows &+ i0)
      for i in 0..<height { to[i] = from[i &* columns] }
    }
  }
}

import RandomModule
import TensorModule

/// Fills `tensor` with a (semi-)orthogonal matrix (Saxe et al., 2013), scaled by `gain`.
///
/// As PyTorch: `rows = size(0)`, `cols = numel/rows`; draw A (rows×cols) from `normal_(0, 1)`; factor
/// Aᵀ if rows < cols; Q·diag(sign(diag R)); transpose back; reshape; multiply by `gain` (rounded to the
/// dtype). The draws are bit-exact with PyTorch; the QR is a double-precision Householder QR where
/// PyTorch calls LAPACK, so values agree to ~1e-6 (float32), not bit for bit.
/// - Throws: ``InitError/unsupportedRank(function:expected:shape:)`` for fewer than 2 dimensions.
/// Mirrors `torch.nn.init.orthogonal_(tensor, gain=1, generator=None)`.
public func orthogonal(_ tensor: inout Tensor, gain: Double = 1, generator: (any RandomGenerator)? = nil) throws {
  guard tensor.rank >= 2 else {
    throw InitError.unsupportedRank(function: "orthogonal_", expected: "2 or more", shape: tensor.shape)
  }
  guard tensor.count > 0 else { return }
  let rows = tensor.shape[0], cols = tensor.count / rows
  var flat = try Tensor(zeros: [rows, cols], dtype: tensor.dtype)
  try flat.normal_(mean: 0, std: 1, generator: generator)
  let values = flat.doubles
  let transposed = rows < cols
  let (m, n) = transposed ? (cols, rows) : (rows, cols)
  let a = transposed ? (0..<(m * n)).map { values[($0 % n) * cols + $0 / n] } : values
  let (q, diagonal) = householderQR(a, rows: m, columns: n)
  for index in 0..<(rows * cols) {
    let (i, j) = transposed ? (index % cols, index / cols) : (index / cols, index % cols)
    let column = j
    let sign: Double = diagonal[column] > 0 ? 1 : (diagonal[column] < 0 ? -1 : 0)
    tensor[linear: index] = q[i * n + j] * sign
  }
  tensor.scale(by: gain)
}

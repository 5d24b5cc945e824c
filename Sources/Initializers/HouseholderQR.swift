/// The reduced QR factorization of a tall matrix by Householder reflections, in double.
///
/// For a row-major m×n matrix A with m ≥ n, returns Q (m×n, orthonormal columns, row-major) and the
/// diagonal of R, with LAPACK's convention (`geqrf`: reflector `β = −sign(x₀)‖x‖`). Used by
/// ``orthogonal(_:gain:generator:)``, which multiplies column j of Q by sign(R_jj) so the result does not
/// depend on the convention.
func householderQR(_ a: [Double], rows m: Int, columns n: Int) -> (q: [Double], rDiagonal: [Double]) {
  precondition(m >= n, "householderQR needs rows >= columns")
  var r = a
  var reflectors: [[Double]] = []
  var diagonal = [Double](repeating: 0, count: n)
  for k in 0..<n {
    var v = (k..<m).map { r[$0 * n + k] }
    let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let beta = v[0] >= 0 ? -norm : norm
    diagonal[k] = norm == 0 ? 0 : beta
    v[0] -= beta
    let vNorm2 = v.reduce(0) { $0 + $1 * $1 }
    if norm == 0 || vNorm2 == 0 {
      reflectors.append([])
      continue
    }
    for j in k..<n {
      var dot = 0.0
      for i in k..<m { dot += v[i - k] * r[i * n + j] }
      let f = 2 * dot / vNorm2
      for i in k..<m { r[i * n + j] -= f * v[i - k] }
    }
    reflectors.append(v.map { $0 / vNorm2.squareRoot() })
  }
  // Q = H_0 H_1 … H_{n-1} applied to the first n columns of the identity.
  var q = [Double](repeating: 0, count: m * n)
  for j in 0..<n { q[j * n + j] = 1 }
  for k in stride(from: n - 1, through: 0, by: -1) where !reflectors[k].isEmpty {
    let v = reflectors[k]
    for j in 0..<n {
      var dot = 0.0
      for i in k..<m { dot += v[i - k] * q[i * n + j] }
      for i in k..<m { q[i * n + j] -= 2 * dot * v[i - k] }
    }
  }
  return (q, diagonal)
}

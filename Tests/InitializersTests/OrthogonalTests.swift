@testable import Initializers
import RandomModule
import TensorModule
import Testing
import _Kernels

/// The blocked Householder QR behind `orthogonal_`: orthonormality, PyTorch's sign convention
/// (R = QᵀA upper triangular with a positive diagonal), agreement with an unblocked double-precision
/// Householder QR, and identical bits on every ISA path and thread count.
@Suite(.serialized) struct OrthogonalTests {
  /// Both orientations, one and several panels (with block sizes 8 and 96).
  static let shapes: [(Int, Int)] = [
    (1, 1), (1, 9), (9, 1), (5, 3), (3, 5), (8, 8), (17, 17), (40, 23), (23, 40), (90, 61),
  ]

  static func normals<T: QRScalar>(_ count: Int, seed: UInt64) throws -> [T] {
    var t = try Tensor(zeros: [count], dtype: .float64)
    try t.normal_(mean: 0, std: 1, generator: TorchGenerator(seed: seed))
    return t.doubles.map { T($0) }
  }

  static func orthogonalMatrix<T: QRScalar>(_ values: [T], _ rows: Int, _ columns: Int, blockSize: Int = 96) -> [T] {
    [T](unsafeUninitializedCapacity: rows * columns) { out, count in
      Initializers.orthogonalMatrix(values, rows: rows, columns: columns, into: out, blockSize: blockSize)
      count = rows * columns
    }
  }

  /// The unblocked double-precision Householder QR NNInit used before (the oracle): Q·diag(sign(diag R))
  /// of the tall orientation, returned rows×cols row-major like `orthogonalMatrix`.
  static func reference(_ values: [Double], _ rows: Int, _ columns: Int) -> [Double] {
    let transposed = rows < columns, (m, n) = transposed ? (columns, rows) : (rows, columns)
    var r = (0..<(m * n)).map { transposed ? values[($0 % n) * columns + $0 / n] : values[$0] }  // m×n row-major
    var q = [Double](repeating: 0, count: m * n), reflectors: [[Double]] = [], sign = [Double](repeating: 0, count: n)
    for j in 0..<n { q[j * n + j] = 1 }
    for k in 0..<n {
      var v = (k..<m).map { r[$0 * n + k] }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot(), beta = v[0] >= 0 ? -norm : norm
      sign[k] = norm == 0 ? 0 : (beta > 0 ? 1 : -1)
      v[0] -= beta
      let v2 = v.reduce(0) { $0 + $1 * $1 }
      reflectors.append(v2 == 0 ? [] : v.map { $0 / v2.squareRoot() })
      for j in k..<n where v2 != 0 {
        let f = 2 * (k..<m).reduce(0) { $0 + v[$1 - k] * r[$1 * n + j] } / v2
        for i in k..<m { r[i * n + j] -= f * v[i - k] }
      }
    }
    for k in stride(from: n - 1, through: 0, by: -1) where !reflectors[k].isEmpty {
      let v = reflectors[k]
      for j in 0..<n {
        let dot = (k..<m).reduce(0) { $0 + v[$1 - k] * q[$1 * n + j] }
        for i in k..<m { q[i * n + j] -= 2 * dot * v[i - k] }
      }
    }
    return (0..<(rows * columns)).map { index in
      let (i, j) = transposed ? (index % columns, index / columns) : (index / columns, index % columns)
      return q[i * n + j] * sign[j]
    }
  }

  @Test(arguments: shapes) func doubleMatchesTheUnblockedReference(rows: Int, columns: Int) throws {
    let a: [Double] = try Self.normals(rows * columns, seed: 7)
    let expected = Self.reference(a, rows, columns)
    for blockSize in [8, 96] {
      let q = Self.orthogonalMatrix(a, rows, columns, blockSize: blockSize)
      let diff = zip(q, expected).map { abs($0 - $1) }.max() ?? 0
      #expect(diff < 1e-12, "\(rows)×\(columns), block \(blockSize): max abs diff \(diff)")
    }
  }

  @Test(arguments: shapes) func floatMatchesTheReferenceToFloatRounding(rows: Int, columns: Int) throws {
    let a: [Float] = try Self.normals(rows * columns, seed: 8)
    let expected = Self.reference(a.map(Double.init), rows, columns)
    for blockSize in [8, 96] {
      let q = Self.orthogonalMatrix(a, rows, columns, blockSize: blockSize)
      let diff = zip(q, expected).map { abs(Double($0) - $1) }.max() ?? 0
      #expect(diff < 1e-5, "\(rows)×\(columns), block \(blockSize): max abs diff \(diff)")
    }
  }

  @Test(arguments: [(120, 100), (100, 120)]) func signConventionGivesPositiveDiagonalR(rows: Int, columns: Int) throws {
    // For the tall orientation A (m×n) = Q·R: R = QᵀA must be upper triangular with R_jj > 0.
    let a: [Double] = try Self.normals(rows * columns, seed: 9)
    let q = Self.orthogonalMatrix(a, rows, columns)
    let (m, n) = rows < columns ? (columns, rows) : (rows, columns)
    func at(_ x: [Double], _ i: Int, _ j: Int) -> Double { rows < columns ? x[j * columns + i] : x[i * columns + j] }
    for i in 0..<n {
      for j in 0...i {
        let r = (0..<m).reduce(0.0) { $0 + at(q, $1, i) * at(a, $1, j) }
        if i == j { #expect(r > 0) } else { #expect(abs(r) < 1e-10) }
      }
    }
  }

  @Test(arguments: [DType.float32, .float64]) func sameBitsOnEveryPathAndThreadCount(dtype: DType) throws {
    let savedThreads = Parallel.threadCount
    defer { Parallel.threadCount = savedThreads; nninit_force_isa(-1) }
    var results: [Tensor] = []
    for isa in 0...Int32(nninit_detected_isa().rawValue) {
      nninit_force_isa(isa)
      for threads in [1, 2, 3] {
        Parallel.threadCount = threads
        var t = try Tensor(zeros: [110, 200], dtype: dtype)
        try orthogonal(&t, gain: 2, generator: TorchGenerator(seed: 3))
        results.append(t)
      }
    }
    #expect(results.allSatisfy { $0 == results[0] })
    let error = orthogonalityError(of: results[0], gain: 2)
    #expect(error.maxAbs < (dtype == .float32 ? 1e-5 : 1e-13), "‖QQᵀ − I‖max = \(error.maxAbs)")
    #expect(error.frobenius < (dtype == .float32 ? 1e-4 : 1e-12), "‖QQᵀ − I‖F = \(error.frobenius)")
  }

  @Test func orthogonalityErrorMeasuresTheDeviation() throws {
    let identity = try Tensor(shape: [2, 3], scalars: [1, 0, 0, 0, 1, 0] as [Double])
    #expect(orthogonalityError(of: identity) == (0, 0))
    let scaled = try Tensor(shape: [2, 2], scalars: [2, 0, 0, 1] as [Double])  // G − I = diag(3, 0)
    #expect(orthogonalityError(of: scaled) == (3, 3))
    #expect(orthogonalityError(of: scaled, gain: 2).maxAbs == 0.75)
  }
}

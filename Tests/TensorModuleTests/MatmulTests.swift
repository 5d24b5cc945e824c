@_spi(Testing) import TensorModule
import Testing
import _Kernels

/// The GEMM against a double-precision reference, on every ISA path and for several splits of C
/// across threads; every path and split must give the same bits.
@Suite(.serialized) struct MatmulTests {
  struct Shape: CustomStringConvertible, Sendable {
    var m: Int, n: Int, k: Int
    var description: String { "\(m)×\(n)×\(k)" }
  }

  static let shapes = [
    Shape(m: 1, n: 1, k: 1), Shape(m: 1, n: 7, k: 3), Shape(m: 3, n: 5, k: 7), Shape(m: 17, n: 33, k: 65),
    Shape(m: 100, n: 7, k: 3), Shape(m: 7, n: 100, k: 1), Shape(m: 13, n: 31, k: 300), Shape(m: 64, n: 64, k: 513),
    Shape(m: 30, n: 1100, k: 40), Shape(m: 256, n: 256, k: 256),
  ]
  /// (alpha, beta) pairs: plain product, scaled accumulate, subtract-and-keep.
  static let scalings: [(Double, Double)] = [(1, 0), (1.5, 0.5), (-2, 1)]

  /// ISA paths this CPU can run, slowest first.
  static var paths: [Int32] { (0...Int32(nninit_detected_isa().rawValue)).map { $0 } }

  /// Deterministic values in [-1, 1).
  static func values<T: GEMMScalar>(_ count: Int, seed: UInt64) -> [T] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    return (0..<count).map { _ in
      state ^= state << 13; state ^= state >> 7; state ^= state << 17
      return T(Double(state >> 11) / Double(1 << 52) - 1)
    }
  }

  /// Runs every (ISA, split) combination and checks them against the reference and each other.
  func check<T: GEMMScalar>(_: T.Type, _ s: Shape, transposeA: Bool, transposeB: Bool, alpha: Double, beta: Double,
                            padding: Int = 0, tolerance: Double) {
    let (lda, ldb, ldc) = ((transposeA ? s.m : s.k) + padding, (transposeB ? s.k : s.n) + padding, s.n + padding)
    let a: [T] = Self.values((transposeA ? s.k : s.m) * lda, seed: 1)
    let b: [T] = Self.values((transposeB ? s.n : s.k) * ldb, seed: 2)
    var c0: [T] = Self.values(s.m * ldc, seed: 3)
    if beta == 0 { c0 = c0.map { _ in .nan } }  // C must not be read
    var results: [[T]] = []
    defer { nninit_force_isa(-1) }
    for isa in Self.paths {
      nninit_force_isa(isa)
      for parts in [1, 2, 3] {
        var c = c0
        a.withUnsafeBufferPointer { a in
          b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
              _gemm(
                transposeA: transposeA, transposeB: transposeB, m: s.m, n: s.n, k: s.k, alpha: T(alpha),
                a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb, beta: T(beta), c: c.baseAddress!,
                ldc: ldc, parts: parts)
            }
          }
        }
        results.append(c)
      }
    }
    let first = results[0]
    #expect(results.allSatisfy { $0.elementsEqual(first) { $0 == $1 || ($0.isNaN && $1.isNaN) } },
            "\(s) tA=\(transposeA) tB=\(transposeB): ISA paths or splits differ")
    // The reference in double, with op(A) and op(B) laid out row-major first (unsafe buffers keep the
    // unoptimized test build fast).
    func element(_ x: [T], _ ld: Int, _ transposed: Bool, _ i: Int, _ j: Int) -> Double {
      Double(transposed ? x[j * ld + i] : x[i * ld + j])
    }
    let opA = (0..<(s.m * s.k)).map { element(a, lda, transposeA, $0 / s.k, $0 % s.k) }
    let opB = (0..<(s.k * s.n)).map { element(b, ldb, transposeB, $0 / s.n, $0 % s.n) }
    var worst = 0.0
    opA.withUnsafeBufferPointer { x in
      opB.withUnsafeBufferPointer { y in
        for i in 0..<s.m {
          for j in 0..<s.n {
            var exact = beta == 0 ? 0 : beta * Double(c0[i * ldc + j]), scale = abs(exact)
            for p in 0..<s.k {
              let product = alpha * x[i &* s.k &+ p] * y[p &* s.n &+ j]
              exact += product
              scale += abs(product)
            }
            worst = max(worst, abs(Double(first[i * ldc + j]) - exact) / max(scale, .leastNormalMagnitude))
          }
          for j in s.n..<ldc {
            let (after, before) = (first[i * ldc + j], c0[i * ldc + j])
            #expect(after == before || (after.isNaN && before.isNaN), "padding of C was written")
          }
        }
      }
    }
    #expect(
      worst <= tolerance, "\(s) tA=\(transposeA) tB=\(transposeB) alpha=\(alpha) beta=\(beta): relative error \(worst)")
  }

  @Test(arguments: shapes) func floatMatchesReferenceOnEveryPathAndSplit(shape: Shape) {
    for transposeA in [false, true] {
      for transposeB in [false, true] {
        for (alpha, beta) in shape.m * shape.n * shape.k > 1 << 20 ? [Self.scalings[1]] : Self.scalings {
          check(
            Float.self, shape, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: beta,
            tolerance: 1e-5)
        }
      }
    }
  }

  @Test(arguments: shapes.filter { $0.m * $0.n * $0.k <= 1 << 20 })
  func doubleMatchesReferenceOnEveryPathAndSplit(shape: Shape) {
    for transposeA in [false, true] {
      for transposeB in [false, true] {
        check(
          Double.self, shape, transposeA: transposeA, transposeB: transposeB, alpha: 1.5, beta: 0.5, tolerance: 1e-13)
      }
    }
  }

  @Test func leadingDimensionsLargerThanTheMatrix() {
    for (transposeA, transposeB) in [(false, false), (true, true), (false, true)] {
      check(Float.self, Shape(m: 29, n: 37, k: 270), transposeA: transposeA, transposeB: transposeB, alpha: 1, beta: 1,
            padding: 5, tolerance: 1e-5)
    }
  }

  @Test func emptyDepthScalesC() {
    var c: [Float] = [1, 2, 3, 4]
    let a: [Float] = [0], b: [Float] = [0]
    _gemm(
      transposeA: false, transposeB: false, m: 2, n: 2, k: 0, alpha: 1, a: a, lda: 1, b: b, ldb: 2, beta: 0.5, c: &c,
      ldc: 2, parts: nil)
    #expect(c == [0.5, 1, 1.5, 2])
  }
}

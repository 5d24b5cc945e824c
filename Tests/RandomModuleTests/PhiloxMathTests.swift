import Foundation
@_spi(Testing) import RandomModule
import RandomSpecification
import Testing

/// Accuracy of ``PhiloxMath`` against libm (which it must not call, but may be checked against).
@Suite struct PhiloxMathTests {
  /// Distance in units in the last place.
  static func ulps(_ x: Double, _ reference: Double) -> Double {
    if x == reference { return 0 }
    return abs(x - reference) / reference.ulp
  }

  /// Deterministic test points from a Philox stream.
  static func points(_ count: Int, stream: PhiloxGenerator.Stream = .uniform) -> [Double] {
    let g = PhiloxGenerator(seed: 99, path: "math")
    var d = [Double](repeating: 0, count: count)
    d.withUnsafeMutableBufferPointer { g.fillUniform($0, from: 0, to: 1) }
    return d
  }

  /// fdlibm's log is within 1 ulp of the true value, so it may differ from glibc's by one ulp.
  @Test func logWithinOneUlp() {
    var inputs = PhiloxMathTests.points(20_000).map { 1 - $0 }  // (0, 1], as Box–Muller uses it
    inputs += PhiloxMathTests.points(2_000).map { exp2(-1074 * $0) }  // down to subnormals
    inputs += [1, 0x1p-53, 0x1p-1074, Double.leastNormalMagnitude, 0.5, 2, 0.7071067811865476, 1.4142135623730951, 1e300]
    for x in inputs {
      #expect(PhiloxMathTests.ulps(PhiloxMath.log(x), Foundation.log(x)) <= 1, "log(\(x))")
    }
  }

  @Test func expWithinTwoUlps() {
    let inputs = PhiloxMathTests.points(20_000).map { -708 * $0 } + [0, -1, -0.5, -1e-300, -745, -746]
    for x in inputs {
      let reference = Foundation.exp(x)
      if reference < Double.leastNormalMagnitude {
        #expect(abs(PhiloxMath.exp(x) - reference) <= reference.ulp, "exp(\(x))")
      } else {
        #expect(PhiloxMathTests.ulps(PhiloxMath.exp(x), reference) < 2, "exp(\(x))")
      }
    }
  }

  @Test func sinCosWithin1e15() {
    var turns: [UInt64] = [0, 1, 1 << 50, 1 << 51, (1 << 51) - 1, 1 << 52, 3 << 51, (1 << 53) - 1]
    turns += PhiloxMathTests.points(20_000).map { UInt64($0 * 0x1p53) }
    for m in turns {
      let theta = 2 * Double.pi * Double(m) * 0x1p-53
      let (s, c) = PhiloxMath.sinCos(turns53: m)
      #expect(abs(s - sin(theta)) < 1e-15 && abs(c - cos(theta)) < 1e-15, "m = \(m)")
    }
  }

  /// Against glibc's `erfc`, whose tail error reaches ~1e-13 (Cody's is ~2e-16 against mpmath).
  @Test func normalCDFMatchesErfc() {
    let inputs = PhiloxMathTests.points(10_000).map { -40 + 80 * $0 } + [0, -0.67448975, 5.65685, -37.5, 8.5]
    for x in inputs {
      let lower = 0.5 * erfc(-x / 2.0.squareRoot()), upper = 0.5 * erfc(x / 2.0.squareRoot())
      let (l, u) = PhiloxMath.normalCDF(x)
      let tolerance = 1e-15 * (1 + x * x)  // rounding x/√2 costs erfc ~x²·2⁻⁵³ relative
      #expect(abs(l - lower) <= tolerance * lower + 1e-300 && abs(u - upper) <= tolerance * upper + 1e-300, "Φ(\(x))")
    }
  }

  @Test func inverseNormalCDFRoundTrips() {
    var probabilities = PhiloxMathTests.points(10_000)
    probabilities += PhiloxMathTests.points(2_000).map { exp2(-1000 * $0) }  // deep lower tail
    for p in probabilities where p > 0 {
      let z = PhiloxMath.inverseNormalCDF(p)
      // Φ(z) = p to ~1e-14 relative, measured in z: |Δz| ≤ 1e-14·p/φ(z) + 1e-15·|z|.
      let back = PhiloxMath.normalCDF(z).lower
      let density = Foundation.exp(-z * z / 2) / (2 * Double.pi).squareRoot()
      #expect(abs(back - p) / density <= 1e-14 * p / density + 1e-15 * abs(z), "Φ⁻¹(\(p)) = \(z)")
    }
    #expect(PhiloxMath.inverseNormalCDF(0.5) == 0)
    #expect(PhiloxMath.inverseNormalCDF(0) == -.infinity && PhiloxMath.inverseNormalCDF(1) == .infinity)
    #expect(abs(PhiloxMath.inverseNormalCDF(0.975) - 1.959963984540054) < 1e-15)
  }

  // ---- The binary32 Box–Muller of the float32 normal ----

  /// Inputs Box–Muller passes, u = j·2⁻²⁴ (the smallest and largest 4096 j and every 61st between),
  /// against double-precision log.
  @Test func logfWithinTwoUlpsOnBoxMullerInputs() {
    var worst: Double = 0
    for j in Array(1...4096) + Array(stride(from: 4097, to: (1 << 24) - 4096, by: 61)) + Array(((1 << 24) - 4096)...(1 << 24)) {
      let u = Float(j) * 0x1p-24
      let reference = Foundation.log(Double(u))
      let error = abs(Double(PhiloxMath.logf(u)) - reference) / Double(Float(reference).ulp == 0 ? Float.leastNonzeroMagnitude : Float(reference).ulp)
      worst = max(worst, reference == 0 ? abs(Double(PhiloxMath.logf(u))) : error)
    }
    #expect(worst <= 2, "max error \(worst) ulp")
  }

  /// sin and cos of every 7th 2⁻²⁴ turn within 2⁻²³ (the binary32 ulp of 1) of double precision (all
  /// 2²⁴ are checked for identity across ISA paths in `PhiloxKernelTests`).
  @Test func sinCosTurns24WithinFloatPrecision() {
    var worst: Double = 0
    for m in stride(from: UInt32(0), to: 1 << 24, by: 7) {
      let theta = 2 * Double.pi * Double(m) * 0x1p-24
      let (s, c) = PhiloxMath.sinCos(turns24: m)
      worst = max(worst, abs(Double(s) - sin(theta)), abs(Double(c) - cos(theta)))
    }
    #expect(worst < 0x1p-23, "max error \(worst)")
  }
}

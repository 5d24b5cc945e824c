@_spi(Testing) import RandomModule

/// The float32 `log` and `sincos` approximations of PyTorch's AVX2 `normal_` kernel.
///
/// Mirrors `log256_ps` and `sincos256_ps` from `aten/src/ATen/native/cpu/avx_mathfun.h` (Cephes
/// polynomials) lane by lane, with the fused multiply-adds GCC places when it compiles them with
/// `-mavx2 -mfma`. Every operation is an IEEE float32 `+ − × / fma`, so the results are the same on
/// any machine. Not correctly rounded: this reproduces PyTorch's bits, not the true log/sin/cos.
/// The specification of the C kernels `Sources/_Kernels/torch_normal*.c` (which ``TorchGenerator``
/// runs), used by the reference fills the kernels are tested against.
enum CephesMath {
  static let sqrtHalf = Float(0.707106781186547524)
  static let logP: [Float] = [
    7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
    -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
  ]
  static let logQ1 = Float(-2.12194440e-4)
  static let logQ2 = Float(0.693359375)
  static let dp1 = Float(-0.78515625)
  static let dp2 = Float(-2.4187564849853515625e-4)
  static let dp3 = Float(-3.77489497744594108e-8)
  static let sinS0 = Float(-1.9515295891e-4)
  static let sinS1 = Float(8.3321608736e-3)
  static let sinS2 = Float(-1.6666654611e-1)
  static let cosC0 = Float(2.443315711809948e-5)
  static let cosC1 = Float(-1.388731625493765e-3)
  static let cosC2 = Float(4.166664568298827e-2)
  static let fourOverPi = Float(1.27323954473516)

  /// `log256_ps` for one lane, for x in (0, 1].
  @inline(__always)
  static func log(_ input: Float) -> Float {
    var x = max(input, Float(bitPattern: 0x0080_0000))
    let exponentBits = Int32(bitPattern: x.bitPattern >> 23)
    x = Float(bitPattern: (x.bitPattern & ~0x7F80_0000) | Float(0.5).bitPattern)
    var e = Float(exponentBits - 127)
    e = e + 1
    let mask = x < sqrtHalf
    let tmp: Float = mask ? x : 0
    x = x - 1
    e = e - (mask ? 1 : 0)
    x = x + tmp
    let z = x * x
    var y = logP[0]
    for k in 1...8 { y = fusedMultiplyAdd(y, x, logP[k]) }
    y = y * x
    y = fusedMultiplyAdd(y, z, e * logQ1)
    y = fusedMultiplyAdd(-z, 0.5, y)
    x = x + y
    x = fusedMultiplyAdd(e, logQ2, x)
    return x
  }

  /// `sincos256_ps` for one lane, for x ≥ 0; returns (sin x, cos x).
  @inline(__always)
  static func sincos(_ input: Float) -> (sin: Float, cos: Float) {
    var signSin = input.bitPattern & 0x8000_0000
    var x = abs(input)
    var y = x * fourOverPi
    var j = Int32(y)
    j = (j &+ 1) & ~1
    y = Float(j)
    let swapSign = UInt32(bitPattern: (j & 4) << 29)
    let usePolynomialSin = (j & 2) == 0
    x = fusedMultiplyAdd(y, dp1, x)
    x = fusedMultiplyAdd(y, dp2, x)
    x = fusedMultiplyAdd(y, dp3, x)
    let signCos = UInt32(bitPattern: ((~(j &- 2)) & 4) << 29)
    signSin ^= swapSign
    let z = x * x
    var yc = fusedMultiplyAdd(cosC0, z, cosC1)
    yc = fusedMultiplyAdd(yc, z, cosC2)
    yc = yc * z
    yc = fusedMultiplyAdd(yc, z, -(z * 0.5))
    yc = yc + 1
    var ys = fusedMultiplyAdd(sinS0, z, sinS1)
    ys = fusedMultiplyAdd(ys, z, sinS2)
    ys = ys * z
    ys = fusedMultiplyAdd(ys, x, x)
    // Select with masks and +0 additions, as the vector code does (keeps the signs of zeros).
    let ysin2: Float = usePolynomialSin ? ys : 0
    let ysin1: Float = usePolynomialSin ? 0 : yc
    let ys2 = ys - ysin2
    let yc2 = yc - ysin1
    let s = ysin1 + ysin2
    let c = yc2 + ys2
    return (Float(bitPattern: s.bitPattern ^ signSin), Float(bitPattern: c.bitPattern ^ signCos))
  }
}

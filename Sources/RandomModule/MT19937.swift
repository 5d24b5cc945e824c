/// The 32-bit Mersenne Twister exactly as PyTorch's CPU generator runs it.
///
/// Mirrors `at::mt19937` (`aten/src/ATen/core/MT19937RNGEngine.h`): seeded from the low 32 bits of the
/// seed with `init_genrand`, N = 624, M = 397, matrix 0x9908B0DF, the standard tempering. Its output
/// equals `std::mt19937(seed32)` and `numpy.random.RandomState(seed32)` word for word; seed 0 starts
/// 2357136044, 2546248239, 3071714933.
public struct MT19937: Sendable {
  static let n = 624
  static let m = 397
  // `left − 1` words remain before the next twist; the next one is `state[next]`. The C kernels
  // (`nninit_mt19937_words`) share this layout, see `withKernelState(_:)`.
  var state: [UInt32]
  var left: Int
  var next: Int

  /// The engine after `init_genrand(seed & 0xFFFFFFFF)`.
  public init(seed: UInt64) {
    var s = [UInt32](repeating: 0, count: MT19937.n)
    s[0] = UInt32(truncatingIfNeeded: seed)
    for j in 1..<MT19937.n {
      s[j] = 1_812_433_253 &* (s[j - 1] ^ (s[j - 1] >> 30)) &+ UInt32(j)
    }
    state = s
    left = 1
    next = 0
  }

  /// The next tempered 32-bit word (`mt19937::operator()`).
  @inline(__always)
  public mutating func next32() -> UInt32 {
    left -= 1
    if left == 0 { twist() }
    var y = state[next]
    next += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  /// Two words, the first one high (`CPUGeneratorImpl::random64`).
  @inline(__always)
  public mutating func next64() -> UInt64 {
    let hi = UInt64(next32())
    let lo = UInt64(next32())
    return hi << 32 | lo
  }

  /// The twist in Swift: the specification of the vectorized one in `Sources/_Kernels/mt19937*.c`.
  private mutating func twist() {
    let n = MT19937.n, m = MT19937.m
    state.withUnsafeMutableBufferPointer { s in
      for i in 0..<n {
        let following = s[i + 1 == n ? 0 : i + 1]
        let y = (s[i] & 0x8000_0000) | (following & 0x7FFF_FFFF)
        let j = i + m < n ? i + m : i + m - n
        s[i] = s[j] ^ (y >> 1) ^ ((following & 1) != 0 ? 0x9908_B0DF : 0)
      }
    }
    left = n
    next = 0
  }
}

/// The Philox4x32-10 counter-based bijection of Salmon et al., "Parallel Random Numbers: As Easy as
/// 1, 2, 3" (SC11), as Random123's `philox4x32_R(10, ctr, key)` computes it.
///
/// A 128-bit counter `(c0, c1, c2, c3)` and a 64-bit key `(k0, k1)` give four 32-bit words. One round:
///
///     (hi0, lo0) = mulhilo(0xD2511F53, c0)      (hi1, lo1) = mulhilo(0xCD9E8D57, c2)
///     (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
///
/// Ten rounds; before rounds 2…10 the key is bumped by the Weyl increments
/// `k0 += 0x9E3779B9, k1 += 0xBB67AE85` (mod 2³²). Passes Random123's `kat_vectors`.
public enum Philox4x32 {
  /// The first round multiplier (`PHILOX_M4x32_0`).
  public static let multiplier0: UInt32 = 0xD251_1F53
  /// The second round multiplier (`PHILOX_M4x32_1`).
  public static let multiplier1: UInt32 = 0xCD9E_8D57
  /// The Weyl increment of key word 0 (`PHILOX_W32_0`, golden ratio).
  public static let weyl0: UInt32 = 0x9E37_79B9
  /// The Weyl increment of key word 1 (`PHILOX_W32_1`, √3 − 1).
  public static let weyl1: UInt32 = 0xBB67_AE85

  /// The four output words for `counter` under `key` (Philox4x32-10).
  public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
    let w = _block(counter[0], counter[1], counter[2], counter[3], key: (key[0], key[1]))
    return SIMD4(w.0, w.1, w.2, w.3)
  }

  /// Philox4x32-10 on scalars (the form the fills use; SIMD types are slow in debug builds).
  @inline(__always)
  static func _block(
    _ c0: UInt32, _ c1: UInt32, _ c2: UInt32, _ c3: UInt32, key: (UInt32, UInt32)
  ) -> (UInt32, UInt32, UInt32, UInt32) {
    var (x0, x1, x2, x3) = (c0, c1, c2, c3)
    var (k0, k1) = key
    for round in 0..<10 {
      if round > 0 {
        k0 &+= weyl0
        k1 &+= weyl1
      }
      let p0 = UInt64(multiplier0) &* UInt64(x0)
      let p1 = UInt64(multiplier1) &* UInt64(x2)
      (x0, x1, x2, x3) = (
        UInt32(truncatingIfNeeded: p1 >> 32) ^ x1 ^ k0, UInt32(truncatingIfNeeded: p1),
        UInt32(truncatingIfNeeded: p0 >> 32) ^ x3 ^ k1, UInt32(truncatingIfNeeded: p0)
      )
    }
    return (x0, x1, x2, x3)
  }
}

/// Bit-exact conversions between `Float` and the 16-bit formats safetensors stores (`F16`, `BF16`).
///
/// Written with integer arithmetic only, so the results are the same on every platform (Swift's
/// `Float16` type is not available everywhere). Each function mirrors the conversion PyTorch's `c10`
/// performs, so `tensor.to(torch.float16)` / `tensor.to(torch.bfloat16)` and these agree bit for bit.
public enum HalfPrecision {
  /// The IEEE binary16 bit pattern nearest to `value`, ties to even.
  ///
  /// Magnitudes of 65520 and above (the midpoint between 65504, the largest finite half, and 2¹⁶) round
  /// to ±infinity; magnitudes below 2⁻¹⁴ become subnormals (multiples of 2⁻²⁴), and those at or below
  /// 2⁻²⁵ round to ±0. NaN becomes the quiet NaN `0x7E00` with the input's sign.
  /// Mirrors `c10::detail::fp16_ieee_from_fp32_value`.
  public static func float16Bits(_ value: Float) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
    let magnitude = bits & 0x7FFF_FFFF
    if magnitude > 0x7F80_0000 { return sign | 0x7E00 }  // NaN
    if magnitude >= 0x477F_F000 { return sign | 0x7C00 }  // ≥ 65520 (and inf) → inf
    if magnitude < 0x3880_0000 {
      // Below 2⁻¹⁴: a subnormal half, i.e. |value| / 2⁻²⁴ rounded to an integer. Scaling by 2²⁴ is
      // exact and the result is below 1024, so the rounding is the only inexact step.
      let scaled = Float(bitPattern: magnitude) * 16_777_216
      return sign | UInt16(scaled.rounded(.toNearestOrEven))
    }
    let exponent = (magnitude >> 23) - (127 - 15)  // 1...30
    let mantissa = magnitude & 0x7F_FFFF
    var half = (exponent << 10) | (mantissa >> 13)
    let remainder = mantissa & 0x1FFF
    if remainder > 0x1000 || (remainder == 0x1000 && half & 1 == 1) { half += 1 }
    return sign | UInt16(truncatingIfNeeded: half)
  }

  /// The `Float` an IEEE binary16 bit pattern represents (exact: every half is a `Float`).
  ///
  /// Mirrors `c10::detail::fp16_ieee_to_fp32_value`; NaN payloads are kept.
  public static func float(float16Bits half: UInt16) -> Float {
    let sign = UInt32(half & 0x8000) << 16
    let exponent = UInt32(half >> 10) & 0x1F
    let mantissa = UInt32(half & 0x3FF)
    switch exponent {
    case 0:
      let magnitude = Float(mantissa) * 0x1p-24
      return Float(bitPattern: sign | magnitude.bitPattern)
    case 0x1F:
      return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    default:
      return Float(bitPattern: sign | ((exponent + 127 - 15) << 23) | (mantissa << 13))
    }
  }

  /// The bfloat16 bit pattern nearest to `value` (its upper 16 bits, rounded to nearest, ties to even).
  ///
  /// Finite values above the largest bfloat16 (≈ 3.39 × 10³⁸) round to ±infinity; subnormals round like
  /// any other value; every NaN becomes `0x7FC0`. Mirrors `c10::detail::round_to_nearest_even`.
  public static func bfloat16Bits(_ value: Float) -> UInt16 {
    if value.isNaN { return 0x7FC0 }
    let bits = value.bitPattern
    let roundingBias: UInt32 = 0x7FFF + ((bits >> 16) & 1)
    return UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
  }

  /// The `Float` a bfloat16 bit pattern represents (exact: the bits become the upper half).
  public static func float(bfloat16Bits bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
  }
}

import Interop
import Testing

@Suite struct Float16ConversionTests {
  /// (input, expected binary16 bits): exact values, rounding ties to even, subnormals, overflow, specials.
  static let float16Cases: [(Float, UInt16)] = [
    (1.0, 0x3C00), (-2.0, 0xC000), (0.0, 0x0000), (-0.0, 0x8000), (0.5, 0x3800),
    (65504, 0x7BFF),  // largest finite half
    (65519.996, 0x7BFF),  // just below the midpoint to infinity
    (65520, 0x7C00),  // the midpoint rounds to even, i.e. up to infinity
    (1e6, 0x7C00), (.greatestFiniteMagnitude, 0x7C00), (.infinity, 0x7C00), (-.infinity, 0xFC00),
    (0x1p-14, 0x0400),  // smallest normal
    (0x1p-24, 0x0001),  // smallest subnormal
    (0x1p-25, 0x0000),  // half of it: a tie, to even (zero)
    (0x1.8p-25, 0x0001),  // above the tie
    (0x1.8p-24, 0x0002),  // 1.5 ulp: tie, to even (2)
    (0x1p-14 - 0x1p-24, 0x03FF),  // largest subnormal
    (-0x1p-24, 0x8001), (.leastNonzeroMagnitude, 0x0000), (.leastNormalMagnitude, 0x0000),
    (1 + 0x1p-11, 0x3C00),  // tie between 1 and 1 + 2⁻¹⁰: to even (1)
    (1 + 0x3p-11, 0x3C02),  // tie between 1 + 2⁻¹⁰ and 1 + 2⁻⁹: to even (up)
    (1 + 0x1p-11 + 0x1p-20, 0x3C01),  // just above a tie
    (0.1, 0x2E66), (Float(1) / 3, 0x3555), (2047.5, 0x6800), (2046.5, 0x67FE),  // ties at ulp 1: to even
  ]

  @Test(arguments: float16Cases) func float16Rounding(value: Float, bits: UInt16) {
    #expect(HalfPrecision.float16Bits(value) == bits)
  }

  /// (input, expected bfloat16 bits).
  static let bfloat16Cases: [(Float, UInt16)] = [
    (1.0, 0x3F80), (-2.0, 0xC000), (-0.0, 0x8000), (.infinity, 0x7F80), (-.infinity, 0xFF80),
    (1 + 0x1p-8, 0x3F80),  // tie: to even (down)
    (1 + 0x3p-8, 0x3F82),  // tie: to even (up)
    (1 + 0x1p-8 + 0x1p-20, 0x3F81),  // just above a tie
    (.greatestFiniteMagnitude, 0x7F80),  // rounds past the largest bfloat16 to infinity
    (Float(bitPattern: 0x7F7F_7FFF), 0x7F7F),  // just below that midpoint
    (0x1p-126, 0x0080), (Float(bitPattern: 0x0001_16C2), 0x0001),  // subnormals round like any value
    (.leastNonzeroMagnitude, 0x0000), (0.1, 0x3DCD),
  ]

  @Test(arguments: bfloat16Cases) func bfloat16Rounding(value: Float, bits: UInt16) {
    #expect(HalfPrecision.bfloat16Bits(value) == bits)
  }

  @Test func nanHandling() {
    #expect(HalfPrecision.float16Bits(.nan) == 0x7E00)
    #expect(HalfPrecision.float16Bits(-.nan) == 0xFE00)
    #expect(HalfPrecision.float16Bits(.signalingNaN) == 0x7E00)
    #expect(HalfPrecision.bfloat16Bits(.nan) == 0x7FC0)
    #expect(HalfPrecision.bfloat16Bits(-.nan) == 0x7FC0)
    #expect(HalfPrecision.float(float16Bits: 0x7E00).isNaN)
    #expect(HalfPrecision.float(float16Bits: 0xFC01).isNaN)
    #expect(HalfPrecision.float(bfloat16Bits: 0xFFFF).isNaN)
  }

  /// Every non-NaN half decodes exactly and re-encodes to itself; same for bfloat16.
  @Test func everyBitPatternRoundTrips() {
    for bits in UInt16.min...UInt16.max {
      let half = HalfPrecision.float(float16Bits: bits)
      if !half.isNaN { #expect(HalfPrecision.float16Bits(half) == bits) }
      let brain = HalfPrecision.float(bfloat16Bits: bits)
      if !brain.isNaN { #expect(HalfPrecision.bfloat16Bits(brain) == bits) }
    }
    #expect(HalfPrecision.float(float16Bits: 0x0001) == 0x1p-24)
    #expect(HalfPrecision.float(float16Bits: 0x7BFF) == 65504)
    #expect(HalfPrecision.float(float16Bits: 0xFC00) == -.infinity)
  }

  #if !(os(macOS) && arch(x86_64))
    /// The integer implementation agrees with the platform's `Float16` conversion (IEEE round to
    /// nearest even) on every exponent and random mantissas.
    @Test func agreesWithPlatformFloat16() {
      var generator = SystemRandomNumberGenerator()
      for _ in 0..<200_000 {
        let value = Float(bitPattern: generator.next())
        guard !value.isNaN else { continue }
        #expect(HalfPrecision.float16Bits(value) == Float16(value).bitPattern, "\(value)")
      }
      for bits in UInt16.min...UInt16.max where !Float16(bitPattern: bits).isNaN {
        #expect(HalfPrecision.float(float16Bits: bits) == Float(Float16(bitPattern: bits)))
      }
    }
  #endif
}

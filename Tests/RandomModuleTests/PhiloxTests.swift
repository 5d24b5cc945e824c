@_spi(Testing) import RandomModule
import RandomSpecification
import Testing

/// Philox4x32-10 known answers and the position addressing of ``PhiloxGenerator``.
@Suite struct PhiloxTests {
  /// Random123's `tests/kat_vectors` (github.com/DEShawResearch/random123), the three
  /// `philox4x32 10` lines: counter (4 words), key (2 words), expected output (4 words).
  static let knownAnswers: [(counter: SIMD4<UInt32>, key: SIMD2<UInt32>, expected: SIMD4<UInt32>)] = [
    (SIMD4(0, 0, 0, 0), SIMD2(0, 0), SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
    (
      SIMD4(0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF), SIMD2(0xFFFF_FFFF, 0xFFFF_FFFF),
      SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)
    ),
    (
      SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), SIMD2(0xA409_3822, 0x299F_31D0),
      SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)
    ),
  ]

  @Test(arguments: 0..<3) func random123KnownAnswers(case index: Int) {
    let v = PhiloxTests.knownAnswers[index]
    #expect(Philox4x32.block(counter: v.counter, key: v.key) == v.expected)
  }

  /// Key derivation and counter layout against ``PhiloxGoldens`` (the Python reference in `Docs/Philox.md`).
  @Test func keyDerivationAndBlockLayout() {
    #expect(PhiloxGenerator.key(seed: 0, path: "") == PhiloxGoldens.keySeed0Empty)
    #expect(PhiloxGenerator.key(seed: 42, path: "0.weight") == PhiloxGoldens.keySeed42Weight)
    let g = PhiloxGenerator(seed: 42, path: "0.weight")
    #expect(g.key == SIMD2(UInt32(truncatingIfNeeded: PhiloxGoldens.keySeed42Weight), UInt32(PhiloxGoldens.keySeed42Weight >> 32)))
    #expect(g.block(5, stream: .normal) == Philox4x32.block(counter: SIMD4(5, 0, 1, 0), key: g.key))
  }

  /// Bit-exact values of every fill against the independent Python reference (``PhiloxGoldens``).
  @Test func goldenValues() throws {
    let g = PhiloxGenerator(seed: 42, path: "0.weight")
    var f = [Float](repeating: 0, count: 6)
    f.withUnsafeMutableBufferPointer { g.fillUniform($0, from: -1, to: 1) }
    #expect(f.map(\.bitPattern) == PhiloxGoldens.uniform32)
    var d = [Double](repeating: 0, count: 5)
    d.withUnsafeMutableBufferPointer { g.fillUniform($0, from: 0, to: 1) }
    #expect(d.map(\.bitPattern) == PhiloxGoldens.uniform64)
    d.withUnsafeMutableBufferPointer { g.fillNormal($0, mean: 0, std: 1) }
    #expect(d.map(\.bitPattern) == PhiloxGoldens.normal64)
    d.withUnsafeMutableBufferPointer { g.fillTruncatedNormal($0, mean: 0, std: 1, a: -2, b: 2) }
    #expect(d.map(\.bitPattern) == PhiloxGoldens.truncatedNormal64)
    var m = [Double](repeating: 0, count: 4)
    m.withUnsafeMutableBufferPointer { g.fillTruncatedNormal($0, mean: 0.5, std: 0.5, a: 1, b: 1.5) }
    #expect(m.map(\.bitPattern) == PhiloxGoldens.truncatedNormalMirrored64)
    #expect(g.randperm(10) == PhiloxGoldens.randperm10)
  }

  enum Fill: String, CaseIterable, Sendable { case uniform, normal, truncatedNormal, truncatedNormalNarrow }

  static func fill(_ g: PhiloxGenerator, _ kind: Fill, _ b: UnsafeMutableBufferPointer<Float>, offset: Int) {
    switch kind {
    case .uniform: g.fillUniform(b, from: -3, to: 5, offset: offset)
    case .normal: g.fillNormal(b, mean: 1, std: 2, offset: offset)
    case .truncatedNormal: g.fillTruncatedNormal(b, mean: 0, std: 1, a: -2, b: 2, offset: offset)
    case .truncatedNormalNarrow: g.fillTruncatedNormal(b, mean: 0, std: 1, a: 3, b: 3.5, offset: offset)
    }
  }

  static func fill(_ g: PhiloxGenerator, _ kind: Fill, _ b: UnsafeMutableBufferPointer<Double>, offset: Int) {
    switch kind {
    case .uniform: g.fillUniform(b, from: -3, to: 5, offset: offset)
    case .normal: g.fillNormal(b, mean: 1, std: 2, offset: offset)
    case .truncatedNormal: g.fillTruncatedNormal(b, mean: 0, std: 1, a: -2, b: 2, offset: offset)
    case .truncatedNormalNarrow: g.fillTruncatedNormal(b, mean: 0, std: 1, a: 3, b: 3.5, offset: offset)
    }
  }

  static func filled<T: BinaryFloatingPoint>(
    _ g: PhiloxGenerator, _ kind: Fill, count: Int, offset: Int, as: T.Type
  ) -> [T] {
    var values = [T](repeating: 0, count: count)
    values.withUnsafeMutableBufferPointer { b in
      if let f = b as? UnsafeMutableBufferPointer<Float> { fill(g, kind, f, offset: offset) }
      if let d = b as? UnsafeMutableBufferPointer<Double> { fill(g, kind, d, offset: offset) }
    }
    return values
  }

  /// Any shard computed alone equals the same slice of the whole tensor (sizes not multiples of 4).
  @Test(arguments: Fill.allCases, [(23, 0), (23, 7), (23, 22), (1, 0), (37, 13), (64, 5)])
  func shardsEqualSlices(kind: Fill, split: (n: Int, k: Int)) {
    let g = PhiloxGenerator(seed: 7, path: "encoder.layers.0.weight")
    for type in [Float.self, Double.self] as [any BinaryFloatingPoint.Type] {
      func check<T: BinaryFloatingPoint>(_: T.Type) {
        let whole = PhiloxTests.filled(g, kind, count: split.n, offset: 0, as: T.self)
        let head = PhiloxTests.filled(g, kind, count: split.k, offset: 0, as: T.self)
        let tail = PhiloxTests.filled(g, kind, count: split.n - split.k, offset: split.k, as: T.self)
        #expect(whole == head + tail, "\(kind) \(T.self) n=\(split.n) k=\(split.k)")
        let middle = PhiloxTests.filled(g, kind, count: 3, offset: split.n, as: T.self)
        #expect(PhiloxTests.filled(g, kind, count: split.n + 3, offset: 0, as: T.self) == whole + middle)
      }
      check(type)
    }
  }

  @Test(arguments: Fill.allCases) func streamsDependOnSeedAndPath(kind: Fill) {
    let a = PhiloxTests.filled(PhiloxGenerator(seed: 1, path: "0.weight"), kind, count: 16, offset: 0, as: Double.self)
    let same = PhiloxTests.filled(PhiloxGenerator(seed: 1, path: "0.weight"), kind, count: 16, offset: 0, as: Double.self)
    let otherPath = PhiloxTests.filled(PhiloxGenerator(seed: 1, path: "0.bias"), kind, count: 16, offset: 0, as: Double.self)
    let otherSeed = PhiloxTests.filled(PhiloxGenerator(seed: 2, path: "0.weight"), kind, count: 16, offset: 0, as: Double.self)
    #expect(a == same)
    #expect(a != otherPath)
    #expect(a != otherSeed)
    #expect(Set(a).count == 16)
  }

  @Test func generatorForParameterIsKeyedByPath() throws {
    let root = PhiloxGenerator(seed: 3)
    let child = try #require(root.generator(forParameter: "1.weight") as? PhiloxGenerator)
    #expect(child.seed == 3 && child.path == "1.weight")
    #expect(child.key == PhiloxGenerator(seed: 3, path: "1.weight").key)
    #expect(child.key != root.key)
    // Absolute, not nested; and repeated fills of a stateless generator are equal.
    let grandchild = try #require(child.generator(forParameter: "2.bias") as? PhiloxGenerator)
    #expect(grandchild.key == PhiloxGenerator(seed: 3, path: "2.bias").key)
    #expect(PhiloxTests.filled(child, .normal, count: 9, offset: 0, as: Float.self)
      == PhiloxTests.filled(child, .normal, count: 9, offset: 0, as: Float.self))
    #expect(PhiloxGenerator(seed: -1).seed == UInt64.max)
  }

  @Test func float32NormalMatchesTheReferenceImplementation() {
    let g = PhiloxGenerator(seed: 42, path: "0.weight")
    var f = [Float](repeating: 0, count: 10)
    f.withUnsafeMutableBufferPointer { g.fillNormal($0, mean: 0, std: 1) }
    #expect(f.map(\.bitPattern) == PhiloxGoldens.normal32)
    var shifted = [Float](repeating: 0, count: 9)
    shifted.withUnsafeMutableBufferPointer { g.fillNormal($0, mean: 1, std: 2, offset: 3) }
    #expect(shifted.map(\.bitPattern) == PhiloxGoldens.normal32Offset3)
    let pairs = [(UInt32(0), UInt32(0x4000_0000)), (0xFF, 0xC000_0000), (0xFFFF_FFFF, 0x2000_0000)].flatMap { a, b in
      let (c, s) = PhiloxMath.boxMuller24(a, b)
      return [c.bitPattern, s.bitPattern]
    }
    #expect(pairs == PhiloxGoldens.boxMuller24)
    var reference = [Float](repeating: 0, count: 9)
    reference.withUnsafeMutableBufferPointer { g.referenceFillNormal($0, mean: 1, std: 2, offset: 3) }
    #expect(reference.map(\.bitPattern) == PhiloxGoldens.normal32Offset3)
  }

  @Test func float32NormalIsBoundedLikePyTorchs() {
    // 24-bit uniforms: |z| ≤ √(−2·log 2⁻²⁴) ≈ 5.768, reached by the smallest u.
    let g = PhiloxGenerator(seed: 11, path: "w")
    let f = PhiloxTests.filled(g, .normal, count: 1 << 20, offset: 3, as: Float.self)
    #expect(f.allSatisfy { $0.isFinite && abs($0 - 1) <= 2 * 5.7683 })
    let r = PhiloxMath.boxMuller24(0xFFFF_FFFF, 0)
    #expect(abs(r.cos - Float((48 * 0.6931471805599453).squareRoot())) < 1e-5 && r.sin == 0)
  }

  @Test(arguments: [(0.0, 1.0, -2.0, 2.0), (0.0, 1.0, 0.0, 0.1), (0.0, 1.0, 5.0, 5.001), (1.0, 0.5, -10.0, -9.0),
    (0.0, 0.02, -2.0, 2.0), (0.0, 1.0, -.infinity, -3.0), (0.0, 1.0, 2.0, .infinity), (0.0, 1.0, 0.1, 0.1), (2.0, 0.0, -1.0, 1.0)])
  func truncatedNormalStaysInBounds(mean: Double, std: Double, a: Double, b: Double) {
    let g = PhiloxGenerator(seed: 5)
    var d = [Double](repeating: .nan, count: 2000)
    d.withUnsafeMutableBufferPointer { g.fillTruncatedNormal($0, mean: mean, std: std, a: a, b: b) }
    #expect(d.allSatisfy { $0 >= a && $0 <= b }, "\(d.filter { !($0 >= a && $0 <= b) }.prefix(3))")
    var f = [Float](repeating: .nan, count: 2000)
    f.withUnsafeMutableBufferPointer { g.fillTruncatedNormal($0, mean: mean, std: std, a: a, b: b) }
    #expect(f.allSatisfy { $0 >= Float(a) && $0 <= Float(b) })
    if a == b || std == 0 { #expect(Set(d).count == 1) } else { #expect(Set(d).count > 1990) }
  }

  @Test func uniformStaysInHalfOpenRange() {
    let g = PhiloxGenerator(seed: 9)
    var f = [Float](repeating: 0, count: 10_000)
    f.withUnsafeMutableBufferPointer { g.fillUniform($0, from: 1, to: 1.0000001) }
    #expect(f.allSatisfy { $0 >= 1 && $0 < Float(1.0000001) })
  }

  @Test(arguments: [0, 1, 2, 10, 1000]) func randpermIsAPermutation(n: Int) {
    let g = PhiloxGenerator(seed: 4, path: "perm")
    let p = g.randperm(n)
    #expect(p.sorted() == Array(0..<n))
    #expect(p == g.randperm(n))
    if n >= 10 { #expect(p != Array(0..<n) && p != PhiloxGenerator(seed: 5, path: "perm").randperm(n)) }
  }
}

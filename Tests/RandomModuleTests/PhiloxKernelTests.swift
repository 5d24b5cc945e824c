@_spi(Testing) import RandomModule
import RandomSpecification
import TensorModule
import Testing
import _Kernels

/// The C kernels behind ``PhiloxGenerator``'s fills (`Sources/_Kernels/philox*.c`) against the pure-Swift
/// specification (`PhiloxGenerator+Reference.swift`): identical bits on every ISA path, for every thread
/// count and chunking, every offset and shard, at sizes that are not multiples of any vector width.
///
/// The ISA path and the threads are passed per call (``PhiloxExecution``) rather than set process-wide,
/// except in the one test of the public entry points.
@Suite struct PhiloxKernelTests {
  /// The ISA levels this CPU runs (0 scalar, 1 AVX2, 2 AVX-512).
  static let isas = Array(0...Int(nninit_detected_isa().rawValue))
  static let threadCounts = [1, 2, 3, 7]

  /// A fill and its parameters; the truncated cases reach every branch of Φ⁻¹ and the clamps.
  enum Fill: String, CaseIterable, Sendable {
    case uniform, uniformNarrow, uniformTiny, normal, truncated, truncatedMirrored, truncatedTail, truncatedFarTail
    case truncatedHalfLine, truncatedBeyondCutoff, truncatedDegenerate

    func run<T: BinaryFloatingPoint>(
      _ g: PhiloxGenerator, _ buffer: UnsafeMutableBufferPointer<T>, offset: Int, execution: PhiloxExecution?
    ) {
      if let f = buffer as? UnsafeMutableBufferPointer<Float> { run(g, f, offset, execution) }
      if let d = buffer as? UnsafeMutableBufferPointer<Double> { run(g, d, offset, execution) }
    }

    var truncated: (mean: Double, std: Double, a: Double, b: Double) {
      switch self {
      case .truncatedMirrored: (0.5, 0.5, 1, 1.5)
      case .truncatedTail: (0, 1, 3, 3.5)  // Φ⁻¹'s tail with r ≤ 5
      case .truncatedFarTail: (0, 1, 6, 7)  // r > 5
      case .truncatedHalfLine: (0, 1, -.infinity, -3)
      case .truncatedBeyondCutoff: (0, 1, -40, -39)  // Φ = 0 at both ends: t = 0, z = −∞, clamped
      case .truncatedDegenerate: (2, 0, -1, 1)
      default: (0, 1, -2, 2)
      }
    }

    /// `execution == nil` runs the specification.
    private func run(
      _ g: PhiloxGenerator, _ b: UnsafeMutableBufferPointer<Float>, _ offset: Int, _ execution: PhiloxExecution?
    ) {
      let (mean, std, lo, hi) = truncated
      switch (self, execution) {
      case (.uniform, nil): g.referenceFillUniform(b, from: -3, to: 5, offset: offset)
      case (.uniform, let e?): g.fillUniform(b, from: -3, to: 5, offset: offset, execution: e)
      case (.uniformNarrow, nil): g.referenceFillUniform(b, from: 1, to: 1.0000001, offset: offset)
      case (.uniformNarrow, let e?): g.fillUniform(b, from: 1, to: 1.0000001, offset: offset, execution: e)
      // A range whose 2⁻²⁴-th is not exact in float32 (the AVX-512 kernel's unscaled branch).
      case (.uniformTiny, nil): g.referenceFillUniform(b, from: 0, to: 1e-35, offset: offset)
      case (.uniformTiny, let e?): g.fillUniform(b, from: 0, to: 1e-35, offset: offset, execution: e)
      case (.normal, nil): g.referenceFillNormal(b, mean: 1, std: 2, offset: offset)
      case (.normal, let e?): g.fillNormal(b, mean: 1, std: 2, offset: offset, execution: e)
      case (_, nil): g.referenceFillTruncatedNormal(b, mean: mean, std: std, a: lo, b: hi, offset: offset)
      case (_, let e?): g.fillTruncatedNormal(b, mean: mean, std: std, a: lo, b: hi, offset: offset, execution: e)
      }
    }

    private func run(
      _ g: PhiloxGenerator, _ b: UnsafeMutableBufferPointer<Double>, _ offset: Int, _ execution: PhiloxExecution?
    ) {
      let (mean, std, lo, hi) = truncated
      switch (self, execution) {
      case (.uniform, nil): g.referenceFillUniform(b, from: -3, to: 5, offset: offset)
      case (.uniform, let e?): g.fillUniform(b, from: -3, to: 5, offset: offset, execution: e)
      case (.uniformNarrow, nil): g.referenceFillUniform(b, from: 1, to: 1 + 0x1p-50, offset: offset)
      case (.uniformNarrow, let e?): g.fillUniform(b, from: 1, to: 1 + 0x1p-50, offset: offset, execution: e)
      case (.uniformTiny, nil): g.referenceFillUniform(b, from: 0, to: 1e-300, offset: offset)
      case (.uniformTiny, let e?): g.fillUniform(b, from: 0, to: 1e-300, offset: offset, execution: e)
      case (.normal, nil): g.referenceFillNormal(b, mean: 1, std: 2, offset: offset)
      case (.normal, let e?): g.fillNormal(b, mean: 1, std: 2, offset: offset, execution: e)
      case (_, nil): g.referenceFillTruncatedNormal(b, mean: mean, std: std, a: lo, b: hi, offset: offset)
      case (_, let e?): g.fillTruncatedNormal(b, mean: mean, std: std, a: lo, b: hi, offset: offset, execution: e)
      }
    }
  }

  static let generator = PhiloxGenerator(seed: 2024, path: "blocks.3.mlp.weight")

  static func filled<T: BinaryFloatingPoint>(
    _ fill: Fill, _: T.Type, count: Int, offset: Int, execution: PhiloxExecution?
  ) -> [T] {
    var values = [T](repeating: -7, count: count)
    values.withUnsafeMutableBufferPointer { fill.run(generator, $0, offset: offset, execution: execution) }
    return values
  }

  /// The bit patterns of float32 or float64 values (so −0 ≠ +0 and NaNs compare).
  static func bits<T: BinaryFloatingPoint>(_ values: [T]) -> [UInt64] {
    values.map { x in (x as? Float).map { UInt64($0.bitPattern) } ?? (x as! Double).bitPattern }
  }

  /// Element counts and offsets: vector-width edges, and offsets whose blocks cross 2³² (counter word 1).
  static let ranges: [(count: Int, offset: Int)] = [
    (1, 0), (1, 1), (15, 0), (17, 3), (1000, 0), (1000, 1), (17, (1 << 33) - 7), (1000, (1 << 34) - 37),
  ]

  @Test(arguments: Fill.allCases, ranges)
  func everyISAAndThreadCountMatchesTheSpecification(fill: Fill, range: (count: Int, offset: Int)) {
    func check<T: BinaryFloatingPoint>(_: T.Type) {
      let expected = Self.filled(fill, T.self, count: range.count, offset: range.offset, execution: nil)
      for isa in Self.isas {
        for threads in Self.threadCounts {
          let execution = PhiloxExecution(isa: isa, threads: threads, minimumChunk: 1)
          let got = Self.filled(fill, T.self, count: range.count, offset: range.offset, execution: execution)
          #expect(Self.bits(got) == Self.bits(expected), "\(fill) \(T.self) \(range) isa \(isa) threads \(threads)")
        }
      }
    }
    check(Float.self)
    check(Double.self)
  }

  /// 100 003 elements in chunks of at least 4 099 (odd boundaries), against the specification.
  @Test(arguments: Fill.allCases)
  func largeFillsMatchTheSpecification(fill: Fill) {
    let count = 100_003, offset = 5
    let expected32 = Self.filled(fill, Float.self, count: count, offset: offset, execution: nil)
    let expected64 = Self.filled(fill, Double.self, count: count, offset: offset, execution: nil)
    for isa in Self.isas {
      for threads in [1, 7] {
        let execution = PhiloxExecution(isa: isa, threads: threads, minimumChunk: 4099)
        let got32 = Self.filled(fill, Float.self, count: count, offset: offset, execution: execution)
        let got64 = Self.filled(fill, Double.self, count: count, offset: offset, execution: execution)
        #expect(Self.bits(got32) == Self.bits(expected32), "\(fill) Float isa \(isa) threads \(threads)")
        #expect(Self.bits(got64) == Self.bits(expected64), "\(fill) Double isa \(isa) threads \(threads)")
      }
    }
  }

  /// Calls of ≥ 2²⁰ float32 elements write with non-temporal stores (x86-64) once the destination is 64-byte
  /// (AVX-512) or 32-byte (AVX2) aligned: destinations shifted by 0…3 elements and odd offsets equal the scalar path, which
  /// `everyISAAndThreadCountMatchesTheSpecification` ties to the specification, and the 64 guard
  /// elements on either side stay untouched.
  @Test(arguments: [Fill.uniform, .normal])
  func streamingStoresLeaveTheValuesUnchanged(fill: Fill) {
    if nninit_detected_isa().rawValue < 1 { Issue.record("no SIMD level here: the streaming path is not exercised") }
    let count = (1 << 20) + 37, guardCount = 64
    let scalar = PhiloxExecution(isa: 0, threads: 1)
    for (shift, offset) in [(0, 0), (1, 5), (2, 2), (3, 7)] {
      var expected = [Float](repeating: 0, count: count)
      expected.withUnsafeMutableBufferPointer { fill.run(Self.generator, $0, offset: offset, execution: scalar) }
      for isa in Self.isas.dropFirst() {
        var storage = [Float](repeating: -7, count: guardCount + shift + count + guardCount)
        storage.withUnsafeMutableBufferPointer { whole in
          let destination = UnsafeMutableBufferPointer(rebasing: whole[(guardCount + shift)..<(guardCount + shift + count)])
          fill.run(Self.generator, destination, offset: offset, execution: PhiloxExecution(isa: isa, threads: 1))
        }
        let body = storage[(guardCount + shift)..<(guardCount + shift + count)]
        #expect(Self.bits(Array(body)) == Self.bits(expected), "\(fill) isa \(isa) shift \(shift) offset \(offset)")
        #expect(storage[..<(guardCount + shift)].allSatisfy { $0 == -7 } && storage[(guardCount + shift + count)...].allSatisfy { $0 == -7 },
                "\(fill) isa \(isa) shift \(shift): a write outside the destination")
      }
    }
  }

  /// The first index where the bit patterns differ.
  static func firstDifference(_ a: [Float], _ b: [Float]) -> Int? {
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        for i in 0..<Swift.min(x.count, y.count) where x[i].bitPattern != y[i].bitPattern { return i }
        return x.count == y.count ? nil : Swift.min(x.count, y.count)
      }
    }
  }

  /// The float32 normal's stages — the radius √(−2·logf u) and sin/cos of the angle — on all 2²⁴ inputs
  /// each can see (a word's top 24 bits), identical on every ISA path; the scalar C path equals the Swift
  /// specification (``PhiloxMath``) on every 61st input and the edges.
  @Test func float32BoxMullerStagesAreIdenticalOnEveryInput() {
    let words = (0..<UInt32(1 << 24)).map { $0 << 8 | ($0 & 0xFF) }
    for function in Int32(0)...2 {
      var scalar = [Float](repeating: .nan, count: words.count)
      nninit_philox_math_f32(function, 0, words, &scalar, words.count)
      for isa in Self.isas.dropFirst() {
        var vector = [Float](repeating: .nan, count: words.count)
        nninit_philox_math_f32(function, Int32(isa), words, &vector, words.count)
        if let index = Self.firstDifference(scalar, vector) {
          Issue.record("function \(function) isa \(isa): word \(words[index]) gives \(vector[index]), the scalar path \(scalar[index])")
        }
      }
      for index in Array(stride(from: 0, to: words.count, by: 61)) + [1, 2, 255, words.count - 2, words.count - 1] {
        let w = words[index]
        let spec: Float
        switch function {
        case 0: spec = PhiloxMath.boxMuller24(w, 0).cos  // r·cos 0 = r
        case 1: spec = PhiloxMath.sinCos(turns24: w >> 8).sin
        default: spec = PhiloxMath.sinCos(turns24: w >> 8).cos
        }
        if spec.bitPattern != scalar[index].bitPattern {
          Issue.record("function \(function) word \(w): C \(scalar[index]) vs Swift \(spec)")
          break
        }
      }
    }
  }

  /// Shards computed alone, on any path, concatenate to the whole tensor.
  @Test(arguments: Fill.allCases)
  func shardsConcatenateToTheWhole(fill: Fill) {
    let cuts = [0, 1, 2, 17, 64, 333, 998, 1000]
    let whole = Self.filled(fill, Double.self, count: 1000, offset: 0, execution: nil)
    for isa in Self.isas {
      var shards = [Double]()
      for (start, end) in zip(cuts, cuts.dropFirst()) {
        let execution = PhiloxExecution(isa: isa, threads: 1)
        shards += Self.filled(fill, Double.self, count: end - start, offset: start, execution: execution)
      }
      #expect(Self.bits(shards) == Self.bits(whole), "\(fill) isa \(isa)")
    }
  }

  /// The public fills under the process-wide settings they read: `nninit_force_isa` and
  /// ``Parallel/threadCount`` (≥ 2 chunks of 2¹⁶ elements from 2 threads on). Other suites may change
  /// both concurrently, which can change the path taken but never the values.
  @Test func publicFillsFollowTheGlobalSettingsWithTheSameValues() {
    let count = 200_003, offset = 9
    let savedThreads = Parallel.threadCount
    defer {
      Parallel.threadCount = savedThreads
      nninit_force_isa(-1)
    }
    for fill in [Fill.uniform, .normal, .truncated] {
      let expected = Self.filled(fill, Float.self, count: count, offset: offset, execution: nil)
      for isa in Self.isas {
        for threads in Self.threadCounts {
          nninit_force_isa(Int32(isa))
          Parallel.threadCount = threads
          var got = [Float](repeating: 0, count: count)
          got.withUnsafeMutableBufferPointer { b in
            let g = Self.generator
            switch fill {
            case .uniform: g.fillUniform(b, from: -3, to: 5, offset: offset)
            case .normal: g.fillNormal(b, mean: 1, std: 2, offset: offset)
            default: g.fillTruncatedNormal(b, mean: 0, std: 1, a: -2, b: 2, offset: offset)
            }
          }
          #expect(Self.bits(got) == Self.bits(expected), "\(fill) isa \(isa) threads \(threads)")
        }
      }
    }
  }

  /// The kernels' elementary functions on every path equal ``PhiloxMath`` on edge and random inputs.
  @Test func elementaryFunctionsMatchPhiloxMath() {
    var random: UInt64 = 0x1234_5678
    func next() -> UInt64 {  // SplitMix64
      random &+= 0x9E37_79B9_7F4A_7C15
      var z = random
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let logInputs: [Double] =
      [1, 0x1p-53, 0x1p-1074, 0x1p-1022, Double.leastNormalMagnitude.nextDown, 0.5, 2, 0.7071067811865476, 1.4142135623730951]
      + (0..<3000).map { _ in Double(next() >> 11 | 1) * 0x1p-53 }
      + (0..<1000).map { _ in Double(bitPattern: next() >> 12) }  // subnormals
    let turns: [UInt64] = [0, 1, 1 << 50, (1 << 50) - 1, 1 << 51, (1 << 51) - 1, 3 << 50, (1 << 53) - 1]
      + (0..<3000).map { _ in next() >> 11 }
    let probabilities: [Double] = [0, 1, 0.5, 0.075, 0.925, 0.075000000000000011, 1e-300, 0x1p-1074, 1 - 0x1p-53]
      + [1.3887943864964021e-11, 1.388794386496402e-11]  // e⁻²⁵: r = 5 on either side
      + (0..<3000).map { _ in Double(next() >> 11) * 0x1p-53 }
      + (0..<1000).map { i in Double(next() >> 11 | 1) * 0x1p-53 * Double(sign: .plus, exponent: -(i % 1000), significand: 1) }
    let cases: [(function: Int32, inputs: [Double], expected: [Double])] = [
      (0, logInputs, logInputs.map(PhiloxMath.log)),
      (1, turns.map { Double(bitPattern: $0) }, turns.map { PhiloxMath.sinCos(turns53: $0).sin }),
      (2, turns.map { Double(bitPattern: $0) }, turns.map { PhiloxMath.sinCos(turns53: $0).cos }),
      (3, probabilities, probabilities.map(PhiloxMath.inverseNormalCDF)),
    ]
    for (function, inputs, expected) in cases {
      for isa in Self.isas {
        var got = [Double](repeating: 0, count: inputs.count)
        got.withUnsafeMutableBufferPointer { nninit_philox_math(function, Int32(isa), inputs, $0.baseAddress, inputs.count) }
        #expect(Self.bits(got) == Self.bits(expected), "function \(function) isa \(isa)")
      }
    }
  }

  /// `nninit_philox4x32_10` is ``Philox4x32/block(counter:key:)``.
  @Test(arguments: 0..<3) func blockKernelPassesKnownAnswers(case index: Int) {
    let v = PhiloxTests.knownAnswers[index]
    var out = [UInt32](repeating: 0, count: 4)
    nninit_philox4x32_10([v.counter[0], v.counter[1], v.counter[2], v.counter[3]], [v.key[0], v.key[1]], &out)
    #expect(out == [v.expected[0], v.expected[1], v.expected[2], v.expected[3]])
  }
}

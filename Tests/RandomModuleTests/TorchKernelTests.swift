@_spi(Testing) import RandomModule
import RandomSpecification
import TensorModule
import Testing
import _Kernels

/// The vectorized C kernels of ``TorchGenerator`` (`Sources/_Kernels/mt19937*.c`, `torch_normal*.c`)
/// against the pure-Swift reference (`TorchGenerator+Reference.swift`, word by word and lane by lane):
/// identical bits and identical engine state afterwards, on every ISA path, in both flavors, for
/// random sizes, seeds, bounds and engine offsets, and for every thread count.
@Suite(.serialized) struct TorchKernelTests {
  /// The ISA levels this CPU can run (forcing a higher one would silently run a lower one).
  static let isas: [Int32] = (0...Int32(nninit_detected_isa().rawValue)).map { $0 }

  /// Runs `body` with kernels forced to `isa`. Other suites may force levels concurrently; the body is
  /// repeated until the level held throughout (the results are checked either way).
  static func withISA(_ isa: Int32, _ body: () throws -> Void) rethrows {
    defer { nninit_force_isa(-1) }
    for _ in 0..<5 {
      nninit_force_isa(isa)
      try body()
      if nninit_active_isa().rawValue == isa { return }
    }
  }

  /// A small deterministic generator for the test cases (SplitMix64).
  struct CaseRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// Sizes around the interesting edges: the scalar path (< 16), blocks of 16, a twist (624 words).
    mutating func size() -> Int {
      switch below(4) {
      case 0: below(40)
      case 1: 600 + below(700)
      case 2: 16 * (1 + below(200)) + below(2)
      default: below(20_000)
      }
    }
  }

  enum Fill: CaseIterable { case uniform32, uniform64, normal32, normal64 }

  /// One fill through the kernels (`fast`) and through the reference, compared bit for bit.
  static func compare(_ fill: Fill, count: Int, _ fast: TorchGenerator, _ reference: TorchGenerator, a: Double, b: Double)
    -> Bool
  {
    switch fill {
    case .uniform32, .normal32:
      var x = [Float](repeating: .nan, count: count), y = x
      x.withUnsafeMutableBufferPointer {
        fill == .uniform32 ? fast.fillUniform($0, from: a, to: b) : fast.fillNormal($0, mean: a, std: b)
      }
      y.withUnsafeMutableBufferPointer {
        fill == .uniform32 ? reference.referenceFillUniform($0, from: a, to: b) : reference.referenceFillNormal($0, mean: a, std: b)
      }
      return x.map(\.bitPattern) == y.map(\.bitPattern)
    case .uniform64, .normal64:
      var x = [Double](repeating: .nan, count: count), y = x
      x.withUnsafeMutableBufferPointer {
        fill == .uniform64 ? fast.fillUniform($0, from: a, to: b) : fast.fillNormal($0, mean: a, std: b)
      }
      y.withUnsafeMutableBufferPointer {
        fill == .uniform64 ? reference.referenceFillUniform($0, from: a, to: b) : reference.referenceFillNormal($0, mean: a, std: b)
      }
      return x.map(\.bitPattern) == y.map(\.bitPattern)
    }
  }

  @Test(arguments: isas) func engineWordsMatchNext32(isa: Int32) {
    Self.withISA(isa) {
      var random = CaseRandom(state: 7)
      for _ in 0..<30 {
        var fast = MT19937(seed: random.next())
        var reference = fast
        let skip = random.below(1300)
        for _ in 0..<skip { _ = fast.next32(); _ = reference.next32() }
        let count = random.size()
        var words = [UInt32](repeating: 0, count: count)
        words.withUnsafeMutableBufferPointer { fast.fill($0) }
        #expect(words == (0..<count).map { _ in reference.next32() }, "skip \(skip), count \(count)")
        #expect((0..<700).map { _ in fast.next32() } == (0..<700).map { _ in reference.next32() })
      }
    }
  }

  /// Sequences of random fills from generators at random offsets: every output and the state after.
  @Test(arguments: isas, TorchGenerator.Flavor.allCases) func fillsMatchReference(isa: Int32, flavor: TorchGenerator.Flavor) {
    Self.withISA(isa) {
      var random = CaseRandom(state: UInt64(isa) << 8 | UInt64(TorchGenerator.Flavor.allCases.firstIndex(of: flavor) ?? 0) + 1)
      for trial in 0..<24 {
        let seed = random.next()
        let fast = TorchGenerator(seed: seed, flavor: flavor), reference = TorchGenerator(seed: seed, flavor: flavor)
        for _ in 0..<random.below(1000) { #expect(fast.next32() == reference.next32()) }
        for step in 0..<4 {
          let fill = Fill.allCases[random.below(4)]
          let count = random.size()
          let x = (random.unit() - 0.5) * 8
          let a: Double, b: Double  // (from, to) or (mean, std)
          switch fill {
          case .uniform32, .uniform64:
            let y = random.below(3) == 0 ? -x : x + random.unit() * 5
            (a, b) = (min(x, y), max(x, y))
          case .normal32, .normal64:
            (a, b) = (x, random.below(5) == 0 ? 0 : random.unit() * 3)
          }
          #expect(
            Self.compare(fill, count: count, fast, reference, a: a, b: b),
            "isa \(isa) \(flavor) trial \(trial) step \(step): \(fill) count \(count) seed \(seed)")
        }
        #expect((0..<8).map { _ in fast.next32() } == (0..<8).map { _ in reference.next32() })
      }
    }
  }

  /// Fills split over threads (each from its own engine copy skipped ahead): the same bits and the
  /// same final engine for 1, 2 and 3 threads, on sizes with and without a ragged tail.
  @Test(arguments: isas) func fillsIndependentOfThreadCount(isa: Int32) {
    let savedThreads = Parallel.threadCount, savedGrain = MT19937.parallelGrain.load(ordering: .relaxed)
    MT19937.parallelGrain.store(4096, ordering: .relaxed)
    defer {
      Parallel.threadCount = savedThreads
      MT19937.parallelGrain.store(savedGrain, ordering: .relaxed)
    }
    Self.withISA(isa) {
      for threads in [1, 2, 3] {
        Parallel.threadCount = threads
        for flavor in TorchGenerator.Flavor.allCases {
          for fill in Fill.allCases {
            for count in [16_384, 3 * 4096 + 8] {
              let fast = TorchGenerator(seed: 42, flavor: flavor), reference = TorchGenerator(seed: 42, flavor: flavor)
              _ = (fast.next32(), reference.next32())
              #expect(Self.compare(fill, count: count, fast, reference, a: -0.5, b: 2), "\(threads) threads \(flavor) \(fill) \(count)")
              #expect((0..<4).map { _ in fast.next32() } == (0..<4).map { _ in reference.next32() })
            }
          }
        }
      }
    }
  }

  /// The skip-ahead the threads use equals drawing and discarding.
  @Test(arguments: isas) func skipEqualsDrawing(isa: Int32) {
    Self.withISA(isa) {
      var random = CaseRandom(state: 11)
      for _ in 0..<20 {
        var fast = MT19937(seed: random.next())
        var reference = fast
        let offset = random.below(700), count = random.below(5000)
        for _ in 0..<offset { _ = fast.next32(); _ = reference.next32() }
        fast.skip(count)
        for _ in 0..<count { _ = reference.next32() }
        #expect((0..<1000).map { _ in fast.next32() } == (0..<1000).map { _ in reference.next32() })
      }
    }
  }

  /// `uniform_` bounds whose fma rounds up to `to` must store `from` (PyTorch 2.15): the kernels too.
  @Test(arguments: isas) func valueEqualToUpperBoundBecomesLowerBound(isa: Int32) {
    Self.withISA(isa) {
      for flavor in TorchGenerator.Flavor.allCases {
        let fast = TorchGenerator(seed: 3, flavor: flavor), reference = TorchGenerator(seed: 3, flavor: flavor)
        #expect(Self.compare(.uniform32, count: 5000, fast, reference, a: 1e8, b: 1e8 + 8))
        #expect(Self.compare(.uniform64, count: 5000, fast, reference, a: 1e17, b: 1e17 + 16))
      }
    }
  }
}

import RandomModule
import TensorModule
import TestSupport
import Testing

/// The random-number sequences of `functions.json` (`sequences`), replayed with ``TorchGenerator``:
/// the normal cache across calls, the block/scalar paths, randperm, seeds, and a fresh generator.
/// Each closure is the Swift transcription of the fixture's Python `code`.
@Suite struct TorchSequenceTests {
  typealias Outputs = [String: Tensor]
  typealias Program = @Sendable (TorchGenerator.Flavor) throws -> Outputs


  static func rand(_ g: TorchGenerator, _ n: Int, _ dtype: DType = .float32) throws -> Tensor {
    var t = try Tensor(zeros: [n], dtype: dtype)
    try t.uniform_(generator: g)
    return t
  }

  static func randn(_ g: TorchGenerator, _ n: Int, _ dtype: DType = .float32, mean: Double = 0, std: Double = 1) throws -> Tensor {
    var t = try Tensor(zeros: [n], dtype: dtype)
    try t.normal_(mean: mean, std: std, generator: g)
    return t
  }

  static func randperm(_ g: TorchGenerator, _ n: Int) throws -> Tensor {
    try Tensor(shape: [n], scalars: g.randperm(n).map(Int64.init))
  }

  /// Sequence id → what it computes from a generator seeded as its code says.
  static let programs: [String: Program] = {
    var p: [String: Program] = [:]
    for (id, seed, dtype) in [("s000", 0, DType.float32), ("s001", 42, .float32), ("s002", 0, .float64), ("s003", 42, .float64)] {
      p[id] = { f in
        let g = TorchGenerator(seed: seed, flavor: f)
        return ["a": try randn(g, 15, dtype), "b": try randn(g, 100, dtype), "c": try randn(g, 5, dtype, mean: 2, std: 3)]
      }
    }
    p["s004"] = { f in
      let g = TorchGenerator(seed: 3, flavor: f)
      return [
        "a": try randn(g, 1), "b": try randn(g, 1), "c": try randn(g, 3), "d": try randn(g, 16),
        "e": try randn(g, 1, mean: -1, std: 0.5),
      ]
    }
    p["s006"] = { f in
      ["a": try randn(TorchGenerator(seed: 5, flavor: f), 3), "b": try randn(TorchGenerator(seed: 5, flavor: f), 3)]
    }
    for (id, seed) in [("s007", 0), ("s010", 42)] {
      p[id] = { f in
        let g = TorchGenerator(seed: seed, flavor: f)
        return [
          "a": try rand(g, 8), "b": try rand(g, 4, .float64), "c": try randn(g, 8), "d": try randn(g, 16),
          "e": try randn(g, 33, .float64), "f": try rand(g, 20),
        ]
      }
    }
    for (id, seed) in [("s008", 0), ("s011", 42)] {
      p[id] = { f in
        [
          "a": try rand(TorchGenerator(seed: seed, flavor: f), 17), "b": try randn(TorchGenerator(seed: seed, flavor: f), 8),
          "c": try randn(TorchGenerator(seed: seed, flavor: f), 16),
          "d": try randn(TorchGenerator(seed: seed, flavor: f), 16, .float64),
        ]
      }
    }
    for (id, seed) in [("s009", 0), ("s012", 42)] {
      p[id] = { _ in
        var engine = MT19937(seed: UInt64(seed))
        let u32 = (0..<16).map { _ in Int64(engine.next32()) }
        var again = MT19937(seed: UInt64(seed))
        let r64 = (0..<8).map { _ in Int64(again.next64() % (1 << 63)) }
        return ["u32": try Tensor(shape: [16], scalars: u32), "r64": try Tensor(shape: [8], scalars: r64)]
      }
    }
    for (id, n) in [("s013", 1), ("s014", 2), ("s015", 10), ("s016", 100)] {
      p[id] = { f in
        let g = TorchGenerator(seed: 0, flavor: f)
        return ["p": try randperm(g, n), "after": try rand(g, 3)]
      }
    }
    p["s017"] = { f in
      let g = TorchGenerator(seed: 7, flavor: f)
      return ["p": try randperm(g, 10), "q": try randperm(g, 100), "r": try rand(g, 4)]
    }
    for (id, seed) in [("s018", UInt64(0)), ("s019", 42), ("s020", (1 << 32) + 5), ("s021", (1 << 63) + 7), ("s022", UInt64.max)] {
      p[id] = { f in
        let g = TorchGenerator(seed: seed, flavor: f)
        return ["a": try rand(g, 4), "b": try randn(g, 20), "c": try randn(g, 3), "d": try randperm(g, 10)]
      }
    }
    p["s023"] = { f in
      let g = TorchGenerator(flavor: f)
      return ["a": try rand(g, 4), "b": try randn(g, 16), "c": try randn(g, 3)]
    }
    p["s024"] = { f in
      let g = TorchGenerator(seed: 1, flavor: f), d = TorchGenerator(seed: 1, flavor: f)
      return ["a": try rand(g, 5), "b": try rand(d, 5), "c": try randn(g, 20), "d": try randn(d, 20)]
    }
    return p
  }()

  /// `s005` fills a transposed (non-contiguous) view; NNInit tensors are always contiguous.
  static let notApplicable: Set<String> = ["s005"]

  @Test(arguments: [("vectorized", TorchGenerator.Flavor.vectorized), ("scalar", .scalar), ("aarch64", .arm64)])
  func everySequence(capability: String, flavor: TorchGenerator.Flavor) throws {
    let json = try #require(try Fixtures.json("torch/\(capability)/functions.json") as? [String: Any])
    let sequences = try #require(json["sequences"] as? [[String: Any]])
    let tensors = try Fixtures.safetensors("torch/\(capability)/functions.safetensors")
    var replayed = 0
    for sequence in sequences {
      let id = try #require(sequence["id"] as? String)
      if Self.notApplicable.contains(id) { continue }
      let program = try #require(Self.programs[id], "no Swift transcription for \(id)")
      let outputs = try program(flavor)
      for output in try #require(sequence["outputs"] as? [[String: Any]]) {
        let name = try #require(output["name"] as? String), key = try #require(output["key"] as? String)
        let mine = try #require(outputs[name], "\(id) has no output \(name)")
        #expect(mine == (try tensors.tensor(named: key)), "\(id).\(name)")
      }
      replayed += 1
    }
    #expect(replayed == sequences.count - Self.notApplicable.count)
  }

  @Test func initialSeedKeepsAllSixtyFourBits() {
    #expect(TorchGenerator(seed: -1).initialSeed == UInt64.max)
    #expect(TorchGenerator(seed: UInt64(1) << 63 + 7).initialSeed == 9_223_372_036_854_775_815)
    #expect(TorchGenerator().initialSeed == 67_280_421_310_721)
  }
}


import Foundation
import NNInit
@_spi(Testing) import RandomModule
import TestSupport
import Testing

/// Every model of the core fixtures (`Tests/Fixtures/torch/vectorized/models.json`), at the library
/// level: built as declarations only and streamed with Philox it equals the in-memory
/// `resetAllParameters(generator:)` state dict bit for bit, and its shards concatenated along the
/// shard dimension equal the whole tensors. (In this target because it needs `ModelBuilder`.)
@Suite struct ShardFixtureTests {
  /// The fixture modules NNInit does not provide yet (as `TorchModelParityTests.unsupported`).
  static let unsupported = ["ModuleList", "MaxPool2d", "TransformerEncoderLayer"]

  struct Model: Sendable {
    var id: String, spec: String, seed: Int, dtype: DType
  }

  static func models() throws -> [Model] {
    let json = try #require(try Fixtures.json("torch/vectorized/models.json") as? [String: Any])
    let cases = try #require(json["cases"] as? [[String: Any]])
    return try cases.compactMap { c in
      let spec = try #require(c["spec"] as? String)
      guard !unsupported.contains(where: { spec.contains($0) }) else { return nil }
      let dtypeName = try #require(c["dtype"] as? String)
      return Model(
        id: try #require(c["id"] as? String), spec: spec, seed: try #require(c["seed"] as? Int),
        dtype: try #require(DType(rawValue: dtypeName)))
    }
  }

  static func declared(_ model: Model) throws -> Module {
    try Module.declarationsOnly { try ModelBuilder(dtype: model.dtype, generator: PhiloxGenerator(seed: model.seed)).build(model.spec) }
  }

  @Test func streamedEqualsInMemoryForEveryFixtureModel() throws {
    let models = try Self.models()
    #expect(models.count > 90)
    for model in models {
      let generator = PhiloxGenerator(seed: model.seed)
      let reference = try ModelBuilder(dtype: model.dtype, generator: generator).build(model.spec)
      try reference.resetAllParameters(generator: generator)
      let expected = reference.stateDict()

      let meta = try Self.declared(model)
      // Parameters are placeholders; only BatchNorm's 0-d num_batches_tracked holds an element.
      #expect(meta.namedParameters().allSatisfy { $0.tensor.count == 0 }, "\(model.spec): allocated")
      #expect(meta.stateDict().allSatisfy { $0.tensor.count <= 1 }, "\(model.spec): allocated")
      let plan = try meta.materializationPlan()
      var streamed: [String: [UInt64]] = [:]
      try plan.materialize(generator: generator, chunkElements: 1000) { entry, chunk in
        streamed[entry.key, default: []] += bits(chunk)
      }
      #expect(plan.entries.map(\.key) == expected.map(\.key), "\(model.spec)")
      for (entry, (key, tensor)) in zip(plan.entries, expected) {
        #expect(entry.declaration.shape == tensor.shape && entry.declaration.dtype == tensor.dtype, "\(model.spec) \(key)")
        #expect(streamed[key] ?? [] == bits(tensor), "\(model.spec) \(key)")
      }
    }
  }

  /// Every fixture model's Philox state dict is the same on every ISA path (scalar, AVX2, AVX-512 —
  /// lowered to what the CPU has) and for 1, 2 and 3 threads splitting every tensor (chunks of ≥ 1 element).
  @Test func everyISAAndThreadCountGiveTheSameStateDictForEveryFixtureModel() throws {
    for model in try Self.models() {
      func stateDict(_ execution: PhiloxExecution) throws -> [(key: String, tensor: Tensor)] {
        let generator = PhiloxGenerator(seed: UInt64(bitPattern: Int64(model.seed)), execution: execution)
        let module = try ModelBuilder(dtype: model.dtype, generator: generator).build(model.spec)
        try module.resetAllParameters(generator: generator)
        return module.stateDict()
      }
      let expected = try stateDict(.automatic)
      for isa in 0...2 {
        for threads in [1, 2, 3] {
          let got = try stateDict(PhiloxExecution(isa: isa, threads: threads, minimumChunk: 1))
          #expect(got.map(\.key) == expected.map(\.key))
          for ((key, tensor), (_, reference)) in zip(got, expected) {
            #expect(bits(tensor) == bits(reference), "\(model.spec) \(key) isa \(isa) threads \(threads)")
          }
        }
      }
    }
  }

  @Test(arguments: [0, 1])
  func shardsConcatenateForEveryFixtureModel(dimension: Int) throws {
    for model in try Self.models() {
      let generator = PhiloxGenerator(seed: model.seed)
      let plan = try Self.declared(model).materializationPlan()
      let whole = try plan.tensors(generator: generator)
      for count in [2, 3] {
        for style in ShardStyle.allCases {
          let shards = try (0..<count).map { index in
            try plan.tensors(generator: generator, shard: TensorShard(dimension: dimension, index: index, count: count, style: style))
          }
          for (position, entry) in plan.entries.enumerated() {
            let parts = shards.map { $0[position].tensor }, full = whole[position].tensor
            if !entry.isBuffer && full.rank > dimension {
              // torch.tensor_split: the first size % count parts are one longer; torch.chunk: parts of
              // ⌈size/count⌉, the trailing ones smaller or empty.
              let size = full.shape[dimension], c = (size + count - 1) / count
              let expected = style == .chunk
                ? (0..<count).map { max(0, min(c, size - $0 * c)) }
                : (0..<count).map { size / count + ($0 < size % count ? 1 : 0) }
              #expect(parts.map { $0.shape[dimension] } == expected)
              #expect(concatenate(parts, along: dimension) == bits(full), "\(model.spec) \(entry.key) \(dimension)/\(count)")
            } else {
              #expect(parts.allSatisfy { $0.shape == full.shape && bits($0) == bits(full) }, "\(model.spec) \(entry.key)")
            }
          }
        }
      }
    }
  }
}

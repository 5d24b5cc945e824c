import Initializers
import Layers
import RandomModule
import TensorModule
import TestSupport
import Testing

/// Declared-only modules and their materialization: nothing allocated or drawn at construction, and the
/// streamed (and sharded) values equal the in-memory `resetAllParameters(generator:)` bit for bit.
@Suite struct MaterializeTests {
  /// (Allocated models draw from a fresh generator, never from `TorchGenerator.default`, which tests
  /// running in parallel seed and draw from.)
  ///
  /// A model touching every module-specific default-init rule: Embedding's padding row, attention's
  /// zeroed biases and separate q/k/v weights, BatchNorm's buffers, convolution fans, recurrent layers.
  static func zoo(_ dtype: DType, generator: (any RandomGenerator)? = TorchGenerator(seed: 0)) throws -> Module {
    try Sequential(
      Embedding(11, 6, paddingIndex: -2, dtype: dtype, generator: generator),
      MultiheadAttention(6, 2, addBiasKV: true, dtype: dtype, generator: generator),
      MultiheadAttention(6, 3, kdim: 4, vdim: 5, dtype: dtype, generator: generator),
      BatchNorm1d(6, dtype: dtype),
      Conv2d(3, 4, kernelSize: [3, 2], dtype: dtype, generator: generator),
      ConvTranspose1d(4, 6, kernelSize: 2, groups: 2, dtype: dtype, generator: generator),
      LSTM(6, 8, numLayers: 2, bidirectional: true, projSize: 3, dtype: dtype, generator: generator),
      GRU(3, 5, dtype: dtype, generator: generator),
      LayerNorm([5, 2], dtype: dtype),
      GroupNorm(2, 4, dtype: dtype),
      Bilinear(3, 4, 5, dtype: dtype, generator: generator),
      Linear(5, 0, dtype: dtype, generator: generator))
  }

  /// Layers whose weights all have fans, for `--weight-init`-style re-initialization.
  static func weighted(_ dtype: DType, generator: (any RandomGenerator)? = TorchGenerator(seed: 0)) throws -> Module {
    try Sequential(
      Embedding(11, 6, paddingIndex: 3, dtype: dtype, generator: generator), Linear(6, 4, dtype: dtype, generator: generator),
      Conv2d(3, 4, kernelSize: 3, bias: false, dtype: dtype, generator: generator))
  }

  /// `resetAllParameters(generator:)`, `reinitialize(…)` then `stateDict()` on an allocated model: the reference.
  static func inMemory(
    _ dtype: DType, seed: Int, weightInit: Initializer? = nil, biasInit: Initializer? = nil,
    model build: (DType, (any RandomGenerator)?) throws -> Module = zoo
  ) throws -> [(key: String, tensor: Tensor)] {
    let generator = PhiloxGenerator(seed: seed)
    let model = try build(dtype, generator)
    try model.resetAllParameters(generator: generator)
    try model.reinitialize(weight: weightInit, bias: biasInit, generator: generator)
    return model.stateDict()
  }

  @Test func declaredOnlyModulesAllocateAndDrawNothing() throws {
    let big = try Module.declarationsOnly { try Sequential((0..<16).map { _ in try Linear(8192, 8192) }) }
    #expect(big.isDeclaredOnly)
    #expect(big.stateDict().isEmpty)  // no tensor exists
    let declared = big.declaredState()
    #expect(declared.map(\.key) == (0..<16).flatMap { ["\($0).weight", "\($0).bias"] })
    #expect(declared.reduce(0) { $0 + $1.declaration.count } == 16 * (8192 * 8192 + 8192))
    #expect(try big.initializationPlan().first?.shape == [8192, 8192])

    let meta = try Module.declarationsOnly { try Self.zoo(.float64) }
    let real = try Self.zoo(.float64)
    #expect(!real.isDeclaredOnly)
    #expect(meta.description == real.description)
    #expect(meta.declaredState().map(\.key) == real.stateDict().map(\.key))
    #expect(meta.declaredState().map(\.declaration.shape) == real.stateDict().map(\.tensor.shape))
    #expect(try meta.initializationPlan().map(\.scheme) == real.initializationPlan().map(\.scheme))
    #expect(try meta.initializationPlan().map(\.shape) == real.initializationPlan().map(\.shape))
  }

  /// A 70-billion-parameter model (280 GB in float32) declared, planned and checked: had anything
  /// been allocated or drawn per element, this could not run.
  @Test func declaringASeventyBillionParameterModelAllocatesNothing() throws {
    let model = try Module.declarationsOnly {
      try Sequential((0..<1043).map { _ in try Linear(8192, 8192, bias: false) })
    }
    #expect(model.stateDict().isEmpty)
    let plan = try model.materializationPlan(weightInit: .truncNormal(std: 0.02))
    #expect(plan.elementCount(in: nil) == 1043 * 8192 * 8192)  // 69,994,233,856
    #expect(plan.byteCount(in: nil) == 4 * 1043 * 8192 * 8192)
    try plan.validate()
    let fill = try plan.fill(for: plan.entries[1042])
    #expect(fill == .truncatedNormal(mean: 0, std: 0.02, a: -2, b: 2))
    let bound = try #require(try Initializer.kaimingUniform(a: 5.0.squareRoot()).statistics(shape: [8192, 8192]).bound)
    #expect(abs(bound - 1 / 8192.0.squareRoot()) < 1e-15)
  }

  @Test func planKeepsEveryModulesOwnRules() throws {
    let model = try Module.declarationsOnly { try Self.zoo(.float32) }
    let plan = try model.materializationPlan()
    func entry(_ key: String) throws -> MaterializationPlan.Entry { try #require(plan.entries.first { $0.key == key }) }
    #expect(try entry("0.weight").scheme == .normal())
    #expect(try entry("0.weight").indexFills == [.init(index: 9, value: 0)])
    #expect(try entry("1.in_proj_bias").scheme == .constant(0))
    #expect(try entry("1.out_proj.bias").scheme == .constant(0))
    #expect(try entry("1.out_proj.weight").scheme == .kaimingUniform(a: 5.0.squareRoot()))
    #expect(try entry("1.bias_k").scheme == .xavierNormal())
    #expect(try entry("3.running_var").isBuffer)
    #expect(try entry("3.running_var").declaration.fill == 1)
    #expect(try entry("3.num_batches_tracked").declaration.dtype == .int64)
  }

  @Test(arguments: [DType.float32, .float64])
  func materializedEqualsInMemory(dtype: DType) throws {
    let expected = try Self.inMemory(dtype, seed: 5)
    let model = try Module.declarationsOnly { try Self.zoo(dtype, generator: PhiloxGenerator(seed: 5)) }
    let plan = try model.materializationPlan()
    let whole = try plan.tensors(generator: PhiloxGenerator(seed: 5))
    #expect(whole.map(\.key) == expected.map(\.key))
    for (mine, reference) in zip(whole, expected) {
      #expect(mine.tensor.shape == reference.tensor.shape, "\(mine.key)")
      #expect(bits(mine.tensor) == bits(reference.tensor), "\(mine.key)")
    }
    // Chunk boundaries anywhere (inside Box–Muller pairs, inside the padding row) change nothing.
    for chunkElements in [1, 7, 64] {
      var streamed: [String: [UInt64]] = [:]
      try plan.materialize(generator: PhiloxGenerator(seed: 5), chunkElements: chunkElements) { entry, chunk in
        #expect(chunk.count <= chunkElements)
        streamed[entry.key, default: []] += bits(chunk)
      }
      for reference in expected where reference.tensor.count > 0 {
        #expect(streamed[reference.key] == bits(reference.tensor), "\(reference.key) chunk \(chunkElements)")
      }
    }
    // An allocated model gives the same plan values (its buffers are read, its parameters recomputed).
    let allocated = try Self.zoo(dtype).materializationPlan().tensors(generator: PhiloxGenerator(seed: 5))
    #expect(allocated.map { bits($0.tensor) } == expected.map { bits($0.tensor) })
  }

  @Test func reinitializationIsRecordedInOrder() throws {
    let expected = try Self.inMemory(.float32, seed: 9, weightInit: .xavierNormal(), biasInit: .constant(0.5), model: Self.weighted)
    let model = try Module.declarationsOnly { try Self.weighted(.float32) }
    let plan = try model.materializationPlan(weightInit: .xavierNormal(), biasInit: .constant(0.5))
    // Embedding's weight is re-initialized after its padding row was zeroed: the row is random again.
    #expect(plan.entries[0].scheme == .xavierNormal() && plan.entries[0].indexFills.isEmpty)
    let whole = try plan.tensors(generator: PhiloxGenerator(seed: 9))
    #expect(whole.map { bits($0.tensor) } == expected.map { bits($0.tensor) })
  }

  @Test func shardsConcatenateToTheWholeTensors() throws {
    let model = try Module.declarationsOnly { try Self.zoo(.float32) }
    let plan = try model.materializationPlan()
    let generator = PhiloxGenerator(seed: 3)
    let whole = try plan.tensors(generator: generator)
    for dimension in 0...2 {
      for count in [2, 3] {
        let shards = try (0..<count).map { index in
          try plan.tensors(generator: generator, shard: TensorShard(dimension: dimension, index: index, count: count))
        }
        for (position, entry) in plan.entries.enumerated() {
          let parts = shards.map { $0[position].tensor }
          let full = whole[position].tensor
          if plan.cuts(entry, try TensorShard(dimension: dimension, index: 0, count: count)) {
            #expect(concatenate(parts, along: dimension) == bits(full), "\(entry.key) dim \(dimension) of \(count)")
          } else {
            #expect(parts.allSatisfy { bits($0) == bits(full) && $0.shape == full.shape }, "\(entry.key) replicated")
          }
        }
      }
    }
  }

  @Test func errorsNameTheParameterAndNothingIsDrawnFromTorch() throws {
    let model = try Module.declarationsOnly { try Self.zoo(.float32) }
    let plan = try model.materializationPlan(weightInit: .kaimingUniform())
    #expect(throws: ParameterInitError.self) { try plan.validate() }
    do {
      try plan.materialize(generator: PhiloxGenerator(seed: 0)) { _, _ in }
      Issue.record("expected an error")
    } catch let error as ParameterInitError {
      #expect(error.parameter == "3.weight")  // BatchNorm1d's 1-D weight has no fans
    }
    // `materialize` takes a PositionAddressedGenerator: PyTorch's sequential stream is rejected by the
    // type checker, so it can never be asked for a chunk alone.
    #expect(!(TorchGenerator(seed: 0) as Any is any PositionAddressedGenerator))
    #expect(PhiloxGenerator(seed: 0) as Any is any PositionAddressedGenerator)
  }
}

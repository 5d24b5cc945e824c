import Initializers
@_spi(Testing) import RandomModule
import TensorModule
import TestSupport
import Testing

/// `Initializer.fill(for:dtype:)`, the one lowering, and the two executors that run its result.
@Suite struct FillTests {
  /// Each scheme lowers to the fill PyTorch's function computes: the arguments in double, in its
  /// operation order (`calculate_gain`, then `std = gain/√fan`, then `bound = √3·std`).
  @Test func lowersToPyTorchsArguments() throws {
    let linearGain = (2.0 / (1 + 5.0.squareRoot() * 5.0.squareRoot())).squareRoot()
    let linearBound = 3.0.squareRoot() * (linearGain / 10.0.squareRoot())
    #expect(try Initializer.kaimingUniform(a: 5.0.squareRoot()).fill(for: [5, 10], dtype: .float32)
      == .uniform(low: -linearBound, high: linearBound))
    let xavierStd = 2.0 * (2.0 / Double(3 * 9 + 4 * 9)).squareRoot()
    #expect(try Initializer.xavierNormal(gain: 2).fill(for: [4, 3, 3, 3], dtype: .float64) == .normal(mean: 0, std: xavierStd))
    let kaimingStd = 2.0.squareRoot() / Double(4 * 9).squareRoot()
    #expect(try Initializer.kaimingNormal(mode: .fanOut, nonlinearity: .relu).fill(for: [4, 3, 3, 3], dtype: .float32)
      == .normal(mean: 0, std: kaimingStd))
    #expect(try Initializer.ones.fill(for: [3], dtype: .int64) == .constant(1))
    #expect(try Initializer.truncNormal(mean: 0.5, std: 0, a: 0, b: 1).fill(for: [3], dtype: .float32) == .constant(0.5))
    #expect(try Initializer.dirac(groups: 2).fill(for: [4, 2, 3], dtype: .float32) == .dirac(groups: 2))
    #expect(try Initializer.sparse(sparsity: 0.1).fill(for: [4, 6], dtype: .float64) == .sparse(sparsity: 0.1, std: 0.01))
  }

  /// Argument checks happen in the lowering, with the shape and dtype alone: no tensor is needed.
  @Test func checksNeedNoTensor() throws {
    #expect(throws: InitError.fanNeedsTwoDimensions(shape: [5])) { try Initializer.xavierUniform().fill(for: [5], dtype: .float32) }
    #expect(throws: RandomError.notFloatingPoint(.int64)) { try Initializer.uniform().fill(for: [2, 2], dtype: .int64) }
    #expect(throws: RandomError.boundOutOfRange(name: "to", value: 1e300, dtype: .float32)) {
      try Initializer.uniform(a: 0, b: 1e300).fill(for: [2], dtype: .float32)
    }
    #expect(try Initializer.uniform(a: 0, b: 1e300).fill(for: [2], dtype: .float64) == .uniform(low: 0, high: 1e300))
    #expect(throws: InitError.invertedBounds(a: 1, b: 0)) { try Initializer.truncNormal(a: 1, b: 0).fill(for: [2], dtype: .float32) }
    // orthogonal_ returns an empty tensor untouched, whatever its dtype, as PyTorch does.
    #expect(try Initializer.orthogonal().fill(for: [0, 3], dtype: .int64) == .orthogonal(gain: 1))
    #expect(throws: RandomError.notFloatingPoint(.int64)) { try Initializer.orthogonal().fill(for: [2, 3], dtype: .int64) }
  }

  /// The statistics read the fill: a uniform fill's std is its half-width over √3.
  @Test func statisticsReadTheFill() throws {
    let fill = Fill.uniform(low: -0.5, high: 0.5)
    #expect(fill.bound == 0.5)
    #expect(abs(fill.std(shape: [4]) - 0.5 / 3.0.squareRoot()) < 1e-16)
    #expect(Fill.uniform(low: 0, high: 1).bound == nil)
    #expect(Fill.constant(3).std(shape: [4]) == 0)
    let stats = try Initializer.xavierUniform().statistics(shape: [20, 30])
    #expect(stats.fanIn == 30 && stats.fanOut == 20)
    #expect(abs(stats.std - (2.0 / 50).squareRoot()) < 1e-16)
  }

  /// Sequential and position-addressed executors give the same bits for every element-wise fill, at
  /// every offset, and for eye/dirac also on int64 tensors.
  @Test(arguments: [DType.float32, .float64])
  func executorsAgree(dtype: DType) throws {
    let fills: [(Fill, [Int])] = [
      (.uniform(low: -0.25, high: 0.75), [6, 12]), (.normal(mean: 1, std: 0.5), [6, 12]),
      (.truncatedNormal(mean: 0, std: 1, a: -1, b: 2), [6, 12]), (.constant(0.125), [6, 12]), (.eye, [6, 12]),
      (.dirac(groups: 2), [6, 4, 3]), (.orthogonal(gain: 1.5), [6, 4, 3]), (.sparse(sparsity: 0.5, std: 0.1), [6, 12]),
    ]
    for (fill, shape) in fills {
      let generator = PhiloxGenerator(seed: 11, path: "w")
      var whole = try Tensor(zeros: shape, dtype: dtype)
      try fill.apply(to: &whole, generator: generator)
      let positional = try PositionalFill(fill, shape: shape, dtype: dtype, generator: generator)
      #expect(positional.holdsWholeTensor == !fill.isElementWise, "\(fill)")
      #expect(bits(try positional.tensor()) == bits(whole), "\(fill)")
      let shard = try TensorShard(dimension: 1, index: 1, count: 3)
      #expect(try positional.tensor(shard).shape == shard.shape(of: shape), "\(fill)")
    }
    var eye = try Tensor(zeros: [3, 4], dtype: .int64)
    try Fill.eye.apply(to: &eye)
    #expect(eye.dtype == .int64 && eye.doubles == [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
  }
}

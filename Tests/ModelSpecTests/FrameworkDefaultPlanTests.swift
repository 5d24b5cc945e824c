import Foundation
import Initializers
import Layers
import ModelSpec
import RandomModule
import TensorModule
import Testing

/// `--plan keras|flax|mlx`: each framework's layer defaults, checked against the formulas of its
/// source (quoted per test), and the variance-scaling scheme they use.
@Suite struct FrameworkDefaultPlanTests {
  /// The Fill each parameter of `spec` gets under the framework's plan.
  func fills(_ framework: String, _ spec: String) throws -> [String: Fill] {
    let model = try Module.declarationsOnly { try ModelBuilder().build(spec) }
    let plan = try #require(InitPlan.frameworkDefaults[framework])
    let materialization = try model.materializationPlan(reinitializing: plan.resolve(for: model).steps)
    return try Dictionary(uniqueKeysWithValues: materialization.entries.filter { !$0.isBuffer }.map { ($0.key, try materialization.fill(for: $0)) })
  }

  static let spec = "Embedding(1000, 64), Linear(64, 300), Conv2d(3, 16, (3, 5)), ConvTranspose2d(16, 8, 3), LSTM(10, 20), LayerNorm(8)"

  /// Keras 3: `GlorotUniform` = `VarianceScaling(scale=1.0, mode="fan_avg", distribution="uniform")`,
  /// `limit = math.sqrt(3.0 * scale)` after `scale /= max(1.0, (fan_in + fan_out) / 2.0)`; Embedding
  /// `RandomUniform(minval=-0.05, maxval=0.05)`; biases `zeros`; recurrent kernels `orthogonal`.
  @Test func kerasMatchesItsSource() throws {
    let f = try fills("keras", Self.spec)
    func glorot(_ fanIn: Int, _ fanOut: Int) -> Double { (3.0 * (1.0 / (Double(fanIn + fanOut) / 2.0))).squareRoot() }
    #expect(f["0.weight"] == .uniform(low: -0.05, high: 0.05))
    #expect(f["1.weight"] == .uniform(low: -glorot(64, 300), high: glorot(64, 300)))
    #expect(f["1.bias"] == .constant(0))
    #expect(f["2.weight"] == .uniform(low: -glorot(3 * 15, 16 * 15), high: glorot(3 * 15, 16 * 15)))
    #expect(f["2.bias"] == .constant(0) && f["3.bias"] == .constant(0))
    #expect(f["4.weight_ih_l0"] == .uniform(low: -glorot(10, 80), high: glorot(10, 80)))
    #expect(f["4.weight_hh_l0"] == .orthogonal(gain: 1) && f["4.bias_ih_l0"] == .constant(0) && f["4.bias_hh_l0"] == .constant(0))
    #expect(f["5.weight"] == .constant(1) && f["5.bias"] == .constant(0))
    // glorot_uniform and PyTorch's xavier_uniform_ are the same distribution: bound √(6/(fan_in+fan_out)).
    #expect(abs(glorot(64, 300) - (6.0 / 364).squareRoot()) < 1e-15)
  }

  /// Flax Linen: `lecun_normal` = `variance_scaling(1.0, "fan_in", "truncated_normal")`, `stddev =
  /// jnp.sqrt(variance) / jnp.array(.87962566103423978, dtype)`, drawn from `truncated_normal(key, -2, 2)`
  /// times stddev; `Embed`: `variance_scaling(1.0, 'fan_in', 'normal', out_axis=0)` → std 1/√features.
  @Test func flaxMatchesItsSource() throws {
    let f = try fills("flax", Self.spec)
    func lecun(_ fanIn: Int) -> Fill {
      let std = (1.0 / Double(fanIn)).squareRoot() / 0.87962566103423978
      return .truncatedNormal(mean: 0, std: std, a: -2 * std, b: 2 * std)
    }
    #expect(f["0.weight"] == .normal(mean: 0, std: (1.0 / 64).squareRoot()))
    #expect(f["1.weight"] == lecun(64) && f["1.bias"] == .constant(0))
    #expect(f["2.weight"] == lecun(3 * 15) && f["2.bias"] == .constant(0))
    // Flax's ConvTranspose kernel [k…, in, out]: fan_in = in·k = 16·9 (PyTorch's fan_out of [16, 8, 3, 3]).
    #expect(f["3.weight"] == lecun(16 * 9))
    #expect(f["4.weight_ih_l0"] == lecun(10) && f["4.weight_hh_l0"] == .orthogonal(gain: 1))
  }

  /// MLX Swift: `Linear`: `sqrt(1.0 / Float(inputDimensions))` for weight and bias (= PyTorch's default);
  /// `Conv2d`: bias `MLXArray.zeros([outputChannels])`; `Embedding`: `normal(scale: sqrt(1 / Float(dimensions)))`.
  @Test func mlxMatchesItsSource() throws {
    let f = try fills("mlx", Self.spec)
    // PyTorch computes the same bound as √3·√(2/(1+5))/√fan_in: equal up to rounding.
    func isUniform(_ fill: Fill?, bound: Double) -> Bool {
      guard case .uniform(let low, let high)? = fill else { return false }
      return low == -high && abs(high - bound) <= 4 * bound.ulp
    }
    #expect(isUniform(f["1.weight"], bound: (1.0 / 64).squareRoot()) && isUniform(f["1.bias"], bound: (1.0 / 64).squareRoot()))
    #expect(isUniform(f["2.weight"], bound: (1.0 / Double(3 * 15)).squareRoot()) && f["2.bias"] == .constant(0))
    #expect(!isUniform(f["2.weight"], bound: (1.0 / Double(3 * 16)).squareRoot()))
    #expect(f["0.weight"] == .normal(mean: 0, std: (1.0 / 64).squareRoot()))
  }

  /// The point of the 0.8796… correction: the truncated normal's std is √(scale/n). Drawn with PyTorch's
  /// generator on 400 000 elements.
  @Test func truncatedVarianceScalingHasTheRequestedStd() throws {
    var tensor = try Tensor(zeros: [1000, 400], dtype: .float64)
    try Initializer.varianceScaling(scale: 2, mode: .fanIn, distribution: .truncatedNormal).apply(to: &tensor, generator: TorchGenerator(seed: 3))
    let values = tensor.doubles, n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    #expect(abs(std / (2.0 / 400).squareRoot() - 1) < 0.005, "\(std)")
    let bound = 2 * (2.0 / 400).squareRoot() / 0.87962566103423978
    #expect(values.allSatisfy { abs($0) <= bound })
  }

  @Test func varianceScalingCallTextRoundTrips() throws {
    let scheme = Initializer.varianceScaling(scale: 2, mode: .fanGeoAvg, distribution: .uniform)
    #expect(scheme.description == "variance_scaling_(scale=2.0, mode='fan_geo_avg', distribution='uniform')")
    #expect(try InitCallBuilder.initializer(from: scheme.description) == scheme)
    #expect(try InitCallBuilder.initializer(from: "variance_scaling_()") == .varianceScaling())
    #expect(throws: (any Error).self) { try InitCallBuilder.initializer(from: "variance_scaling_(mode='fan_sum')") }
    #expect(throws: VarianceScalingError.self) { try Initializer.varianceScaling(scale: 0).fill(for: [2, 2], dtype: .float32) }
  }
}

import Initializers
import RandomModule
import TensorModule

/// A fully connected layer `y = x·Wᵀ + b` (`torch.nn.Linear`).
///
/// Default init, as PyTorch's `reset_parameters`: `W ~ kaiming_uniform_(a=√5)`, i.e.
/// U(−k, k) with k = 1/√in_features (computed as `√3·√(2/(1+√5²))/√in`), then `b ~ U(−k, k)` with
/// k = 1/√in_features (0 when in_features = 0). Weight shape `(out_features, in_features)`.
public class Linear: Module, HasWeight, HasBias {
  /// Size of each input sample.
  public let inFeatures: Int
  /// Size of each output sample.
  public let outFeatures: Int



  /// `nn.Linear(in_features, out_features, bias=True, dtype=None)`, drawing its default init from
  /// `generator` (default: `TorchGenerator.default`).
  public init(
    _ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    self.inFeatures = inFeatures
    self.outFeatures = outFeatures
    super.init()
    try declareParameter("weight", [outFeatures, inFeatures], dtype, layer: typeName)
    if bias { try declareParameter("bias", [outFeatures], dtype, layer: typeName) }
    try resetParameters(InitContext(generator: generator))
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .kaimingUniform(a: 5.0.squareRoot()))
    let bound = inFeatures > 0 ? 1 / Double(inFeatures).squareRoot() : 0
    try context.initialize("bias", of: self, with: .uniform(a: -bound, b: bound))
  }

  public override var extraDescription: String {
    "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(pythonBool(hasParameter("bias")))"
  }
}

/// The `Linear` that `MultiheadAttention` uses as `out_proj`; identical, but printed under PyTorch's
/// class name (`torch.nn.modules.linear.NonDynamicallyQuantizableLinear`).
public final class NonDynamicallyQuantizableLinear: Linear {}

/// A bilinear layer `y = x₁ᵀ·A·x₂ + b` (`torch.nn.Bilinear`).
///
/// Default init: weight and bias from U(−k, k), k = 1/√in1_features. Weight shape
/// `(out_features, in1_features, in2_features)`.
public final class Bilinear: Module, HasWeight, HasBias {
  /// The constructor's `in1_features`, `in2_features`, `out_features`, as PyTorch stores them.
  public let in1Features: Int, in2Features: Int, outFeatures: Int



  /// `nn.Bilinear(in1_features, in2_features, out_features, bias=True)`.
  ///
  /// - Throws: ``LayerError`` if `in1_features <= 0` (PyTorch's check) or a size is negative.
  public init(
    _ in1Features: Int, _ in2Features: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    guard in1Features > 0 else {
      throw LayerError("Bilinear", "in1_features must be > 0, but got (in1_features=\(in1Features))")
    }
    self.in1Features = in1Features
    self.in2Features = in2Features
    self.outFeatures = outFeatures
    super.init()
    try declareParameter("weight", [outFeatures, in1Features, in2Features], dtype, layer: typeName)
    if bias { try declareParameter("bias", [outFeatures], dtype, layer: typeName) }
    try resetParameters(InitContext(generator: generator))
  }

  public override func resetParameters(_ context: InitContext) throws {
    let bound = 1 / Double(in1Features).squareRoot()
    try context.initialize("weight", of: self, with: .uniform(a: -bound, b: bound))
    try context.initialize("bias", of: self, with: .uniform(a: -bound, b: bound))
  }

  public override var extraDescription: String {
    "in1_features=\(in1Features), in2_features=\(in2Features), out_features=\(outFeatures), bias=\(pythonBool(hasParameter("bias")))"
  }
}

import Initializers
import RandomModule
import TensorModule

/// Layer normalization over the last dimensions (`torch.nn.LayerNorm`).
///
/// Default init (no random numbers): weight = 1, bias = 0, both of shape `normalized_shape`, present
/// only when `elementwise_affine` (bias only when `bias`).
public final class LayerNorm: Module {
  /// The constructor's `normalized_shape`, as PyTorch stores it.
  public let normalizedShape: [Int]
  /// The constructor's `eps`, as PyTorch stores it.
  public let eps: PythonNumber
  /// The constructor's `elementwise_affine`, whether the module has a `bias` parameter, as PyTorch stores them.
  public let elementwiseAffine: Bool, hasBias: Bool

  /// `nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)`.
  public init(
    _ normalizedShape: [Int], eps: PythonNumber = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
    dtype: DType = .float32
  ) throws {
    self.normalizedShape = normalizedShape
    self.eps = eps
    self.elementwiseAffine = elementwiseAffine
    self.hasBias = bias && elementwiseAffine
    super.init()
    if elementwiseAffine {
      try declareParameter("weight", normalizedShape, dtype, layer: "LayerNorm")
      if bias { try declareParameter("bias", normalizedShape, dtype, layer: "LayerNorm") }
    }
    try resetParameters(InitContext())
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .ones)
    try context.initialize("bias", of: self, with: .zeros)
  }

  public override var extraDescription: String {
    "\(pythonTuple(normalizedShape)), eps=\(eps), elementwise_affine=\(pythonBool(elementwiseAffine)), bias=\(pythonBool(hasBias))"
  }
}

/// Group normalization (`torch.nn.GroupNorm`).
///
/// Default init (no random numbers): weight = 1, bias = 0, shape `(num_channels)`, when `affine`.
public final class GroupNorm: Module {
  /// The constructor's `num_groups`, `num_channels`, as PyTorch stores them.
  public let numGroups: Int, numChannels: Int
  /// The constructor's `eps`, as PyTorch stores it.
  public let eps: PythonNumber
  /// The constructor's `affine`, whether the module has a `bias` parameter, as PyTorch stores them.
  public let affine: Bool, hasBias: Bool

  /// `nn.GroupNorm(num_groups, num_channels, eps=1e-05, affine=True, bias=True)`.
  ///
  /// - Throws: ``LayerError`` if `num_groups` does not divide `num_channels`.
  public init(
    _ numGroups: Int, _ numChannels: Int, eps: PythonNumber = 1e-5, affine: Bool = true, bias: Bool = true,
    dtype: DType = .float32
  ) throws {
    guard numGroups != 0, numChannels % numGroups == 0 else {
      throw LayerError("GroupNorm", "num_channels (\(numChannels)) must be divisible by num_groups (\(numGroups))")
    }
    self.numGroups = numGroups
    self.numChannels = numChannels
    self.eps = eps
    self.affine = affine
    self.hasBias = bias && affine
    super.init()
    if affine {
      try declareParameter("weight", [numChannels], dtype, layer: "GroupNorm")
      if bias { try declareParameter("bias", [numChannels], dtype, layer: "GroupNorm") }
    }
    try resetParameters(InitContext())
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .ones)
    try context.initialize("bias", of: self, with: .zeros)
  }

  public override var extraDescription: String {
    "\(numGroups), \(numChannels), eps=\(eps), affine=\(pythonBool(affine)), bias=\(pythonBool(hasBias))"
  }
}

import Initializers
import TensorModule

/// Batch normalization (`torch.nn.BatchNorm1d/2d/3d`, `torch.nn.modules.batchnorm._BatchNorm`).
///
/// Default init (no random numbers): weight = 1 and bias = 0 when `affine`; buffers
/// `running_mean = 0`, `running_var = 1`, `num_batches_tracked = 0` (int64, 0-d) when
/// `track_running_stats`.
public class BatchNorm: Module {
  /// The constructor's `num_features`, as PyTorch stores it.
  public let numFeatures: Int
  /// The constructor's `eps`, as PyTorch stores it.
  public let eps: PythonNumber
  /// `nil` prints as `None` (cumulative moving average).
  public let momentum: PythonNumber?
  /// The constructor's `affine`, `track_running_stats`, whether the module has a `bias` parameter, as PyTorch stores them.
  public let affine: Bool, trackRunningStats: Bool, hasBias: Bool

  init(
    features numFeatures: Int, eps: PythonNumber, momentum: PythonNumber?, affine: Bool, trackRunningStats: Bool,
    bias: Bool, dtype: DType
  ) throws {
    self.numFeatures = numFeatures
    self.eps = eps
    self.momentum = momentum
    self.affine = affine
    self.trackRunningStats = trackRunningStats
    self.hasBias = bias && affine
    super.init()
    if affine {
      try declareParameter("weight", [numFeatures], dtype, layer: typeName)
      if bias { try declareParameter("bias", [numFeatures], dtype, layer: typeName) }
    }
    if trackRunningStats {
      try declareBuffer("running_mean", [numFeatures], dtype, layer: typeName)
      try declareBuffer("running_var", [numFeatures], dtype, layer: typeName, filledWith: 1)
      try declareBuffer("num_batches_tracked", [], .int64, layer: typeName)
    }
    try resetParameters(InitContext())
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .ones)
    try context.initialize("bias", of: self, with: .zeros)
  }

  public override var extraDescription: String {
    "\(numFeatures), eps=\(eps), momentum=\(momentum?.description ?? "None"), affine=\(pythonBool(affine)), "
      + "bias=\(pythonBool(hasBias)), track_running_stats=\(pythonBool(trackRunningStats))"
  }
}

/// Batch normalization over 2-D or 3-D input (`torch.nn.BatchNorm1d`); default init as ``BatchNorm``.
public final class BatchNorm1d: BatchNorm {
  /// `nn.BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, bias=True)`.
  public init(
    _ numFeatures: Int, eps: PythonNumber = 1e-5, momentum: PythonNumber? = 0.1, affine: Bool = true,
    trackRunningStats: Bool = true, bias: Bool = true, dtype: DType = .float32
  ) throws {
    try super.init(
      features: numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, bias: bias,
      dtype: dtype)
  }
}

/// Batch normalization over 4-D input (`torch.nn.BatchNorm2d`); default init as ``BatchNorm``.
public final class BatchNorm2d: BatchNorm {
  /// `nn.BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, bias=True)`.
  public init(
    _ numFeatures: Int, eps: PythonNumber = 1e-5, momentum: PythonNumber? = 0.1, affine: Bool = true,
    trackRunningStats: Bool = true, bias: Bool = true, dtype: DType = .float32
  ) throws {
    try super.init(
      features: numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, bias: bias,
      dtype: dtype)
  }
}

/// Batch normalization over 5-D input (`torch.nn.BatchNorm3d`); default init as ``BatchNorm``.
public final class BatchNorm3d: BatchNorm {
  /// `nn.BatchNorm3d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, bias=True)`.
  public init(
    _ numFeatures: Int, eps: PythonNumber = 1e-5, momentum: PythonNumber? = 0.1, affine: Bool = true,
    trackRunningStats: Bool = true, bias: Bool = true, dtype: DType = .float32
  ) throws {
    try super.init(
      features: numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, bias: bias,
      dtype: dtype)
  }
}

import TensorModule

/// Instance normalization (`torch.nn.InstanceNorm1d/2d/3d`, `torch.nn.modules.instancenorm._InstanceNorm`).
///
/// Default init (no random numbers), as `_NormBase.reset_parameters`: weight = 1 and bias = 0 when
/// `affine`; `running_mean = 0`, `running_var = 1`, `num_batches_tracked = 0` when
/// `track_running_stats`. Unlike BatchNorm both flags default to `False`.
public class InstanceNorm: BatchNorm {}

/// `torch.nn.InstanceNorm1d`; default init as ``InstanceNorm``.
public final class InstanceNorm1d: InstanceNorm {
  /// `nn.InstanceNorm1d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, *, bias=True)`.
  public init(_ numFeatures: Int, eps: PythonNumber = 1e-5, momentum: PythonNumber? = 0.1, affine: Bool = false,
              trackRunningStats: Bool = false, bias: Bool = true, dtype: DType = .float32) throws {
    try super.init(
      features: numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, bias: bias, dtype: dtype)
  }
}

/// `torch.nn.InstanceNorm2d`; default init as ``InstanceNorm``.
public final class InstanceNorm2d: InstanceNorm {
  /// `nn.InstanceNorm2d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, *, bias=True)`.
  public init(_ numFeatures: Int, eps: PythonNumber = 1e-5, momentum: PythonNumber? = 0.1, affine: Bool = false,
              trackRunningStats: Bool = false, bias: Bool = true, dtype: DType = .float32) throws {
    try super.init(
      features: numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, bias: bias, dtype: dtype)
  }
}

/// `torch.nn.InstanceNorm3d`; default init as ``InstanceNorm``.
public final class InstanceNorm3d: InstanceNorm {
  /// `nn.InstanceNorm3d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, *, bias=True)`.
  public init(_ numFeatures: Int, eps: PythonNumber = 1e-5, momentum: PythonNumber? = 0.1, affine: Bool = false,
              trackRunningStats: Bool = false, bias: Bool = true, dtype: DType = .float32) throws {
    try super.init(
      features: numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, bias: bias, dtype: dtype)
  }
}

/// Batch normalization synchronized across processes (`torch.nn.SyncBatchNorm`); on one process, and
/// for its parameters, buffers, default init and repr, it is ``BatchNorm``.
public final class SyncBatchNorm: BatchNorm {
  /// `nn.SyncBatchNorm(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, process_group=None,
  /// *, bias=True)`.
  public init(_ numFeatures: Int, eps: PythonNumber = 1e-5, momentum: PythonNumber? = 0.1, affine: Bool = true,
              trackRunningStats: Bool = true, bias: Bool = true, dtype: DType = .float32) throws {
    try super.init(
      features: numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, bias: bias, dtype: dtype)
  }
}

import TensorModule

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

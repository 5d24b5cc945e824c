import RandomModule
import TensorModule

/// A 1-D convolution (`torch.nn.Conv1d`); default init as ``ConvolutionBase``.
public final class Conv1d: ConvolutionBase {
  /// `nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
  /// bias=True, padding_mode='zeros')`.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: some ConvSizeConvertible, stride: some ConvSizeConvertible = 1,
    padding: some ConvPaddingConvertible = 0,
    dilation: some ConvSizeConvertible = 1, groups: Int = 1, bias: Bool = true, paddingMode: PaddingMode = .zeros,
    dtype: DType = .float32, generator: (any RandomGenerator)? = nil
  ) throws {
    try super.init(
      dimensions: 1, transposed: false, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize.convSize,
      stride: stride.convSize, padding: padding.convPadding, outputPadding: 0, dilation: dilation.convSize, groups: groups, bias: bias,
      paddingMode: paddingMode, dtype: dtype, generator: generator)
  }
}

/// A 2-D convolution (`torch.nn.Conv2d`); default init as ``ConvolutionBase``.
public final class Conv2d: ConvolutionBase {
  /// `nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
  /// bias=True, padding_mode='zeros')`.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: some ConvSizeConvertible, stride: some ConvSizeConvertible = 1,
    padding: some ConvPaddingConvertible = 0,
    dilation: some ConvSizeConvertible = 1, groups: Int = 1, bias: Bool = true, paddingMode: PaddingMode = .zeros,
    dtype: DType = .float32, generator: (any RandomGenerator)? = nil
  ) throws {
    try super.init(
      dimensions: 2, transposed: false, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize.convSize,
      stride: stride.convSize, padding: padding.convPadding, outputPadding: 0, dilation: dilation.convSize, groups: groups, bias: bias,
      paddingMode: paddingMode, dtype: dtype, generator: generator)
  }
}

/// A 3-D convolution (`torch.nn.Conv3d`); default init as ``ConvolutionBase``.
public final class Conv3d: ConvolutionBase {
  /// `nn.Conv3d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
  /// bias=True, padding_mode='zeros')`.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: some ConvSizeConvertible, stride: some ConvSizeConvertible = 1,
    padding: some ConvPaddingConvertible = 0,
    dilation: some ConvSizeConvertible = 1, groups: Int = 1, bias: Bool = true, paddingMode: PaddingMode = .zeros,
    dtype: DType = .float32, generator: (any RandomGenerator)? = nil
  ) throws {
    try super.init(
      dimensions: 3, transposed: false, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize.convSize,
      stride: stride.convSize, padding: padding.convPadding, outputPadding: 0, dilation: dilation.convSize, groups: groups, bias: bias,
      paddingMode: paddingMode, dtype: dtype, generator: generator)
  }
}

import RandomModule
import TensorModule

/// A 1-D transposed convolution (`torch.nn.ConvTranspose1d`); default init as ``ConvolutionBase``.
public final class ConvTranspose1d: ConvolutionBase {
  /// `nn.ConvTranspose1d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0,
  /// groups=1, bias=True, dilation=1, padding_mode='zeros')`.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: some ConvSizeConvertible, stride: some ConvSizeConvertible = 1,
    padding: some ConvSizeConvertible = 0,
    outputPadding: some ConvSizeConvertible = 0, groups: Int = 1, bias: Bool = true, dilation: some ConvSizeConvertible = 1,
    paddingMode: PaddingMode = .zeros, dtype: DType = .float32, generator: (any RandomGenerator)? = nil
  ) throws {
    try super.init(
      dimensions: 1, transposed: true, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize.convSize,
      stride: stride.convSize, padding: padding.convPadding, outputPadding: outputPadding.convSize,
      dilation: dilation.convSize, groups: groups,
      bias: bias, paddingMode: paddingMode, dtype: dtype, generator: generator)
  }
}

/// A 2-D transposed convolution (`torch.nn.ConvTranspose2d`); default init as ``ConvolutionBase``.
public final class ConvTranspose2d: ConvolutionBase {
  /// `nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0,
  /// groups=1, bias=True, dilation=1, padding_mode='zeros')`.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: some ConvSizeConvertible, stride: some ConvSizeConvertible = 1,
    padding: some ConvSizeConvertible = 0,
    outputPadding: some ConvSizeConvertible = 0, groups: Int = 1, bias: Bool = true, dilation: some ConvSizeConvertible = 1,
    paddingMode: PaddingMode = .zeros, dtype: DType = .float32, generator: (any RandomGenerator)? = nil
  ) throws {
    try super.init(
      dimensions: 2, transposed: true, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize.convSize,
      stride: stride.convSize, padding: padding.convPadding, outputPadding: outputPadding.convSize,
      dilation: dilation.convSize, groups: groups,
      bias: bias, paddingMode: paddingMode, dtype: dtype, generator: generator)
  }
}

/// A 3-D transposed convolution (`torch.nn.ConvTranspose3d`); default init as ``ConvolutionBase``.
public final class ConvTranspose3d: ConvolutionBase {
  /// `nn.ConvTranspose3d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0,
  /// groups=1, bias=True, dilation=1, padding_mode='zeros')`.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: some ConvSizeConvertible, stride: some ConvSizeConvertible = 1,
    padding: some ConvSizeConvertible = 0,
    outputPadding: some ConvSizeConvertible = 0, groups: Int = 1, bias: Bool = true, dilation: some ConvSizeConvertible = 1,
    paddingMode: PaddingMode = .zeros, dtype: DType = .float32, generator: (any RandomGenerator)? = nil
  ) throws {
    try super.init(
      dimensions: 3, transposed: true, inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize.convSize,
      stride: stride.convSize, padding: padding.convPadding, outputPadding: outputPadding.convSize,
      dilation: dilation.convSize, groups: groups,
      bias: bias, paddingMode: paddingMode, dtype: dtype, generator: generator)
  }
}

import Initializers
import RandomModule
import TensorModule

/// How a convolution pads its input (`padding_mode`).
public enum PaddingMode: String, Sendable, CaseIterable {
  /// `'zeros'` pads with 0; `'reflect'`, `'replicate'` and `'circular'` pad as `torch.nn.functional.pad`'s
  /// modes of the same names. Initialization does not depend on it.
  case zeros, reflect, replicate, circular
}

/// The shared part of `Conv1d/2d/3d` and `ConvTranspose1d/2d/3d` (`torch.nn.modules.conv._ConvNd`).
///
/// Default init: `W ~ kaiming_uniform_(a=√5)`, i.e. U(−k, k) with k = 1/√fan_in, and, if `fan_in > 0`,
/// `b ~ U(−k, k)`, k = 1/√fan_in, where `fan_in = size(1)·Π kernel_size` of the weight:
/// `(in/groups)·Πk` for convolutions, `(out/groups)·Πk` for transposed ones (whose weight is
/// `(in, out/groups, *k)`).
public class ConvolutionBase: Module, HasWeight, HasBias {
  /// The constructor's `in_channels`, `out_channels`, as PyTorch stores them.
  public let inChannels: Int, outChannels: Int
  /// The constructor's `kernel_size`, `stride`, `dilation`, `output_padding`, as PyTorch stores them.
  public let kernelSize: [Int], stride: [Int], dilation: [Int], outputPadding: [Int]
  /// The constructor's `padding`, as PyTorch stores it.
  public let padding: ConvPadding
  /// The constructor's `groups`, as PyTorch stores it.
  public let groups: Int
  /// The constructor's `padding_mode`, as PyTorch stores it.
  public let paddingMode: PaddingMode
  /// The constructor's whether this is a transposed convolution, as PyTorch stores it.
  public let transposed: Bool



  init(
    dimensions: Int, transposed: Bool, inChannels: Int, outChannels: Int, kernelSize: ConvSize, stride: ConvSize,
    padding: ConvPadding, outputPadding: ConvSize, dilation: ConvSize, groups: Int, bias: Bool,
    paddingMode: PaddingMode, dtype: DType, generator: (any RandomGenerator)?
  ) throws {
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.transposed = transposed
    self.groups = groups
    self.padding = padding
    self.paddingMode = paddingMode
    let name = String(describing: Self.self)
    self.kernelSize = try kernelSize.expanded(dimensions, name: "kernel_size", layer: name)
    self.stride = try stride.expanded(dimensions, name: "stride", layer: name)
    self.dilation = try dilation.expanded(dimensions, name: "dilation", layer: name)
    self.outputPadding = try outputPadding.expanded(dimensions, name: "output_padding", layer: name)
    super.init()
    try validate(dimensions: dimensions)
    let weightShape =
      transposed ? [inChannels, outChannels / groups] + self.kernelSize : [outChannels, inChannels / groups] + self.kernelSize
    try declareParameter("weight", weightShape, dtype, layer: typeName)
    if bias { try declareParameter("bias", [outChannels], dtype, layer: typeName) }
    try resetParameters(InitContext(generator: generator))
  }

  private func validate(dimensions: Int) throws {
    guard groups > 0 else { throw LayerError(typeName, "groups must be a positive integer, got groups=\(groups)") }
    guard inChannels % groups == 0 else {
      throw LayerError(typeName, "in_channels must be divisible by groups (in_channels=\(inChannels), groups=\(groups))")
    }
    guard outChannels % groups == 0 else {
      throw LayerError(typeName, "out_channels must be divisible by groups (out_channels=\(outChannels), groups=\(groups))")
    }
    if case .explicit(let size) = padding { _ = try size.expanded(dimensions, name: "padding", layer: typeName) }
    if padding == .same && stride.contains(where: { $0 != 1 }) {
      throw LayerError(typeName, "padding='same' is not supported for strided convolutions")
    }
    if transposed && paddingMode != .zeros {
      throw LayerError(typeName, "Only \"zeros\" padding mode is supported for \(typeName), got padding_mode='\(paddingMode.rawValue)'")
    }
    if transposed, case .explicit = padding {} else if transposed {
      throw LayerError(typeName, "padding must be an int or a tuple of ints for \(typeName)")
    }
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .kaimingUniform(a: 5.0.squareRoot()))
    let fanIn = try calculateFanInAndFanOut(shape: shape(ofParameter: "weight")).fanIn
    if fanIn != 0 {
      let bound = 1 / Double(fanIn).squareRoot()
      try context.initialize("bias", of: self, with: .uniform(a: -bound, b: bound))
    }
  }

  public override var extraDescription: String {
    var s = "\(inChannels), \(outChannels), kernel_size=\(pythonTuple(kernelSize)), stride=\(pythonTuple(stride))"
    switch padding {
    case .same: s += ", padding=same"
    case .valid: s += ", padding=valid"
    case .explicit(let size):
      let values = (try? size.expanded(kernelSize.count, name: "padding", layer: typeName)) ?? size.values
      if values.contains(where: { $0 != 0 }) { s += ", padding=\(pythonTuple(values))" }
    }
    if dilation.contains(where: { $0 != 1 }) { s += ", dilation=\(pythonTuple(dilation))" }
    if outputPadding.contains(where: { $0 != 0 }) { s += ", output_padding=\(pythonTuple(outputPadding))" }
    if groups != 1 { s += ", groups=\(groups)" }
    if !hasParameter("bias") { s += ", bias=False" }
    if paddingMode != .zeros { s += ", padding_mode=\(paddingMode.rawValue)" }
    return s
  }
}

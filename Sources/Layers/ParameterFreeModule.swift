/// A `torch.nn` module without parameters, buffers or children — an activation, a pooling, padding,
/// dropout, reshaping or distance layer, or a loss — known by its class name and its `extra_repr()`.
///
/// Default init: none; constructing one draws no random numbers (as in PyTorch, where e.g.
/// `FractionalMaxPool2d` samples its regions in `forward`, and `Dropout`/`RReLU` draw only there).
/// Such modules still matter for a model's init: leaving one out of a `Sequential` shifts the indices,
/// and so the state-dict keys, of every later layer. The constructor signatures, argument checks and
/// the text of each class's `extra_repr()` live in `ModelSpec`'s catalog (`MaxPool2d(2)` prints
/// `MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)`).
///
/// Mirrors every parameter-free class of `torch.nn` (`ReLU6`, `MaxPool2d`, `AdaptiveAvgPool2d`,
/// `ZeroPad2d`, `Upsample`, `CrossEntropyLoss`, …); `ReLU`, `Tanh`, `Dropout`, … have their own types.
public final class ParameterFreeModule: Module {
  private let name: String
  private let extra: String

  /// A module printed as `typeName(extraDescription)`, e.g. `ParameterFreeModule("ReLU6", "inplace=True")`.
  public init(_ typeName: String, _ extraDescription: String = "") {
    self.name = typeName
    self.extra = extraDescription
  }

  /// The PyTorch class name given at construction.
  public override var typeName: String { name }
  /// The PyTorch `extra_repr()` text given at construction.
  public override var extraDescription: String { extra }
}

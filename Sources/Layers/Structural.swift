/// A placeholder that returns its input (`torch.nn.Identity`). No parameters.
public final class Identity: Module {
  /// `nn.Identity()` (PyTorch ignores any arguments).
  public init() {}
}

/// Flattens dimensions `start_dim…end_dim` into one (`torch.nn.Flatten`). No parameters.
public final class Flatten: Module {
  /// The constructor's `start_dim`, `end_dim`, as PyTorch stores them.
  public let startDim: Int, endDim: Int
  /// `nn.Flatten(start_dim=1, end_dim=-1)`.
  public init(startDim: Int = 1, endDim: Int = -1) {
    self.startDim = startDim
    self.endDim = endDim
  }
  public override var extraDescription: String { "start_dim=\(startDim), end_dim=\(endDim)" }
}

/// Zeroes elements with probability `p` during training (`torch.nn.Dropout`). No parameters.
public final class Dropout: Module {
  /// The constructor's `p`, `inplace`, as PyTorch stores them.
  public let p: PythonNumber, inplace: Bool
  /// `nn.Dropout(p=0.5, inplace=False)`.
  ///
  /// - Throws: ``LayerError`` if `p` is outside [0, 1].
  public init(p: PythonNumber = 0.5, inplace: Bool = false) throws {
    guard (0...1).contains(p.value) else {
      throw LayerError("Dropout", "dropout probability has to be between 0 and 1, but got \(p)")
    }
    self.p = p
    self.inplace = inplace
  }
  public override var extraDescription: String { "p=\(p), inplace=\(pythonBool(inplace))" }
}

/// Modules applied in order, named `0`, `1`, … (`torch.nn.Sequential`).
public final class Sequential: Module {
  /// `nn.Sequential(*modules)`. The modules are built (and drew their init) before this call, in
  /// argument order, as in Python.
  public init(_ modules: [Module]) {
    super.init()
    for (i, module) in modules.enumerated() { registerModule("\(i)", module) }
  }

  /// `nn.Sequential(a, b, c)`.
  public convenience init(_ modules: Module...) { self.init(modules) }

  /// The modules in order.
  public var layers: [Module] { registeredChildren.map(\.module) }
}

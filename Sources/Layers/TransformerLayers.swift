import Initializers
import RandomModule
import TensorModule

/// The hyper-parameters shared by ``TransformerEncoderLayer`` and ``TransformerDecoderLayer``, with
/// PyTorch's defaults (`dim_feedforward=2048, dropout=0.1, activation='relu', layer_norm_eps=1e-05,
/// batch_first=False, norm_first=False, bias=True`).
public struct TransformerLayerOptions: Sendable, Equatable {
  /// `d_model`, `nhead`, `dim_feedforward`.
  public var dModel: Int, nhead: Int, dimFeedforward: Int = 2048
  /// `dropout`, printed as given by each `Dropout` child.
  public var dropout: PythonNumber = 0.1
  /// `'relu'` or `'gelu'` (a function in PyTorch, so not a child module); ignored when the layer is
  /// given an activation module.
  public var activation: String = "relu"
  /// `layer_norm_eps`.
  public var layerNormEps: PythonNumber = 1e-5
  /// `batch_first`, `norm_first`, `bias`.
  public var batchFirst = false, normFirst = false, bias = true
  /// The parameters' dtype.
  public var dtype: DType = .float32

  /// Options for `d_model` and `nhead`, the rest at PyTorch's defaults.
  public init(dModel: Int, nhead: Int) {
    self.dModel = dModel
    self.nhead = nhead
  }
}

/// Self-attention then a feed-forward block, each with residual and LayerNorm
/// (`torch.nn.TransformerEncoderLayer`).
///
/// Children, built (and drawing their default init) in this order: `self_attn`
/// (``MultiheadAttention``: xavier_uniform_ on `in_proj_weight`, zero biases, `out_proj` as Linear),
/// `linear1` and `linear2` (Linear: kaiming_uniform_(a=√5) weight, U(−1/√fan_in, 1/√fan_in) bias),
/// `dropout`, `norm1`, `norm2` (weight 1, bias 0), `dropout1`, `dropout2`.
public final class TransformerEncoderLayer: Module {
  /// The options it was built with.
  public let options: TransformerLayerOptions

  /// `nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation='relu',
  /// layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True)`.
  /// An `activation` module (e.g. `GELU()`) becomes the last child, `activation`; it must be
  /// parameter-free, since the layer's deep copies share it.
  public init(_ options: TransformerLayerOptions, activation: Module? = nil, generator: (any RandomGenerator)? = nil) throws {
    self.options = options
    super.init()
    try registerTransformerBlocks(options, crossAttention: false, activation: activation, generator: generator)
  }

  /// An equal copy (`copy.deepcopy`): same values, nothing drawn.
  public func deepCopy() throws -> TransformerEncoderLayer {
    let copy = try Module.declarationsOnly { try TransformerEncoderLayer(options, activation: submodule("activation")) }
    copy.copyState(from: self)
    return copy
  }
}

/// Self-attention, cross-attention over the encoder's output, then a feed-forward block
/// (`torch.nn.TransformerDecoderLayer`).
///
/// Children, built in this order: `self_attn`, `multihead_attn` (``MultiheadAttention``), `linear1`,
/// `dropout`, `linear2`, `norm1`, `norm2`, `norm3`, `dropout1`, `dropout2`, `dropout3`; default init
/// as in ``TransformerEncoderLayer``.
public final class TransformerDecoderLayer: Module {
  /// The options it was built with.
  public let options: TransformerLayerOptions

  /// `nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation='relu',
  /// layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True)`.
  /// An `activation` module (e.g. `GELU()`) becomes the last child, `activation`; it must be
  /// parameter-free, since the layer's deep copies share it.
  public init(_ options: TransformerLayerOptions, activation: Module? = nil, generator: (any RandomGenerator)? = nil) throws {
    self.options = options
    super.init()
    try registerTransformerBlocks(options, crossAttention: true, activation: activation, generator: generator)
  }

  /// An equal copy (`copy.deepcopy`): same values, nothing drawn.
  public func deepCopy() throws -> TransformerDecoderLayer {
    let copy = try Module.declarationsOnly { try TransformerDecoderLayer(options, activation: submodule("activation")) }
    copy.copyState(from: self)
    return copy
  }
}

extension Module {
  /// Builds and registers a transformer layer's children in PyTorch's `__init__` order.
  fileprivate func registerTransformerBlocks(
    _ o: TransformerLayerOptions, crossAttention: Bool, activation: Module?, generator: (any RandomGenerator)?
  ) throws {
    let name = crossAttention ? "TransformerDecoderLayer" : "TransformerEncoderLayer"
    if let activation {
      guard activation.declaredState().isEmpty else {
        throw LayerError(name, "an activation module with parameters or buffers (\(activation.typeName)) is not supported")
      }
    } else {
      guard ["relu", "gelu"].contains(o.activation) else {
        throw LayerError(name, "activation should be relu/gelu, not \(o.activation)")
      }
    }
    func attention() throws -> MultiheadAttention {
      try MultiheadAttention(
        o.dModel, o.nhead, dropout: o.dropout.value, bias: o.bias, batchFirst: o.batchFirst, dtype: o.dtype, generator: generator)
    }
    registerModule("self_attn", try attention())
    if crossAttention { registerModule("multihead_attn", try attention()) }
    registerModule("linear1", try Linear(o.dModel, o.dimFeedforward, bias: o.bias, dtype: o.dtype, generator: generator))
    registerModule("dropout", try Dropout(p: o.dropout))
    registerModule("linear2", try Linear(o.dimFeedforward, o.dModel, bias: o.bias, dtype: o.dtype, generator: generator))
    for i in 1...(crossAttention ? 3 : 2) {
      registerModule("norm\(i)", try LayerNorm([o.dModel], eps: o.layerNormEps, bias: o.bias, dtype: o.dtype))
    }
    for i in 1...(crossAttention ? 3 : 2) { registerModule("dropout\(i)", try Dropout(p: o.dropout)) }
    if let activation { registerModule("activation", activation) }
  }
}

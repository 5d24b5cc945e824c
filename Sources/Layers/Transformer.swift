import Initializers
import RandomModule
import TensorModule

/// A stack of `num_layers` copies of one encoder layer, then an optional norm (`torch.nn.TransformerEncoder`).
///
/// Default init: none of its own. The layer is built once (drawing its init) and deep-copied
/// (`_get_clones`), so every `layers.i` holds the same values and nothing more is drawn.
public final class TransformerEncoder: Module {
  /// `nn.TransformerEncoder(encoder_layer, num_layers, norm=None, enable_nested_tensor=True, mask_check=True)`.
  public init(_ layer: TransformerEncoderLayer, numLayers: Int, norm: Module? = nil) throws {
    super.init()
    registerModule("layers", ModuleList(try (0..<max(numLayers, 0)).map { _ in try layer.deepCopy() }))
    if let norm { registerModule("norm", norm) }
  }
}

/// A stack of `num_layers` copies of one decoder layer, then an optional norm (`torch.nn.TransformerDecoder`).
///
/// Default init: none of its own; the copies hold the layer's values (see ``TransformerEncoder``).
public final class TransformerDecoder: Module {
  /// `nn.TransformerDecoder(decoder_layer, num_layers, norm=None)`.
  public init(_ layer: TransformerDecoderLayer, numLayers: Int, norm: Module? = nil) throws {
    super.init()
    registerModule("layers", ModuleList(try (0..<max(numLayers, 0)).map { _ in try layer.deepCopy() }))
    if let norm { registerModule("norm", norm) }
  }
}

/// The encoder-decoder transformer of "Attention Is All You Need" (`torch.nn.Transformer`).
///
/// Construction order, as PyTorch's: an encoder layer (its own default init), the encoder's
/// LayerNorm, the ``TransformerEncoder`` of copies; the same for the decoder; then
/// `_reset_parameters`: `xavier_uniform_` (U(−a, a), a = √(6/(fan_in + fan_out))) on every parameter
/// with more than one dimension, in `parameters()` order — every layer copy drawn anew.
public final class Transformer: Module {
  /// `nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6, dim_feedforward=2048,
  /// dropout=0.1, activation='relu', custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-05,
  /// batch_first=False, norm_first=False, bias=True)`; a custom encoder or decoder replaces the built one,
  /// an `activation` module (parameter-free) is shared by both layers as in PyTorch.
  public init(
    _ options: TransformerLayerOptions, numEncoderLayers: Int = 6, numDecoderLayers: Int = 6, customEncoder: Module? = nil,
    customDecoder: Module? = nil, activation: Module? = nil, generator: (any RandomGenerator)? = nil
  ) throws {
    super.init()
    func norm() throws -> LayerNorm { try LayerNorm([options.dModel], eps: options.layerNormEps, bias: options.bias, dtype: options.dtype) }
    if let customEncoder {
      registerModule("encoder", customEncoder)
    } else {
      let layer = try TransformerEncoderLayer(options, activation: activation, generator: generator)
      registerModule("encoder", try TransformerEncoder(layer, numLayers: numEncoderLayers, norm: try norm()))
    }
    if let customDecoder {
      registerModule("decoder", customDecoder)
    } else {
      let layer = try TransformerDecoderLayer(options, activation: activation, generator: generator)
      registerModule("decoder", try TransformerDecoder(layer, numLayers: numDecoderLayers, norm: try norm()))
    }
    try resetParameters(InitContext(generator: generator))
  }

  /// `_reset_parameters`: xavier_uniform_ on every parameter of two or more dimensions.
  public override func resetParameters(_ context: InitContext) throws {
    for (key, declaration, isBuffer) in declaredState() where !isBuffer && declaration.shape.count > 1 {
      try context.initialize(key, of: self, with: .xavierUniform())
    }
  }
}

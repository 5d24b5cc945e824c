import Initializers
import RandomModule
import TensorModule

/// Multi-head attention (`torch.nn.MultiheadAttention`).
///
/// Construction order, as PyTorch's (and so its random draws): the projection parameters, then
/// `out_proj = NonDynamicallyQuantizableLinear(E, E)` with *its* default init, then
/// `_reset_parameters`: `in_proj_weight` (or q, k, v weights) `~ xavier_uniform_`, `in_proj_bias = 0`
/// and `out_proj.bias = 0` (its drawn values discarded), `bias_k`, `bias_v ~ xavier_normal_`.
/// `out_proj.weight` keeps its kaiming-uniform(a=√5) values.
public final class MultiheadAttention: Module {
  /// The constructor's `embed_dim`, `num_heads`, `kdim`, `vdim`, as PyTorch stores them.
  public let embedDim: Int, numHeads: Int, kdim: Int, vdim: Int
  /// The constructor's `dropout`, as PyTorch stores it.
  public let dropout: Double
  /// The constructor's `batch_first`, `add_zero_attn`, as PyTorch stores them.
  public let batchFirst: Bool, addZeroAttn: Bool

  /// The output projection (`out_proj`).
  public var outProj: NonDynamicallyQuantizableLinear {
    // Registered in the initializer; the force cast cannot fail.
    registeredChildren[0].module as! NonDynamicallyQuantizableLinear
  }

  /// `nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False,
  /// add_zero_attn=False, kdim=None, vdim=None, batch_first=False)`.
  ///
  /// - Throws: ``LayerError`` if a size is not positive or `num_heads` does not divide `embed_dim`.
  public init(
    _ embedDim: Int, _ numHeads: Int, dropout: Double = 0, bias: Bool = true, addBiasKV: Bool = false,
    addZeroAttn: Bool = false, kdim: Int? = nil, vdim: Int? = nil, batchFirst: Bool = false, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    guard embedDim > 0, numHeads > 0 else {
      throw LayerError(
        "MultiheadAttention",
        "embed_dim and num_heads must be greater than 0, got embed_dim=\(embedDim) and num_heads=\(numHeads) instead")
    }
    guard embedDim % numHeads == 0 else {
      throw LayerError("MultiheadAttention", "embed_dim must be divisible by num_heads (embed_dim=\(embedDim), num_heads=\(numHeads))")
    }
    self.embedDim = embedDim
    self.numHeads = numHeads
    self.kdim = kdim ?? embedDim
    self.vdim = vdim ?? embedDim
    self.dropout = dropout
    self.batchFirst = batchFirst
    self.addZeroAttn = addZeroAttn
    super.init()
    let name = "MultiheadAttention"
    if self.kdim == embedDim && self.vdim == embedDim {
      try declareParameter("in_proj_weight", [3 * embedDim, embedDim], dtype, layer: name)
    } else {
      try declareParameter("q_proj_weight", [embedDim, embedDim], dtype, layer: name)
      try declareParameter("k_proj_weight", [embedDim, self.kdim], dtype, layer: name)
      try declareParameter("v_proj_weight", [embedDim, self.vdim], dtype, layer: name)
    }
    if bias { try declareParameter("in_proj_bias", [3 * embedDim], dtype, layer: name) }
    registerModule(
      "out_proj", try NonDynamicallyQuantizableLinear(embedDim, embedDim, bias: bias, dtype: dtype, generator: generator))
    if addBiasKV {
      try declareParameter("bias_k", [1, 1, embedDim], dtype, layer: name)
      try declareParameter("bias_v", [1, 1, embedDim], dtype, layer: name)
    }
    try resetParameters(InitContext(generator: generator))
  }

  public override func resetParameters(_ context: InitContext) throws {
    for weight in ["in_proj_weight", "q_proj_weight", "k_proj_weight", "v_proj_weight"] {
      try context.initialize(weight, of: self, with: .xavierUniform())
    }
    if hasParameter("in_proj_bias") {
      try context.initialize("in_proj_bias", of: self, with: .constant(0))
      try context.initialize("out_proj.bias", of: self, with: .constant(0))
    }
    try context.initialize("bias_k", of: self, with: .xavierNormal())
    try context.initialize("bias_v", of: self, with: .xavierNormal())
  }
}

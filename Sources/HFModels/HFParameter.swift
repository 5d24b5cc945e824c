import Initializers

/// One tensor of a Hugging Face checkpoint, declared: its name as transformers saves it, its shape,
/// the scheme that initializes it and the steps after it — nothing allocated, nothing drawn.
public struct HFParameter: Sendable, Equatable {
  /// The checkpoint key, e.g. `model.layers.0.self_attn.q_proj.weight`.
  public var name: String
  /// The shape (`[out_features, in_features]` for a Linear weight, `[in, out]` for GPT-2's Conv1D).
  public var shape: [Int]
  /// The scheme that sets every element.
  public var initializer: Initializer
  /// A row set to 0 after the scheme (an embedding's `padding_idx`: `weight[padding_idx].zero_()`).
  public var zeroRow: Int?
  /// Whether the tensor stays float32 whatever the checkpoint's dtype (transformers'
  /// `_keep_in_fp32_modules_strict`, e.g. DeepSeek-V3's router).
  public var keepsFloat32: Bool
  /// Whether the tensor is a persistent buffer rather than a parameter (saved, but not counted by
  /// `model.num_parameters()`), e.g. DeepSeek-V3's `e_score_correction_bias`.
  public var isBuffer: Bool

  /// A declared tensor.
  public init(
    name: String, shape: [Int], initializer: Initializer, zeroRow: Int? = nil, keepsFloat32: Bool = false, isBuffer: Bool = false
  ) {
    self.isBuffer = isBuffer
    self.name = name
    self.shape = shape
    self.initializer = initializer
    self.zeroRow = zeroRow
    self.keepsFloat32 = keepsFloat32
  }

  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }
}

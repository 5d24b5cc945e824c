/// The sparse MLP block of the mixture-of-experts decoders, declared one tensor per expert as
/// transformers' `save_pretrained` writes it (its in-memory fused `experts.gate_up_proj` /
/// `experts.down_proj` are split back by `revert_weight_conversion`):
///
/// - Mixtral: `block_sparse_moe.gate` (router) and `block_sparse_moe.experts.{e}.w1/w2/w3`
///   (gate, down, up), every layer, `intermediate_size` per expert.
/// - Qwen2-MoE: `mlp.gate`, `mlp.experts.{e}.{gate,up,down}_proj` (`moe_intermediate_size`),
///   `mlp.shared_expert.*` (`shared_expert_intermediate_size`) and `mlp.shared_expert_gate`.
/// - Qwen3-MoE: `mlp.gate` and the experts. Both Qwen kinds use a sparse block in layer `i` when
///   `i ∉ mlp_only_layers` and `(i + 1) % decoder_sparse_step == 0`, else the dense MLP.
/// - DeepSeek-V3: from layer `first_k_dense_replace` on, `mlp.gate` with its
///   `e_score_correction_bias` (both kept float32, zero bias), the experts and `mlp.shared_experts.*`
///   (`moe_intermediate_size · n_shared_experts`).
///
/// Routers and experts are `normal_(0, initializer_range)` like any Linear (`_init_weights` of each
/// `*PreTrainedModel`).
struct HFMixtureOfExperts {
  let architecture: HFArchitecture
  let hidden: Int
  let experts: Int
  let expertIntermediate: Int
  let sharedIntermediate: Int
  let denseLayers: Set<Int>
  let sparseStep: Int
  let firstSparseLayer: Int

  /// The experts `config` describes, or `nil` for dense architectures.
  init?(_ config: HFConfig, _ architecture: HFArchitecture, hidden: Int) throws(HFConfigError) {
    self.architecture = architecture
    self.hidden = hidden
    var shared = 0, dense: [Int] = [], step = 1, first = 0
    switch architecture {
    case .mixtral:
      experts = try config.int("num_local_experts", maximum: HFConfig.maximumCount)
      expertIntermediate = try config.int("intermediate_size")
    case .qwen2MoE, .qwen3MoE:
      experts = try config.int(anyOf: ["num_experts", "num_local_experts"], maximum: HFConfig.maximumCount)
      expertIntermediate = try config.int("moe_intermediate_size")
      if architecture == .qwen2MoE { shared = try config.int("shared_expert_intermediate_size", minimum: 0) }
      dense = try config.intArray("mlp_only_layers")
      step = try config.int("decoder_sparse_step", default: 1)
    case .deepseekV3:
      experts = try config.int("n_routed_experts", maximum: HFConfig.maximumCount)
      expertIntermediate = try config.int("moe_intermediate_size")
      shared = expertIntermediate * (try config.int("n_shared_experts", default: 1, minimum: 0))
      first = try config.int("first_k_dense_replace", default: 3, minimum: 0)  // DeepseekV3Config's default
    default:
      return nil
    }
    sharedIntermediate = shared
    denseLayers = Set(dense)
    sparseStep = step
    firstSparseLayer = first
  }

  /// Whether layer `layer` has the sparse block rather than the dense MLP.
  func isSparse(layer: Int) -> Bool {
    switch architecture {
    case .qwen2MoE, .qwen3MoE: !denseLayers.contains(layer) && (layer + 1) % sparseStep == 0
    case .deepseekV3: layer >= firstSparseLayer
    default: true
    }
  }

  /// Declares the sparse block of the layer at `layerPath` (`model.layers.{i}`).
  func declare(_ layerPath: String, _ builder: inout HFModuleBuilder) {
    if architecture == .mixtral {
      let path = layerPath + ".block_sparse_moe"
      builder.linear(path + ".gate", in: hidden, out: experts)
      for e in 0..<experts {
        builder.linear(path + ".experts.\(e).w1", in: hidden, out: expertIntermediate)
        builder.linear(path + ".experts.\(e).w2", in: expertIntermediate, out: hidden)
        builder.linear(path + ".experts.\(e).w3", in: hidden, out: expertIntermediate)
      }
      return
    }
    let path = layerPath + ".mlp"
    if architecture == .deepseekV3 {
      builder.tensor(path + ".gate.weight", shape: [experts, hidden], initializer: .normal(mean: 0, std: builder.std), keepsFloat32: true)
      builder.tensor(path + ".gate.e_score_correction_bias", shape: [experts], initializer: .zeros, keepsFloat32: true, isBuffer: true)
    } else {
      builder.linear(path + ".gate", in: hidden, out: experts)
    }
    for e in 0..<experts {
      builder.gatedMLP(path + ".experts.\(e)", hidden: hidden, intermediate: expertIntermediate)
    }
    switch architecture {
    case .qwen2MoE:
      builder.gatedMLP(path + ".shared_expert", hidden: hidden, intermediate: sharedIntermediate)
      builder.linear(path + ".shared_expert_gate", in: hidden, out: 1)
    case .deepseekV3:
      builder.gatedMLP(path + ".shared_experts", hidden: hidden, intermediate: sharedIntermediate)
    default: break
    }
  }
}

import Initializers

extension InitPlan {
  /// Other frameworks' layer defaults as plans over PyTorch's modules (`--plan keras|flax|mlx`): what
  /// the same layers would start from in Keras 3, Flax Linen or MLX Swift. Each rule cites its source.
  /// The fans are PyTorch's (`[out, in, k…]`); Keras and Flax store a dense kernel as `[in, out]`,
  /// whose fans are the same numbers, so the distributions are the same — the values are drawn in
  /// PyTorch's layout, to be transposed if loaded into those frameworks.
  ///
  /// Not covered (left at PyTorch's default, or only approximately): Keras' `unit_forget_bias` (the
  /// forget gate's bias starts at 1 in Keras' single LSTM bias; here both PyTorch biases are zero);
  /// the recurrent kernels' orthogonal init, which Keras and Flax apply per layer or per gate on
  /// `[units, 4·units]`/`[units, units]` and this plan on PyTorch's `[4·hidden, hidden]`;
  /// MultiheadAttention's `in_proj_weight` in Keras (its `EinsumDense` kernels have other fans); grouped
  /// convolutions in MLX (MLX divides by `in_channels·k` for any `groups`, PyTorch by `in_channels/groups·k`).
  public static let frameworkDefaults: [String: InitPlan] = [
    "keras": keras, "flax": flax, "mlx": mlx,
  ]

  private static func rule(_ module: String?, _ parameter: String, _ scheme: Initializer) -> InitRule {
    InitRule(module: module, parameter: parameter, action: .initialize(scheme))
  }

  /// Keras 3 (`keras/src/layers`): `Dense`/`Conv*`: `kernel_initializer="glorot_uniform"`,
  /// `bias_initializer="zeros"`; `GlorotUniform` is `VarianceScaling(scale=1.0, mode="fan_avg",
  /// distribution="uniform")` (`initializers/random_initializers.py`). `Embedding`:
  /// `embeddings_initializer="uniform"` = `RandomUniform(minval=-0.05, maxval=0.05)`. `LSTM`/`GRU`/
  /// `SimpleRNN`: `kernel_initializer="glorot_uniform"`, `recurrent_initializer="orthogonal"`,
  /// `bias_initializer="zeros"`. Normalization: gamma ones, beta zeros (PyTorch's default already).
  static let keras: InitPlan = {
    let glorotUniform = Initializer.varianceScaling(scale: 1, mode: .fanAvg, distribution: .uniform)
    return InitPlan(rules: [
      rule("Embedding", "weight", .uniform(a: -0.05, b: 0.05)),
      rule("Linear", "weight", glorotUniform), rule("Linear", "bias", .zeros),
      rule("ConvolutionBase", "weight", glorotUniform), rule("ConvolutionBase", "bias", .zeros),
      rule("RecurrentBase", "weight_ih_*", glorotUniform), rule("RecurrentBase", "weight_hh_*", .orthogonal()),
      rule("RecurrentBase", "bias_*", .zeros),
    ])
  }()

  /// Flax Linen (`flax/linen/linear.py`): `default_kernel_init = initializers.lecun_normal()` for
  /// `Dense`, `DenseGeneral`, `Conv` and `ConvTranspose`, `bias_init = initializers.zeros_init()`;
  /// `lecun_normal` is `variance_scaling(1.0, "fan_in", "truncated_normal")` (`jax/_src/nn/initializers.py`).
  /// `Embed`: `default_embed_init = variance_scaling(1.0, 'fan_in', 'normal', out_axis=0)`, whose fan_in
  /// on the `[num_embeddings, features]` table is `features` = PyTorch's fan_in of the same table.
  /// `ConvTranspose`'s kernel is `[k…, in, out]` in Flax and `[in, out, k…]` in PyTorch, so Flax's
  /// fan_in is PyTorch's fan_out. `OptimizedLSTMCell`: input kernels lecun_normal, recurrent kernels
  /// orthogonal, biases zero. `LayerNorm`/`BatchNorm`: scale ones, bias zeros (PyTorch's default).
  static let flax: InitPlan = {
    let lecunNormal = Initializer.varianceScaling(scale: 1, mode: .fanIn, distribution: .truncatedNormal)
    return InitPlan(rules: [
      rule("Embedding", "weight", .varianceScaling(scale: 1, mode: .fanIn, distribution: .normal)),
      rule("Linear", "weight", lecunNormal), rule("Linear", "bias", .zeros),
      rule("MultiheadAttention", "in_proj_weight", lecunNormal),
      rule("Conv[123]d", "weight", lecunNormal),
      rule("ConvTranspose[123]d", "weight", .varianceScaling(scale: 1, mode: .fanOut, distribution: .truncatedNormal)),
      rule("ConvolutionBase", "bias", .zeros),
      rule("RecurrentBase", "weight_ih_*", lecunNormal), rule("RecurrentBase", "weight_hh_*", .orthogonal()),
      rule("RecurrentBase", "bias_*", .zeros),
    ])
  }()

  /// MLX Swift (`Source/MLXNN`): `Linear` draws weight and bias from U(−s, s), `s = sqrt(1.0 /
  /// Float(inputDimensions))` — PyTorch's default bound 1/√fan_in, so no rule; `Conv1d/2d/3d` draw the
  /// weight from U(−s, s), `s = sqrt(1 / Float(inputChannels * kernelSize))` (PyTorch's bound for
  /// `groups = 1`) and set `self.bias = bias ? MLXArray.zeros([outputChannels]) : nil`; `Embedding`
  /// draws `MLXRandom.normal([embeddingCount, dimensions], scale: sqrt(1 / Float(dimensions)))`.
  /// `mlx.nn.init`'s fans (`_calculate_fan_in_fan_out`) are PyTorch's for MLX's `[out, k…, in]` layout.
  static let mlx = InitPlan(rules: [
    rule("ConvolutionBase", "bias", .zeros),
    rule("Embedding", "weight", .varianceScaling(scale: 1, mode: .fanIn, distribution: .normal)),
  ])
}

import Initializers

/// Declares the tensors of transformers' building blocks, in module order, with the simple default
/// init of `PreTrainedModel._init_weights` (transformers 5.25, `modeling_utils.py`):
/// `nn.Linear`/`nn.Embedding` weights `normal_(0, initializer_range)`, biases `zeros_`, norm weights
/// `ones_` (or `zeros_` where the norm computes `(1 + weight)`, Gemma), norm biases `zeros_`, and an
/// embedding's padding row zeroed.
struct HFModuleBuilder {
  /// `config.initializer_range`.
  let std: Double
  /// The value a norm's weight starts at: `ones_` for `x * w`, `zeros_` for Gemma's `x * (1 + w)`.
  var normWeight: Initializer = .ones
  /// The tensors declared so far, in order.
  private(set) var parameters: [HFParameter] = []

  init(std: Double) {
    self.std = std
  }

  /// `nn.Linear(inFeatures, outFeatures, bias)` at `path`: `weight [out, in]` ~ N(0, `std`), `bias` 0.
  mutating func linear(_ path: String, in inFeatures: Int, out outFeatures: Int, bias: Bool = false, std: Double? = nil) {
    parameters.append(HFParameter(name: path + ".weight", shape: [outFeatures, inFeatures], initializer: .normal(mean: 0, std: std ?? self.std)))
    if bias { parameters.append(HFParameter(name: path + ".bias", shape: [outFeatures], initializer: .zeros)) }
  }

  /// transformers' `Conv1D(nf: outFeatures, nx: inFeatures)` (GPT-2): `weight [in, out]` ~ N(0, `std`),
  /// `bias [out]` 0.
  mutating func conv1D(_ path: String, in inFeatures: Int, out outFeatures: Int, std: Double? = nil) {
    parameters.append(HFParameter(name: path + ".weight", shape: [inFeatures, outFeatures], initializer: .normal(mean: 0, std: std ?? self.std)))
    parameters.append(HFParameter(name: path + ".bias", shape: [outFeatures], initializer: .zeros))
  }

  /// `nn.Embedding(rows, columns, padding_idx)`: `weight` ~ N(0, `std`), then row `padding` zeroed.
  mutating func embedding(_ path: String, rows: Int, columns: Int, padding: Int? = nil) {
    parameters.append(
      HFParameter(name: path + ".weight", shape: [rows, columns], initializer: .normal(mean: 0, std: std), zeroRow: padding))
  }

  /// An RMSNorm (`weight` only) or a LayerNorm (`bias: true`) over `size` features.
  mutating func norm(_ path: String, size: Int, bias: Bool = false) {
    parameters.append(HFParameter(name: path + ".weight", shape: [size], initializer: normWeight))
    if bias { parameters.append(HFParameter(name: path + ".bias", shape: [size], initializer: .zeros)) }
  }

  /// A gated MLP (`gate_proj`, `up_proj`, `down_proj`), the SwiGLU block of Llama and its descendants.
  mutating func gatedMLP(_ path: String, hidden: Int, intermediate: Int, bias: Bool = false) {
    linear(path + ".gate_proj", in: hidden, out: intermediate, bias: bias)
    linear(path + ".up_proj", in: hidden, out: intermediate, bias: bias)
    linear(path + ".down_proj", in: intermediate, out: hidden, bias: bias)
  }

  /// Any other tensor.
  mutating func tensor(_ name: String, shape: [Int], initializer: Initializer, keepsFloat32: Bool = false, isBuffer: Bool = false) {
    parameters.append(HFParameter(name: name, shape: shape, initializer: initializer, keepsFloat32: keepsFloat32, isBuffer: isBuffer))
  }
}

import Initializers
import Interop
import Layers
import TensorModule

/// A Hugging Face causal language model as declarations: every tensor of its checkpoint (names and
/// shapes as transformers saves them) with its init, built from `config.json` alone — nothing
/// allocated, nothing drawn, so any size is instant.
public struct HFModel: Sendable {
  /// The config it was built from.
  public let config: HFConfig
  /// Its `model_type`.
  public let architecture: HFArchitecture
  /// The tensors, in module order.
  public let parameters: [HFParameter]
  /// The dtype of the written checkpoint.
  public let dtype: HFDType

  /// Declares the model `config` describes, stored as `dtype` (default: the config's own, see
  /// ``HFDType/init(config:)``).
  ///
  /// - Throws: ``HFConfigError`` naming the field at fault.
  public init(config: HFConfig, dtype: HFDType? = nil) throws(HFConfigError) {
    self.config = config
    architecture = try HFArchitecture(config: config)
    parameters = try architecture.parameters(config)
    var bytes = 0
    for parameter in parameters {
      let (sum, overflow) = bytes.addingReportingOverflow(parameter.count * 4)
      guard !overflow else { throw .modelTooLarge }
      bytes = sum
    }
    if let dtype { self.dtype = dtype } else { self.dtype = try HFDType(config: config) }
  }

  /// A model of explicit tensors (tests build failing ones with it).
  init(config: HFConfig, architecture: HFArchitecture, parameters: [HFParameter], dtype: HFDType) {
    self.config = config
    self.architecture = architecture
    self.parameters = parameters
    self.dtype = dtype
  }

  /// `model.num_parameters()`: the elements of every parameter (buffers excluded; a tied embedding
  /// counted once).
  public var parameterCount: Int { parameters.reduce(0) { $1.isBuffer ? $0 : $0 + $1.count } }

  /// How `parameter` is stored: the checkpoint's dtype, or float32 when the architecture keeps it so.
  public func storedDType(of parameter: HFParameter) -> SafeTensorsDType {
    parameter.keepsFloat32 ? .f32 : dtype.safeTensorsDType
  }

  /// The bytes `parameter` takes in the checkpoint.
  public func byteCount(of parameter: HFParameter) -> Int {
    parameter.count * storedDType(of: parameter).byteCount
  }

  /// The materialization plan of `parameters` (all of them by default): float32 declarations whose
  /// values the position-addressed executor computes chunk by chunk; each tensor's values depend only
  /// on the seed and its name.
  public func plan(of parameters: [HFParameter]? = nil) -> MaterializationPlan {
    MaterializationPlan(
      declaredEntries: (parameters ?? self.parameters).map { parameter in
        MaterializationPlan.Entry(
          parameter: parameter.name, declaration: TensorDeclaration(shape: parameter.shape, dtype: .float32),
          scheme: parameter.initializer, indexFills: parameter.zeroRow.map { [.init(index: $0, value: 0)] } ?? [])
      })
  }

  /// The `config.json` written next to the weights: the input's fields, with `dtype` (and
  /// `torch_dtype`, if the input had it) set to the written dtype and `architectures` set when absent,
  /// as `save_pretrained` writes it (2-space indent, sorted keys).
  public func checkpointConfigJSON() -> [UInt8] {
    var fields = config.fields
    fields["dtype"] = .string(dtype.rawValue)
    if fields["torch_dtype"] != nil { fields["torch_dtype"] = .string(dtype.rawValue) }
    if config["architectures"] == nil { fields["architectures"] = .array([.string(architecture.causalLMClass)]) }
    return Array((HFJSON.object(fields).pythonJSON() + "\n").utf8)
  }
}

import Interop

/// The element type of a written checkpoint: `torch_dtype` / `dtype` in `config.json`.
///
/// Values are computed in float32 and, for the 16-bit types, rounded to nearest even
/// (`HalfPrecision.bfloat16Bits` / `float16Bits`, the conversion of `tensor.to(torch.bfloat16)`), so a
/// bfloat16 checkpoint holds exactly the float32 checkpoint's values rounded.
public enum HFDType: String, CaseIterable, Sendable {
  /// IEEE binary32 (`torch.float32`).
  case float32
  /// bfloat16 (`torch.bfloat16`).
  case bfloat16
  /// IEEE binary16 (`torch.float16`).
  case float16

  /// How safetensors stores it.
  public var safeTensorsDType: SafeTensorsDType {
    switch self {
    case .float32: .f32
    case .bfloat16: .bf16
    case .float16: .f16
    }
  }

  /// The dtype a config asks for: `dtype` (transformers ≥ 4.56), else `torch_dtype`, else float32
  /// (`from_config` builds float32 unless told otherwise).
  ///
  /// - Throws: ``HFConfigError/wrongType(field:expected:got:)`` for a value other than the three names.
  public init(config: HFConfig) throws(HFConfigError) {
    for field in ["dtype", "torch_dtype"] {
      guard let value = config[field] else { continue }
      let expected = "one of " + Self.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      guard case .string(let name) = value else { throw .wrongType(field: field, expected: expected, got: value.kind) }
      guard let dtype = HFDType(rawValue: name) else { throw .wrongType(field: field, expected: expected, got: "\"\(name)\"") }
      self = dtype
      return
    }
    self = .float32
  }
}

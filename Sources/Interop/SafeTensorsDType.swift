import TensorModule

/// An element type as a safetensors header spells it (`"dtype": "F32"`).
///
/// Mirrors the `Dtype` enum of the `safetensors` crate, restricted to the types NNInit reads and writes.
/// Reading decodes `F16` and `BF16` to `float32` tensors, exactly (every half value is a `Float`).
public enum SafeTensorsDType: String, Sendable, CaseIterable, CustomStringConvertible {
  /// IEEE binary16 (`torch.float16`).
  case f16 = "F16"
  /// bfloat16, the upper half of a binary32 (`torch.bfloat16`).
  case bf16 = "BF16"
  /// IEEE binary32 (`torch.float32`).
  case f32 = "F32"
  /// IEEE binary64 (`torch.float64`).
  case f64 = "F64"
  /// Two's-complement 64-bit integer (`torch.int64`).
  case i64 = "I64"

  /// The dtype the way a safetensors file spells it, e.g. `F32`.
  public var description: String { rawValue }

  /// Bytes per element.
  public var byteCount: Int {
    switch self {
    case .f16, .bf16: 2
    case .f32: 4
    case .f64, .i64: 8
    }
  }

  /// The `DType` of the tensor a stored entry decodes to (`F16`/`BF16` → `float32`).
  public var tensorDType: DType {
    switch self {
    case .f16, .bf16, .f32: .float32
    case .f64: .float64
    case .i64: .int64
    }
  }

  /// The stored type that holds a tensor of `dtype` without conversion.
  public init(_ dtype: DType) {
    switch dtype {
    case .float32: self = .f32
    case .float64: self = .f64
    case .int64: self = .i64
    }
  }

  /// Whether a tensor of `dtype` can be stored as `self`: any float tensor as any float type (rounding
  /// to nearest even when narrowing), `int64` only as `I64`.
  public func canStore(_ dtype: DType) -> Bool {
    dtype.isFloatingPoint == (self != .i64)
  }
}

/// The stored type for floating-point tensors when writing a safetensors file; integer tensors always
/// stay `I64`.
///
/// Mirrors converting a state dict with `{k: v.to(torch.float16) …}` before `safetensors.torch.save_file`.
public enum SafeTensorsStorage: String, Sendable, CaseIterable {
  /// IEEE binary16, rounded to nearest even; magnitudes ≥ 65520 become ±inf.
  case f16
  /// bfloat16, rounded to nearest even; NaN becomes `0x7FC0`.
  case bf16
  /// IEEE binary32 (a `float64` tensor is rounded to nearest).
  case f32
  /// IEEE binary64 (exact).
  case f64

  /// The safetensors dtype this storage writes.
  public var dtype: SafeTensorsDType {
    switch self {
    case .f16: .f16
    case .bf16: .bf16
    case .f32: .f32
    case .f64: .f64
    }
  }

  /// The stored type for a tensor of `dtype` under an optional storage choice (`nil`: as is).
  public static func dtype(for dtype: DType, storage: SafeTensorsStorage?) -> SafeTensorsDType {
    guard let storage, dtype.isFloatingPoint else { return SafeTensorsDType(dtype) }
    return storage.dtype
  }
}

/// The element type of a ``Tensor``.
///
/// Mirrors `torch.dtype` for the types NNInit computes with: `float32` and `float64` for parameters,
/// `int64` for integer buffers such as BatchNorm's `num_batches_tracked`.
public enum DType: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// 32-bit IEEE float (`torch.float32`), the default.
  case float32
  /// 64-bit IEEE float (`torch.float64`).
  case float64
  /// 64-bit signed integer (`torch.int64`).
  case int64

  /// Bytes per element.
  public var byteCount: Int {
    switch self {
    case .float32: 4
    case .float64, .int64: 8
    }
  }

  /// Whether the type is a floating-point type (`torch.is_floating_point`).
  public var isFloatingPoint: Bool { self != .int64 }

  /// PyTorch's spelling, e.g. `torch.float32`.
  public var description: String { "torch.\(rawValue)" }

  /// Largest finite value (`std::numeric_limits<T>::max()`).
  public var greatestFiniteMagnitude: Double {
    switch self {
    case .float32: Double(Float.greatestFiniteMagnitude)
    case .float64: Double.greatestFiniteMagnitude
    case .int64: Double(Int64.max)
    }
  }
}

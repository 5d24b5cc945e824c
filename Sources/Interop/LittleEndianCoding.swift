import TensorModule

/// Conversions between tensor elements and little-endian bytes, shared by the safetensors and `.npy`
/// code. Callers check dtype compatibility (``SafeTensorsDType/canStore(_:)``) first.
enum _LittleEndian {
  /// The elements of `storage` in row-major order as little-endian `dtype` values.
  ///
  /// Float tensors narrow by rounding to nearest even (`float64` → `F16`/`BF16` goes through `Float`,
  /// as `tensor.to(torch.float16)` does).
  static func bytes(of storage: Tensor.Storage, as dtype: SafeTensorsDType) -> [UInt8] {
    switch (storage, dtype) {
    case (.float32(let values), .f32): bytes(values.map(\.bitPattern))
    case (.float64(let values), .f32): bytes(values.map { Float($0).bitPattern })
    case (.float32(let values), .f64): bytes(values.map { Double($0).bitPattern })
    case (.float64(let values), .f64): bytes(values.map(\.bitPattern))
    case (.float32(let values), .f16): bytes(values.map(HalfPrecision.float16Bits))
    case (.float64(let values), .f16): bytes(values.map { HalfPrecision.float16Bits(Float($0)) })
    case (.float32(let values), .bf16): bytes(values.map(HalfPrecision.bfloat16Bits))
    case (.float64(let values), .bf16): bytes(values.map { HalfPrecision.bfloat16Bits(Float($0)) })
    case (.int64(let values), .i64): bytes(values)
    default: preconditionFailure("cannot store \(storage) as \(dtype)")
    }
  }

  /// ``bytes(of:as:)`` in pieces of at most `chunkElements` elements, handed to `body` in order, so that
  /// writing a tensor needs a few MiB beside it rather than two more copies of it.
  static func forEachChunk(
    of storage: Tensor.Storage, as dtype: SafeTensorsDType, chunkElements: Int = 1 << 20, _ body: ([UInt8]) throws -> Void
  ) throws {
    func pieces<T>(_ values: [T], _ wrap: ([T]) -> Tensor.Storage) throws {
      guard values.count > chunkElements else { return try body(bytes(of: storage, as: dtype)) }
      var start = 0
      while start < values.count {
        let end = min(values.count, start + chunkElements)
        try body(bytes(of: wrap(Array(values[start..<end])), as: dtype))
        start = end
      }
    }
    switch storage {
    case .float32(let values): try pieces(values, Tensor.Storage.float32)
    case .float64(let values): try pieces(values, Tensor.Storage.float64)
    case .int64(let values): try pieces(values, Tensor.Storage.int64)
    }
  }

  /// Decodes `shape.product` little-endian `dtype` values from `bytes` (whose count the caller has
  /// checked) into a tensor; `F16`/`BF16` become `float32`.
  ///
  /// - Throws: ``TensorError/insufficientMemory(shape:dtype:byteCount:limitedBy:)`` when the decoded
  ///   tensor and its intermediate copy do not fit in ``MemoryBudget/available()``.
  static func tensor(_ bytes: ArraySlice<UInt8>, as dtype: SafeTensorsDType, shape: [Int]) throws -> Tensor {
    let decoded: DType = dtype == .f64 ? .float64 : dtype == .i64 ? .int64 : .float32
    let (needed, overflow) = (bytes.count / dtype.byteCount).multipliedReportingOverflow(by: decoded.byteCount + dtype.byteCount)
    try MemoryBudget.check(byteCount: overflow ? Int.max : needed, shape: shape, dtype: decoded)
    return switch dtype {
    case .f32: try Tensor(shape: shape, scalars: integers(bytes, UInt32.self).map(Float.init(bitPattern:)))
    case .f64: try Tensor(shape: shape, scalars: integers(bytes, UInt64.self).map(Double.init(bitPattern:)))
    case .i64: try Tensor(shape: shape, scalars: integers(bytes, Int64.self))
    case .f16: try Tensor(shape: shape, scalars: integers(bytes, UInt16.self).map { HalfPrecision.float(float16Bits: $0) })
    case .bf16: try Tensor(shape: shape, scalars: integers(bytes, UInt16.self).map { HalfPrecision.float(bfloat16Bits: $0) })
    }
  }

  private static func bytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    #if _endian(little)
      values.withUnsafeBytes { Array($0) }
    #else
      values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    #endif
  }

  private static func integers<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, _: T.Type) -> [T] {
    let size = MemoryLayout<T>.size
    return bytes.withUnsafeBytes { raw in
      (0..<raw.count / size).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * size, as: T.self)) }
    }
  }
}

extension Tensor {
  /// Runs `body` on the `float32` elements in place, without copying the storage.
  ///
  /// - Precondition: `dtype == .float32` (a programming error inside the library otherwise).
  public mutating func withMutableFloat32<R>(
    _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
  ) rethrows -> R {
    guard case .float32(var values) = storage else { preconditionFailure("expected float32, got \(dtype)") }
    storage = .float32([])
    defer { storage = .float32(values) }
    return try values.withUnsafeMutableBufferPointer { try body(&$0) }
  }

  /// Runs `body` on the `float64` elements in place, without copying the storage.
  ///
  /// - Precondition: `dtype == .float64`.
  public mutating func withMutableFloat64<R>(
    _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    guard case .float64(var values) = storage else { preconditionFailure("expected float64, got \(dtype)") }
    storage = .float64([])
    defer { storage = .float64(values) }
    return try values.withUnsafeMutableBufferPointer { try body(&$0) }
  }

  /// Runs `body` on the `int64` elements in place, without copying the storage.
  ///
  /// - Precondition: `dtype == .int64`.
  public mutating func withMutableInt64<R>(
    _ body: (inout UnsafeMutableBufferPointer<Int64>) throws -> R
  ) rethrows -> R {
    guard case .int64(var values) = storage else { preconditionFailure("expected int64, got \(dtype)") }
    storage = .int64([])
    defer { storage = .int64(values) }
    return try values.withUnsafeMutableBufferPointer { try body(&$0) }
  }

  /// Sets every element to `value` (`tensor.fill_(value)`), rounding to the dtype; large tensors are
  /// split over ``Parallel/threadCount`` threads, as PyTorch's `fill_`.
  public mutating func fill(_ value: Double) {
    switch storage {
    case .float32: withMutableFloat32 { _ParallelFill.fill($0, with: Float(value)) }
    case .float64: withMutableFloat64 { _ParallelFill.fill($0, with: value) }
    case .int64: withMutableInt64 { _ParallelFill.fill($0, with: Int64(value)) }
    }
  }

  /// Multiplies every element by `factor` rounded to the dtype (`tensor.mul_(factor)`).
  public mutating func scale(by factor: Double) {
    switch storage {
    case .float32:
      let f = Float(factor)
      withMutableFloat32 { b in for i in b.indices { b[i] *= f } }
    case .float64: withMutableFloat64 { b in for i in b.indices { b[i] *= factor } }
    case .int64: withMutableInt64 { b in for i in b.indices { b[i] *= Int64(factor) } }
    }
  }
}

/// `update(repeating:)` over ``Parallel/forEachChunk(count:minimumChunk:threads:_:)``'s chunks.
private struct _ParallelFill<T: Sendable>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>

  static func fill(_ buffer: UnsafeMutableBufferPointer<T>, with value: T) {
    guard let base = buffer.baseAddress else { return }
    let destination = _ParallelFill(base: base)
    Parallel.forEachChunk(count: buffer.count) { range in
      (destination.base + range.lowerBound).update(repeating: value, count: range.count)
    }
  }
}

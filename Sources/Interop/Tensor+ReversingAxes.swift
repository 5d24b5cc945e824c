import TensorModule

/// `tensor.permute(reversed(range(rank))).contiguous()`: the row-major tensor whose element
/// `[i0, …, ik]` is `tensor[ik, …, i0]`. Turns column-major (Fortran-order) data into row-major.
func _reversingAxes(_ tensor: Tensor) throws -> Tensor {
  let shape = Array(tensor.shape.reversed())
  let sourceStrides = Array(tensor.strides.reversed())
  func permute<T>(_ values: [T]) -> [T] {
    guard !values.isEmpty else { return [] }
    var result: [T] = []
    result.reserveCapacity(values.count)
    var index = [Int](repeating: 0, count: shape.count)
    var source = 0
    for _ in 0..<values.count {
      result.append(values[source])
      // Advance the row-major odometer over `shape`, tracking the source offset.
      var d = shape.count - 1
      while d >= 0 {
        index[d] += 1
        source += sourceStrides[d]
        if index[d] < shape[d] { break }
        source -= sourceStrides[d] * shape[d]
        index[d] = 0
        d -= 1
      }
    }
    return result
  }
  switch tensor.storage {
  case .float32(let values): return try Tensor(shape: shape, scalars: permute(values))
  case .float64(let values): return try Tensor(shape: shape, scalars: permute(values))
  case .int64(let values): return try Tensor(shape: shape, scalars: permute(values))
  }
}

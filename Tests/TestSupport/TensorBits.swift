import TensorModule

/// The elements' bit patterns, so that comparisons are bit for bit (NaN, −0).
public func bits(_ tensor: Tensor) -> [UInt64] {
  switch tensor.storage {
  case .float32(let values): values.map { UInt64($0.bitPattern) }
  case .float64(let values): values.map(\.bitPattern)
  case .int64(let values): values.map { UInt64(bitPattern: $0) }
  }
}

/// `torch.cat(parts, dim=dimension)` as bit patterns: for each index of the leading dimensions, the
/// parts' blocks one after another.
public func concatenate(_ parts: [Tensor], along dimension: Int) -> [UInt64] {
  let outer = parts[0].shape[..<dimension].reduce(1, *)
  let partBits = parts.map(bits), blocks = parts.map { $0.shape[dimension...].reduce(1, *) }
  var result: [UInt64] = []
  for o in 0..<outer {
    for (values, block) in zip(partBits, blocks) { result += values[(o * block)..<((o + 1) * block)] }
  }
  return result
}

import TensorModule

/// FNV-1a 64 of the tensor's elements as little-endian bytes (4 per float32, 8 per float64/int64), as
/// `Scripts/make_model_text_fixtures.py` hashes PyTorch's tensors: equal hashes mean equal bits.
public func fnv1a64(_ tensor: Tensor) -> UInt64 {
  let width = tensor.dtype == .float32 ? 4 : 8
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for pattern in bits(tensor) {
    for byte in 0..<width {
      hash ^= (pattern >> (8 * UInt64(byte))) & 0xFF
      hash = hash &* 0x100_0000_01B3
    }
  }
  return hash
}

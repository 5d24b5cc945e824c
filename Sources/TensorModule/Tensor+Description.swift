extension Tensor: CustomStringConvertible {
  /// A short summary: `Tensor(shape: [5, 10], dtype: torch.float32)`.
  public var description: String { "Tensor(shape: \(shape), dtype: \(dtype))" }
}

import RandomModule
import TensorModule

extension Fill {
  /// The sequential executor: runs the fill on the whole `tensor` in PyTorch's draw order, drawing from
  /// `generator` (default: `TorchGenerator.default`) — with `TorchGenerator`, bit for bit what the
  /// matching `torch.nn.init` call gives after the same seed.
  ///
  /// The fill must come from ``Initializer/fill(for:dtype:)`` for this tensor's shape and dtype (the
  /// arguments are checked there, not here). An empty tensor draws nothing.
  public func apply(to tensor: inout Tensor, generator: (any RandomGenerator)? = nil) throws {
    let g = generator ?? TorchGenerator.default
    switch self {
    case .uniform(let low, let high):
      guard tensor.count > 0 else { return }
      if tensor.dtype == .float32 {
        tensor.withMutableFloat32 { g.fillUniform($0, from: low, to: high) }
      } else {
        tensor.withMutableFloat64 { g.fillUniform($0, from: low, to: high) }
      }
    case .normal(let mean, let std):
      guard tensor.count > 0 else { return }
      if tensor.dtype == .float32 {
        tensor.withMutableFloat32 { g.fillNormal($0, mean: mean, std: std) }
      } else {
        tensor.withMutableFloat64 { g.fillNormal($0, mean: mean, std: std) }
      }
    case .truncatedNormal(let mean, let std, let a, let b):
      guard tensor.count > 0 else { return }
      if tensor.dtype == .float32 {
        tensor.withMutableFloat32 { g.fillTruncatedNormal($0, mean: mean, std: std, a: a, b: b) }
      } else {
        tensor.withMutableFloat64 { g.fillTruncatedNormal($0, mean: mean, std: std, a: a, b: b) }
      }
    case .constant(let value): tensor.fill(value)
    case .eye, .dirac:
      tensor.fill(0)
      for i in oneIndices(shape: tensor.shape) { tensor[linear: i] = 1 }
    case .orthogonal(let gain): try fillOrthogonal(&tensor, gain: gain, generator: g)
    case .sparse(let sparsity, let std): try fillSparse(&tensor, sparsity: sparsity, std: std, generator: generator)
    }
  }
}

import RandomModule
import TensorModule

/// Fills a 2-D tensor as a sparse matrix (Martens, 2010): N(0, std²), then in each column
/// `⌈sparsity·rows⌉` randomly chosen entries set to 0.
///
/// As PyTorch, the zeros of column c are `randperm(rows)[:num_zeros]`, and with `TorchGenerator` the
/// permutations are drawn from the *default* generator even when `generator` is given (PyTorch's
/// `sparse_` calls `torch.randperm` without it). Other generators draw them from themselves.
/// - Throws: for a rank other than 2, or a sparsity outside [0, 1] (PyTorch accepts it silently and
///   misbehaves).
/// Mirrors `torch.nn.init.sparse_(tensor, sparsity, std=0.01, generator=None)`.
public func sparse(
  _ tensor: inout Tensor, sparsity: Double, std: Double = 0.01, generator: (any RandomGenerator)? = nil
) throws {
  try Initializer.sparse(sparsity: sparsity, std: std).apply(to: &tensor, generator: generator)
}

/// The sequential executor's `sparse(sparsity, std)` step (arguments checked by
/// `Initializer.fill(for:dtype:)`); `generator == nil` draws everything from `TorchGenerator.default`.
func fillSparse(_ tensor: inout Tensor, sparsity: Double, std: Double, generator: (any RandomGenerator)?) throws {
  let (rows, cols) = (tensor.shape[0], tensor.shape[1])
  let zerosPerColumn = Int((sparsity * Double(rows)).rounded(.up))
  try Fill.normal(mean: 0, std: std).apply(to: &tensor, generator: generator)
  let permutations: any RandomGenerator =
    if let generator, !(generator is TorchGenerator) { generator } else { TorchGenerator.default }
  for c in 0..<cols {
    for r in permutations.randperm(rows).prefix(zerosPerColumn) { tensor[linear: r * cols + c] = 0 }
  }
}
